#pragma once

#include "render/chartpainter.h"
#include "render/renderoptions.h"

#include <QWidget>

namespace tierlens {

/// Screen host of a ChartPainter: paints it into the widget, shows tooltips and reports clicks.
/// Subclasses own a concrete painter and translate points into hits.
class ChartWidget : public QWidget {
    Q_OBJECT
public:
    explicit ChartWidget(QWidget* parent = nullptr);

    void setRenderOptions(const RenderOptions& options);
    const RenderOptions& renderOptions() const { return options_; }
    virtual const ChartPainter& chartPainter() const = 0;

    QSize sizeHint() const override { return { 640, 420 }; }
    QSize minimumSizeHint() const override { return { 320, 220 }; }

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

    /// Text for a tooltip at a point in widget coordinates; empty for none.
    virtual QString toolTipAt(const QPointF& pos) const;
    /// A left click at a point in widget coordinates.
    virtual void clickedAt(const QPointF& pos);

private:
    RenderOptions options_;
};

} // namespace tierlens
