#pragma once
// Option parsing and input loading shared by tierlens-cli's commands.

#include "core/data/problem.h"
#include "core/data/scenario.h"

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace tierlens::cli {

struct CliOptions {
    std::string target;
    std::string format = "table";
    std::vector<std::pair<std::string, double>> sets;
    int batch = 0;
    std::string routingTrace; ///< --routing-trace: CSV rows layer,token,expert
    std::string id;
    std::string error;
};

// What a command accepts besides its one file or preset id.
struct OptionRules {
    bool batch = false;
    bool trace = false;
    bool set = true;
    bool id = false;
    std::vector<std::string> formats { "table", "json", "csv" }; // the first is the default
};

CliOptions parseOptions(const std::vector<std::string>& args, const OptionRules& rules);
bool looksLikeFile(const std::string& t);
Loaded<nlohmann::json> loadJsonFile(const std::string& path);
void printProblems(std::ostream& err, const Problems& problems, const std::string& prefix = {});
/// Applies --set overrides and validates; a path the scenario lacks is an error unless `optional`.
bool applySets(Scenario& s, const CliOptions& o, bool optional, std::ostream& err);

} // namespace tierlens::cli
