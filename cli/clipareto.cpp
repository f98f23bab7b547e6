// A Pareto study's numbers as JSON, CSV and a terminal table (tierlens-cli study).
#include "cli/cliapp.h"
#include "cli/cliformat.h"
#include "cli/texttable.h"
#include "core/io/csvwriter.h"

#include <algorithm>
#include <cmath>
#include <ostream>

namespace tierlens {

using nlohmann::json;

namespace {

// Which case and placement a point belongs to, then each axis by its ParamPath.
json paramsJson(const Study& st, const ParetoSettings& s)
{
    const StudySeries& series = st.series.at(s.series);
    json p = { { "case", series.model }, { "placement", series.placement } };
    for (std::size_t a = 0; a < st.axes.size(); ++a)
        p[st.axes[a].path] = s.values[a];
    return p;
}

} // namespace

json paretoResultToJson(const ParetoResult& r)
{
    const Study& st = *r.study;
    json j = { { "study", st.id }, { "kind", studyKindName(st.kind) }, { "points", json::array() } };
    for (std::size_t i = 0; i < r.points.size(); ++i)
        j["points"].push_back({ { "params", paramsJson(st, paretoSettings(st, i)) },
            { std::string(paretoObjective(st).key), r.points[i].value },
            { "latency_ms", r.points[i].latencyMs }, { "fits", r.fits[i] != 0 } });
    j["front"] = r.front;
    j["slo_ms"] = r.sloMs ? json(*r.sloMs) : json(nullptr);
    j["best_under_slo"] = r.bestUnderSlo ? json(*r.bestUnderSlo) : json(nullptr);
    return j;
}

std::string paretoResultToCsv(const ParetoResult& r)
{
    const Study& st = *r.study;
    std::vector<std::string> header { "study", "point", "case", "placement" };
    for (const auto& a : st.axes)
        header.push_back(a.path);
    for (std::string_view h : { paretoObjective(st).key, std::string_view("latency_ms"),
             std::string_view("fits"), std::string_view("on_front"), std::string_view("best_under_slo") })
        header.emplace_back(h);
    std::vector<char> onFront(r.points.size(), 0);
    for (std::size_t i : r.front)
        onFront[i] = 1;
    CsvWriter csv(header);
    for (std::size_t i = 0; i < r.points.size(); ++i) {
        const ParetoSettings s = paretoSettings(st, i);
        std::vector<std::string> row { st.id, std::to_string(i), st.series[s.series].model,
            st.series[s.series].placement };
        for (double v : s.values)
            row.push_back(CsvWriter::number(v));
        row.push_back(CsvWriter::number(r.points[i].value));
        row.push_back(CsvWriter::number(r.points[i].latencyMs));
        row.push_back(r.fits[i] ? "1" : "0");
        row.push_back(onFront[i] ? "1" : "0");
        row.push_back(r.bestUnderSlo == i ? "1" : "0");
        csv.addRow(row);
    }
    return csv.text();
}

std::string formatParetoTable(const ParetoResult& r)
{
    const Study& st = *r.study;
    // Every point would bury the answer; the table is the front, the CSV and JSON have them all.
    std::vector<std::string> header { "#", "case", "placement" };
    for (const auto& a : st.axes)
        header.push_back(a.label);
    header.emplace_back(paretoObjective(st).unit);
    header.push_back("ms");
    header.push_back("");
    TextTable t(header);
    t.alignLeft(1);
    t.alignLeft(2);
    t.alignLeft(header.size() - 1);
    // Designs that tie exactly (an axis the placement never reads, such as the SSD's pJ/bit with
    // the experts in HBM) are all on the front; the table shows the first of each and counts them.
    for (std::size_t k = 0; k < r.front.size();) {
        const std::size_t i = r.front[k];
        std::size_t same = 1;
        bool best = r.bestUnderSlo == i;
        while (k + same < r.front.size() && r.points[r.front[k + same]].value == r.points[i].value
            && r.points[r.front[k + same]].latencyMs == r.points[i].latencyMs) {
            best = best || r.bestUnderSlo == r.front[k + same];
            ++same;
        }
        k += same;
        const ParetoSettings s = paretoSettings(st, i);
        std::vector<std::string> row { std::to_string(i), st.series[s.series].model,
            st.series[s.series].placement };
        for (double v : s.values)
            row.push_back(CsvWriter::number(v));
        row.push_back(TextTable::fixed(r.points[i].value, 4));
        row.push_back(TextTable::fixed(r.points[i].latencyMs, 3));
        std::string note = same > 1 ? "and " + std::to_string(same - 1) + " tied" : "";
        if (best)
            note += std::string(note.empty() ? "" : "; ") + "best under SLO";
        row.push_back(note);
        t.addRow(row);
    }
    const auto unfit = std::count(r.fits.begin(), r.fits.end(), 0);
    std::string out = st.name + "\n" + std::to_string(r.points.size()) + " design points"
        + (unfit > 0 ? " (" + std::to_string(unfit) + (unfit == 1 ? " does" : " do")
                    + " not fit memory: left off the front)"
                     : std::string())
        + "; " + std::to_string(r.front.size()) + " on the Pareto front ("
        + std::string(paretoObjective(st).name) + " vs step latency)\n";
    if (r.sloMs) {
        out += "Latency SLO: " + CsvWriter::number(*r.sloMs) + " ms; ";
        if (r.bestUnderSlo) {
            const std::size_t b = *r.bestUnderSlo;
            out += "best under it: point " + std::to_string(b) + " ("
                + st.series[paretoSettings(st, b).series].placement + "), "
                + TextTable::fixed(r.points[b].value, 4) + " " + std::string(paretoObjective(st).unit)
                + " at " + TextTable::fixed(r.points[b].latencyMs, 3) + " ms\n";
        } else {
            // Say why: a fast design may exist that cannot be built.
            bool fastButUnfit = false;
            for (std::size_t i = 0; i < r.points.size() && !fastButUnfit; ++i)
                fastButUnfit = !r.fits[i] && r.points[i].latencyMs <= *r.sloMs;
            out += fastButUnfit ? "no design that fits memory meets it\n" : "no point meets it\n";
        }
    }
    return out + "\n" + t.render();
}

int CliApp::paretoStudy(const Study& study, const std::string& format)
{
    const ParetoResult r = runParetoStudy(study);
    for (std::size_t i = 0; i < r.points.size(); ++i)
        if (!std::isfinite(r.points[i].value) || !std::isfinite(r.points[i].latencyMs)) {
            err_ << "tierlens-cli: " << study.id << ": point " << i << " "
                 << paramsJson(study, paretoSettings(study, i)).dump() << " gives a non-finite "
                 << paretoObjective(study).name << " or latency\n";
            return 1;
        }
    return printAs(
        format, [&] { return paretoResultToJson(r); }, [&] { return paretoResultToCsv(r); },
        [&] { return formatParetoTable(r); });
}

} // namespace tierlens
