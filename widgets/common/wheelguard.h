#pragma once

#include <QObject>

namespace tierlens {

/// Keeps the mouse wheel from changing values behind the user's back: over a spin box or combo box
/// that does not have keyboard focus, the wheel scrolls the panel around it instead. The boxes
/// also stop taking focus from the wheel, so scrolling a long form never lands in a field. One
/// application-wide filter covers every box, also those a table or a form creates later.
class WheelGuard : public QObject {
    Q_OBJECT
public:
    /// Installs the filter on the application once; later calls do nothing.
    static void install();

    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    explicit WheelGuard(QObject* parent);
};

} // namespace tierlens
