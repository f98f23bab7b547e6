#pragma once

// Runs the command-line tool in-process, as tierlens-cli's main would, keeping what it prints.
#include "cli/cliapp.h"

#include <sstream>
#include <string>
#include <vector>

namespace tierlens::test {

struct CliRun {
    int code;
    std::string out, err;
};

inline CliRun runCli(std::vector<std::string> args)
{
    std::ostringstream out, err;
    const int code = CliApp(out, err).run(args);
    return { code, out.str(), err.str() };
}

} // namespace tierlens::test
