#pragma once

#include "bundle/bundle.h"
#include "core/data/problem.h"

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace tierlens {

class PresetLibrary;

/// What `tierlens-cli render` found: problems that kept something from being recomputed or
/// written, numbers that differ from the bundle's CSVs, and the files written.
struct BundleRenderReport {
    Problems problems;
    std::vector<std::string> differences;
    QStringList written;
    bool ok() const { return problems.empty() && differences.empty(); }
};

/// Recomputes everything a (verified) bundle defines, draws every figure into a folder, and
/// compares the recomputed numbers with the bundle's CSVs value by value.
class BundleRenderer {
public:
    static constexpr double kRelativeTolerance = 1e-9;

    /// `inputPath`, the bundle's own file, is never overwritten: an output of the same path is
    /// refused with a problem.
    static BundleRenderReport render(const Bundle& b, const std::string& source, const QString& outDir,
        const PresetLibrary& lib, const QString& inputPath = {});
    /// Cell-by-cell comparison of two CSVs: numbers within kRelativeTolerance, other text equal.
    /// Each difference names `entry`, the row and the column.
    static std::vector<std::string> compareCsv(
        const std::string& stored, const std::string& recomputed, const std::string& entry);
};

} // namespace tierlens
