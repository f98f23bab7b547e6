#pragma once
// Where a constant comes from: the datasheet, paper or measurement behind it, or that it is an
// assumption, and the low–high range the literature gives. Presets carry one per field so the
// window, the CLI and range mode can say how sure each number is.

#include "core/data/rangedconstant.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tierlens {

struct Scenario;

struct Provenance {
    enum class Kind { Datasheet, Paper, Measured, Derived, Assumption };

    Kind kind = Kind::Assumption;
    std::string cite; ///< "Samsung HBM3E Shinebolt, 2023", or why it is assumed
    std::optional<double> low; ///< plausible range; both ends or neither
    std::optional<double> high;

    bool hasRange() const { return low.has_value() && high.has_value(); }

    static std::string_view kindName(Kind k);
    /// False when s names no kind; k is left untouched then.
    static bool kindFromName(std::string_view s, Kind& k);
    /// "datasheet, paper, measured, derived, assumption": for messages.
    static std::string kindList();
};

/// The sources of one object's fields by field key ("read_pj_per_bit", "moe.top_k" for a model's
/// MoE part); the key "*" stands for every field without its own entry (a model's numbers mostly
/// come from one config.json).
using SourceMap = std::map<std::string, Provenance, std::less<>>;

inline constexpr std::string_view kAnyFieldSource = "*";

/// The field's own entry, else the "*" entry; nullptr when neither is there.
const Provenance* findSource(const SourceMap& sources, std::string_view field);

/// The source of the constant at a ParamPath ("tiers.ssd.read_pj_per_bit", "model.moe.top_k").
/// Nullptr when the object gives none, and for paths that are choices rather than constants
/// (workload, parallelism, cluster, placement).
const Provenance* sourceOf(const Scenario& s, std::string_view paramPath);

/// True for paths of the objects that carry sources: gpu, tiers, links and model.
bool pathHasSources(std::string_view paramPath);

/// One line for a tooltip: "Source: datasheet — Samsung …; range 3.5–4.5 pJ/bit", or
/// "Source: none given — an assumption"; empty for paths that carry no sources.
std::string sourceText(const Scenario& s, std::string_view paramPath);

/// Every constant of the scenario whose source gives a range, in ParamPath order. A value outside
/// its own range is kept and the source text says so.
std::vector<RangedConstant> rangedConstants(const Scenario& s);

} // namespace tierlens
