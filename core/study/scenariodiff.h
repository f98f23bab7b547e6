#pragma once

#include "core/data/result.h"
#include "core/data/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace tierlens {

/// One input or output that differs between scenario A and scenario B. Numbers carry both values;
/// inputs that are not numbers (the expert tier, a link path, the model's id) carry text, and a
/// number one scenario lacks (a tier only B has) has no value on that side.
struct DiffRow {
    std::string key; ///< ParamPath for inputs ("tiers.ssd.read_pj_per_bit"); "energy.moe_offload" …
    std::string unit;
    std::optional<double> a;
    std::optional<double> b;
    std::string textA; ///< non-numeric inputs, and "" / "—" where a side lacks the input
    std::string textB;

    bool numeric() const { return a.has_value() && b.has_value(); }
    double delta() const { return numeric() ? *b - *a : 0.0; }
    /// B / A; none when not numeric or A is 0.
    std::optional<double> ratio() const;
};

/// Every changed input and every changed output of two scenarios, in a stable order: inputs as
/// ParamPath lists them (numbers), then the fields that are not numbers; outputs each energy
/// component and the total (J/token), each latency component and the total (ms), then copy
/// time, copied bytes and the other headline quantities, then bytes per step by tier and link.
/// Values are compared exactly: the model is deterministic, so equal inputs give equal outputs.
struct ScenarioDiff {
    std::vector<DiffRow> inputs;
    std::vector<DiffRow> outputs;

    bool empty() const { return inputs.empty() && outputs.empty(); }
};

ScenarioDiff diffScenarios(const Scenario& a, const Result& ra, const Scenario& b, const Result& rb);
/// The same, evaluating both at their workload.batch.
ScenarioDiff diffScenarios(const Scenario& a, const Scenario& b);

} // namespace tierlens
