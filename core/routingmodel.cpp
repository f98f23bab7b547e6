#include "routingmodel.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

namespace tierlens {

RoutingModel::RoutingModel(const Routing& routing, int experts)
    : experts_(std::max(0, experts))
{
    if (experts_ == 0)
        return;
    if (routing.kind == Routing::Kind::Zipf) {
        std::vector<double> p(experts_);
        for (int i = 0; i < experts_; ++i)
            p[i] = 1.0 / std::pow(i + 1.0, routing.zipfExponent);
        popularity_.push_back(std::move(p));
    } else if (routing.kind == Routing::Kind::Trace) {
        // Ids beyond the model's experts are the validator's to report; here they are ignored.
        for (const auto& counts : routing.layerCounts) {
            std::vector<double> p(experts_, 0.0);
            for (int i = 0; i < experts_ && i < static_cast<int>(counts.size()); ++i)
                p[i] = std::max(0.0, counts[i]);
            if (std::accumulate(p.begin(), p.end(), 0.0) > 0)
                popularity_.push_back(std::move(p));
        }
    }
    for (auto& p : popularity_) {
        const double sum = std::accumulate(p.begin(), p.end(), 0.0);
        for (double& v : p)
            v /= sum;
    }
    uniform_ = popularity_.empty();
}

RoutingStats RoutingModel::stats(int topK, double batch, int gpus, BusiestGpuModel model) const
{
    if (uniform_ || topK <= 0 || batch <= 0 || gpus <= 0)
        return RoutingStats::uniform(experts_, topK, batch, gpus, model);
    RoutingStats r;
    const int E = experts_;
    const double k = std::min(topK, E);
    r.gpusWithExperts = std::min(gpus, E);
    r.expertsPerGpu = (E + gpus - 1) / gpus;
    r.model = E > RoutingStats::kMaxExactExperts ? BusiestGpuModel::Binomial : model;
    const auto probs = activeProbabilities(topK, batch);
    double active = 0, busiest = 0, chosen = 0;
    for (std::size_t l = 0; l < popularity_.size(); ++l) {
        const auto& p = popularity_[l];
        double a = 0, c = 0, hottestBlock = 0, block = 0;
        for (int i = 0; i < E; ++i) {
            const double pi = std::min(1.0, k * p[i]);
            const double P = probs[l][i];
            a += P;
            c += pi;
            block += P;
            if ((i + 1) % r.expertsPerGpu == 0 || i + 1 == E) {
                hottestBlock = std::max(hottestBlock, block);
                block = 0;
            }
        }
        active += a;
        chosen += c;
        busiest += std::max(hottestBlock, expectedBusiestGpu(E, gpus, a / E, r.model));
    }
    const double layers = static_cast<double>(popularity_.size());
    r.activeExperts = active / layers;
    r.activeProbability = r.activeExperts / E;
    r.busiestGpuExperts = busiest / layers;
    r.tokensPerActiveExpert = r.activeExperts > 0 ? batch * (chosen / layers) / r.activeExperts : 0;
    return r;
}

std::vector<std::vector<double>> RoutingModel::activeProbabilities(int topK, double batch) const
{
    std::vector<std::vector<double>> out;
    const double k = std::min(topK, experts_);
    for (const auto& p : popularity_) {
        std::vector<double> P(p.size());
        for (std::size_t i = 0; i < p.size(); ++i)
            P[i] = 1.0 - std::pow(1.0 - std::min(1.0, k * p[i]), batch);
        out.push_back(std::move(P));
    }
    return out;
}

double RoutingModel::coldHitRate(int capacity) const
{
    if (capacity <= 0 || experts_ <= 0)
        return 0.0;
    if (capacity >= experts_)
        return 1.0;
    if (uniform_)
        return static_cast<double>(capacity) / experts_;
    double sum = 0;
    for (auto p : popularity_) {
        std::partial_sort(p.begin(), p.begin() + capacity, p.end(), std::greater<>());
        sum += std::accumulate(p.begin(), p.begin() + capacity, 0.0);
    }
    return sum / popularity_.size();
}

} // namespace tierlens
