#pragma once

#include "core/data/study.h"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace tierlens {

/// tierlens-cli: every figure's numbers from the terminal, and the figures themselves (export).
/// Only export touches Qt Gui, through an offscreen platform, so every command runs headless.
/// Exit codes: 0 success, 1 bad input (a file or value the model cannot use), 2 bad usage.
class CliApp {
public:
    CliApp(std::ostream& out, std::ostream& err);
    int run(const std::vector<std::string>& args);

private:
    int list();
    int eval(const std::vector<std::string>& args);
    int study(const std::vector<std::string>& args);
    int validate(const std::vector<std::string>& args);
    int importModel(const std::vector<std::string>& args);
    /// Draws a study's chart into an SVG, PDF or PNG file (cliexport.cpp).
    int exportFigure(const std::vector<std::string>& args);
    /// Writes a .tierlens.zip of a study or workspace; render recomputes and checks one (clibundle.cpp).
    int bundle(const std::vector<std::string>& args);
    int render(const std::vector<std::string>& args);
    /// Goal-seek on one ParamPath (clisolve.cpp).
    int solve(const std::vector<std::string>& args);
    /// The validation gallery's checks as a table or JSON (clivalidatepaper.cpp).
    int validatePaper(const std::vector<std::string>& args);
    /// A scenario from a file or preset id; nullopt after printing why not.
    std::optional<Scenario> loadScenarioTarget(const std::string& target);
    /// A study from a file or preset id; nullopt after printing why not.
    std::optional<Study> loadStudyTarget(const std::string& target);
    /// Tells the user how to call a command; returns 2 (bad usage).
    int usage(const std::string& message);

    std::ostream& out_;
    std::ostream& err_;
};

} // namespace tierlens
