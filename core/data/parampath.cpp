#include "core/data/parampath.h"

#include "core/data/dottedpath.h"

#include <cmath>

namespace tierlens {

double ParamRef::get() const
{
    return std::visit([](auto* p) { return static_cast<double>(*p); }, target);
}

void ParamRef::set(double v) const
{
    std::visit([v](auto* p) { *p = static_cast<std::remove_pointer_t<decltype(p)>>(v); }, target);
}

namespace parampath {

namespace {

template <class S> ParamInfo infoOf(const FieldSpec<S>& f, std::string path)
{
    return { std::move(path), f.unit, f.help, f.min, f.minExclusive, f.max, fieldIsInteger(f) };
}

template <class S>
std::optional<ParamRef> field(S& s, std::string_view prefix, std::string_view key, std::string* error)
{
    const auto* f = findField(S::fields(), key);
    if (!f) {
        if (error) {
            *error = "\"" + std::string(prefix) + "\" has no number \"" + std::string(key) + "\"; it has:";
            for (const auto& g : S::fields())
                *error += " " + std::string(g.key);
        }
        return std::nullopt;
    }
    ParamRef r { std::visit([&](auto m) -> std::variant<double*, int*> { return &(s.*m); }, f->member),
        infoOf(*f, std::string(prefix) + "." + std::string(key)) };
    return r;
}

template <class S> void listFields(const S& s, const std::string& prefix, std::vector<ParamInfo>& out)
{
    (void)s;
    for (const auto& f : S::fields())
        out.push_back(infoOf(f, prefix + "." + std::string(f.key)));
}

std::optional<ParamRef> fail(std::string* error, std::string message)
{
    if (error)
        *error = std::move(message);
    return std::nullopt;
}

template <class V>
std::optional<ParamRef> byId(
    V& items, const std::vector<std::string_view>& p, std::string_view what, std::string* error)
{
    if (p.size() != 3)
        return fail(error, std::string(p[0]) + " paths look like " + std::string(p[0]) + ".<id>.<field>");
    for (auto& item : items)
        if (item.id == p[1])
            return field(item, std::string(p[0]) + "." + item.id, p[2], error);
    return fail(error, "no " + std::string(what) + " with id \"" + std::string(p[1]) + "\"");
}

} // namespace

std::optional<ParamRef> resolve(Scenario& s, std::string_view path, std::string* error)
{
    const auto p = splitDottedPath(path);
    const std::string_view head = p[0];
    if (p.size() == 2) {
        if (head == "gpu")
            return field(s.gpu, head, p[1], error);
        if (head == "cluster")
            return field(s.cluster, head, p[1], error);
        if (head == "parallelism")
            return field(s.parallelism, head, p[1], error);
        if (head == "workload")
            return field(s.workload, head, p[1], error);
        if (head == "model")
            return field(s.model, head, p[1], error);
        if (head == "flash_offload")
            return field(s.flash, head, p[1], error);
        if (head == "cost")
            return field(s.cost, head, p[1], error);
    }
    if (head == "model" && p.size() == 3) {
        if (p[1] == "moe") {
            if (!s.model.moe)
                return fail(error, "model.moe does not exist: the model is dense");
            return field(*s.model.moe, "model.moe", p[2], error);
        }
        if (p[1] == "mla") {
            if (!s.model.mla)
                return fail(error, "model.mla does not exist: the model has no latent attention");
            return field(*s.model.mla, "model.mla", p[2], error);
        }
    }
    if (head == "placement" && p.size() == 3 && p[1] == "cache")
        return field(s.placement.cache, "placement.cache", p[2], error);
    if (head == "placement" && p.size() == 3 && p[1] == "kv_cache")
        return field(s.placement.kvCache, "placement.kv_cache", p[2], error);
    if (head == "workload" && p.size() == 3 && p[1] == "routing")
        return field(s.workload.routing, "workload.routing", p[2], error);
    if (head == "tiers")
        return byId(s.tiers, p, "tier", error);
    if (head == "links")
        return byId(s.links, p, "link", error);
    return fail(error,
        "unknown parameter path \"" + std::string(path)
            + "\" (it starts with gpu, cluster, parallelism, workload, model, placement.cache, "
              "tiers, links, flash_offload or cost)");
}

std::optional<double> get(const Scenario& s, std::string_view path, std::string* error)
{
    // resolve() hands out mutable pointers; reading through them leaves s untouched.
    auto r = resolve(const_cast<Scenario&>(s), path, error);
    if (!r)
        return std::nullopt;
    return r->get();
}

bool set(Scenario& s, std::string_view path, double value, std::string* error)
{
    auto r = resolve(s, path, error);
    if (!r)
        return false;
    if (!std::isfinite(value)) {
        if (error)
            *error = std::string(path) + " must be a finite number";
        return false;
    }
    if (r->info.integer && (value != std::floor(value) || std::fabs(value) > 2147483647.0)) {
        if (error)
            *error = std::string(path) + " must be a whole number";
        return false;
    }
    r->set(value);
    return true;
}

std::vector<ParamInfo> list(const Scenario& s)
{
    std::vector<ParamInfo> out;
    listFields(s.gpu, "gpu", out);
    listFields(s.cluster, "cluster", out);
    for (const auto& t : s.tiers)
        listFields(t, "tiers." + t.id, out);
    for (const auto& l : s.links)
        listFields(l, "links." + l.id, out);
    listFields(s.model, "model", out);
    if (s.model.moe)
        listFields(*s.model.moe, "model.moe", out);
    if (s.model.mla)
        listFields(*s.model.mla, "model.mla", out);
    listFields(s.parallelism, "parallelism", out);
    listFields(s.workload, "workload", out);
    listFields(s.flash, "flash_offload", out);
    listFields(s.workload.routing, "workload.routing", out);
    listFields(s.placement.cache, "placement.cache", out);
    listFields(s.cost, "cost", out);
    listFields(s.placement.kvCache, "placement.kv_cache", out);
    return out;
}

} // namespace parampath

std::vector<std::string_view> splitDottedPath(std::string_view path)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start <= path.size()) {
        const std::size_t dot = path.find('.', start);
        const std::size_t end = dot == std::string_view::npos ? path.size() : dot;
        parts.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

} // namespace tierlens
