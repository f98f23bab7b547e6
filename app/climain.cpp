#include "cliapp.h"

#include <exception>
#include <iostream>

int main(int argc, char** argv)
{
    try {
        return tierlens::CliApp(std::cout, std::cerr).run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const std::exception& e) {
        // Never a crash or a stack trace: an unexpected failure is still a one-line message.
        std::cerr << "tierlens-cli: internal error: " << e.what() << "\n";
        return 3;
    }
}
