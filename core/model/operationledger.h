#pragma once

#include "core/data/result.h"

#include <string>
#include <vector>

namespace tierlens {

/// One line of the energy ledger of a step: an operation of the roofline, or a term the
/// evaluator charges outside any operation (expert copies, their links, wasted prefetches,
/// flash reads, background power).
struct LedgerRow {
    std::string name; ///< "attn.qkv", "expert copy: tier read + HBM write", ...
    std::string component; ///< an energyPartKey(); an operation's off-chip component
    double count = 0; ///< instances per step on the GPU that sets the latency; 1 for a term
    double flops = 0; ///< one instance
    double bytes = 0; ///< one instance (an operation) or per step over all GPUs (a term)
    double timeMs = 0; ///< per step
    double energyJPerToken = 0;
    int operation = -1; ///< index into Result::operations; -1 for a term
};

/// Every energy term of a Result as rows whose energies sum to Result::totalEnergyJPerToken(),
/// so the Operations table and `eval --format json` account for the whole bar.
class OperationLedger {
public:
    static std::vector<LedgerRow> rows(const Result& r);
};

} // namespace tierlens
