#pragma once
// Memory a short-lived process hands back to the system when it exits, instead of freeing it block
// by block: a built corpus is millions of small blocks (cmark nodes, strings, JSON values), and
// destroying them one by one, just before the process ends, is work for nothing (what it costs:
// bench/README.md). Only the program uses this (site::Options::exit_after_build); a library caller
// that builds many times frees as usual.
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace passage::util {

// Keeps `value` alive until the process exits; its destructor never runs. What it holds stays
// reachable from a static, so a leak checker does not count it.
template <typename T>
void release_at_exit(T&& value) {
    static auto* kept = new std::vector<std::shared_ptr<void>>();
    kept->push_back(std::make_shared<std::decay_t<T>>(std::forward<T>(value)));
}

}  // namespace passage::util
