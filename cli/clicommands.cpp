// Every command of tierlens-cli and the options it takes: the one place they are declared. Parsing,
// the checks on each value and `tierlens-cli <command> --help` all read this table.
#include "cli/cliargs.h"

// The table names only the fields each option needs; the others keep their declared defaults.
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#endif

namespace tierlens::cli {

namespace {

using Kind = OptionSpec::Kind;

OptionSpec formatOption(std::vector<std::string> formats)
{
    return { .name = "format",
        .kind = Kind::Choice,
        .help = "how to print the result",
        .choices = formats,
        .defaultValue = formats.front() };
}

OptionSpec setOption()
{
    return { .name = "set",
        .kind = Kind::Assignment,
        .valueName = "path=value",
        .help = "override one number of the scenario before evaluating" };
}

OptionSpec batchOption()
{
    return { .name = "batch",
        .kind = Kind::Whole,
        .valueName = "B",
        .help = "sequences decoded together (overrides workload.batch)",
        .low = 1 };
}

OptionSpec rangeModeOption()
{
    return { .name = "range-mode",
        .kind = Kind::Flag,
        .help = "give every value its low and high over the ranged constants" };
}

OptionSpec rangeOption()
{
    return { .name = "range",
        .kind = Kind::RangeAssignment,
        .valueName = "PATH=LOW:HIGH",
        .help = "a constant's plausible range, e.g. tiers.ssd.read_pj_per_bit=80:120" };
}

std::vector<CommandSpec> makeCommands()
{
    std::vector<CommandSpec> commands;
    commands.push_back({ .name = "list",
        .summary = "presets by kind",
        .options = { { .name = "sources",
                         .kind = Kind::Flag,
                         .help = "every constant of the GPU, tier, link and model presets with its\n"
                                 "source (datasheet, paper, measured, derived, assumption) and range" },
            formatOption({ "table", "json" }) } });
    commands.push_back({ .name = "eval",
        .target = "<scenario.json|preset-id>",
        .missingTarget = "missing the file or preset id",
        .summary = "evaluate one scenario",
        .options = { batchOption(), setOption(), formatOption({ "table", "json", "csv" }),
            { .name = "routing-trace",
                .kind = Kind::Text,
                .valueName = "trace.csv",
                .help = "expert routing from CSV rows layer,token,expert" },
            { .name = "prompt",
                .kind = Kind::Whole,
                .valueName = "N",
                .help = "prompt length L_in in tokens (overrides workload.prompt_length)",
                .low = 0,
                .high = 1 << 26 },
            { .name = "output",
                .kind = Kind::Whole,
                .valueName = "N",
                .help = "output length L_out of the request (overrides workload.output_length)",
                .low = 1,
                .high = 1 << 17 },
            { .name = "no-prefill",
                .kind = Kind::Flag,
                .help = "the request starts at its first decode step" },
            rangeModeOption(), rangeOption() } });
    commands.push_back({ .name = "study",
        .target = "<study.json|preset-id>",
        .missingTarget = "missing the file or preset id",
        .summary = "run a study (breakdown, heatmap or line)",
        .options
        = { setOption(), formatOption({ "table", "json", "csv" }), rangeModeOption(), rangeOption() } });
    commands.push_back({ .name = "diff",
        .target = "<A> <B>",
        .missingTarget = "diff takes two scenarios: files or preset ids",
        .summary
        = "every input and output scenario B changes from A,\nwith A, B, the difference and the ratio",
        .options = { batchOption(), formatOption({ "table", "json", "csv" }) },
        .targetCount = 2 });
    commands.push_back({ .name = "validate",
        .target = "<file.json>",
        .missingTarget = "validate takes one file",
        .summary = "print every problem of a scenario or study; exit 1 if any" });
    commands.push_back({ .name = "export",
        .target = "<study|workspace.json|preset-id|bundle>",
        .missingTarget = "missing the study file, preset id or bundle",
        .summary = "draw a figure headless (offscreen Qt) as the workspace's\n"
                   "view settings say; the options override them",
        .options = { { .name = "out",
                         .valueName = "FILE.svg|.pdf|.png",
                         .help = "the file to write; its suffix picks the format",
                         .required = true },
            { .name = "view",
                .kind = Kind::Choice,
                .valueName = "energy|latency|heatmap|tornado|roofline|pareto",
                .help = "which chart (default: the study's own); tornado: the\n"
                        "ranged constants' swings, roofline: the scenario's step,\n"
                        "pareto: a Pareto study's scatter",
                .choices = { "energy", "latency", "heatmap", "tornado", "roofline", "pareto" } },
            { .name = "case",
                .kind = Kind::Whole,
                .valueName = "N",
                .help = "the study's case (model) to draw, from 0",
                .low = 0,
                .high = 1000 },
            { .name = "width-in",
                .kind = Kind::Number,
                .valueName = "W",
                .help = "figure width in inches",
                .low = 0.1,
                .high = 100 },
            { .name = "height-in",
                .kind = Kind::Number,
                .valueName = "H",
                .help = "figure height in inches",
                .low = 0.1,
                .high = 100 },
            { .name = "dpi",
                .kind = Kind::Number,
                .valueName = "D",
                .help = "PNG pixels per inch",
                .low = 10,
                .high = 2400 },
            { .name = "font-pt",
                .kind = Kind::Number,
                .valueName = "P",
                .help = "text size in points",
                .low = 2,
                .high = 72 },
            { .name = "font-family", .valueName = "F", .help = "text font family" },
            { .name = "palette",
                .kind = Kind::Choice,
                .valueName = "colorblind|grayscale",
                .help = "series colours (default: the workspace's)",
                .choices = { "colorblind", "grayscale" } },
            { .name = "title", .valueName = "TEXT", .help = "the chart's title" },
            { .name = "no-title", .kind = Kind::Flag, .help = "draw no title" },
            { .name = "legend", .kind = Kind::Flag, .help = "draw the legend" },
            { .name = "no-legend", .kind = Kind::Flag, .help = "draw no legend" },
            { .name = "values", .kind = Kind::Flag, .help = "print each bar's value" },
            { .name = "no-values", .kind = Kind::Flag, .help = "print no bar values" },
            { .name = "panels",
                .kind = Kind::Flag,
                .help = "a study of several models as panels of one figure, one legend" },
            { .name = "axis",
                .kind = Kind::Choice,
                .valueName = "normalised|linear|log",
                .help = "the breakdown chart's value axis (default: the workspace's)",
                .choices = { "normalised", "linear", "log" } },
            { .name = "absolute", .kind = Kind::Flag, .help = "the same as --axis linear" },
            { .name = "log", .kind = Kind::Flag, .help = "the same as --axis log" },
            { .name = "range-mode",
                .kind = Kind::Flag,
                .help = "error bars on every bar, a band around the break-even contour" },
            rangeOption() } });
    commands.push_back({ .name = "bundle",
        .target = "<study|workspace.json>",
        .missingTarget = "missing the study or workspace file",
        .summary = "a shareable zip: workspace, study, CSVs, figures, manifest",
        .options = { { .name = "out",
            .valueName = "FILE.tierlens.zip",
            .help = "the bundle to write",
            .required = true } } });
    commands.push_back({ .name = "render",
        .target = "<X.tierlens.zip>",
        .missingTarget = "missing the bundle",
        .summary = "verify a bundle, recompute it, draw its figures into DIR;\n"
                   "exit 1 when a number differs from its CSVs",
        .options = { { .name = "out",
            .valueName = "DIR",
            .help = "the folder to draw the figures into",
            .required = true } } });
    commands.push_back({ .name = "import-model",
        .target = "<config.json>",
        .missingTarget = "missing the file or preset id",
        .summary = "read a Hugging Face config.json as a model preset;\n"
                   "notes on what was not mapped go to stderr",
        .options = { { .name = "id", .kind = Kind::NonEmpty, .valueName = "ID", .help = "the preset's id" },
            formatOption({ "json", "table" }) } });
    commands.push_back({ .name = "solve",
        .target = "<scenario|study>",
        .missingTarget = "missing the file or preset id",
        .summary = "goal-seek: the value of one number that makes a metric\n"
                   "reach a target (exit 1 if it never does)",
        .options = { { .name = "param",
                         .valueName = "PATH",
                         .help = "the number to vary, e.g. tiers.ssd.read_pj_per_bit",
                         .required = true },
            { .name = "range",
                .kind = Kind::Range,
                .valueName = "LO:HI",
                .help = "the values of --param to search",
                .required = true },
            { .name = "target",
                .kind = Kind::Number,
                .valueName = "T",
                .help = "the metric's value to reach",
                .required = true },
            { .name = "metric",
                .kind = Kind::Choice,
                .valueName = "energy|latency|ratio",
                .help = "what reaches the target (default: ratio with a baseline, else energy)",
                .choices = { "energy", "latency", "ratio" } },
            { .name = "baseline",
                .valueName = "SCENARIO",
                .help = "the scenario a ratio divides by (default: the study's)" },
            batchOption(),
            { .name = "points",
                .kind = Kind::Whole,
                .valueName = "N",
                .help = "grid points before refining",
                .defaultValue = "101",
                .low = 2,
                .high = 100000 },
            setOption(), formatOption({ "table", "json" }) } });
    commands.push_back({ .name = "tornado",
        .target = "<scenario|workspace.json|preset-id>",
        .missingTarget = "missing the file or preset id",
        .summary = "rank the ranged constants by how far each alone moves a result\n"
                   "(each at its low and its high end, the others at their values)",
        .options = { { .name = "metric",
                         .valueName = "energy|latency|energy.<part>|latency.<part>",
                         .help = "the result to rank by",
                         .defaultValue = "energy" },
            rangeOption(), batchOption(), setOption(), formatOption({ "table", "json", "csv" }) } });
    commands.push_back({ .name = "validate-paper",
        .summary = "the reference study's published numbers against ours;\nexit 1 if any check fails",
        .options = { formatOption({ "text", "json" }) } });
    return commands;
}

} // namespace

const std::vector<CommandSpec>& cliCommands()
{
    static const std::vector<CommandSpec> commands = makeCommands();
    return commands;
}

} // namespace tierlens::cli
