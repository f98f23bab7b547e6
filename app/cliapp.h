#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace tierlens {

/// tierlens-cli: every figure's numbers from the terminal. Links only core, so it runs headless.
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
    int usage(const std::string& message);

    std::ostream& out_;
    std::ostream& err_;
};

} // namespace tierlens
