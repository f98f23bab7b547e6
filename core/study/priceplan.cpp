#include "core/study/priceplan.h"

#include <cmath>

namespace tierlens {

bool isPriceParam(const ParamInfo& info)
{
    return info.unit == "pJ/bit" || info.unit == "pJ/MAC";
}

PricePlan::PricePlan(Scenario& s, std::span<const ParamRef> refs, const ScenarioMetrics& metrics)
    : count_(std::size_t(std::max(0, metrics.count)))
    , base_(count_)
    , slope_(refs.size() * count_)
{
    at_.reserve(refs.size());
    for (const auto& r : refs)
        at_.push_back(r.get());
    metrics.of(s, base_.data());
    std::vector<double> moved(count_);
    for (std::size_t i = 0; i < refs.size(); ++i) {
        // A step of the constant's own size keeps the difference well above rounding; affine
        // metrics make the slope independent of the step.
        const double step = std::max(1.0, std::abs(at_[i]));
        refs[i].set(at_[i] + step);
        metrics.of(s, moved.data());
        refs[i].set(at_[i]);
        for (std::size_t k = 0; k < count_; ++k)
            slope_[i * count_ + k] = (moved[k] - base_[k]) / step;
    }
}

void PricePlan::price(const double* values, double* out) const
{
    for (std::size_t k = 0; k < count_; ++k)
        out[k] = base_[k];
    for (std::size_t i = 0; i < at_.size(); ++i) {
        const double d = values[i] - at_[i];
        if (d == 0)
            continue;
        const double* slope = &slope_[i * count_];
        for (std::size_t k = 0; k < count_; ++k)
            out[k] += slope[k] * d;
    }
}

} // namespace tierlens
