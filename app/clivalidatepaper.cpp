// tierlens-cli validate-paper: the validation gallery in the terminal.
#include "cliapp.h"

#include "papercheck.h"
#include "presetlibrary.h"
#include "texttable.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace tierlens {

int CliApp::validatePaper(const std::vector<std::string>& args)
{
    std::string format = "text";
    if (args.size() == 3 && args[1] == "--format")
        format = args[2];
    else if (args.size() != 1)
        return usage("validate-paper takes only [--format text|json]");
    if (format != "text" && format != "json")
        return usage("--format must be text or json, got \"" + format + "\"");

    const PaperRuns runs(PresetLibrary::builtin());
    const auto results = runPaperChecks(runs);
    int failed = 0;
    for (const auto& r : results)
        failed += r.pass ? 0 : 1;
    if (format == "json") {
        out_ << paperResultsToJson(results).dump(2) << "\n";
    } else {
        TextTable t({"Check", "Published", "Ours", "Difference", "Tolerance", "Result"});
        t.alignLeft(4);
        t.alignLeft(5);
        std::string notes;
        for (const auto& r : results) {
            const PaperCheck& c = *r.check;
            t.addRow({c.description, paperValueText(c, c.published), paperValueText(c, r.ours), paperDifferenceText(r),
                      paperToleranceText(c), r.pass ? "pass" : "FAIL"});
            if (!r.pass && !c.knownDeviation.empty())
                notes += "FAIL " + c.id + ": " + c.knownDeviation + "\n";
        }
        out_ << t.render() << "\n"
             << results.size() - std::size_t(failed) << " of " << results.size() << " checks pass\n"
             << notes;
    }
    return failed == 0 ? 0 : 1;
}

} // namespace tierlens
