#include "core/io/scenariojson.h"

#include "core/io/jsonfields.h"

namespace tierlens {

using nlohmann::json;
using namespace jsonio;

namespace {

void readIdName(const json& j, std::string& id, std::string& name, std::string_view path, Problems& out)
{
    readString(j, "id", id, join(path, "id"), out);
    if (!readString(j, "name", name, join(path, "name"), out, false))
        name = id;
}

template <class S> json objectWithFields(const S& s)
{
    json j = json::object();
    writeFields(j, s, S::fields());
    return j;
}

template <class S> void readObject(const json& j, S& s, std::string_view path, Problems& out)
{
    if (!expectObject(j, std::string(path), out))
        return;
    readFields(j, s, S::fields(), path, out);
    reportUnknownKeys(j, S::fields(), {}, path, out);
}

template <class T>
void readList(const json& j, std::string_view key, std::vector<T>& v, std::string_view path, Problems& out)
{
    const std::string p = join(path, key);
    const auto it = j.find(key);
    if (it == j.end())
        return;
    if (!it->is_array()) {
        out.push_back({ p, "must be a list, got " + typeName(*it) });
        return;
    }
    v.clear();
    for (std::size_t i = 0; i < it->size(); ++i) {
        T item;
        fromJson((*it)[i], item, p + "[" + std::to_string(i) + "]", out);
        v.push_back(std::move(item));
    }
}

void readIntList(
    const json& j, std::string_view key, std::vector<int>& v, const std::string& p, Problems& out)
{
    const auto it = j.find(key);
    if (it == j.end())
        return;
    if (!it->is_array()) {
        out.push_back({ p, "must be a list of whole numbers, got " + typeName(*it) });
        return;
    }
    v.clear();
    for (std::size_t i = 0; i < it->size(); ++i) {
        double d = 0;
        const json wrap = { { "v", (*it)[i] } };
        if (readNumber(wrap, "v", d, true, p + "[" + std::to_string(i) + "]", out))
            v.push_back(static_cast<int>(d));
    }
}

// A flash tier's throughput curve: [{"chunk_bytes": 8192, "gb_s": 1.25}, ...], growing chunks.
void readChunkThroughput(const json& j, std::vector<ChunkThroughput>& v, const std::string& p, Problems& out)
{
    const auto it = j.find("chunk_throughput");
    if (it == j.end())
        return;
    if (!it->is_array()) {
        out.push_back({ p, "must be a list of {chunk_bytes, gb_s}, got " + typeName(*it) });
        return;
    }
    v.clear();
    for (std::size_t i = 0; i < it->size(); ++i) {
        const std::string ip = p + "[" + std::to_string(i) + "]";
        ChunkThroughput c;
        if (!expectObject((*it)[i], ip, out)
            || !readNumber((*it)[i], "chunk_bytes", c.chunkBytes, false, join(ip, "chunk_bytes"), out)
            || !readNumber((*it)[i], "gb_s", c.gbPerS, false, join(ip, "gb_s"), out))
            continue;
        if (c.chunkBytes <= 0 || c.gbPerS <= 0)
            out.push_back({ ip, "needs chunk_bytes > 0 and gb_s > 0" });
        else if (!v.empty() && c.chunkBytes <= v.back().chunkBytes)
            out.push_back({ join(ip, "chunk_bytes"), "must grow from one entry to the next" });
        else
            v.push_back(c);
    }
}

template <class S> std::string fieldList()
{
    std::string s;
    for (const auto& f : S::fields())
        s += (s.empty() ? "" : ", ") + std::string(f.key);
    return s;
}

template <class S> bool hasField(std::string_view key)
{
    return findField(S::fields(), key) != nullptr;
}

void writeSources(json& j, const SourceMap& sources)
{
    if (sources.empty())
        return;
    json& out = j["sources"];
    for (const auto& [key, p] : sources) {
        json e = { { "kind", Provenance::kindName(p.kind) }, { "cite", p.cite } };
        if (p.low)
            e["low"] = *p.low;
        if (p.high)
            e["high"] = *p.high;
        out[key] = std::move(e);
    }
}

// "sources": {"read_pj_per_bit": {"kind": "datasheet", "cite": "...", "low": 3.5, "high": 4.5},
// "*": {...}}. `known` says whether the object has a field; `fields` lists them for the message.
template <class Known>
void readSources(const json& j, SourceMap& sources, Known known, const std::string& fields,
    std::string_view what, std::string_view path, Problems& out)
{
    sources.clear();
    const auto it = j.find("sources");
    if (it == j.end())
        return;
    const std::string sp = join(path, "sources");
    if (!expectObject(*it, sp, out))
        return;
    for (auto e = it->begin(); e != it->end(); ++e) {
        const std::string& key = e.key();
        const std::string ep = sp + "." + key;
        if (key != kAnyFieldSource && !known(key)) {
            out.push_back({ ep,
                "is a source for a field " + std::string(what) + " does not have (its fields: " + fields
                    + "; \"*\" stands for all of them)" });
            continue;
        }
        if (!expectObject(*e, ep, out))
            continue;
        Provenance p;
        std::string kind;
        if (readString(*e, "kind", kind, join(ep, "kind"), out) && !Provenance::kindFromName(kind, p.kind))
            out.push_back(
                { join(ep, "kind"), "must be one of " + Provenance::kindList() + "; got \"" + kind + "\"" });
        readString(*e, "cite", p.cite, join(ep, "cite"), out);
        double v = 0;
        if (readNumber(*e, "low", v, false, join(ep, "low"), out, false))
            p.low = v;
        if (readNumber(*e, "high", v, false, join(ep, "high"), out, false))
            p.high = v;
        for (auto k = e->begin(); k != e->end(); ++k)
            if (k.key() != "kind" && k.key() != "cite" && k.key() != "low" && k.key() != "high")
                out.push_back(
                    { join(ep, k.key()), "is not a known field (a source has kind, cite, low, high)" });
        if (p.low.has_value() != p.high.has_value())
            out.push_back(
                { join(ep, p.low ? "high" : "low"), "is missing: a range needs both low and high" });
        else if (p.hasRange() && *p.low > *p.high)
            out.push_back({ join(ep, "low"),
                "is above high (" + e->at("low").dump() + " > " + e->at("high").dump() + ")" });
        if (key == kAnyFieldSource && (p.low || p.high))
            out.push_back({ ep,
                "cannot have a range: \"*\" speaks for fields of different units; "
                "give the range on the field itself" });
        sources[key] = std::move(p);
    }
}

} // namespace

json toJson(const GpuSpec& g)
{
    json j = { { "id", g.id }, { "name", g.name } };
    writeFields(j, g, GpuSpec::fields());
    writeSources(j, g.sources);
    return j;
}

void fromJson(const json& j, GpuSpec& g, std::string_view path, Problems& out)
{
    if (!expectObject(j, std::string(path), out))
        return;
    readIdName(j, g.id, g.name, path, out);
    readFields(j, g, GpuSpec::fields(), path, out);
    readSources(j, g.sources, hasField<GpuSpec>, fieldList<GpuSpec>(), "the GPU", path, out);
    reportUnknownKeys(j, GpuSpec::fields(), { "id", "name", "sources" }, path, out);
}

json toJson(const MemoryTier& t)
{
    json j = { { "id", t.id }, { "name", t.name }, { "kind", MemoryTier::kindName(t.kind) } };
    writeFields(j, t, MemoryTier::fields());
    // A tier that is no drive array keeps its JSON as it was: the drive fields stay out.
    if (!t.isArray())
        for (const char* k :
            { "drives", "drive_read_gb_s", "drive_read_power_w", "drive_idle_power_w", "gpus_per_array" })
            j.erase(k);
    writeSources(j, t.sources);
    for (const auto& c : t.chunkThroughput)
        j["chunk_throughput"].push_back({ { "chunk_bytes", c.chunkBytes }, { "gb_s", c.gbPerS } });
    return j;
}

void fromJson(const json& j, MemoryTier& t, std::string_view path, Problems& out)
{
    if (!expectObject(j, std::string(path), out))
        return;
    readIdName(j, t.id, t.name, path, out);
    std::string kind;
    if (readString(j, "kind", kind, join(path, "kind"), out) && !MemoryTier::kindFromName(kind, t.kind))
        out.push_back(
            { join(path, "kind"), "must be one of device, host_dram, flash, other; got \"" + kind + "\"" });
    // A tier is a drive array only when its own JSON says so, whatever `t` held before.
    const MemoryTier plain;
    t.drives = plain.drives;
    t.driveReadGBs = plain.driveReadGBs;
    t.driveReadPowerW = plain.driveReadPowerW;
    t.driveIdlePowerW = plain.driveIdlePowerW;
    t.gpusPerArray = plain.gpusPerArray;
    readFields(j, t, MemoryTier::fields(), path, out);
    // The read energy comes as a fixed pJ/bit, from the read power or from the drives; one of
    // them must be there.
    if (!j.contains("read_pj_per_bit") && !j.contains("read_power_w") && !t.isArray())
        out.push_back({ join(path, "read_pj_per_bit"),
            "is missing; give it, or read_power_w (W), or drives with drive_read_power_w" });
    if (t.isArray()) {
        for (const char* k : { "drive_read_gb_s", "drive_read_power_w" })
            if (!j.contains(k))
                out.push_back({ join(path, k), "is missing: a drive array (drives > 0) needs it" });
        // The drives set the bandwidth; bandwidth_gb_s may be left out and then says what they give.
        if (!j.contains("bandwidth_gb_s"))
            t.bandwidthGBs = t.readBandwidthGBs();
    } else if (!j.contains("bandwidth_gb_s"))
        out.push_back({ join(path, "bandwidth_gb_s"), "is missing (a number is required)" });
    readChunkThroughput(j, t.chunkThroughput, join(path, "chunk_throughput"), out);
    readSources(j, t.sources, hasField<MemoryTier>, fieldList<MemoryTier>(), "the tier", path, out);
    reportUnknownKeys(
        j, MemoryTier::fields(), { "id", "name", "kind", "chunk_throughput", "sources" }, path, out);
}

json toJson(const Interconnect& l)
{
    json j = { { "id", l.id }, { "name", l.name } };
    writeFields(j, l, Interconnect::fields());
    writeSources(j, l.sources);
    return j;
}

void fromJson(const json& j, Interconnect& l, std::string_view path, Problems& out)
{
    if (!expectObject(j, std::string(path), out))
        return;
    readIdName(j, l.id, l.name, path, out);
    readFields(j, l, Interconnect::fields(), path, out);
    readSources(j, l.sources, hasField<Interconnect>, fieldList<Interconnect>(), "the link", path, out);
    reportUnknownKeys(j, Interconnect::fields(), { "id", "name", "sources" }, path, out);
}

json toJson(const ModelSpec& m)
{
    json j = { { "id", m.id }, { "name", m.name },
        { "ffn_kind", m.ffnKind == ModelSpec::FfnKind::SwiGlu ? "swiglu" : "mlp" } };
    writeFields(j, m, ModelSpec::fields());
    j["moe"] = m.moe ? objectWithFields(*m.moe) : json(nullptr);
    j["mla"] = m.mla ? objectWithFields(*m.mla) : json(nullptr);
    // Written only when some class has a type, so models without one keep their files unchanged.
    if (m.precision.any()) {
        json p = json::object();
        for (int i = 0; i < kWeightClassCount; ++i)
            if (const auto t = m.precision.of(static_cast<WeightClass>(i)))
                p[std::string(weightClassKey(static_cast<WeightClass>(i)))] = dataTypeName(*t);
        j["precision"] = p;
    }
    writeSources(j, m.sources);
    return j;
}

namespace {
// "precision": {"experts": "fp8", …}; every key optional, an absent class follows bytes_per_param.
void readPrecision(const json& j, ModelPrecision& p, const std::string& path, Problems& out)
{
    p = {};
    if (!expectObject(j, path, out))
        return;
    for (auto it = j.begin(); it != j.end(); ++it) {
        int found = -1;
        for (int i = 0; i < kWeightClassCount; ++i)
            if (weightClassKey(static_cast<WeightClass>(i)) == it.key())
                found = i;
        const std::string at = join(path, it.key());
        if (found < 0) {
            out.push_back({ at,
                "is not a weight class (expected \"experts\", \"dense\", \"embeddings\" or "
                "\"kv_cache\")" });
            continue;
        }
        if (it->is_null())
            continue;
        if (!it->is_string()) {
            out.push_back(
                { at, "must be a string naming a data type (\"bf16\", \"fp8\"), got " + typeName(*it) });
            continue;
        }
        const std::string name = it->get<std::string>();
        if (const auto t = dataTypeFromName(name))
            p.set(static_cast<WeightClass>(found), *t);
        else
            out.push_back({ at, unknownDataTypeMessage(name) });
    }
}
} // namespace

void fromJson(const json& j, ModelSpec& m, std::string_view path, Problems& out)
{
    if (!expectObject(j, std::string(path), out))
        return;
    readIdName(j, m.id, m.name, path, out);
    readFields(j, m, ModelSpec::fields(), path, out);
    std::string kind = "swiglu";
    readString(j, "ffn_kind", kind, join(path, "ffn_kind"), out, false);
    if (kind == "swiglu")
        m.ffnKind = ModelSpec::FfnKind::SwiGlu;
    else if (kind == "mlp")
        m.ffnKind = ModelSpec::FfnKind::Mlp;
    else
        out.push_back({ join(path, "ffn_kind"), "must be \"swiglu\" or \"mlp\", got \"" + kind + "\"" });
    m.moe.reset();
    m.mla.reset();
    if (auto it = j.find("moe"); it != j.end() && !it->is_null()) {
        m.moe.emplace();
        readObject(*it, *m.moe, join(path, "moe"), out);
    }
    if (auto it = j.find("mla"); it != j.end() && !it->is_null()) {
        m.mla.emplace();
        readObject(*it, *m.mla, join(path, "mla"), out);
    }
    m.precision = {};
    if (auto it = j.find("precision"); it != j.end() && !it->is_null())
        readPrecision(*it, m.precision, join(path, "precision"), out);
    // A model's sources name its MoE and MLA fields "moe.<key>" and "mla.<key>".
    const auto modelHas = [&m](std::string_view key) {
        if (key.substr(0, 4) == "moe.")
            return m.moe.has_value() && hasField<MoeSpec>(key.substr(4));
        if (key.substr(0, 4) == "mla.")
            return m.mla.has_value() && hasField<MlaSpec>(key.substr(4));
        return hasField<ModelSpec>(key);
    };
    std::string fields = fieldList<ModelSpec>();
    if (m.moe)
        for (const auto& f : MoeSpec::fields())
            fields += ", moe." + std::string(f.key);
    if (m.mla)
        for (const auto& f : MlaSpec::fields())
            fields += ", mla." + std::string(f.key);
    readSources(j, m.sources, modelHas, fields, "the model", path, out);
    // "params": the counts import-model writes next to the model for people to check against a
    // model card; derived from the fields above, so nothing is read from it.
    reportUnknownKeys(j, ModelSpec::fields(),
        { "id", "name", "ffn_kind", "moe", "mla", "precision", "params", "sources" }, path, out);
}

json toJson(const Scenario& s)
{
    json j;
    j["schemaVersion"] = Scenario::kSchemaVersion;
    j["id"] = s.id;
    j["name"] = s.name;
    j["gpu"] = toJson(s.gpu);
    j["cluster"] = objectWithFields(s.cluster);
    j["cluster"]["intra_link"] = s.cluster.intraLink;
    j["cluster"]["inter_link"] = s.cluster.interLink;
    j["tiers"] = json::array();
    for (const auto& t : s.tiers)
        j["tiers"].push_back(toJson(t));
    j["links"] = json::array();
    for (const auto& l : s.links)
        j["links"].push_back(toJson(l));
    j["model"] = toJson(s.model);
    j["parallelism"] = objectWithFields(s.parallelism);
    j["placement"] = toJson(s.placement);
    j["workload"] = objectWithFields(s.workload);
    j["workload"]["batches"] = s.workload.batches;
    j["workload"]["routing"] = toJson(s.workload.routing);
    j["options"] = {
        { "latency_rule", s.options.latencyRule == Options::LatencyRule::Overlap ? "overlap" : "copy_only" },
        { "copy_steals_hbm_bandwidth", s.options.copyStealsHbmBandwidth },
        { "hbm_contention",
            s.options.hbmContention == Options::HbmContention::CopyTraffic ? "copy_traffic"
                                                                           : "link_bandwidth" },
        { "busiest_gpu", s.options.busiestGpu == BusiestGpuModel::Binomial ? "binomial" : "hypergeometric" }
    };
    if (s.flash != FlashOffload {}) {
        j["flash_offload"] = objectWithFields(s.flash);
        j["flash_offload"]["tier"] = s.flash.tier;
    }
    if (s.cost != CostSpec {})
        j["cost"] = objectWithFields(s.cost);
    return j;
}

void fromJson(const json& j, Scenario& s, std::string_view path, Problems& out)
{
    if (!expectObject(j, std::string(path), out))
        return;
    double version = 0;
    if (readNumber(j, "schemaVersion", version, true, join(path, "schemaVersion"), out)
        && version > Scenario::kSchemaVersion)
        out.push_back({ join(path, "schemaVersion"),
            "is " + std::to_string(int(version)) + "; this version of Tierlens reads up to "
                + std::to_string(Scenario::kSchemaVersion) });
    readString(j, "id", s.id, join(path, "id"), out, false);
    if (!readString(j, "name", s.name, join(path, "name"), out, false))
        s.name = s.id;

    auto section = [&](std::string_view key) -> const json* {
        const auto it = j.find(key);
        if (it == j.end()) {
            out.push_back({ join(path, key), "is missing" });
            return nullptr;
        }
        return expectObject(*it, join(path, key), out) ? &*it : nullptr;
    };
    if (auto* g = section("gpu"))
        fromJson(*g, s.gpu, join(path, "gpu"), out);
    if (auto* c = section("cluster")) {
        const std::string p = join(path, "cluster");
        readFields(*c, s.cluster, Cluster::fields(), p, out);
        readString(*c, "intra_link", s.cluster.intraLink, join(p, "intra_link"), out);
        readString(*c, "inter_link", s.cluster.interLink, join(p, "inter_link"), out);
        reportUnknownKeys(*c, Cluster::fields(), { "intra_link", "inter_link" }, p, out);
    }
    readList(j, "tiers", s.tiers, path, out);
    readList(j, "links", s.links, path, out);
    if (auto* m = section("model"))
        fromJson(*m, s.model, join(path, "model"), out);
    if (auto* p = section("parallelism"))
        readObject(*p, s.parallelism, join(path, "parallelism"), out);
    if (auto* p = section("placement"))
        fromJson(*p, s.placement, join(path, "placement"), out);
    if (auto* w = section("workload")) {
        const std::string wp = join(path, "workload");
        readFields(*w, s.workload, Workload::fields(), wp, out);
        readIntList(*w, "batches", s.workload.batches, join(wp, "batches"), out);
        if (auto it = w->find("routing"); it != w->end())
            fromJson(*it, s.workload.routing, join(wp, "routing"), out);
        reportUnknownKeys(*w, Workload::fields(), { "batches", "routing" }, wp, out);
    }
    if (auto it = j.find("options"); it != j.end() && expectObject(*it, join(path, "options"), out)) {
        const std::string op = join(path, "options");
        std::string rule = "overlap";
        readString(*it, "latency_rule", rule, join(op, "latency_rule"), out, false);
        if (rule == "overlap")
            s.options.latencyRule = Options::LatencyRule::Overlap;
        else if (rule == "copy_only")
            s.options.latencyRule = Options::LatencyRule::CopyOnly;
        else
            out.push_back(
                { join(op, "latency_rule"), "must be \"overlap\" or \"copy_only\", got \"" + rule + "\"" });
        readBool(*it, "copy_steals_hbm_bandwidth", s.options.copyStealsHbmBandwidth,
            join(op, "copy_steals_hbm_bandwidth"), out);
        std::string contention = "copy_traffic";
        readString(*it, "hbm_contention", contention, join(op, "hbm_contention"), out, false);
        if (contention == "copy_traffic")
            s.options.hbmContention = Options::HbmContention::CopyTraffic;
        else if (contention == "link_bandwidth")
            s.options.hbmContention = Options::HbmContention::LinkBandwidth;
        else
            out.push_back({ join(op, "hbm_contention"),
                "must be \"copy_traffic\" or \"link_bandwidth\", got \"" + contention + "\"" });
        std::string busiest = "hypergeometric";
        readString(*it, "busiest_gpu", busiest, join(op, "busiest_gpu"), out, false);
        if (busiest == "hypergeometric")
            s.options.busiestGpu = BusiestGpuModel::Hypergeometric;
        else if (busiest == "binomial")
            s.options.busiestGpu = BusiestGpuModel::Binomial;
        else
            out.push_back({ join(op, "busiest_gpu"),
                "must be \"hypergeometric\" or \"binomial\", got \"" + busiest + "\"" });
    }
    if (auto it = j.find("flash_offload");
        it != j.end() && expectObject(*it, join(path, "flash_offload"), out)) {
        const std::string fp = join(path, "flash_offload");
        readString(*it, "tier", s.flash.tier, join(fp, "tier"), out, false);
        readFields(*it, s.flash, FlashOffload::fields(), fp, out);
        reportUnknownKeys(*it, FlashOffload::fields(), { "tier" }, fp, out);
    }
    if (auto it = j.find("cost"); it != j.end())
        readObject(*it, s.cost, join(path, "cost"), out);
    reportUnknownKeys(j, std::span<const FieldSpec<Scenario>> {},
        { "schemaVersion", "id", "name", "gpu", "cluster", "tiers", "links", "model", "parallelism",
            "placement", "workload", "options", "flash_offload", "cost" },
        path, out);
}

} // namespace tierlens
