#pragma once

#include <QLabel>

namespace tierlens {

/// A one-line form label that gives way in a narrow dock: it asks for `preferredWidth` (so the
/// labels of stacked forms line up), up to a cap of a few words, and can shrink to a few
/// characters, eliding in the middle so
/// "Expert FFN hidden size" and "Expert FFN count" stay apart; the tooltip then shows the full
/// text above the label's own tooltip.
class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidedLabel(const QString& text, int preferredWidth = 0, QWidget* parent = nullptr);

    /// The text as drawn at the current width.
    QString shownText() const;
    /// The tooltip shown over the label.
    QString shownToolTip() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    int preferredWidth_;
};

} // namespace tierlens
