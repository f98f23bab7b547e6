#pragma once

#include "core/data/scenario.h"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tierlens {

/// What the editors, tooltips and validators know about one editable number.
struct ParamInfo {
    std::string path; ///< "tiers.ssd.read_pj_per_bit"
    std::string_view unit;
    std::string_view help;
    double min = 0;
    bool minExclusive = false;
    double max = 0;
    bool integer = false;
};

/// A resolved path: a pointer into one scenario plus its description. Valid while the scenario
/// lives and its tier and link lists are not resized.
struct ParamRef {
    std::variant<double*, int*> target;
    ParamInfo info;

    double get() const;
    void set(double v) const;
};

/// Dotted paths to every number of a scenario: "gpu.hbm_bandwidth_gb_s", "model.moe.top_k",
/// "tiers.<id>.read_pj_per_bit", "links.<id>.bandwidth_gb_s", "workload.batch". Sweeps, heatmap
/// axes, CLI overrides, undo commands and tooltips all go through here.
namespace parampath {

/// Resolves a path; on failure returns nothing and, when error is given, says why.
std::optional<ParamRef> resolve(Scenario& s, std::string_view path, std::string* error = nullptr);

std::optional<double> get(const Scenario& s, std::string_view path, std::string* error = nullptr);

/// Sets the value after checking it is a number the field accepts (whole for integer fields);
/// ranges are left to validateScenario so one message style serves every input.
bool set(Scenario& s, std::string_view path, double value, std::string* error = nullptr);

/// Every path the scenario has, in a stable order.
std::vector<ParamInfo> list(const Scenario& s);

} // namespace parampath

} // namespace tierlens
