#pragma once

#include "core/data/parampath.h"

#include <functional>
#include <span>
#include <vector>

namespace tierlens {

/// The numbers a sweep wants from one scenario, written to out[0 .. count).
struct ScenarioMetrics {
    int count = 1;
    std::function<void(const Scenario&, double* out)> of;
};

/// True for an energy constant: a field in pJ per bit or pJ per MAC. Each enters the model only
/// as bytes (or MACs) times the constant, summed into an energy (docs/model.md "Plan and
/// price"): no time, no byte count and no choice depends on one, so with every other input
/// fixed, energy per token and per request are affine in them and everything else is constant.
bool isPriceParam(const ParamInfo& info);

/// One scenario's structural inputs evaluated once, its metrics then re-priced for other values
/// of its energy constants: the plan keeps the metrics at the scenario's own values and each
/// metric's slope along each constant (one extra evaluation per constant), so price() costs
/// count × constants multiply-adds instead of an evaluation. Exact for metrics affine in the
/// constants, which isPriceParam guarantees for every metric of StudyMetric and for cost;
/// tst_priceplan checks it against full evaluations for every such field of several scenarios.
class PricePlan {
public:
    /// `refs` point into `s` and name price parameters; each is moved and put back.
    PricePlan(Scenario& s, std::span<const ParamRef> refs, const ScenarioMetrics& metrics);

    /// The metrics with refs[i] at values[i].
    void price(const double* values, double* out) const;

private:
    std::size_t count_;
    std::vector<double> at_; ///< the scenario's own value of each constant
    std::vector<double> base_; ///< the metrics there
    std::vector<double> slope_; ///< d metric / d constant, constant-major
};

} // namespace tierlens
