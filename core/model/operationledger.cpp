#include "core/model/operationledger.h"

#include <array>
#include <cmath>
#include <string_view>

namespace tierlens {

namespace {

// What the evaluator charges to a component beyond the operations' own energy, with the bytes and
// time that belong to it (MODEL.md §5, §8).
struct Term {
    EnergyPart part;
    std::string_view name;
};

constexpr std::array<Term, 5> kTerms { {
    { EnergyPart::MoeOffload, "expert copy: tier read + HBM write" },
    { EnergyPart::Link, "expert copy: links" },
    { EnergyPart::PrefetchWaste, "wasted prefetch: tier, links, HBM write" },
    { EnergyPart::FcOffload, "flash read of dense weights" },
    { EnergyPart::Background, "background: idle and static power" },
} };

double termBytes(const Result& r, EnergyPart p)
{
    switch (p) {
    case EnergyPart::MoeOffload:
    case EnergyPart::Link:
        return r.copiedBytes - r.q.wastedBytes;
    case EnergyPart::PrefetchWaste:
        return r.q.wastedBytes;
    case EnergyPart::FcOffload:
        return r.q.flash.on ? r.q.flash.flashBytes : 0;
    default:
        return 0;
    }
}

double termTimeMs(const Result& r, EnergyPart p)
{
    switch (p) {
    case EnergyPart::MoeOffload:
        return r.copyS * 1e3;
    case EnergyPart::FcOffload:
        return r.latency(LatencyPart::Io) * 1e3;
    case EnergyPart::Background:
        return r.totalLatencyS() * 1e3;
    default:
        return 0; // links and wasted prefetches stream within the copy's time
    }
}

} // namespace

std::vector<LedgerRow> OperationLedger::rows(const Result& r)
{
    const double perToken = r.batch > 0 ? 1.0 / r.batch : 0.0;
    std::array<double, kEnergyPartCount> left = r.energyJPerToken;
    std::vector<LedgerRow> out;
    for (std::size_t i = 0; i < r.operations.size(); ++i) {
        const OperationRow& op = r.operations[i];
        const double off = op.energyOffchipJ * op.instancesTotal * perToken;
        const double on = op.energyOnchipJ * op.instancesTotal * perToken;
        left[std::size_t(op.offchipPart)] -= off;
        left[std::size_t(op.onchipPart)] -= on;
        out.push_back({ op.name, std::string(energyPartKey(op.offchipPart)), op.instancesPerGpu, op.flops,
            op.bytes, op.stepTimeS() * 1e3, off + on, int(i) });
    }
    // The rest of each component is charged outside the operations. A rounding crumb (the sums of
    // the same products taken in another order) is not a term of its own.
    const double total = r.totalEnergyJPerToken();
    const auto crumb = [total](double v) { return std::fabs(v) <= 1e-12 * std::fabs(total); };
    std::array<bool, kEnergyPartCount> named {};
    for (const Term& t : kTerms) {
        const double e = left[std::size_t(t.part)];
        named[std::size_t(t.part)] = true;
        if (crumb(e))
            continue;
        out.push_back({ std::string(t.name), std::string(energyPartKey(t.part)), 1, 0, termBytes(r, t.part),
            termTimeMs(r, t.part), e, -1 });
        left[std::size_t(t.part)] = 0;
    }
    // Anything else a future model charges still shows up, so the rows always add up.
    for (int p = 0; p < kEnergyPartCount; ++p) {
        const double e = left[std::size_t(p)];
        if (named[std::size_t(p)] || crumb(e))
            continue;
        out.push_back({ "other: " + std::string(energyPartLabel(EnergyPart(p))),
            std::string(energyPartKey(EnergyPart(p))), 1, 0, 0, 0, e, -1 });
    }
    return out;
}

} // namespace tierlens
