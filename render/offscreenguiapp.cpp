#include "render/offscreenguiapp.h"

namespace tierlens {

OffscreenGuiApp::OffscreenGuiApp()
{
    if (!QCoreApplication::instance()) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
        static int argc = 1;
        static char name[] = "tierlens-cli";
        static char* argv[] = { name, nullptr };
        app_ = std::make_unique<QGuiApplication>(argc, argv);
    } else if (!qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
        error_ = QStringLiteral("drawing needs a QGuiApplication, but a non-GUI application is running");
    }
}

} // namespace tierlens
