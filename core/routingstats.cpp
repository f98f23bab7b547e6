#include "routingstats.h"

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

double expectedBusiestGpu(int experts, int gpus, double p, BusiestGpuModel model)
{
    if (experts <= 0 || gpus <= 0)
        return 0.0;
    // Beyond kMaxExactExperts the binomial coefficients leave double range; the binomial model,
    // which is accurate at such sizes, takes over.
    if (experts > RoutingStats::kMaxExactExperts || model == BusiestGpuModel::Binomial)
        return expectedMaxBinomial((experts + gpus - 1) / gpus, p, std::min(gpus, experts));
    const double a = std::clamp(experts * p, 0.0, static_cast<double>(experts));
    const int lo = static_cast<int>(std::floor(a));
    const double frac = a - lo;
    const double low = expectedMaxHypergeometric(experts, gpus, lo);
    return frac > 1e-9 ? low + frac * (expectedMaxHypergeometric(experts, gpus, lo + 1) - low) : low;
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
    r.busiestGpuExperts = expectedBusiestGpu(experts, gpus, r.activeProbability, r.model);
    return r;
}

} // namespace tierlens
