#include "cli/cliapp.h"

#include "cli/cliargs.h"
#include "cli/cliformat.h"
#include "cli/clioptions.h"
#include "core/data/parampath.h"
#include "core/import/hfconfigimporter.h"
#include "core/io/inputlimits.h"
#include "core/io/jsontext.h"
#include "core/io/presetlibrary.h"
#include "core/io/requestjson.h"
#include "core/io/resultjson.h"
#include "core/io/routingtrace.h"
#include "core/io/scenariojson.h"
#include "core/model/evaluator.h"
#include "core/model/modelparams.h"
#include "core/model/requestmodel.h"
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

namespace cli {

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

bool applySets(
    Scenario& s, const std::vector<std::pair<std::string, double>>& sets, bool optional, std::ostream& err)
{
    for (const auto& [path, value] : sets) {
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
int CliApp::exportFigure(const CliArgs&)
{
    return usage("export needs the Qt GUI modules; this tierlens-cli was built without them");
}
int CliApp::bundle(const CliArgs&)
{
    return usage("bundle needs the Qt GUI modules; this tierlens-cli was built without them");
}
int CliApp::render(const CliArgs&)
{
    return usage("render needs the Qt GUI modules; this tierlens-cli was built without them");
}
#endif

int CliApp::usage(const std::string& message)
{
    err_ << "tierlens-cli: " << message << "\n\n" << (command_ ? commandHelp(*command_) : overallHelp());
    return 2;
}

int CliApp::run(const std::vector<std::string>& args)
{
    if (args.empty())
        return usage("no command given");
    const std::string& cmd = args[0];
    if (cmd == "-h" || cmd == "--help" || cmd == "help") {
        // `help eval` is `eval --help`.
        const CommandSpec* c = args.size() == 2 ? findCommand(args[1]) : nullptr;
        out_ << (c ? commandHelp(*c) : overallHelp());
        return 0;
    }
    if (cmd == "--version") {
        out_ << "tierlens-cli " << TIERLENS_VERSION << "\n";
        return 0;
    }
    const CommandSpec* command = findCommand(cmd);
    if (!command)
        return usage("unknown command \"" + cmd + "\"");
    return runCommand(*command, args);
}

int CliApp::runCommand(const CommandSpec& command, const std::vector<std::string>& args)
{
    command_ = &command;
    const CliArgs a = CliArgs::parse(command, args);
    if (a.helpRequested()) {
        out_ << commandHelp(command);
        return 0;
    }
    if (!a.ok())
        return usage(a.error());
    const std::string& cmd = command.name;
    if (cmd == "list")
        return a.isSet("sources") ? listSources(a) : list();
    if (cmd == "eval")
        return eval(a);
    if (cmd == "study")
        return study(a);
    if (cmd == "diff")
        return diff(a);
    if (cmd == "validate")
        return validate(a);
    if (cmd == "import-model")
        return importModel(a);
    if (cmd == "export")
        return exportFigure(a);
    if (cmd == "bundle")
        return bundle(a);
    if (cmd == "render")
        return render(a);
    if (cmd == "solve")
        return solve(a);
    if (cmd == "validate-paper")
        return validatePaper(a);
    if (cmd == "tornado")
        return tornadoCommand(a);
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

int CliApp::eval(const CliArgs& o)
{
    auto sc = loadScenarioTarget(o.target());
    if (!sc)
        return 1;
    Scenario s = std::move(*sc);
    if (o.isSet("batch"))
        s.workload.batch = int(o.number("batch", 0));
    if (o.isSet("prompt"))
        s.workload.promptLength = int(o.number("prompt", 0));
    if (o.isSet("output"))
        s.workload.outputLength = int(o.number("output", 0));
    if (o.isSet("routing-trace")) {
        const auto trace
            = RoutingTrace::load(o.text("routing-trace"), s.model.moe ? s.model.moe->experts : 0);
        if (!trace.ok()) {
            printProblems(err_, trace.problems);
            return 1;
        }
        s.workload.routing.kind = Routing::Kind::Trace;
        s.workload.routing.layerCounts = trace.value;
    }
    if (!applySets(s, o.assignments("set"), false, err_))
        return 1;
    const std::string id = s.id.empty() ? o.target() : s.id;
    if (o.isSet("range-mode"))
        return evalRange(s, id, o, {});
    const Result r = evaluate(s);
    if (const Problems bad = nonFiniteResults(s, r); !bad.empty()) {
        printProblems(err_, bad, id);
        return 1;
    }
    const std::string format = o.text("format");
    // The first-step numbers above stay as they are; the whole request comes beside them.
    const RequestResult request = format == "csv"
        ? RequestResult {}
        : evaluateRequest(s, s.workload.batch, { !o.isSet("no-prefill") });
    if (format == "json") {
        auto j = evalToJson(r, id, s.model);
        j["request"] = requestToJson(request);
        if (const TokenCost c = tokenCost(s, r); c.priced)
            j["cost"] = tokenCostToJson(c);
        out_ << j.dump(2) << "\n";
    } else if (format == "csv") {
        out_ << evalToCsv(r, id);
    } else {
        out_ << formatEvalTable(s, r) << "\n" << formatRequestTable(request);
    }
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

int CliApp::study(const CliArgs& o)
{
    auto st = loadStudyTarget(o.target());
    if (!st)
        return 1;
    Study study = std::move(*st);
    const auto sets = o.assignments("set");
    for (auto& s : study.series)
        if (!applySets(s.scenario, sets, false, err_))
            return 1;
    if (study.baseline && !applySets(*study.baseline, sets, true, err_))
        return 1;
    if (study.kind == Study::Kind::Pareto) {
        if (o.isSet("range-mode")) {
            err_ << "tierlens-cli: --range-mode: a Pareto study has no bars to give low and high ends\n";
            return 2;
        }
        return paretoStudy(study, o.text("format"));
    }
    if (o.isSet("range-mode"))
        return studyRange(study, o);
    const StudyResult r = runStudy(study);
    if (const Problems bad = nonFiniteStudy(r); !bad.empty()) {
        printProblems(err_, bad, o.target());
        return 1;
    }
    return printAs(
        o.text("format"), [&] { return studyResultToJson(r); }, [&] { return studyResultToCsv(r); },
        [&] { return formatStudyTable(r); });
}

int CliApp::printAs(const std::string& format, const std::function<nlohmann::json()>& asJson,
    const std::function<std::string()>& csv, const std::function<std::string()>& table)
{
    if (format == "json")
        out_ << asJson().dump(2) << "\n";
    else if (format == "csv")
        out_ << csv();
    else
        out_ << table();
    return 0;
}

int CliApp::validate(const CliArgs& args)
{
    const std::string& path = args.target();
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

int CliApp::importModel(const CliArgs& o)
{
    const HfConfigImport imported = importHfConfigFile(o.target(), o.text("id"));
    if (!imported.ok()) {
        printProblems(err_, imported.model.problems);
        return 1;
    }
    const ModelSpec& m = imported.model.value;
    const ModelParams params = countModelParams(m);
    if (o.text("format") == "table") {
        out_ << formatModelTable(m, imported.origins) << "\n" << modelParamsText(params);
    } else {
        json preset = toJson(m);
        preset["description"] = "Imported from " + std::filesystem::path(o.target()).filename().string()
            + " (a Hugging Face config.json) by tierlens-cli import-model.";
        preset["params"] = modelParamsToJson(params);
        out_ << preset.dump(2) << "\n";
    }
    for (const auto& n : imported.notes)
        err_ << "note: " << n << "\n";
    return 0;
}

} // namespace tierlens
