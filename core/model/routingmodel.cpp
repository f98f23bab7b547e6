#include "core/model/routingmodel.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <utility>

namespace tierlens {

namespace {

// Poisson-binomial truncated to counts 0..k-1: c[n] = P(exactly n of the Bernoullis fire).
void addBernoulli(std::vector<double>& c, double q)
{
    for (std::size_t n = c.size(); n-- > 0;)
        c[n] = c[n] * (1.0 - q) + (n > 0 ? c[n - 1] * q : 0.0);
}

// Exact inclusion probabilities of drawing k distinct items without replacement, each draw
// picking among the remaining items in proportion to their weights. Give item j an exponential
// clock of rate w_j: the draw order is the order in which the clocks ring, so
//     pi_i = int_0^inf w_i e^{-w_i t} P(fewer than k other clocks rang by t) dt.
// The count of other clocks is Poisson-binomial; prefix and suffix tables leave item i out in
// O(k) each. The integrand is smooth in log t, where the trapezoid rule converges fast.
std::vector<double> successiveSamplingInclusion(const std::vector<double>& weights, int k)
{
    const int E = static_cast<int>(weights.size());
    if (k >= E)
        return std::vector<double>(weights.size(), 1.0);
    std::vector<double> w = weights;
    const double total = std::accumulate(w.begin(), w.end(), 0.0);
    for (double& v : w)
        v /= total;
    std::vector<double> sorted = w;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    // Below tLow the integral holds under 1e-10 of any pi_i; beyond tHigh the k + 1 heaviest
    // clocks, k of which are another item's, have all rung but for e^-40.
    const double lo = std::log(1e-10 / sorted.front());
    const double hi = std::log(40.0 / std::max(sorted[std::size_t(k)], 1e-300));
    const int steps = std::max(200, static_cast<int>(std::ceil((hi - lo) / 0.05)));
    const double h = (hi - lo) / steps;
    std::vector<double> pi(weights.size(), 0.0);
    std::vector<std::vector<double>> prefix(E + 1, std::vector<double>(k, 0.0));
    std::vector<std::vector<double>> suffix(E + 1, std::vector<double>(k, 0.0));
    std::vector<double> rang(weights.size());
    for (int s = 0; s <= steps; ++s) {
        const double t = std::exp(lo + s * h);
        const double weight = (s == 0 || s == steps) ? 0.5 : 1.0;
        for (int i = 0; i < E; ++i)
            rang[i] = -std::expm1(-w[i] * t);
        std::fill(prefix[0].begin(), prefix[0].end(), 0.0);
        prefix[0][0] = 1.0;
        for (int i = 0; i < E; ++i) {
            prefix[i + 1] = prefix[i];
            addBernoulli(prefix[i + 1], rang[i]);
        }
        std::fill(suffix[E].begin(), suffix[E].end(), 0.0);
        suffix[E][0] = 1.0;
        for (int i = E - 1; i >= 0; --i) {
            suffix[i] = suffix[i + 1];
            addBernoulli(suffix[i], rang[i]);
        }
        for (int i = 0; i < E; ++i) {
            // P(others <= k - 1) = sum_a prefix_i[a] * P(suffix_{i+1} <= k - 1 - a).
            double fewer = 0.0, cdf = 0.0;
            std::vector<double> suffixCdf(k);
            for (int n = 0; n < k; ++n)
                suffixCdf[n] = (cdf += suffix[i + 1][n]);
            for (int a = 0; a < k; ++a)
                fewer += prefix[i][a] * suffixCdf[k - 1 - a];
            pi[i] += weight * h * t * w[i] * (1.0 - rang[i]) * fewer;
        }
    }
    for (double& v : pi)
        v = std::clamp(v, 0.0, 1.0);
    return pi;
}

// Inclusion probabilities proportional to p that sum to k, none above 1: experts whose k p_i
// would exceed 1 are capped and their excess goes to the others in proportion to p.
std::vector<double> waterFill(const std::vector<double>& p, int k)
{
    std::vector<double> pi(p.size(), 0.0);
    std::vector<bool> capped(p.size(), false);
    double left = k;
    for (bool changed = true; changed && left > 0;) {
        changed = false;
        double free = 0.0;
        for (std::size_t i = 0; i < p.size(); ++i)
            if (!capped[i])
                free += p[i];
        if (free <= 0)
            break;
        for (std::size_t i = 0; i < p.size(); ++i) {
            if (capped[i])
                continue;
            pi[i] = left * p[i] / free;
            if (pi[i] >= 1.0) {
                pi[i] = 1.0;
                capped[i] = true;
                left -= 1.0;
                changed = true;
            }
        }
    }
    return pi;
}

} // namespace

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
        zipf_ = true;
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
    bool flat = true;
    for (auto& p : popularity_) {
        const double sum = std::accumulate(p.begin(), p.end(), 0.0);
        for (double& v : p)
            v /= sum;
        const auto [lo, hi] = std::minmax_element(p.begin(), p.end());
        flat = flat && *hi - *lo <= 1e-12 * *hi;
    }
    // Equal popularity (Zipf with s = 0, a flat trace) is uniform routing, whose figures are exact.
    uniform_ = popularity_.empty() || flat;
}

std::vector<std::vector<double>> RoutingModel::inclusionProbabilities(int topK) const
{
    std::vector<std::vector<double>> out;
    const int k = std::clamp(topK, 0, experts_);
    for (const auto& p : popularity_) {
        if (!zipf_) {
            out.push_back(waterFill(p, k));
            continue;
        }
        // The integral costs O(E k) per node; studies evaluate one routing many times.
        thread_local std::map<std::pair<std::vector<double>, int>, std::vector<double>> cache;
        auto key = std::make_pair(p, k);
        auto it = cache.find(key);
        if (it == cache.end()) {
            if (cache.size() > 64)
                cache.clear();
            it = cache.emplace(std::move(key), successiveSamplingInclusion(p, k)).first;
        }
        out.push_back(it->second);
    }
    return out;
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
    // Skewed routing has one busiest-GPU method (below) whatever the option asks, and no size
    // limit: report the option back so no approximation is announced that is not made.
    r.model = model;
    const auto probs = activeProbabilities(topK, batch);
    double active = 0, busiest = 0;
    for (const auto& P : probs) {
        // Per GPU, the active count is Poisson-binomial over its block of experts (experts taken
        // as independent); E[max] = sum_c (1 - prod_g P(count_g <= c)).
        std::vector<double> allAtMost(std::size_t(r.expertsPerGpu) + 1, 1.0);
        for (int first = 0; first < E; first += r.expertsPerGpu) {
            std::vector<double> pmf(std::size_t(r.expertsPerGpu) + 1, 0.0);
            pmf[0] = 1.0;
            for (int i = first; i < std::min(E, first + r.expertsPerGpu); ++i) {
                addBernoulli(pmf, P[std::size_t(i)]);
                active += P[std::size_t(i)];
            }
            double cdf = 0.0;
            for (std::size_t c = 0; c < pmf.size(); ++c)
                allAtMost[c] *= std::min(1.0, cdf += pmf[c]);
        }
        for (std::size_t c = 0; c + 1 < allAtMost.size(); ++c)
            busiest += 1.0 - allAtMost[c];
    }
    const double layers = static_cast<double>(probs.size());
    r.activeExperts = active / layers;
    r.activeProbability = r.activeExperts / E;
    r.busiestGpuExperts = busiest / layers;
    r.tokensPerActiveExpert = r.activeExperts > 0 ? batch * k / r.activeExperts : 0;
    return r;
}

std::vector<std::vector<double>> RoutingModel::activeProbabilities(int topK, double batch) const
{
    auto out = inclusionProbabilities(topK);
    for (auto& P : out)
        for (double& v : P)
            v = 1.0 - std::pow(1.0 - v, batch);
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
