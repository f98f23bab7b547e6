#pragma once

#include "core/data/problem.h"
#include "core/data/scenario.h"

#include <nlohmann/json_fwd.hpp>

#include <string_view>

namespace tierlens {

/// JSON in and out for the scenario and its parts. Readers check types and report every problem
/// with its path; value ranges and cross-field rules are the validator's job.
nlohmann::json toJson(const GpuSpec& g);
nlohmann::json toJson(const MemoryTier& t);
nlohmann::json toJson(const Interconnect& l);
nlohmann::json toJson(const ModelSpec& m);
nlohmann::json toJson(const Placement& p);
nlohmann::json toJson(const Routing& r);
nlohmann::json toJson(const Scenario& s);

void fromJson(const nlohmann::json& j, GpuSpec& g, std::string_view path, Problems& out);
void fromJson(const nlohmann::json& j, MemoryTier& t, std::string_view path, Problems& out);
void fromJson(const nlohmann::json& j, Interconnect& l, std::string_view path, Problems& out);
void fromJson(const nlohmann::json& j, ModelSpec& m, std::string_view path, Problems& out);
void fromJson(const nlohmann::json& j, Placement& p, std::string_view path, Problems& out);
void fromJson(const nlohmann::json& j, Routing& r, std::string_view path, Problems& out);
/// Reads a scenario whose preset references have already been resolved (PresetLibrary does that).
void fromJson(const nlohmann::json& j, Scenario& s, std::string_view path, Problems& out);

} // namespace tierlens
