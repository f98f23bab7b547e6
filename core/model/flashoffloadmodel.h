#pragma once

#include "core/data/result.h"
#include "core/data/scenario.h"

#include <array>

namespace tierlens {

/// The "LLM in a Flash" path of the evaluator (MODEL.md §8): which bytes come from flash per
/// token, how fast the tier delivers them at the read's chunk size, and what they cost.
class FlashOffloadModel {
public:
    /// Bytes of the model's weights: attention, dense FFN and the (tied) embedding.
    static double totalWeightBytes(const ModelSpec& m);
    static double ffnWeightBytes(const ModelSpec& m);
    /// FFN neurons the predictor flags per token: (1 − s)(1 − fn) + s·fp.
    static double predictedFraction(const FlashOffload& f);

    /// The quantities for scenario s; `on` is false when flash offload is off or its tier is
    /// missing.
    static FlashQuantities quantities(const Scenario& s);

    /// With a predictor the FFN computes only the flagged neurons: scales the dense FFN rows.
    static void applySparsity(const Scenario& s, std::vector<OperationRow>& rows);
    /// Adds flash I/O time, memory management, the flash read energy and the warnings to r.
    static void addTo(const Scenario& s, Result& r, std::array<double, kEnergyPartCount>& stepEnergy);
};

} // namespace tierlens
