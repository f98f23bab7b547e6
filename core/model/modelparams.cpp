#include "core/model/modelparams.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace tierlens {

namespace {

std::size_t idx(ParamClass c)
{
    return static_cast<std::size_t>(c);
}

// Q, K, V and output projections of one layer.
double attentionPerLayer(const ModelSpec& m)
{
    const double h = m.hidden;
    if (m.mla) {
        // MLA: queries through a low-rank down- and up-projection; keys and values through a
        // shared latent (plus the rotary key), expanded per head; output from the value heads.
        const MlaSpec& a = *m.mla;
        const double heads = m.heads;
        const double qDown = h * a.qLoraRank;
        const double qUp = double(a.qLoraRank) * heads * (a.qkNopeHeadDim + a.qkRopeHeadDim);
        const double kvDown = h * (a.kvLoraRank + a.qkRopeHeadDim);
        const double kvUp = double(a.kvLoraRank) * heads * (a.qkNopeHeadDim + a.vHeadDim);
        const double out = heads * a.vHeadDim * h;
        return qDown + qUp + kvDown + kvUp + out;
    }
    const double qkv = h * m.headDim * (double(m.heads) + 2.0 * m.kvHeads);
    const double out = double(m.heads) * m.headDim * h;
    return qkv + out;
}

} // namespace

double ModelParams::totalParams() const
{
    return std::accumulate(total.begin(), total.end(), 0.0);
}
double ModelParams::activePerToken() const
{
    return std::accumulate(active.begin(), active.end(), 0.0);
}
double ModelParams::totalBytes() const
{
    double bytes = 0;
    for (std::size_t i = 0; i < total.size(); ++i)
        bytes += total[i] * bytesPer[i];
    return bytes;
}
double ModelParams::activeBytes() const
{
    double bytes = 0;
    for (std::size_t i = 0; i < active.size(); ++i)
        bytes += active[i] * bytesPer[i];
    return bytes;
}

WeightClass weightClassOf(ParamClass c)
{
    switch (c) {
    case ParamClass::RoutedExperts:
        return WeightClass::Experts;
    case ParamClass::Embeddings:
    case ParamClass::LmHead:
        return WeightClass::Embeddings;
    case ParamClass::Attention:
    case ParamClass::DenseFfn:
    case ParamClass::SharedExperts:
    case ParamClass::Router:
    case ParamClass::Count:
        break;
    }
    return WeightClass::Dense;
}

ModelParams countModelParams(const ModelSpec& m)
{
    ModelParams p;
    p.bytesPerParam = m.bytesPerParam;
    for (int i = 0; i < kParamClassCount; ++i)
        p.bytesPer[idx(ParamClass(i))] = m.bytesOf(weightClassOf(ParamClass(i)));
    const double h = m.hidden;
    const int moeLayers = m.moeLayerCount();
    const int denseLayers = m.denseLayerCount();
    const double matrices = m.ffnMatrices();

    p.total[idx(ParamClass::Attention)] = m.layers * attentionPerLayer(m);
    p.total[idx(ParamClass::DenseFfn)] = denseLayers * matrices * h * m.ffnDim;
    p.total[idx(ParamClass::Embeddings)] = double(m.vocab) * h;
    p.total[idx(ParamClass::LmHead)] = double(m.vocab) * h;
    double activeRouted = 0;
    if (m.moe && moeLayers > 0) {
        const MoeSpec& e = *m.moe;
        const double expert = matrices * h * e.expertFfnDim;
        p.total[idx(ParamClass::SharedExperts)] = double(moeLayers) * e.sharedExperts * expert;
        p.total[idx(ParamClass::RoutedExperts)] = double(moeLayers) * e.experts * expert;
        p.total[idx(ParamClass::Router)] = double(moeLayers) * h * e.experts;
        activeRouted = double(moeLayers) * std::min(e.topK, e.experts) * expert;
    }
    p.active = p.total;
    p.active[idx(ParamClass::RoutedExperts)] = activeRouted;
    return p;
}

std::string_view paramClassKey(ParamClass c)
{
    switch (c) {
    case ParamClass::Attention:
        return "attention";
    case ParamClass::DenseFfn:
        return "dense_ffn";
    case ParamClass::SharedExperts:
        return "shared_experts";
    case ParamClass::RoutedExperts:
        return "routed_experts";
    case ParamClass::Router:
        return "router";
    case ParamClass::Embeddings:
        return "embeddings";
    case ParamClass::LmHead:
        return "lm_head";
    case ParamClass::Count:
        break;
    }
    return "";
}

std::string_view paramClassLabel(ParamClass c)
{
    switch (c) {
    case ParamClass::Attention:
        return "Attention";
    case ParamClass::DenseFfn:
        return "Dense FFN";
    case ParamClass::SharedExperts:
        return "Shared experts";
    case ParamClass::RoutedExperts:
        return "Routed experts";
    case ParamClass::Router:
        return "Router";
    case ParamClass::Embeddings:
        return "Embeddings";
    case ParamClass::LmHead:
        return "LM head";
    case ParamClass::Count:
        break;
    }
    return "";
}

namespace {

std::string scaled(double v, const char* const units[], int n)
{
    int i = 0;
    while (i + 1 < n && std::fabs(v) >= 1000) {
        v /= 1000;
        ++i;
    }
    char buf[48];
    std::snprintf(buf, sizeof buf, i == 0 ? "%.0f %s" : "%.4g %s", v, units[i]);
    return buf;
}

} // namespace

std::string paramCountText(double params)
{
    static const char* const units[] = { "", "K", "M", "B", "T" };
    std::string s = scaled(params, units, 5);
    if (s.back() == ' ')
        s.pop_back();
    return s;
}

std::string paramBytesText(double bytes)
{
    static const char* const units[] = { "B", "kB", "MB", "GB", "TB", "PB" };
    return scaled(bytes, units, 6);
}

nlohmann::json modelParamsToJson(const ModelParams& p)
{
    nlohmann::json byClass = nlohmann::json::object();
    for (int i = 0; i < kParamClassCount; ++i) {
        const auto c = static_cast<ParamClass>(i);
        byClass[std::string(paramClassKey(c))]
            = { { "total", p.of(c) }, { "active_per_token", p.activeOf(c) },
                  { "bytes", p.of(c) * p.bytesOf(c) }, { "active_bytes", p.activeOf(c) * p.bytesOf(c) } };
    }
    return { { "total", p.totalParams() }, { "active_per_token", p.activePerToken() },
        { "bytes_per_param", p.bytesPerParam }, { "total_bytes", p.totalBytes() },
        { "active_bytes_per_token", p.activeBytes() }, { "by_class", byClass } };
}

std::vector<ModelParamsRow> modelParamsRows(const ModelParams& p)
{
    std::vector<ModelParamsRow> rows;
    const auto row
        = [&](std::string_view label, double total, double totalBytes, double active, double activeBytes) {
              rows.push_back({ std::string(label), paramCountText(total), paramBytesText(totalBytes),
                  paramCountText(active), paramBytesText(activeBytes) });
          };
    for (int i = 0; i < kParamClassCount; ++i) {
        const auto c = static_cast<ParamClass>(i);
        if (p.of(c) > 0)
            row(paramClassLabel(c), p.of(c), p.of(c) * p.bytesOf(c), p.activeOf(c),
                p.activeOf(c) * p.bytesOf(c));
    }
    row("Total", p.totalParams(), p.totalBytes(), p.activePerToken(), p.activeBytes());
    return rows;
}

std::string modelParamsText(const ModelParams& p)
{
    char line[160];
    std::snprintf(line, sizeof line, "%-16s %10s %11s %17s %11s\n", "Parameters", "total", "bytes",
        "active per token", "bytes");
    std::string out = line;
    for (const auto& r : modelParamsRows(p)) {
        std::snprintf(line, sizeof line, "%-16s %10s %11s %17s %11s\n", r.label.c_str(), r.total.c_str(),
            r.totalBytes.c_str(), r.active.c_str(), r.activeBytes.c_str());
        out += line;
    }
    return out;
}

} // namespace tierlens
