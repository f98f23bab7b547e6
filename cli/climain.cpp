#include "cli/cliapp.h"
#include "core/study/memoryretention.h"

#include <exception>
#include <iostream>

int main(int argc, char** argv)
{
    tierlens::retainFreedMemory();
    int code = 0;
    try {
        code = tierlens::CliApp(std::cout, std::cerr).run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const std::exception& e) {
        // Never a crash or a stack trace: an unexpected failure is still a one-line message.
        std::cerr << "tierlens-cli: internal error: " << e.what() << "\n";
        return 3;
    }
    // Output is buffered: a full disk or a closed pipe shows only when it is flushed. Exiting 0
    // after writing nothing would tell a script its results are in the file.
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "tierlens-cli: could not write the output (disk full or output closed)\n";
        return code == 0 ? 1 : code;
    }
    return code;
}
