#include "cli/cliapp.h"

#include "cli/cliformat.h"
#include "cli/clioptions.h"
#include "core/data/parampath.h"
#include "core/import/hfconfigimporter.h"
#include "core/io/inputlimits.h"
#include "core/io/jsontext.h"
#include "core/io/presetlibrary.h"
#include "core/io/resultjson.h"
#include "core/io/routingtrace.h"
#include "core/io/scenariojson.h"
#include "core/model/evaluator.h"
#include "core/model/modelparams.h"
#include "core/study/studyrunner.h"
#include "core/validation/finitecheck.h"
#include "core/validation/validator.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <ostream>

namespace tierlens {

using nlohmann::json;

namespace {

constexpr const char* kUsage = R"(usage: tierlens-cli <command> [options]

commands:
  list                                   presets by kind
  eval <scenario.json|preset-id>         evaluate one scenario
       [--batch B] [--set path=value]... [--format table|json|csv]
       [--routing-trace trace.csv]       routing from CSV rows layer,token,expert
  study <study.json|preset-id>           run a study (breakdown, heatmap or line)
       [--set path=value]... [--format table|json|csv]
  validate <file.json>                   print every problem; exit 1 if any
  export <study|workspace.json|preset-id|bundle>
                                         draw a figure headless (offscreen Qt) as the workspace's
                                         view settings say; the options below override them
       --out FILE.svg|.pdf|.png [--view energy|latency|heatmap] [--case N]
       [--width-in W] [--height-in H] [--dpi D] [--font-pt P] [--font-family F]
       [--palette colorblind|grayscale] [--title TEXT] [--no-title] [--no-legend | --legend]
       [--no-values | --values] [--axis normalised|linear|log] [--absolute | --log]
  bundle <study|workspace.json> --out X.tierlens.zip
                                         a shareable zip: workspace, study, CSVs, figures, manifest
  render <X.tierlens.zip> --out DIR      verify a bundle, recompute it, draw its figures into DIR;
                                         exit 1 when a number differs from its CSVs
  import-model <config.json>             read a Hugging Face config.json as a model preset;
       [--id ID] [--format json|table]   notes on what was not mapped go to stderr
  solve <scenario|study>                 goal-seek: the value of one number that makes a metric
       --param PATH --range LO:HI --target T   reach a target (exit 1 if it never does)
       [--metric energy|latency|ratio] [--baseline SCENARIO] [--batch B]
       [--points N] [--set path=value]... [--format table|json]
  validate-paper [--format text|json]    the reference study's published numbers against ours;
                                         exit 1 if any check fails

paths name any number of a scenario: gpu.hbm_bandwidth_gb_s, tiers.ssd.read_pj_per_bit,
links.nvlink-c2c-gen5.bandwidth_gb_s, model.moe.top_k, workload.prompt_length, ...
)";

std::string alternatives(const std::vector<std::string>& words)
{
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i)
        out += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
    return out;
}

} // namespace

namespace cli {

CliOptions parseOptions(const std::vector<std::string>& args, const OptionRules& rules)
{
    CliOptions o;
    o.format = rules.formats.front();
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* name) -> std::string {
            if (i + 1 >= args.size()) {
                o.error = std::string(name) + " needs a value";
                return {};
            }
            return args[++i];
        };
        if (a == "--format") {
            o.format = value("--format");
            if (o.error.empty()
                && std::find(rules.formats.begin(), rules.formats.end(), o.format) == rules.formats.end())
                o.error = "--format must be " + alternatives(rules.formats) + ", got \"" + o.format + "\"";
        } else if (a == "--id" && rules.id) {
            o.id = value("--id");
            if (o.error.empty() && o.id.empty())
                o.error = "--id must not be empty";
        } else if (a == "--set" && rules.set) {
            const std::string kv = value("--set");
            const auto eq = kv.find('=');
            if (o.error.empty() && (eq == std::string::npos || eq == 0)) {
                o.error = "--set takes path=value, got \"" + kv + "\"";
            } else if (o.error.empty()) {
                // strtod, not stod: a subnormal such as 4.9e-324 is a number (stod throws on its
                // ERANGE), and so is 1e999; the range check then says what is wrong with them.
                const std::string text = kv.substr(eq + 1);
                char* end = nullptr;
                const double v = std::strtod(text.c_str(), &end);
                if (text.empty() || end != text.c_str() + text.size())
                    o.error = "--set " + kv.substr(0, eq) + ": \"" + text + "\" is not a number";
                else
                    o.sets.emplace_back(kv.substr(0, eq), v);
            }
        } else if (a == "--routing-trace" && rules.trace) {
            o.routingTrace = value("--routing-trace");
        } else if (a == "--batch" && rules.batch) {
            const std::string v = value("--batch");
            try {
                std::size_t used = 0;
                o.batch = std::stoi(v, &used);
                if (used != v.size() || o.batch < 1)
                    throw std::invalid_argument("bad");
            } catch (const std::exception&) {
                if (o.error.empty())
                    o.error = "--batch must be a whole number >= 1, got \"" + v + "\"";
            }
        } else if (!a.empty() && a[0] == '-') {
            o.error = "unknown option " + a;
        } else if (o.target.empty()) {
            o.target = a;
        } else {
            o.error = "unexpected argument \"" + a + "\"";
        }
        if (!o.error.empty())
            break;
    }
    if (o.error.empty() && o.target.empty())
        o.error = "missing the file or preset id";
    return o;
}

bool looksLikeFile(const std::string& t)
{
    std::error_code ec;
    return std::filesystem::exists(t, ec) || t.ends_with(".json");
}

Loaded<json> loadJsonFile(const std::string& path)
{
    Loaded<json> r;
    auto text = readTextFile(path);
    if (!text.ok()) {
        r.problems = text.problems;
        return r;
    }
    return parseJsonText(text.value, path);
}

void printProblems(std::ostream& err, const Problems& problems, const std::string& prefix)
{
    // A list of thousands of problems drowns the first, which is usually the one to fix.
    const std::size_t shown = std::min(problems.size(), limits::kMaxProblemsShown);
    for (std::size_t i = 0; i < shown; ++i)
        err << (prefix.empty() ? "" : prefix + ": ") << problems[i].toString() << "\n";
    if (problems.size() > shown)
        err << (prefix.empty() ? "" : prefix + ": ") << "… and " << problems.size() - shown << " more\n";
}

bool applySets(Scenario& s, const CliOptions& o, bool optional, std::ostream& err)
{
    for (const auto& [path, value] : o.sets) {
        std::string error;
        if (!parampath::get(s, path, &error)) {
            if (optional)
                continue;
            err << "--set " << path << ": " << error << "\n";
            return false;
        }
        if (!parampath::set(s, path, value, &error)) {
            err << "--set " << path << ": " << error << "\n";
            return false;
        }
    }
    const auto problems = validateScenario(s);
    printProblems(err, problems, s.id.empty() ? "scenario" : s.id);
    return problems.empty();
}

} // namespace cli

using namespace cli;

CliApp::CliApp(std::ostream& out, std::ostream& err)
    : out_(out)
    , err_(err)
{
}

#ifndef TIERLENS_HAVE_FIGURE_EXPORT
int CliApp::exportFigure(const std::vector<std::string>&)
{
    return usage("export needs the Qt GUI modules; this tierlens-cli was built without them");
}
int CliApp::bundle(const std::vector<std::string>&)
{
    return usage("bundle needs the Qt GUI modules; this tierlens-cli was built without them");
}
int CliApp::render(const std::vector<std::string>&)
{
    return usage("render needs the Qt GUI modules; this tierlens-cli was built without them");
}
#endif

int CliApp::usage(const std::string& message)
{
    err_ << "tierlens-cli: " << message << "\n\n" << kUsage;
    return 2;
}

int CliApp::run(const std::vector<std::string>& args)
{
    if (args.empty())
        return usage("no command given");
    const std::string& cmd = args[0];
    if (cmd == "-h" || cmd == "--help" || cmd == "help") {
        out_ << kUsage;
        return 0;
    }
    if (cmd == "--version") {
        out_ << "tierlens-cli " << TIERLENS_VERSION << "\n";
        return 0;
    }
    if (cmd == "list")
        return args.size() == 1 ? list() : usage("list takes no arguments");
    if (cmd == "eval")
        return eval(args);
    if (cmd == "study")
        return study(args);
    if (cmd == "validate")
        return validate(args);
    if (cmd == "import-model")
        return importModel(args);
    if (cmd == "export")
        return exportFigure(args);
    if (cmd == "bundle")
        return bundle(args);
    if (cmd == "render")
        return render(args);
    if (cmd == "solve")
        return solve(args);
    if (cmd == "validate-paper")
        return validatePaper(args);
    return usage("unknown command \"" + cmd + "\"");
}

int CliApp::list()
{
    const auto& lib = PresetLibrary::builtin();
    for (PresetKind k : PresetLibrary::kinds()) {
        out_ << PresetLibrary::folderName(k) << ":\n";
        for (const auto* e : lib.list(k))
            out_ << "  " << e->id << (e->name != e->id ? "  —  " + e->name : "") << "\n";
    }
    return 0;
}

int CliApp::eval(const std::vector<std::string>& args)
{
    const CliOptions o = parseOptions(args, { .batch = true, .trace = true });
    if (!o.error.empty())
        return usage(o.error);
    auto sc = loadScenarioTarget(o.target);
    if (!sc)
        return 1;
    Scenario s = std::move(*sc);
    if (o.batch > 0)
        s.workload.batch = o.batch;
    if (!o.routingTrace.empty()) {
        const auto trace = RoutingTrace::load(o.routingTrace, s.model.moe ? s.model.moe->experts : 0);
        if (!trace.ok()) {
            printProblems(err_, trace.problems);
            return 1;
        }
        s.workload.routing.kind = Routing::Kind::Trace;
        s.workload.routing.layerCounts = trace.value;
    }
    if (!applySets(s, o, false, err_))
        return 1;
    const Result r = evaluate(s);
    const std::string id = s.id.empty() ? o.target : s.id;
    if (const Problems bad = nonFiniteResults(s, r); !bad.empty()) {
        printProblems(err_, bad, id);
        return 1;
    }
    if (o.format == "json")
        out_ << evalToJson(r, id, s.model).dump(2) << "\n";
    else if (o.format == "csv")
        out_ << evalToCsv(r, id);
    else
        out_ << formatEvalTable(s, r);
    return 0;
}

std::optional<Scenario> CliApp::loadScenarioTarget(const std::string& target)
{
    const auto& lib = PresetLibrary::builtin();
    Loaded<Scenario> sc;
    if (looksLikeFile(target)) {
        auto j = loadJsonFile(target);
        if (!j.ok()) {
            printProblems(err_, j.problems);
            return std::nullopt;
        }
        sc = lib.loadScenario(j.value);
        for (auto& p : sc.problems)
            p.path = target + ": " + p.path;
    } else {
        sc = lib.scenario(target);
    }
    if (!sc.ok()) {
        printProblems(err_, sc.problems);
        return std::nullopt;
    }
    return std::move(sc.value);
}

std::optional<Study> CliApp::loadStudyTarget(const std::string& target)
{
    const auto& lib = PresetLibrary::builtin();
    json definition;
    std::string source;
    if (looksLikeFile(target)) {
        auto j = loadJsonFile(target);
        if (!j.ok()) {
            printProblems(err_, j.problems);
            return std::nullopt;
        }
        definition = std::move(j.value);
        source = target;
    } else if (const PresetEntry* e = lib.find(PresetKind::Study, target)) {
        definition = e->json;
        source = e->source;
    } else {
        std::string known;
        for (const auto* study : lib.list(PresetKind::Study))
            known += " " + study->id;
        err_ << "tierlens-cli: \"" << target << "\" is neither a file nor a study preset; known:" << known
             << "\n";
        return std::nullopt;
    }
    auto st = loadStudy(definition, lib);
    if (!st.ok()) {
        printProblems(err_, st.problems, source);
        return std::nullopt;
    }
    return std::move(st.value);
}

int CliApp::study(const std::vector<std::string>& args)
{
    const CliOptions o = parseOptions(args, {});
    if (!o.error.empty())
        return usage(o.error);
    auto st = loadStudyTarget(o.target);
    if (!st)
        return 1;
    Study study = std::move(*st);
    for (auto& s : study.series)
        if (!applySets(s.scenario, o, false, err_))
            return 1;
    if (study.baseline && !applySets(*study.baseline, o, true, err_))
        return 1;
    const StudyResult r = runStudy(study);
    if (const Problems bad = nonFiniteStudy(r); !bad.empty()) {
        printProblems(err_, bad, o.target);
        return 1;
    }
    if (o.format == "json")
        out_ << studyResultToJson(r).dump(2) << "\n";
    else if (o.format == "csv")
        out_ << studyResultToCsv(r);
    else
        out_ << formatStudyTable(r);
    return 0;
}

int CliApp::validate(const std::vector<std::string>& args)
{
    if (args.size() != 2)
        return usage("validate takes one file");
    const std::string& path = args[1];
    auto j = loadJsonFile(path);
    if (!j.ok()) {
        printProblems(err_, j.problems);
        return 1;
    }
    const auto& lib = PresetLibrary::builtin();
    // A study has a "kind"; anything else is read as a scenario.
    Problems problems = j.value.is_object() && j.value.contains("kind") ? loadStudy(j.value, lib).problems
                                                                        : lib.loadScenario(j.value).problems;
    if (problems.empty()) {
        out_ << path << ": ok\n";
        return 0;
    }
    printProblems(err_, problems, path);
    err_ << problems.size() << (problems.size() == 1 ? " problem\n" : " problems\n");
    return 1;
}

int CliApp::importModel(const std::vector<std::string>& args)
{
    const CliOptions o = parseOptions(args, { .set = false, .id = true, .formats = { "json", "table" } });
    if (!o.error.empty())
        return usage(o.error);
    const HfConfigImport imported = importHfConfigFile(o.target, o.id);
    if (!imported.ok()) {
        printProblems(err_, imported.model.problems);
        return 1;
    }
    const ModelSpec& m = imported.model.value;
    const ModelParams params = countModelParams(m);
    if (o.format == "table") {
        out_ << formatModelTable(m, imported.origins) << "\n" << modelParamsText(params);
    } else {
        json preset = toJson(m);
        preset["description"] = "Imported from " + std::filesystem::path(o.target).filename().string()
            + " (a Hugging Face config.json) by tierlens-cli import-model.";
        preset["params"] = modelParamsToJson(params);
        out_ << preset.dump(2) << "\n";
    }
    for (const auto& n : imported.notes)
        err_ << "note: " << n << "\n";
    return 0;
}

} // namespace tierlens
