#pragma once

#include <QGuiApplication>
#include <QString>

#include <memory>

namespace tierlens {

/// Painting text needs a QGuiApplication; the CLI makes one on the offscreen platform (no display
/// needed) only for the commands that draw, so the others run without Qt Gui at all.
class OffscreenGuiApp {
public:
    OffscreenGuiApp();
    /// Empty when painting can go ahead, else why not.
    const QString& error() const { return error_; }

private:
    std::unique_ptr<QGuiApplication> app_;
    QString error_;
};

} // namespace tierlens
