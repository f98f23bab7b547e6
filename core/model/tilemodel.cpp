#include "core/model/tilemodel.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <unordered_map>

namespace tierlens {

namespace {

constexpr std::array<double, 11> kL1Candidates { 8, 16, 32, 64, 128, 192, 256, 320, 384, 448, 512 };
constexpr double kL1TileK = 32;
constexpr double kRegisterTile = 16;
// Beyond this many multiples of the L1 tile the L2 search steps geometrically: only absurd
// shapes get there, and the objective is flat at that scale.
constexpr double kMaxL2Steps = 4096;

double cdiv(double a, double b)
{
    return std::ceil(a / b - 1e-12);
}

// Bytes moved between a level and the one above it when C is computed in tm×tn output tiles:
// A is re-read once per column of tiles, B once per row of tiles, C written once. B's bytes are
// counted in A's units times weightRatio(), which is exactly 1 for weights stored like the
// activations, so those shapes cost what they always did.
double tiledBytes(const GemmShape& s, double tm, double tn)
{
    return (cdiv(s.n, tn) * s.m * s.k + cdiv(s.m, tm) * s.n * s.k * s.weightRatio() + s.m * s.n)
        * s.bytesPerElement;
}

// A tm×tk slice of A, a tk×tn slice of B (at the weights' size) and the tm×tn block of C.
bool fits(double tm, double tn, double tk, double b, double r, double capacity)
{
    return (tm + tn * r) * tk * b + tm * tn * b <= capacity;
}

void chooseL1Tile(const GemmShape& s, double l1, double& bestM, double& bestN)
{
    bestM = std::min(kL1Candidates.front(), s.m);
    bestN = std::min(kL1Candidates.front(), s.n);
    double best = tiledBytes(s, bestM, bestN);
    for (double cm : kL1Candidates) {
        const double tm = std::min(cm, s.m);
        // The objective never grows with tn, so the widest fitting tn is this tm's best.
        for (auto it = kL1Candidates.rbegin(); it != kL1Candidates.rend(); ++it) {
            const double tn = std::min(*it, s.n);
            if (!fits(tm, tn, kL1TileK, s.bytesPerElement, s.weightRatio(), l1))
                continue;
            const double cost = tiledBytes(s, tm, tn);
            if (cost < best) {
                best = cost;
                bestM = tm;
                bestN = tn;
            }
            break;
        }
    }
}

void chooseL2Tile(const GemmShape& s, double l2, double tm, double tn, double& bestM, double& bestN)
{
    const double b = s.bytesPerElement, r = s.weightRatio();
    const double tk2 = std::max(1.0, std::floor(s.k / 64));
    bestM = tm; // the L1 tile is always allowed
    bestN = tn;
    double best = tiledBytes(s, tm, tn);
    const double multiples = cdiv(s.m, tm);
    const double step = std::max(1.0, multiples / kMaxL2Steps);
    for (double j = 1; j <= multiples; j = std::max(j + 1, std::floor(j + step))) {
        const double tm2 = std::min(j * tm, s.m);
        // Widest tn2 (a multiple of tn, or n itself) that fits beside tm2.
        const double room = (l2 / b - tm2 * tk2) / (tk2 * r + tm2);
        double tn2 = room >= s.n ? s.n : std::floor(room / tn) * tn;
        if (tn2 < tn)
            continue;
        const double cost = tiledBytes(s, tm2, tn2);
        if (cost < best) {
            best = cost;
            bestM = tm2;
            bestN = tn2;
        }
    }
}

struct Key {
    double m, k, n, b, r, l1, l2;
    // Bit-wise, as the hash: inline, and consistent for -0.0 and NaN.
    bool operator==(const Key& o) const
    {
        auto bits = [](double v) { return std::bit_cast<std::uint64_t>(v); };
        return bits(m) == bits(o.m) && bits(k) == bits(o.k) && bits(n) == bits(o.n) && bits(b) == bits(o.b)
            && bits(r) == bits(o.r) && bits(l1) == bits(o.l1) && bits(l2) == bits(o.l2);
    }
};

struct KeyHash {
    std::size_t operator()(const Key& key) const
    {
        // The bits themselves, mixed: std::hash<double> goes through a byte-wise hash that cost
        // a tenth of an evaluation.
        std::uint64_t h = 0;
        for (double v : { key.m, key.k, key.n, key.b, key.l1, key.l2 }) {
            h ^= std::bit_cast<std::uint64_t>(v) + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
            h *= 0xff51afd7ed558ccdu;
        }
        return std::size_t(h ^ (h >> 33));
    }
};

std::unordered_map<Key, TileTraffic, KeyHash>& cache()
{
    thread_local std::unordered_map<Key, TileTraffic, KeyHash> c;
    return c;
}

} // namespace

TileTraffic TileModel::computeUncached(const GemmShape& s, double l1Bytes, double l2Bytes)
{
    TileTraffic t;
    if (s.m <= 0 || s.n <= 0 || s.k <= 0)
        return t;
    chooseL1Tile(s, l1Bytes, t.l1TileM, t.l1TileN);
    chooseL2Tile(s, l2Bytes, t.l1TileM, t.l1TileN, t.l2TileM, t.l2TileN);
    t.dramBytes = tiledBytes(s, t.l2TileM, t.l2TileN);
    t.l2Bytes = tiledBytes(s, t.l1TileM, t.l1TileN);
    t.l1Bytes = tiledBytes(s, std::min(kRegisterTile, s.m), std::min(kRegisterTile, s.n));
    return t;
}

TileTraffic TileModel::traffic(const GemmShape& s, double l1Bytes, double l2Bytes)
{
    const Key key { s.m, s.k, s.n, s.bytesPerElement, s.weightRatio(), l1Bytes, l2Bytes };
    auto& c = cache();
    if (auto it = c.find(key); it != c.end())
        return it->second;
    if (c.size() > 200000) // a long sweep over many shapes must not grow without bound
        c.clear();
    const TileTraffic t = computeUncached(s, l1Bytes, l2Bytes);
    c.emplace(key, t);
    return t;
}

std::size_t TileModel::cacheSize()
{
    return cache().size();
}

} // namespace tierlens
