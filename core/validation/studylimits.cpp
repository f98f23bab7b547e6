#include "core/validation/studylimits.h"

#include "core/data/parampath.h"
#include "core/io/inputlimits.h"
#include "core/io/jsonfields.h"
#include "core/io/shortestnumber.h"
#include "core/validation/validator.h"

#include <set>

namespace tierlens::studylimits {

bool axisLength(std::size_t n, const std::string& path, Problems& out)
{
    if (n <= limits::kMaxAxisValues)
        return true;
    out.push_back({ jsonio::join(path, "values"),
        "has " + std::to_string(n) + " values; an axis holds at most "
            + std::to_string(limits::kMaxAxisValues) });
    return false;
}

bool cells(std::size_t rows, std::size_t columns, const std::string& path, Problems& out)
{
    // Each factor is at most kMaxAxisValues (or a list already capped), so the product cannot wrap.
    if (rows * columns <= limits::kMaxStudyCells)
        return true;
    out.push_back({ path,
        std::to_string(rows) + " × " + std::to_string(columns) + " = " + std::to_string(rows * columns)
            + " cells; at most " + std::to_string(limits::kMaxStudyCells) });
    return false;
}

void axisValues(const StudyAxis& axis, const Scenario& s, const std::string& path, Problems& out)
{
    std::string error;
    const double base = parampath::get(s, axis.path, &error).value_or(0);
    if (!error.empty()) {
        out.push_back({ jsonio::join(path, "path"), error });
        return;
    }
    // Only what the value itself breaks: the scenario's own problems are reported elsewhere.
    std::set<std::string> before;
    for (const auto& q : validateScenario(s))
        before.insert(q.toString());
    std::size_t bad = 0;
    constexpr std::size_t kShown = 5;
    for (std::size_t i = 0; i < axis.values.size(); ++i) {
        Scenario probe = s;
        const double v = axis.scale ? base * axis.values[i] : axis.values[i];
        const std::string at = jsonio::join(path, "values") + "[" + std::to_string(i) + "]";
        Problems found;
        if (!parampath::set(probe, axis.path, v, &error))
            found.push_back({ at, error });
        else
            for (const auto& q : validateScenario(probe))
                if (!before.contains(q.toString()))
                    found.push_back({ at,
                        (axis.scale ? "× " + shortestNumber(axis.values[i]) + " gives " : "") + axis.path
                            + " = " + shortestNumber(v) + ": " + q.toString() });
        if (found.empty())
            continue;
        if (++bad <= kShown)
            out.push_back(found.front());
    }
    if (bad > kShown)
        out.push_back({ jsonio::join(path, "values"),
            "… and " + std::to_string(bad - kShown) + " more values the scenario does not accept" });
}

} // namespace tierlens::studylimits
