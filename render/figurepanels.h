#pragma once

#include "render/barchartdata.h"
#include "render/chartpainter.h"

#include <QCoreApplication>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <vector>

class QPaintDevice;

namespace tierlens {

/// One panel of a figure: a bar chart and the caption under it ("Mixtral 8x7B").
struct FigurePanel {
    QString caption;
    BarChartData data;
};

/// Several bar charts side by side in one figure, as a paper sets a study of several models:
/// each panel drawn by BarChartPainter into its own rectangle with its own value range, a
/// lettered caption under it ("(a) Mixtral 8x7B"), one legend for all panels on top and, when
/// every panel's value axis reads the same, one axis caption on the left instead of one each.
class FigurePanels : public ChartPainter {
    Q_DECLARE_TR_FUNCTIONS(tierlens::FigurePanels)
public:
    struct LegendEntry {
        QString text;
        int slot = 0; ///< ChartPalette slot; -1: the hatched overlay column
        bool operator==(const LegendEntry&) const = default;
    };

    void setPanels(std::vector<FigurePanel> panels);
    const std::vector<FigurePanel>& panels() const { return panels_; }
    void setTitle(QString title) { title_ = std::move(title); }

    /// "(a) caption", "(b) caption", …
    static QString panelCaption(int index, const QString& caption);
    /// The entries of every panel's legend, each once, in the order they first appear; a series
    /// no bar of a panel has is left out, as a single chart leaves it out.
    std::vector<LegendEntry> legendEntries() const;
    /// The bar labels every group of every panel repeats in the same order ("HBM", "SSD"), named
    /// once under the figure; empty when the groups differ.
    QStringList sharedBarLabels() const;
    /// The value axis caption every panel shares; empty when they differ.
    QString sharedValueLabel() const;

    void paint(QPainter& painter, const QRectF& rect, const RenderOptions& options) const override;
    /// The rectangles the panels' charts are drawn into.
    std::vector<QRectF> panelRects(
        const QRectF& rect, const RenderOptions& options, const QPaintDevice* device = nullptr) const;

private:
    struct Layout;
    Layout layout(const QRectF& rect, const RenderOptions& options, const QPaintDevice* device) const;

    std::vector<FigurePanel> panels_;
    QString title_;
};

} // namespace tierlens
