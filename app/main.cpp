#include "app/mainwindow.h"

#include "core/io/presetlibrary.h"
#include "core/study/memoryretention.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QScreen>
#include <QTimer>

int main(int argc, char** argv)
{
    tierlens::retainFreedMemory();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Tierlens"));
    QApplication::setOrganizationName(QStringLiteral("Tierlens"));
    QApplication::setApplicationVersion(QStringLiteral(TIERLENS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.tierlens.Tierlens"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/io.github.tierlens.Tierlens.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("What-if explorer for LLM inference energy across memory tiers"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"),
        QStringLiteral("A scenario (.tierlens.json) or bundle (.tierlens.zip) to open."));
    const QCommandLineOption study(QStringLiteral("study"),
        QStringLiteral("Open a study preset, e.g. paper/fig4-mixtral."), QStringLiteral("id"));
    const QCommandLineOption studyCase(QStringLiteral("case"),
        QStringLiteral("Model of a multi-model study (0, 1, …)."), QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption tab(QStringLiteral("tab"),
        QStringLiteral(
            "View to show first (0 energy, 1 latency, 2 heatmap, 3 coverage, 4 tornado, 5 request, "
            "6 roofline, 7 Pareto, 8 compare)."),
        QStringLiteral("n"));
    const QCommandLineOption size(
        QStringLiteral("size"), QStringLiteral("Window size, e.g. 1600x1000."), QStringLiteral("WxH"));
    const QCommandLineOption shot(QStringLiteral("screenshot"),
        QStringLiteral("Save a PNG of the window once drawn, then quit."), QStringLiteral("png"));
    const QCommandLineOption show(QStringLiteral("show"),
        QStringLiteral("Open a dialog or editor section, for --screenshot to save instead of the window: "
                       "goal-seek, import-model:CONFIG.json, validation, "
                       "editor:system|tiers|links|model|placement, or compare:PATH=NUMBER (pin the "
                       "scenario, change one number, show the comparison or the --tab view)."),
        QStringLiteral("what"));
    parser.addOptions({ study, studyCase, tab, size, shot, show });
    parser.process(app);

    tierlens::MainWindow window;
    const bool scripted = parser.isSet(shot);
    window.setInteractive(!scripted);
    if (parser.isSet(size)) {
        const auto wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() == 2)
            window.resize(wh[0].toInt(), wh[1].toInt());
    }
    window.show();
    // Restored work comes first: opening a file over it would drop it.
    const bool restored = !scripted && window.offerRecovery();
    if (!restored && !parser.positionalArguments().isEmpty())
        window.openFile(parser.positionalArguments().constFirst());
    if (!restored && parser.isSet(study))
        window.loadPreset(tierlens::PresetKind::Study, parser.value(study), parser.value(studyCase).toInt());
    QWidget* subject = &window;
    if (parser.isSet(show)) {
        subject = window.showForScreenshot(parser.value(show));
        if (!subject) {
            qCritical("%s", qPrintable(window.lastMessage()));
            return 2;
        }
    }
    // After --show, so that a comparison can be looked at in any view.
    if (parser.isSet(tab))
        window.tabs()->setCurrentIndex(parser.value(tab).toInt());
    if (scripted) {
        // Give the window a moment to lay out and recompute, then save what a person would see.
        QTimer::singleShot(800, &window, [&] {
            const bool ok = subject->grab().save(parser.value(shot));
            QApplication::exit(ok ? 0 : 1);
        });
    }
    return app.exec();
}
