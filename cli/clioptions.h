#pragma once
// Input loading shared by tierlens-cli's commands (options are parsed by CliArgs, cliargs.h).

#include "core/data/problem.h"
#include "core/data/scenario.h"

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace tierlens::cli {

bool looksLikeFile(const std::string& t);
Loaded<nlohmann::json> loadJsonFile(const std::string& path);
void printProblems(std::ostream& err, const Problems& problems, const std::string& prefix = {});
/// Applies --set overrides and validates; a path the scenario lacks is an error unless `optional`.
bool applySets(
    Scenario& s, const std::vector<std::pair<std::string, double>>& sets, bool optional, std::ostream& err);

} // namespace tierlens::cli
