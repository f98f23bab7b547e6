#include "render/contourtracer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <unordered_map>

namespace tierlens {

ContourTracer::ContourTracer(std::vector<std::vector<double>> field, int rows, int columns)
    : field_(std::move(field))
    , rows_(std::max(0, rows))
    , columns_(std::max(0, columns))
{
    // Callers promise a rectangle; pad defensively so a short row reads as missing samples.
    field_.resize(std::size_t(rows_));
    for (auto& row : field_)
        row.resize(std::size_t(columns_), std::nan(""));
}

QPointF ContourTracer::crossing(int edge, double level) const
{
    // Every edge is interpolated in one fixed direction, so both squares sharing it agree exactly.
    const bool vertical = edge % 2 == 1;
    const int cell = edge / 2;
    const int row = cell / columns_, column = cell % columns_;
    const double a = at(row, column);
    const double b = vertical ? at(row + 1, column) : at(row, column + 1);
    const double t = std::clamp((level - a) / (b - a), 0.0, 1.0);
    return vertical ? QPointF(column, row + t) : QPointF(column + t, row);
}

std::vector<QPolygonF> ContourTracer::trace(double level) const
{
    if (rows_ == 0 || columns_ == 0 || !std::isfinite(level))
        return {};
    if (rows_ == 1 || columns_ == 1)
        return traceStrip(level);

    std::vector<Segment> segments;
    for (int r = 0; r + 1 < rows_; ++r) {
        for (int c = 0; c + 1 < columns_; ++c) {
            const double v00 = at(r, c), v01 = at(r, c + 1), v11 = at(r + 1, c + 1), v10 = at(r + 1, c);
            if (std::isnan(v00) || std::isnan(v01) || std::isnan(v11) || std::isnan(v10))
                continue;
            const bool a = v00 > level, b = v01 > level, d = v11 > level, e = v10 > level;
            const int bottom = edgeId(r, c, false), top = edgeId(r + 1, c, false);
            const int left = edgeId(r, c, true), right = edgeId(r, c + 1, true);
            std::vector<int> cut;
            if (a != b)
                cut.push_back(bottom);
            if (b != d)
                cut.push_back(right);
            if (d != e)
                cut.push_back(top);
            if (e != a)
                cut.push_back(left);
            if (cut.size() == 2) {
                segments.push_back({ cut[0], cut[1] });
            } else if (cut.size() == 4) {
                // Saddle: the mean at the square's centre decides which diagonal pair is joined.
                const bool centre = (v00 + v01 + v11 + v10) / 4 > level;
                if (centre == a) {
                    segments.push_back({ bottom, right }); // cuts off corner b
                    segments.push_back({ top, left }); // cuts off corner e
                } else {
                    segments.push_back({ left, bottom }); // cuts off corner a
                    segments.push_back({ right, top }); // cuts off corner d
                }
            }
        }
    }
    return chain(segments, level);
}

std::vector<QPolygonF> ContourTracer::traceStrip(double level) const
{
    std::vector<QPolygonF> lines;
    const bool alongX = rows_ == 1;
    const int n = alongX ? columns_ : rows_;
    for (int i = 0; i + 1 < n; ++i) {
        const double a = alongX ? at(0, i) : at(i, 0);
        const double b = alongX ? at(0, i + 1) : at(i + 1, 0);
        if (std::isnan(a) || std::isnan(b) || (a > level) == (b > level))
            continue;
        const QPointF p = crossing(edgeId(alongX ? 0 : i, alongX ? i : 0, !alongX), level);
        if (alongX)
            lines.push_back(QPolygonF { QPointF(p.x(), -0.5), QPointF(p.x(), 0.5) });
        else
            lines.push_back(QPolygonF { QPointF(-0.5, p.y()), QPointF(0.5, p.y()) });
    }
    return lines;
}

std::vector<QPolygonF> ContourTracer::chain(const std::vector<Segment>& segments, double level) const
{
    // Each edge belongs to at most two segments (the squares on either side), so joining segments
    // that share an edge id walks the line without any floating-point point matching.
    std::unordered_map<int, std::vector<int>> byEdge;
    for (int i = 0; i < int(segments.size()); ++i) {
        byEdge[segments[std::size_t(i)].a].push_back(i);
        byEdge[segments[std::size_t(i)].b].push_back(i);
    }
    std::vector<bool> used(segments.size(), false);
    std::vector<QPolygonF> lines;

    auto walk = [&](int startEdge) {
        std::vector<int> edges { startEdge };
        int edge = startEdge;
        for (;;) {
            int next = -1;
            for (int s : byEdge[edge])
                if (!used[std::size_t(s)]) {
                    next = s;
                    break;
                }
            if (next < 0)
                break;
            used[std::size_t(next)] = true;
            const Segment& seg = segments[std::size_t(next)];
            edge = seg.a == edge ? seg.b : seg.a;
            edges.push_back(edge);
        }
        QPolygonF line;
        for (int e : edges) {
            const QPointF p = crossing(e, level);
            if (line.isEmpty() || line.constLast() != p)
                line.append(p);
        }
        if (edges.size() > 2 && edges.front() == edges.back() && line.constFirst() != line.constLast())
            line.append(line.constFirst());
        if (line.size() >= 2)
            lines.push_back(line);
    };

    // Open lines first, starting at their ends, so they are not cut in two; what is left are loops.
    for (const auto& [edge, list] : byEdge)
        if (list.size() == 1 && !used[std::size_t(list.front())])
            walk(edge);
    for (std::size_t i = 0; i < segments.size(); ++i)
        if (!used[i])
            walk(segments[i].a);
    // unordered_map order is unspecified; sort so the output is stable from run to run.
    std::sort(lines.begin(), lines.end(), [](const QPolygonF& l, const QPolygonF& r) {
        const QPointF a = l.constFirst(), b = r.constFirst();
        return a.y() != b.y() ? a.y() < b.y() : a.x() < b.x();
    });
    return lines;
}

namespace {

// Liang–Barsky: the part [t0, t1] of the segment a + t (b - a), t in [0, 1], inside `r`.
std::optional<std::pair<double, double>> inside(QPointF a, QPointF b, const QRectF& r)
{
    double t0 = 0, t1 = 1;
    const QPointF d = b - a;
    const double p[] = { -d.x(), d.x(), -d.y(), d.y() };
    const double q[] = { a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y() };
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return std::nullopt;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
    }
    if (t0 >= t1)
        return std::nullopt;
    return std::pair(t0, t1);
}

double length(const QPolygonF& line)
{
    double sum = 0;
    for (int i = 0; i + 1 < line.size(); ++i)
        sum += std::hypot(line.at(i + 1).x() - line.at(i).x(), line.at(i + 1).y() - line.at(i).y());
    return sum;
}

} // namespace

std::vector<QPolygonF> ContourTracer::cutAround(
    const std::vector<QPolygonF>& lines, const std::vector<QRectF>& holes, double minPiece)
{
    std::vector<QPolygonF> out;
    for (const QPolygonF& line : lines) {
        std::vector<QPolygonF> pieces;
        QPolygonF piece;
        bool cut = false;
        auto flush = [&] {
            if (piece.size() >= 2)
                pieces.push_back(piece);
            piece.clear();
        };
        for (int i = 0; i + 1 < line.size(); ++i) {
            const QPointF a = line.at(i), b = line.at(i + 1);
            std::vector<std::pair<double, double>> cuts;
            for (const QRectF& hole : holes)
                if (auto c = inside(a, b, hole))
                    cuts.push_back(*c);
            std::sort(cuts.begin(), cuts.end());
            cuts.emplace_back(1.0, 1.0); // sentinel: the last stretch runs to the segment's end
            double from = 0; // where the current stretch outside every hole begins
            for (const auto& [t0, t1] : cuts) {
                if (t0 > from) {
                    if (piece.isEmpty())
                        piece << a + (b - a) * from;
                    piece << a + (b - a) * t0;
                }
                if (t0 < 1) { // a hole begins: the piece ends here
                    cut = true;
                    flush();
                }
                from = std::max(from, t1);
            }
        }
        flush();
        // A loop cut open has its first and last pieces meeting where the loop closed.
        if (cut && pieces.size() >= 2 && line.constFirst() == line.constLast()
            && pieces.front().constFirst() == line.constFirst()
            && pieces.back().constLast() == line.constLast()) {
            QPolygonF joined = pieces.back();
            joined << pieces.front().mid(1);
            pieces.front() = joined;
            pieces.pop_back();
        }
        for (const QPolygonF& p : pieces)
            if (!cut || length(p) >= minPiece)
                out.push_back(p);
    }
    return out;
}

std::vector<QPolygonF> ContourTracer::extendToBorder(std::vector<QPolygonF> lines, int rows, int columns)
{
    const QRectF border(-0.5, -0.5, columns, rows);
    constexpr double eps = 1e-9;
    auto extend = [&](const QPointF& p, const QPointF& from) -> std::optional<QPointF> {
        if (p.x() < -eps || p.x() > columns - 1 + eps || p.y() < -eps || p.y() > rows - 1 + eps)
            return std::nullopt; // already past the samples (a strip line): nothing to add
        const bool onEdge
            = p.x() <= eps || p.x() >= columns - 1 - eps || p.y() <= eps || p.y() >= rows - 1 - eps;
        if (!onEdge)
            return std::nullopt; // stops inside, at missing data: leave it
        const QPointF d = p - from;
        const double len = std::hypot(d.x(), d.y());
        if (len > eps) {
            // Distance along d to the border line it meets first.
            double s = std::numeric_limits<double>::infinity();
            if (d.x() > eps)
                s = std::min(s, (border.right() - p.x()) / d.x());
            if (d.x() < -eps)
                s = std::min(s, (border.left() - p.x()) / d.x());
            if (d.y() > eps)
                s = std::min(s, (border.bottom() - p.y()) / d.y());
            if (d.y() < -eps)
                s = std::min(s, (border.top() - p.y()) / d.y());
            if (std::isfinite(s) && s * len <= 1.0)
                return p + d * s;
        }
        // Nearly tangential (or no direction): straight out across the half cell to the edge the
        // end lies on, so every edge clips the line alike.
        const double toLeft = p.x(), toRight = columns - 1 - p.x(), toTop = p.y(),
                     toBottom = rows - 1 - p.y();
        const double nearest = std::min({ toLeft, toRight, toTop, toBottom });
        if (nearest == toLeft)
            return QPointF(border.left(), p.y());
        if (nearest == toRight)
            return QPointF(border.right(), p.y());
        if (nearest == toTop)
            return QPointF(p.x(), border.top());
        return QPointF(p.x(), border.bottom());
    };
    for (QPolygonF& line : lines) {
        if (line.size() < 2 || line.constFirst() == line.constLast())
            continue;
        if (auto q = extend(line.constLast(), line.at(line.size() - 2)))
            line.append(*q);
        if (auto q = extend(line.constFirst(), line.at(1)))
            line.prepend(*q);
    }
    return lines;
}

} // namespace tierlens
