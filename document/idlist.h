#pragma once
// Small helpers for the id-keyed lists of a scenario (tiers, links, placement paths).

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace tierlens::idlist {

/// `base` made usable as a new id among `items`: '.' separates ParamPath segments so it becomes
/// '-', and a taken (or reserved) id gets a "-2", "-3", ... suffix.
template <class T>
std::string uniqueId(const std::vector<T>& items, std::string base, std::string_view reserved = {})
{
    std::replace(base.begin(), base.end(), '.', '-');
    if (base.empty())
        base = "item";
    const auto taken = [&](const std::string& id) {
        return id == reserved
            || std::any_of(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
    };
    if (!taken(base))
        return base;
    for (int n = 2;; ++n)
        if (std::string candidate = base + "-" + std::to_string(n); !taken(candidate))
            return candidate;
}

/// Moves one element to position `to` (both indexes valid), keeping the others' order.
template <class T> void move(std::vector<T>& items, int from, int to)
{
    T item = std::move(items[std::size_t(from)]);
    items.erase(items.begin() + from);
    items.insert(items.begin() + to, std::move(item));
}

} // namespace tierlens::idlist
