// tierlens-cli validate-paper: the validation gallery in the terminal.
#include "cli/cliapp.h"

#include "cli/cliargs.h"
#include "cli/texttable.h"
#include "core/io/presetlibrary.h"
#include "core/study/papercheck.h"

#include <nlohmann/json.hpp>

#include <ostream>

namespace tierlens {

int CliApp::validatePaper(const cli::CliArgs& args)
{
    const std::string format = args.text("format");

    const PaperRuns runs(PresetLibrary::builtin());
    const auto results = runPaperChecks(runs);
    int failed = 0, deviations = 0;
    for (const auto& r : results) {
        failed += r.failed() ? 1 : 0;
        deviations += r.status == PaperStatus::Deviation ? 1 : 0;
    }
    if (format == "json") {
        out_ << paperResultsToJson(results).dump(2) << "\n";
    } else {
        TextTable t({ "Check", "Published", "Ours", "Difference", "Tolerance", "Result" });
        t.alignLeft(4);
        t.alignLeft(5);
        std::string notes;
        for (const auto& r : results) {
            const PaperCheck& c = *r.check;
            t.addRow({ c.description, paperValueText(c, c.published), paperValueText(c, r.ours),
                paperDifferenceText(r), paperToleranceText(c),
                r.failed() ? "FAIL" : std::string(paperStatusName(r.status)) });
            // A deviation's reason is what makes it one; a failure beyond its documented bound keeps it too.
            if (!r.pass() && c.knownDeviation.documented())
                notes += (r.failed() ? "FAIL " : "deviation ") + c.id + ": " + c.knownDeviation.reason + "\n";
        }
        out_ << t.render() << "\n"
             << results.size() - std::size_t(failed + deviations) << " of " << results.size()
             << " checks pass, " << deviations
             << (deviations == 1 ? " documented deviation, " : " documented deviations, ") << failed
             << (failed == 1 ? " fails\n" : " fail\n") << notes;
    }
    return failed == 0 ? 0 : 1;
}

} // namespace tierlens
