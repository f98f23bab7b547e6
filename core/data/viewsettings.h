#pragma once

#include "core/data/problem.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace tierlens {

/// How a breakdown's value axis reads. Normalised: every bar divided by the reference placement's
/// total at the same batch (the reference = 1), stacked by component on a linear axis, absolute
/// totals printed. Linear: absolute stacks. Log: absolute totals only, no stacks.
enum class BreakdownAxis { Normalised, Linear, Log };

/// How the figures of a workspace look, kept in the workspace so the window, its exports, the
/// command line and bundles all draw the same figure from the same file.
struct ViewSettings {
    enum class Palette { ColorBlindSafe, Grayscale };

    /// Empty: each breakdown's own default (energy normalised, latency absolute), as files
    /// without view settings were drawn.
    std::optional<BreakdownAxis> axis;
    /// Placement id the bars are compared with and normalised to; "" compares with none. Empty:
    /// the first compared placement (HBM in the shipped studies).
    std::optional<std::string> reference;
    std::string title; ///< replaces the chart's own title when not empty
    Palette palette = Palette::ColorBlindSafe;
    bool legend = true;
    bool values = true; ///< totals on bars, numbers in heatmap cells
    /// Studies with several models drawn as panels of one figure rather than one case.
    bool panels = false;
    /// Range mode: every bar gets an error bar and the break-even contour a band, from the
    /// ranged constants' low and high ends.
    bool rangeMode = false;

    bool operator==(const ViewSettings&) const = default;
};

/// "normalised", "linear" or "log".
const char* breakdownAxisName(BreakdownAxis a);
std::optional<BreakdownAxis> breakdownAxisFromName(const std::string& name);
/// "colorblind" or "grayscale" (the names `tierlens-cli export --palette` takes).
const char* paletteName(ViewSettings::Palette p);

/// Only the settings that differ from "not set" are written, so an untouched workspace's file
/// stays as it was.
nlohmann::json toJson(const ViewSettings& v);
/// Reads the settings at `path` (e.g. "workspace.view"); every key is optional. A wrong type or
/// value, or an unknown key, is a problem naming the field; that field keeps its default.
ViewSettings viewSettingsFromJson(const nlohmann::json& j, const std::string& path, Problems& out);

} // namespace tierlens
