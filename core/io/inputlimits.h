#pragma once
// Caps on the size of what Tierlens reads. Hostile or mistaken input (a 600 KB file of nested
// brackets, a heatmap axis of a million values, an expert id of 10^9) must fail fast with a
// message instead of exhausting the stack, the memory or the user's patience. Each cap sits far
// above anything a real study needs; docs/testing.md lists them all.

#include <cstddef>

namespace tierlens::limits {

/// JSON nesting (objects and arrays). A workspace nests about eight levels deep.
inline constexpr int kMaxJsonDepth = 64;

/// A text file read whole (scenario, study, workspace, routing trace).
inline constexpr std::size_t kMaxTextFileBytes = std::size_t(64) << 20;

/// Values on one study or heatmap axis.
inline constexpr std::size_t kMaxAxisValues = 1000;
/// Cells of a heatmap (rows × columns) and points of a line study (lines × values).
inline constexpr std::size_t kMaxStudyCells = 250'000;
/// Bars of a breakdown study (cases × placements × batches).
inline constexpr std::size_t kMaxStudyBars = 4096;

/// Entries of workload.batches, and of a study case's batches.
inline constexpr std::size_t kMaxBatches = 1024;
/// Entries of placement.tiers and of any link path.
inline constexpr std::size_t kMaxListEntries = 256;

/// Routing traces: expert ids below this (the largest model.moe.experts accepted), distinct layers,
/// and dense per-layer counts in all (layers × (largest id + 1)).
inline constexpr long kMaxTraceExperts = 1'000'000;
inline constexpr long kMaxTraceLayers = 100'000;
inline constexpr std::size_t kMaxTraceCounts = std::size_t(1) << 24;
/// One expert count (a trace's counts are sums of choices; beyond this doubles lose their sum).
inline constexpr double kMaxTraceCount = 1e15;

/// Problems a front end prints before "… and N more".
inline constexpr std::size_t kMaxProblemsShown = 50;

/// Pixels of an exported raster figure (width × height) and of either side.
inline constexpr double kMaxExportPixels = 40e6;
inline constexpr double kMaxExportSide = 20000;

} // namespace tierlens::limits
