#include "cli/cliargs.h"

#include <QCommandLineParser>
#include <QStringList>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace tierlens::cli {

namespace {

std::string alternatives(const std::vector<std::string>& words)
{
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i)
        out += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
    return out;
}

std::string shortNumber(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// strtod, not stod: a subnormal such as 4.9e-324 is a number (stod throws on its ERANGE), and
// so is 1e999; range checks then say what is wrong with them.
bool readNumber(const std::string& text, double& value)
{
    if (text.empty())
        return false;
    char* end = nullptr;
    value = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size();
}

bool readFinite(const std::string& text, double& value)
{
    return readNumber(text, value) && std::isfinite(value);
}

bool readRange(const std::string& text, double& low, double& high)
{
    const auto colon = text.find(':');
    return colon != std::string::npos && readFinite(text.substr(0, colon), low)
        && readFinite(text.substr(colon + 1), high) && low < high;
}

// "from 2 to 100000", ">= 1" or "" (no bound), for the messages about a number's range.
std::string bounds(const OptionSpec& o)
{
    const bool hasLow = std::isfinite(o.low), hasHigh = std::isfinite(o.high);
    if (hasLow && hasHigh)
        return " from " + shortNumber(o.low) + " to " + shortNumber(o.high);
    if (hasLow)
        return " >= " + shortNumber(o.low);
    if (hasHigh)
        return " <= " + shortNumber(o.high);
    return {};
}

std::string valueName(const OptionSpec& o)
{
    if (!o.valueName.empty() || o.kind != OptionSpec::Kind::Choice)
        return o.valueName;
    std::string out;
    for (const auto& c : o.choices)
        out += (out.empty() ? "" : "|") + c;
    return out;
}

// Empty when `value` is of the option's kind, else the message naming the option.
std::string checkValue(const OptionSpec& o, const std::string& value)
{
    const std::string option = "--" + o.name;
    const std::string got = ", got \"" + value + "\"";
    double d = 0;
    switch (o.kind) {
    case OptionSpec::Kind::Flag:
    case OptionSpec::Kind::Text:
        return {};
    case OptionSpec::Kind::NonEmpty:
        return value.empty() ? option + " must not be empty" : std::string();
    case OptionSpec::Kind::Choice:
        return std::find(o.choices.begin(), o.choices.end(), value) == o.choices.end()
            ? option + " must be " + alternatives(o.choices) + got
            : std::string();
    case OptionSpec::Kind::Whole:
        if (!readFinite(value, d) || d != std::floor(d) || d < o.low || d > o.high || d < INT_MIN
            || d > INT_MAX)
            return option + " must be a whole number" + bounds(o) + got;
        return {};
    case OptionSpec::Kind::Number:
        if (!readFinite(value, d) || d < o.low || d > o.high)
            return option + " must be a number" + bounds(o) + got;
        return {};
    case OptionSpec::Kind::Range: {
        double high = 0;
        return readRange(value, d, high) ? std::string()
                                         : option + " takes " + o.valueName + " with LO below HI" + got;
    }
    case OptionSpec::Kind::Assignment: {
        const auto eq = value.find('=');
        if (eq == std::string::npos || eq == 0)
            return option + " takes " + o.valueName + got;
        if (!readNumber(value.substr(eq + 1), d))
            return option + " " + value.substr(0, eq) + ": \"" + value.substr(eq + 1) + "\" is not a number";
        return {};
    }
    case OptionSpec::Kind::RangeAssignment: {
        const auto eq = value.find('=');
        if (eq == std::string::npos || eq == 0)
            return option + " takes " + o.valueName + got;
        double low = 0, high = 0;
        const std::string ends = value.substr(eq + 1);
        const auto colon = ends.find(':');
        if (colon == std::string::npos || !readFinite(ends.substr(0, colon), low)
            || !readFinite(ends.substr(colon + 1), high))
            return option + " " + value.substr(0, eq) + ": \"" + ends
                + "\" is not LOW:HIGH (two finite numbers)";
        if (low > high)
            return option + " " + value.substr(0, eq) + ": LOW " + shortNumber(low) + " is above HIGH "
                + shortNumber(high);
        return {};
    }
    }
    return {};
}

const OptionSpec* findOption(const CommandSpec& c, std::string_view name)
{
    for (const auto& o : c.options)
        if (o.name == name)
            return &o;
    return nullptr;
}

// The argument as the user typed it for an option Qt names without its dashes.
std::string spelled(const std::vector<std::string>& args, const std::string& name)
{
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--")
            break;
        const std::string bare
            = a.substr(a.find_first_not_of('-') == std::string::npos ? a.size() : a.find_first_not_of('-'));
        if (a.starts_with('-') && bare.substr(0, bare.find('=')) == name)
            return a.substr(0, a.find('='));
    }
    return "--" + name;
}

std::string usageLine(const CommandSpec& c)
{
    std::string line = "tierlens-cli " + c.name;
    if (!c.target.empty())
        line += " " + c.target;
    for (const auto& o : c.options)
        if (o.required)
            line += " --" + o.name + " " + valueName(o);
    if (!c.options.empty())
        line += " [options]";
    return line;
}

} // namespace

const CommandSpec* findCommand(std::string_view name)
{
    for (const auto& c : cliCommands())
        if (c.name == name)
            return &c;
    return nullptr;
}

std::string commandHelp(const CommandSpec& c)
{
    std::string text = "usage: " + usageLine(c) + "\n\n" + c.summary + "\n\noptions:\n";
    std::vector<std::pair<std::string, std::string>> rows;
    for (const auto& o : c.options) {
        std::string left = "--" + o.name + (o.kind == OptionSpec::Kind::Flag ? "" : " " + valueName(o));
        std::string help = o.help;
        if (!o.defaultValue.empty())
            help += " (default " + o.defaultValue + ")";
        if (o.kind == OptionSpec::Kind::Whole || o.kind == OptionSpec::Kind::Number) {
            if (const std::string b = bounds(o); !b.empty())
                help += " (" + b.substr(1) + ")";
        }
        if (o.kind == OptionSpec::Kind::Assignment || o.kind == OptionSpec::Kind::RangeAssignment)
            help += " (repeatable)";
        if (o.required)
            help += " (required)";
        rows.emplace_back(std::move(left), std::move(help));
    }
    rows.emplace_back("-h, --help", "this help");
    std::size_t width = 0;
    for (const auto& r : rows)
        width = std::max(width, r.first.size());
    for (const auto& [left, help] : rows) {
        text += "  " + left + std::string(width - left.size() + 3, ' ');
        // A help text of several lines keeps its lines under the first.
        for (char ch : help)
            text += ch == '\n' ? "\n" + std::string(width + 5, ' ') : std::string(1, ch);
        text += "\n";
    }
    return text;
}

std::string overallHelp()
{
    std::string text = "usage: tierlens-cli <command> [options]\n"
                       "       tierlens-cli <command> --help    the command's options\n\ncommands:\n";
    for (const auto& c : cliCommands()) {
        const std::string left = c.name + (c.target.empty() ? "" : " " + c.target);
        text += "  " + left
            + (left.size() < 38 ? std::string(39 - left.size(), ' ') : "\n" + std::string(41, ' '));
        for (char ch : c.summary)
            text += ch == '\n' ? "\n" + std::string(41, ' ') : std::string(1, ch);
        text += "\n";
    }
    text += "\npaths name any number of a scenario: gpu.hbm_bandwidth_gb_s, tiers.ssd.read_pj_per_bit,\n"
            "links.nvlink-c2c-gen5.bandwidth_gb_s, model.moe.top_k, workload.prompt_length, ...\n"
            "exit codes: 0 success, 1 bad input, 2 bad usage\n";
    return text;
}

CliArgs CliArgs::parse(const CommandSpec& command, const std::vector<std::string>& args)
{
    CliArgs r;
    r.command_ = &command;
    QCommandLineParser parser;
    // "-batch" is a misspelt long option, not the short options b, a, t, c, h.
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    for (const auto& o : command.options) {
        QCommandLineOption option(QString::fromStdString(o.name));
        if (o.kind != OptionSpec::Kind::Flag)
            option.setValueName(QString::fromStdString(valueName(o)));
        parser.addOption(option);
    }
    parser.addOption(QCommandLineOption(QStringList { QStringLiteral("h"), QStringLiteral("help") }));

    QStringList list;
    list.reserve(qsizetype(args.size()));
    list << QStringLiteral("tierlens-cli"); // parse() skips the program's name
    for (std::size_t i = 1; i < args.size(); ++i)
        list << QString::fromStdString(args[i]);
    const bool parsed = parser.parse(list);
    if (parser.isSet(QStringLiteral("help"))) {
        r.help_ = true;
        return r;
    }
    if (!parsed) {
        if (const QStringList unknown = parser.unknownOptionNames(); !unknown.isEmpty()) {
            r.error_ = "unknown option " + spelled(args, unknown.front().toStdString());
        } else if (const std::string& last = args.back(); args.size() > 1 && last.starts_with("-")) {
            // Qt's one other failure on a well-formed table is a value-taking option at the end.
            const std::string bare = last.substr(std::min(last.find_first_not_of('-'), last.size()));
            const OptionSpec* o = findOption(command, bare);
            r.error_ = o && o->kind != OptionSpec::Kind::Flag ? "--" + o->name + " needs a value"
                                                              : parser.errorText().toStdString();
        } else {
            r.error_ = parser.errorText().toStdString();
        }
        return r;
    }

    // Options in the order given: optionNames() lists each occurrence, values() each value.
    std::vector<std::pair<std::string, int>> seen;
    for (const QString& name : parser.optionNames()) {
        const std::string n = name.toStdString();
        const OptionSpec* o = findOption(command, n);
        if (!o)
            continue;
        int index = 0;
        for (const auto& s : seen)
            index += s.first == n ? 1 : 0;
        seen.emplace_back(n, index);
        const std::string value = o->kind == OptionSpec::Kind::Flag
            ? std::string()
            : parser.values(name).value(index).toStdString();
        if (std::string e = checkValue(*o, value); !e.empty()) {
            r.error_ = std::move(e);
            return r;
        }
        r.given_.emplace_back(n, value);
    }

    const QStringList positional = parser.positionalArguments();
    if (command.target.empty() && !positional.isEmpty()) {
        r.error_ = command.name + " takes no argument, got \"" + positional.front().toStdString() + "\"";
        return r;
    }
    if (std::size_t(positional.size()) > std::max<std::size_t>(command.targetCount, 1)) {
        r.error_
            = "unexpected argument \"" + positional.at(qsizetype(command.targetCount)).toStdString() + "\"";
        return r;
    }
    if (!command.target.empty() && std::size_t(positional.size()) < command.targetCount) {
        r.error_ = command.missingTarget;
        return r;
    }
    if (!positional.isEmpty())
        r.target_ = positional.front().toStdString();
    for (const auto& p : positional)
        r.targets_.push_back(p.toStdString());
    for (const auto& o : command.options)
        if (o.required && !r.isSet(o.name)) {
            r.error_ = command.name + " needs --" + o.name + " " + valueName(o);
            return r;
        }
    return r;
}

bool CliArgs::isSet(std::string_view name) const
{
    return std::any_of(given_.begin(), given_.end(), [&](const auto& g) { return g.first == name; });
}

std::string CliArgs::text(std::string_view name) const
{
    for (auto it = given_.rbegin(); it != given_.rend(); ++it)
        if (it->first == name)
            return it->second;
    const OptionSpec* o = command_ ? findOption(*command_, name) : nullptr;
    return o ? o->defaultValue : std::string();
}

double CliArgs::number(std::string_view name, double fallback) const
{
    double v = fallback;
    if (isSet(name))
        readNumber(text(name), v);
    return v;
}

std::vector<std::pair<std::string, double>> CliArgs::assignments(std::string_view name) const
{
    std::vector<std::pair<std::string, double>> out;
    for (const auto& [n, value] : given_) {
        if (n != name)
            continue;
        const auto eq = value.find('=');
        double v = 0;
        readNumber(value.substr(eq + 1), v);
        out.emplace_back(value.substr(0, eq), v);
    }
    return out;
}

std::vector<std::string> CliArgs::texts(std::string_view name) const
{
    std::vector<std::string> out;
    for (const auto& [n, value] : given_)
        if (n == name)
            out.push_back(value);
    return out;
}

std::pair<double, double> CliArgs::range(std::string_view name) const
{
    double low = 0, high = 0;
    readRange(text(name), low, high);
    return { low, high };
}

} // namespace tierlens::cli
