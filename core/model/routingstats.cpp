#include "core/model/routingstats.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <vector>

namespace tierlens {

namespace {

std::vector<double> binomialRow(int n)
{
    std::vector<double> c(n + 1, 1.0);
    for (int j = 1; j < n; ++j)
        c[j] = c[j - 1] * (n - j + 1) / j;
    return c;
}

// Number of ways to pick `active` experts with at most `cap` on any GPU, over the total number
// of ways: the coefficient of x^active in prod_g sum_{j<=cap} C(n_g, j) x^j, over C(E, active).
double probabilityMaxAtMost(int cap, int active, const std::vector<int>& perGpu, double total)
{
    std::vector<double> poly(active + 1, 0.0);
    poly[0] = 1.0;
    int degree = 0;
    for (int n : perGpu) {
        const auto c = binomialRow(n);
        const int top = std::min(cap, n);
        const int newDegree = std::min(active, degree + top);
        std::vector<double> next(active + 1, 0.0);
        for (int d = 0; d <= degree; ++d) {
            if (poly[d] == 0.0)
                continue;
            for (int j = 0; j <= top && d + j <= active; ++j)
                next[d + j] += poly[d] * c[j];
        }
        poly.swap(next);
        degree = newDegree;
    }
    return std::min(1.0, poly[active] / total);
}

double exactMax(int experts, int gpus, int active)
{
    if (active <= 0)
        return 0.0;
    const int holders = std::min(gpus, experts);
    std::vector<int> perGpu(holders, experts / holders);
    for (int g = 0; g < experts % holders; ++g)
        ++perGpu[g];
    const int most = perGpu.front();
    active = std::min(active, experts);
    const double total = binomialRow(experts)[active];
    double sum = 0.0;
    // E[max] = sum_{a >= 0} P(max > a). Below ceil(active / holders) the maximum always exceeds a.
    const int floorCap = (active + holders - 1) / holders;
    sum += floorCap;
    for (int a = floorCap; a < most; ++a) {
        const double tail = 1.0 - probabilityMaxAtMost(a, active, perGpu, total);
        if (tail < 1e-12)
            break;
        sum += tail;
    }
    return sum;
}

// E[max over GPUs] when the number of active experts is itself random, P(a active) = dist[a], and
// given a the active set is a uniformly random a-subset. For each cap c one polynomial product
// gives the number of a-subsets with at most c on any GPU for every a at once, so averaging over
// the distribution costs no more than a single count.
double exactMaxOverCounts(int experts, int gpus, const std::vector<double>& dist)
{
    const int holders = std::min(gpus, experts);
    std::vector<int> perGpu(holders, experts / holders);
    for (int g = 0; g < experts % holders; ++g)
        ++perGpu[g];
    const int most = perGpu.front();
    int lo = -1, hi = 0;
    for (int a = 1; a < static_cast<int>(dist.size()); ++a)
        if (dist[a] > 1e-15) {
            lo = lo < 0 ? a : lo;
            hi = a;
        }
    if (lo < 0)
        return 0.0;
    const auto total = binomialRow(experts);
    // Below ceil(lo / holders) the maximum always exceeds the cap.
    const int floorCap = (lo + holders - 1) / holders;
    double sum = floorCap;
    for (int cap = floorCap; cap < most; ++cap) {
        std::vector<double> poly(hi + 1, 0.0);
        poly[0] = 1.0;
        int degree = 0;
        for (int n : perGpu) {
            const auto c = binomialRow(n);
            const int top = std::min(cap, n);
            std::vector<double> next(hi + 1, 0.0);
            for (int d = 0; d <= degree; ++d) {
                if (poly[d] == 0.0)
                    continue;
                for (int j = 0; j <= top && d + j <= hi; ++j)
                    next[d + j] += poly[d] * c[j];
            }
            poly.swap(next);
            degree = std::min(hi, degree + top);
        }
        double atMost = 0.0;
        for (int a = lo; a <= hi; ++a)
            atMost += dist[a] * std::min(1.0, poly[a] / total[a]);
        const double tail = std::max(0.0, 1.0 - atMost);
        if (tail < 1e-12)
            break;
        sum += tail;
    }
    return sum;
}

} // namespace

double expectedMaxBinomial(int trials, double p, int n)
{
    if (trials <= 0 || n <= 0 || p <= 0.0)
        return 0.0;
    if (p >= 1.0)
        return trials;
    // Walk the pmf upwards; log-space start keeps large trial counts finite.
    const double q = 1.0 - p;
    double pmf = std::exp(trials * std::log(q));
    double cdf = 0.0;
    double sum = 0.0;
    for (int a = 0; a < trials; ++a) {
        cdf = std::min(1.0, cdf + pmf);
        sum += 1.0 - std::pow(cdf, n);
        pmf *= (static_cast<double>(trials - a) / (a + 1)) * (p / q);
    }
    return sum;
}

double expectedMaxHypergeometric(int experts, int gpus, int active)
{
    thread_local std::map<std::tuple<int, int, int>, double> cache;
    const auto key = std::make_tuple(experts, gpus, active);
    if (auto it = cache.find(key); it != cache.end())
        return it->second;
    const double v = exactMax(experts, gpus, active);
    if (cache.size() > 100000)
        cache.clear();
    cache.emplace(key, v);
    return v;
}

std::vector<double> activeCountDistribution(int experts, int topK, double batch)
{
    std::vector<double> dist(std::max(0, experts) + 1, 0.0);
    dist[0] = 1.0;
    if (experts <= 0 || topK <= 0 || batch <= 0)
        return dist;
    const int E = experts;
    const int k = std::min(topK, E);
    // Transition: with j experts active, a token's k distinct picks bring m new ones with the
    // hypergeometric probability C(E - j, m) C(j, k - m) / C(E, k).
    auto logChoose
        = [](int n, int r) { return std::lgamma(n + 1.0) - std::lgamma(r + 1.0) - std::lgamma(n - r + 1.0); };
    const double logAll = logChoose(E, k);
    std::vector<std::vector<double>> step(E + 1);
    for (int j = 0; j <= E; ++j) {
        step[j].assign(k + 1, 0.0);
        for (int m = 0; m <= k; ++m)
            if (m <= E - j && k - m <= j)
                step[j][m] = std::exp(logChoose(E - j, m) + logChoose(j, k - m) - logAll);
    }
    // P(some expert idle) <= E (1 - k/E)^B: past 1e-15 every expert is active all but surely.
    if (std::log(E) + batch * std::log1p(-static_cast<double>(k) / E) < std::log(1e-15) || k == E) {
        std::fill(dist.begin(), dist.end(), 0.0);
        dist[E] = 1.0;
        return dist;
    }
    const int whole = static_cast<int>(std::floor(batch));
    const double frac = batch - whole;
    auto advance = [&](const std::vector<double>& from) {
        std::vector<double> to(E + 1, 0.0);
        for (int j = 0; j <= E; ++j) {
            if (from[j] == 0.0)
                continue;
            for (int m = 0; m <= k && j + m <= E; ++m)
                to[j + m] += from[j] * step[j][m];
        }
        return to;
    };
    for (int t = 0; t < whole; ++t) {
        dist = advance(dist);
        // Once every expert is active all but surely, further tokens change nothing.
        if (dist[E] > 1.0 - 1e-15) {
            std::fill(dist.begin(), dist.end(), 0.0);
            dist[E] = 1.0;
            return dist;
        }
    }
    if (frac > 1e-12) {
        const auto next = advance(dist);
        for (int a = 0; a <= E; ++a)
            dist[a] = (1.0 - frac) * dist[a] + frac * next[a];
    }
    return dist;
}

double expectedBusiestGpu(int experts, int topK, double batch, int gpus, BusiestGpuModel model)
{
    if (experts <= 0 || gpus <= 0 || topK <= 0 || batch <= 0)
        return 0.0;
    // Beyond kMaxExactExperts the binomial coefficients leave double range; the binomial model,
    // which is accurate at such sizes, takes over.
    if (experts > RoutingStats::kMaxExactExperts || model == BusiestGpuModel::Binomial) {
        const double p = 1.0 - std::pow(1.0 - std::min(1.0, static_cast<double>(topK) / experts), batch);
        return expectedMaxBinomial((experts + gpus - 1) / gpus, p, std::min(gpus, experts));
    }
    thread_local std::map<std::tuple<int, int, double, int>, double> cache;
    const auto key = std::make_tuple(experts, topK, batch, gpus);
    if (auto it = cache.find(key); it != cache.end())
        return it->second;
    // Averaging the exact maximum over the active count's distribution, rather than evaluating
    // it at the mean count, is what makes this exact: the maximum is not linear in the count.
    const double sum = exactMaxOverCounts(experts, gpus, activeCountDistribution(experts, topK, batch));
    if (cache.size() > 100000)
        cache.clear();
    cache.emplace(key, sum);
    return sum;
}

RoutingStats RoutingStats::uniform(int experts, int topK, double batch, int gpus, BusiestGpuModel model)
{
    RoutingStats r;
    if (experts <= 0 || topK <= 0 || batch <= 0 || gpus <= 0)
        return r;
    const double k = std::min(topK, experts);
    r.activeProbability = 1.0 - std::pow(1.0 - k / experts, batch);
    r.activeExperts = experts * r.activeProbability;
    r.gpusWithExperts = std::min(gpus, experts);
    r.expertsPerGpu = (experts + gpus - 1) / gpus;
    r.tokensPerActiveExpert = r.activeProbability > 0 ? batch * k / (experts * r.activeProbability) : 0;
    r.model = experts > kMaxExactExperts ? BusiestGpuModel::Binomial : model;
    r.busiestGpuExperts = expectedBusiestGpu(experts, topK, batch, gpus, r.model);
    return r;
}

} // namespace tierlens
