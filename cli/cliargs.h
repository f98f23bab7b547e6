#pragma once
// tierlens-cli's one option parser. Each command declares its options once, in the table of
// clicommands.cpp; the same declaration drives parsing (QCommandLineParser), the checks on each
// value's kind, and the command's --help, so the three cannot drift apart.

#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tierlens::cli {

struct OptionSpec {
    enum class Kind {
        Flag, ///< no value
        Text, ///< any text
        NonEmpty, ///< any text but ""
        Choice, ///< one of `choices`
        Whole, ///< a whole number within [low, high]
        Number, ///< a finite number within [low, high]
        Range, ///< LO:HI, two finite numbers with LO below HI
        Assignment, ///< path=number; may be repeated
        RangeAssignment, ///< path=LO:HI, two finite numbers with LO not above HI; may be repeated
    };
    std::string name; ///< without the leading "--"
    Kind kind = Kind::Text;
    std::string valueName; ///< shown in help and in "needs --name VALUE"
    std::string help;
    std::vector<std::string> choices;
    std::string defaultValue; ///< what text() gives when the option is absent; help shows it
    double low = -std::numeric_limits<double>::infinity();
    double high = std::numeric_limits<double>::infinity();
    bool required = false;
};

struct CommandSpec {
    std::string name;
    std::string target; ///< the one positional argument, as help shows it; empty: none
    std::string missingTarget; ///< the error when the target is missing
    std::string summary; ///< one line or more; help shows it under the usage line
    std::vector<OptionSpec> options;
    std::size_t targetCount = 1; ///< how many positional arguments `target` names (diff: A and B)
};

/// Every command of tierlens-cli, in the order help lists them.
const std::vector<CommandSpec>& cliCommands();
/// The command named `name`, or nullptr.
const CommandSpec* findCommand(std::string_view name);
/// `tierlens-cli <command> --help`: usage line, summary and every option, from the table.
std::string commandHelp(const CommandSpec& command);
/// `tierlens-cli --help`: every command's usage line and summary.
std::string overallHelp();

/// One command line parsed and checked against its command's table. Values are kept as typed
/// (text) and in the order given; the accessors convert those the checks already accepted.
class CliArgs {
public:
    /// `args[0]` is the command's name. Never exits: a problem is in error().
    static CliArgs parse(const CommandSpec& command, const std::vector<std::string>& args);

    bool ok() const { return error_.empty(); }
    /// Names the offending option or argument, e.g. `--batch must be a whole number >= 1, got "x"`.
    const std::string& error() const { return error_; }
    bool helpRequested() const { return help_; }
    const std::string& target() const { return target_; }
    /// Every positional argument, when the command takes several.
    const std::vector<std::string>& targets() const { return targets_; }

    bool isSet(std::string_view name) const;
    /// The last value given for `name`, or the option's defaultValue.
    std::string text(std::string_view name) const;
    /// The last value given as a number, or `fallback` when the option is absent.
    double number(std::string_view name, double fallback) const;
    /// Every `path=number` given for `name`, in order.
    std::vector<std::pair<std::string, double>> assignments(std::string_view name) const;
    /// Every value given for `name`, in order (repeatable options).
    std::vector<std::string> texts(std::string_view name) const;
    /// LO and HI of a Range option (check isSet first).
    std::pair<double, double> range(std::string_view name) const;
    /// Every option as given, in order: (name, value), value "" for a flag. For options that undo
    /// each other (--legend, --no-legend), the last one wins.
    const std::vector<std::pair<std::string, std::string>>& given() const { return given_; }

private:
    const CommandSpec* command_ = nullptr;
    std::vector<std::pair<std::string, std::string>> given_;
    std::string target_;
    std::vector<std::string> targets_;
    std::string error_;
    bool help_ = false;
};

} // namespace tierlens::cli
