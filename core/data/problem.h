#pragma once

#include <string>
#include <vector>

namespace tierlens {

/// One thing wrong with an input: where (a JSON path such as "tiers[1].bandwidth_gb_s", possibly
/// prefixed by a file name) and a sentence saying what was expected.
struct Problem {
    std::string path;
    std::string message;

    std::string toString() const { return path.empty() ? message : path + ": " + message; }
};

using Problems = std::vector<Problem>;

/// A value, or the problems that kept it from being made. Errors are values: only the front ends
/// decide how to show them.
template <class T> struct Loaded {
    T value {};
    Problems problems;
    bool ok() const { return problems.empty(); }
};

} // namespace tierlens
