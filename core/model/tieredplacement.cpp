#include "core/model/tieredplacement.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <numeric>

namespace tierlens {

namespace {

// Streams that cross each link, by link id, with their indices.
std::map<std::string, std::vector<std::size_t>> linkUsers(const std::vector<TierCopy>& streams)
{
    std::map<std::string, std::vector<std::size_t>> users;
    for (std::size_t i = 0; i < streams.size(); ++i)
        if (!streams[i].resident())
            for (const auto& id : streams[i].path)
                if (users[id].empty() || users[id].back() != i)
                    users[id].push_back(i);
    return users;
}

// A link is shared only when two streams copy: with one, no link has two users and the map of
// users (built on every evaluation) would hold nothing useful.
bool canShareLinks(const std::vector<TierCopy>& streams)
{
    return std::count_if(streams.begin(), streams.end(), [](const TierCopy& c) { return !c.resident(); })
        >= 2;
}

} // namespace

std::vector<ExpertTierShare> TieredPlacement::resolve(const Placement& p, int experts)
{
    experts = std::max(0, experts);
    if (p.tiers.empty())
        return { { p.expertTier, experts, p.path } };
    std::vector<ExpertTierShare> out = p.tiers;
    int left = experts;
    for (auto& e : out) {
        e.experts = e.experts < 0 ? left : std::min(e.experts, left);
        left -= e.experts;
    }
    return out;
}

std::vector<TierCopy> TieredPlacement::plan(
    const Scenario& s, const RoutingModel& routing, int topK, double batch)
{
    const int E = s.model.moe ? s.model.moe->experts : 0;
    std::vector<TierCopy> streams;
    for (const auto& e : resolve(s.placement, E)) {
        TierCopy t;
        t.tier = e.tier;
        t.path = e.path;
        t.experts = e.experts;
        t.isResident = e.tier == kHbmTierId;
        t.bandwidthBytesPerS = std::numeric_limits<double>::infinity();
        if (const MemoryTier* m = s.findTier(e.tier)) {
            t.bandwidthBytesPerS = m->readBandwidthGBs() * 1e9; // a drive array: its drives
            // An expert's weights are read as one contiguous chunk.
            t.tierReadPjPerBit = m->readPjPerBitAt(s.model.expertBytes());
        }
        // The slowest hop sets the bandwidth; latency and energy add up along the chain.
        for (const auto& id : e.path) {
            if (const Interconnect* l = s.findLink(id)) {
                t.bandwidthBytesPerS = std::min(t.bandwidthBytesPerS, l->bandwidthGBs * 1e9);
                t.latencyS += l->latencyUs * 1e-6;
                t.linkPjPerBit += l->pjPerBit;
            }
        }
        streams.push_back(std::move(t));
    }

    std::vector<double> active(streams.size(), 0.0);
    if (routing.uniform()) {
        for (std::size_t i = 0; i < streams.size(); ++i)
            active[i] = streams[i].experts;
    } else {
        for (auto P : routing.activeProbabilities(topK, batch)) {
            std::sort(P.begin(), P.end(), std::greater<>());
            std::size_t next = 0;
            for (std::size_t i = 0; i < streams.size(); ++i)
                for (int n = 0; n < streams[i].experts && next < P.size(); ++n)
                    active[i] += P[next++];
        }
    }
    const double total = std::accumulate(active.begin(), active.end(), 0.0);
    for (std::size_t i = 0; i < streams.size(); ++i)
        streams[i].share = total > 0 ? active[i] / total : 0.0;
    return streams;
}

int TieredPlacement::residentExperts(const std::vector<TierCopy>& streams)
{
    int n = 0;
    for (const auto& t : streams)
        if (t.resident())
            n += t.experts;
    return n;
}

double TieredPlacement::offloadedShare(const std::vector<TierCopy>& streams)
{
    double share = 0;
    for (const auto& t : streams)
        if (!t.resident())
            share += t.share;
    return share;
}

int TieredPlacement::routerStream(const std::vector<TierCopy>& streams)
{
    for (int i = static_cast<int>(streams.size()) - 1; i >= 0; --i)
        if (!streams[std::size_t(i)].resident() && streams[std::size_t(i)].experts > 0)
            return i;
    return -1;
}

double TieredPlacement::cacheColdHitRate(const RoutingModel& routing, int resident, int capacity)
{
    if (resident <= 0)
        return routing.coldHitRate(capacity);
    const double before = routing.coldHitRate(resident);
    const double offloaded = 1.0 - before;
    return offloaded > 0 ? (routing.coldHitRate(resident + capacity) - before) / offloaded : 0.0;
}

double TieredPlacement::streamTime(
    const Scenario& s, const std::vector<TierCopy>& streams, double TierCopy::*bytes)
{
    double t = 0;
    for (const auto& c : streams)
        if (!c.resident() && c.*bytes > 0)
            t = std::max(t, c.latencyS + c.*bytes / c.bandwidthBytesPerS);
    if (!canShareLinks(streams))
        return t;
    for (const auto& [id, users] : linkUsers(streams)) {
        const Interconnect* l = s.findLink(id);
        if (users.size() < 2 || !l)
            continue;
        double sum = 0, latency = 0;
        for (std::size_t i : users) {
            if (streams[i].*bytes > 0) {
                sum += streams[i].*bytes;
                latency = std::max(latency, streams[i].latencyS);
            }
        }
        if (sum > 0)
            t = std::max(t, latency + sum / (l->bandwidthGBs * 1e9));
    }
    return t;
}

double TieredPlacement::bandwidth(const Scenario& s, const std::vector<TierCopy>& streams)
{
    double bw = 0;
    for (const auto& c : streams)
        if (!c.resident() && c.experts > 0)
            bw += c.bandwidthBytesPerS;
    if (!canShareLinks(streams))
        return bw;
    for (const auto& [id, users] : linkUsers(streams)) {
        const Interconnect* l = s.findLink(id);
        if (users.size() < 2 || !l)
            continue;
        double through = 0;
        for (std::size_t i : users)
            through += streams[i].experts > 0 ? streams[i].bandwidthBytesPerS : 0.0;
        bw -= std::max(0.0, through - l->bandwidthGBs * 1e9);
    }
    return bw;
}

} // namespace tierlens
