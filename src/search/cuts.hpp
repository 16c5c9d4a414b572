#pragma once
// Content-defined cuts: where a sequence of items (surfaces, records, pages) is cut into files or
// runs, decided by the items themselves so that a change to one moves only the cuts near it. Used
// by the index files (emit.cpp) and by the runs of build_index (index.cpp).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "util/hash.hpp"

namespace passage::search {

// A well-mixed hash of a name (XXH3: every bit depends on every byte), for the cuts and the names of
// files.
inline std::uint64_t name_hash(std::string_view s) {
    return util::hash64(s);
}

// Cuts a sequence of items into pieces of about `target` (the sum of the items' costs: bytes of a
// file, records of a run), where each item decides from its own name and cost whether a piece starts
// at it: with a probability of cost / target, read off the hash of its name, once the piece has a
// quarter of the target; or when the item would take the piece over twice the target. A change to
// one item moves at most the cuts near it, so an edit to one document leaves the other pieces as
// they were (a cut by size alone would move every later cut). Returns the first item of each piece.
template <typename Item>
std::vector<std::size_t> content_cuts(std::size_t count, std::size_t target, Item&& item) {
    std::vector<std::size_t> starts;
    std::size_t size = 0;
    const double scale = 1.0 / static_cast<double>(std::max<std::size_t>(1, target));
    for (std::size_t i = 0; i < count; ++i) {
        const auto [name, cost] = item(i);
        bool cut = starts.empty();
        if (!cut && size > 0) {
            const double chance = static_cast<double>(cost) * scale;
            const double roll = static_cast<double>(name_hash(name) >> 11) * 0x1p-53;
            cut = (size >= target / 4 && roll < chance) || size + cost > 2 * target;
        }
        if (cut) {
            starts.push_back(i);
            size = 0;
        }
        size += cost;
    }
    return starts;
}

}  // namespace passage::search
