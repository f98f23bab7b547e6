#include "render/chartaxis.h"

#include <cmath>

namespace tierlens {

std::vector<double> ChartAxis::linearTicks(double max, int target)
{
    if (!(max > 0) || !std::isfinite(max))
        return { 0.0, 1.0 };
    const double raw = max / std::max(1, target);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag;
    for (double m : { 1.0, 2.0, 2.5, 5.0, 10.0 })
        if (m * mag >= raw) {
            step = m * mag;
            break;
        }
    std::vector<double> ticks;
    for (int i = 0; i * step < max + step * 0.999; ++i)
        ticks.push_back(i * step);
    return ticks;
}

std::vector<double> ChartAxis::logTicks(double min, double max)
{
    if (!(min > 0) || !(max > min))
        return { 1.0, 10.0 };
    std::vector<double> ticks;
    for (int e = int(std::floor(std::log10(min))); e <= int(std::ceil(std::log10(max))); ++e)
        ticks.push_back(std::pow(10.0, e));
    return ticks;
}

QString ChartAxis::format(double v, int significant)
{
    if (v == 0)
        return QStringLiteral("0");
    const double a = std::fabs(v);
    if (a >= 1e-3 && a < 1e6) {
        // Fixed notation with just enough decimals for the significant digits wanted.
        const int decimals = std::max(0, significant - 1 - int(std::floor(std::log10(a))));
        QString s = QString::number(v, 'f', decimals);
        if (s.contains(QLatin1Char('.'))) {
            while (s.endsWith(QLatin1Char('0')))
                s.chop(1);
            if (s.endsWith(QLatin1Char('.')))
                s.chop(1);
        }
        return s;
    }
    return QString::number(v, 'g', significant);
}

} // namespace tierlens
