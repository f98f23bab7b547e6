#include "core/study/scenariodiff.h"

#include "core/data/parampath.h"
#include "core/io/scenariojson.h"
#include "core/model/evaluator.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

namespace tierlens {

using nlohmann::json;

std::optional<double> DiffRow::ratio() const
{
    if (!numeric() || *a == 0)
        return std::nullopt;
    return *b / *a;
}

namespace {

// Every leaf of a scenario's JSON by its dotted path; list entries that have an "id" (tiers,
// links) are keyed by it, as ParamPath names them, other lists are kept whole as text.
void flatten(const json& j, const std::string& path, std::map<std::string, json>& out)
{
    if (j.is_object()) {
        for (const auto& [k, v] : j.items())
            flatten(v, path.empty() ? k : path + "." + k, out);
        return;
    }
    if (j.is_array() && !j.empty() && j.front().is_object() && j.front().contains("id")) {
        for (const auto& e : j)
            flatten(e, path + "." + e.value("id", std::string()), out);
        return;
    }
    out[path] = j;
}

std::string text(const json& j)
{
    return j.is_string() ? j.get<std::string>() : j.dump();
}

void addInputs(const Scenario& a, const Scenario& b, std::vector<DiffRow>& out)
{
    // Numbers first, through ParamPath, in the order it lists them (A's, then those only B has).
    std::vector<ParamInfo> params = parampath::list(a);
    std::set<std::string> numeric;
    for (const auto& p : params)
        numeric.insert(p.path);
    for (auto& p : parampath::list(b))
        if (numeric.insert(p.path).second)
            params.push_back(std::move(p));
    for (const auto& p : params) {
        const auto va = parampath::get(a, p.path), vb = parampath::get(b, p.path);
        if (va && vb && *va == *vb)
            continue;
        DiffRow r { p.path, std::string(p.unit), va, vb, va ? "" : "—", vb ? "" : "—" };
        out.push_back(std::move(r));
    }
    // Then whatever is not one of those numbers: ids, the expert tier, link paths, routing kind,
    // the latency rule, the batches shown. The scenario's own id and name say which file it is,
    // not what it models.
    std::map<std::string, json> fa, fb;
    flatten(toJson(a), "", fa);
    flatten(toJson(b), "", fb);
    std::set<std::string> keys;
    for (const auto& [k, v] : fa)
        keys.insert(k);
    for (const auto& [k, v] : fb)
        keys.insert(k);
    for (const auto& k : keys) {
        if (k == "id" || k == "name" || k == "schemaVersion" || k == "description" || numeric.contains(k))
            continue;
        const auto ia = fa.find(k), ib = fb.find(k);
        const bool hasA = ia != fa.end(), hasB = ib != fb.end();
        if (hasA && hasB && ia->second == ib->second)
            continue;
        DiffRow r;
        r.key = k;
        r.textA = hasA ? text(ia->second) : "—";
        r.textB = hasB ? text(ib->second) : "—";
        out.push_back(std::move(r));
    }
}

void addNumber(std::vector<DiffRow>& out, std::string key, std::string unit, double a, double b)
{
    if (a == b)
        return;
    out.push_back({ std::move(key), std::move(unit), a, b, "", "" });
}

void addOutputs(const Result& a, const Result& b, std::vector<DiffRow>& out)
{
    for (int i = 0; i < kEnergyPartCount; ++i)
        addNumber(out, "energy." + std::string(energyPartKey(EnergyPart(i))), "J/token", a.energyJPerToken[i],
            b.energyJPerToken[i]);
    addNumber(out, "energy.total", "J/token", a.totalEnergyJPerToken(), b.totalEnergyJPerToken());
    for (int i = 0; i < kLatencyPartCount; ++i)
        addNumber(out, "latency." + std::string(latencyPartKey(LatencyPart(i))), "ms", a.latencyS[i] * 1e3,
            b.latencyS[i] * 1e3);
    addNumber(out, "latency.total", "ms", a.totalLatencyS() * 1e3, b.totalLatencyS() * 1e3);
    addNumber(out, "batch", "", a.batch, b.batch);
    addNumber(out, "copy_ms", "ms", a.copyS * 1e3, b.copyS * 1e3);
    addNumber(out, "copy_hidden_ms", "ms", a.copyHiddenS * 1e3, b.copyHiddenS * 1e3);
    addNumber(out, "copied_bytes", "B", a.copiedBytes, b.copiedBytes);
    addNumber(
        out, "effective_hbm_bandwidth_gb_s", "GB/s", a.effectiveHbmBandwidthGBs, b.effectiveHbmBandwidthGBs);
    addNumber(out, "active_experts_per_layer", "", a.activeExpertsPerLayer, b.activeExpertsPerLayer);
    addNumber(
        out, "busiest_gpu_experts_per_layer", "", a.busiestGpuExpertsPerLayer, b.busiestGpuExpertsPerLayer);
    addNumber(out, "tokens_per_active_expert", "", a.tokensPerActiveExpert, b.tokensPerActiveExpert);
    std::set<std::string> ids;
    for (const auto& [id, v] : a.bytesPerStep)
        ids.insert(id);
    for (const auto& [id, v] : b.bytesPerStep)
        ids.insert(id);
    for (const auto& id : ids) {
        const auto ia = a.bytesPerStep.find(id), ib = b.bytesPerStep.find(id);
        addNumber(out, "bytes_per_step." + id, "B", ia == a.bytesPerStep.end() ? 0.0 : ia->second,
            ib == b.bytesPerStep.end() ? 0.0 : ib->second);
    }
}

} // namespace

ScenarioDiff diffScenarios(const Scenario& a, const Result& ra, const Scenario& b, const Result& rb)
{
    ScenarioDiff d;
    addInputs(a, b, d.inputs);
    addOutputs(ra, rb, d.outputs);
    return d;
}

ScenarioDiff diffScenarios(const Scenario& a, const Scenario& b)
{
    return diffScenarios(a, evaluate(a), b, evaluate(b));
}

} // namespace tierlens
