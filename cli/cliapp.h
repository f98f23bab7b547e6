#pragma once

#include "core/data/rangedconstant.h"
#include "core/data/study.h"

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tierlens {

namespace cli {
class CliArgs;
struct CommandSpec;
} // namespace cli

/// tierlens-cli: every figure's numbers from the terminal, and the figures themselves (export).
/// Only export touches Qt Gui, through an offscreen platform, so every command runs headless.
/// Exit codes: 0 success, 1 bad input (a file or value the model cannot use), 2 bad usage.
class CliApp {
public:
    CliApp(std::ostream& out, std::ostream& err);
    int run(const std::vector<std::string>& args);

private:
    int list();
    /// Every preset constant with its source and range (clisources.cpp).
    int listSources(const cli::CliArgs& args);
    int eval(const cli::CliArgs& args);
    int study(const cli::CliArgs& args);
    /// Every point of a Pareto study, its front and the best point under its SLO (clipareto.cpp).
    int paretoStudy(const Study& study, const std::string& format);
    /// Every input and output two scenarios differ in (clidiff.cpp).
    int diff(const cli::CliArgs& args);
    int validate(const cli::CliArgs& args);
    int importModel(const cli::CliArgs& args);
    /// Draws a study's chart into an SVG, PDF or PNG file (cliexport.cpp).
    int exportFigure(const cli::CliArgs& args);
    /// Writes a .tierlens.zip of a study or workspace; render recomputes and checks one (clibundle.cpp).
    int bundle(const cli::CliArgs& args);
    int render(const cli::CliArgs& args);
    /// Goal-seek on one ParamPath (clisolve.cpp).
    int solve(const cli::CliArgs& args);
    /// The validation gallery's checks as a table or JSON (clivalidatepaper.cpp).
    int validatePaper(const cli::CliArgs& args);
    /// Range mode of eval and study, and the tornado command (clirange.cpp).
    int evalRange(const Scenario& s, const std::string& id, const cli::CliArgs& o,
        const std::vector<RangedConstant>& extra);
    int studyRange(const Study& study, const cli::CliArgs& o);
    int tornadoCommand(const cli::CliArgs& o);
    /// Every --range given, or nullopt after printing why one is wrong.
    std::optional<std::vector<RangedConstant>> cliRanges(const cli::CliArgs& o);
    /// checkRanges and the bound on the work; false after printing the problems.
    bool checkedRanges(const Scenario& s, const std::vector<RangedConstant>& ranges);
    /// A scenario, preset or workspace file with its ranged constants (rangesFor).
    std::optional<std::pair<Scenario, std::vector<RangedConstant>>> rangedTarget(const cli::CliArgs& o);
    /// Prints a result as --format asks (indented JSON, CSV or the text table) and returns 0; each
    /// form is made only when asked for.
    int printAs(const std::string& format, const std::function<nlohmann::json()>& asJson,
        const std::function<std::string()>& csv, const std::function<std::string()>& table);
    /// A scenario from a file or preset id; nullopt after printing why not.
    std::optional<Scenario> loadScenarioTarget(const std::string& target);
    /// A study from a file or preset id; nullopt after printing why not.
    std::optional<Study> loadStudyTarget(const std::string& target);
    /// Tells the user how to call the command being run (or any command); returns 2 (bad usage).
    int usage(const std::string& message);
    /// Parses `args` with the table of `args[0]` and runs the command.
    int runCommand(const cli::CommandSpec& command, const std::vector<std::string>& args);

    std::ostream& out_;
    std::ostream& err_;
    const cli::CommandSpec* command_ = nullptr; ///< the command being run; its help follows a usage error
};

} // namespace tierlens
