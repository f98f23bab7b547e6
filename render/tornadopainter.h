#pragma once

#include "core/study/rangeanalysis.h"
#include "render/chartpainter.h"

#include <QCoreApplication>
#include <QFont>
#include <QLineF>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <vector>

class QPaintDevice;

namespace tierlens {

/// What a tornado chart shows: one horizontal bar per ranged constant, from the result with that
/// constant at its low end to the result with it at its high end, around the base value.
struct TornadoData {
    struct Row {
        QString label; ///< the constant's name in full, with its range: "SSD read energy (80–120)"
        double atLow = 0; ///< the result with the constant at its low end
        double atHigh = 0;
    };
    QString title;
    QString valueLabel; ///< "Energy per token (J)"
    double base = 0; ///< the result at every constant's value
    std::vector<Row> rows; ///< top to bottom: widest swing first
    int decimals = 3; ///< significant digits of the end values

    /// Rows, title and axis caption from a core tornado (values in J/token or ms).
    static TornadoData from(const Tornado& t);
};

/// Draws a tornado chart. Labels are never elided: a label too long for its column wraps onto
/// more lines, and the title wraps likewise, so a constant's name is always there in full. The
/// value axis covers every bar and the base line; each bar's end values sit outside the bar ends,
/// inside the plot. Every size follows from the font measured on the device painted on.
class TornadoPainter : public ChartPainter {
    Q_DECLARE_TR_FUNCTIONS(tierlens::TornadoPainter)
public:
    struct Text {
        QString text;
        QFont font;
        QRectF box;
        Qt::Alignment align = Qt::AlignCenter;
    };
    /// Everything paint() draws, in device coordinates; computed by layout() alone.
    struct Layout {
        QRectF plot; ///< where bars stand; its bottom edge is the value axis
        double line = 1;
        double axisLow = 0, axisHigh = 1; ///< values at the plot's left and right edges
        std::vector<QRectF> lowBars; ///< per row: the part from the base to the low-end result
        std::vector<QRectF> highBars; ///< per row: from the base to the high-end result
        QLineF baseLine;
        std::vector<QLineF> ticks;
        std::vector<QRectF> swatches; ///< legend: low end, high end
        std::vector<Text> texts;
        std::vector<int> labelText; ///< per row: index into texts of its label
        QString message; ///< "No ranged constants" when there are no rows
    };

    void setData(TornadoData data);
    const TornadoData& data() const { return data_; }

    void paint(QPainter& painter, const QRectF& rect, const RenderOptions& options) const override;
    Layout layout(
        const QRectF& rect, const RenderOptions& options, const QPaintDevice* device = nullptr) const;
    /// Position of a value on the axis of `l`.
    static double xOf(const Layout& l, double v);

private:
    TornadoData data_;
};

} // namespace tierlens
