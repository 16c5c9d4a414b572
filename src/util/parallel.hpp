#pragma once
// Runs independent work on several threads. Results are written by index by the caller, so the
// output never depends on which thread did what.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace passage::util {

// The number of threads to use when the user asked for `requested` (0: every core).
inline unsigned resolve_jobs(unsigned requested) {
    if (requested > 0) return requested;
    unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1 : n;
}

// Calls fn(i) for every i in [0, n) on up to `jobs` threads, and waits for all of them. The first
// exception thrown by fn is rethrown here once every thread has stopped.
// REQUIRES: fn(i) and fn(j) touch nothing in common unless it is thread-safe.
template <typename Fn>
void parallel_for(std::size_t n, unsigned jobs, Fn fn) {
    jobs = static_cast<unsigned>(std::min<std::size_t>(std::max(1u, jobs), n));
    if (jobs <= 1) {
        for (std::size_t i = 0; i < n; ++i) fn(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::exception_ptr error;
    std::mutex error_mutex;
    auto worker = [&] {
        for (std::size_t i; (i = next.fetch_add(1)) < n;) {
            try {
                fn(i);
            } catch (...) {
                std::lock_guard lock(error_mutex);
                if (!error) error = std::current_exception();
                next = n;
            }
        }
    };
    std::vector<std::thread> threads;
    for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();
    if (error) std::rethrow_exception(error);
}

// The same for many small calls: the indexes go out to the threads in runs of `block`, so that
// handing them out costs less than the work.
template <typename Fn>
void parallel_for_blocks(std::size_t n, unsigned jobs, Fn fn, std::size_t block = 4096) {
    block = std::max<std::size_t>(1, block);
    parallel_for((n + block - 1) / block, jobs, [&](std::size_t b) {
        for (std::size_t i = b * block, end = std::min(n, i + block); i < end; ++i) fn(i);
    });
}

// Sorts [first, last) into the order std::stable_sort gives, on up to `jobs` threads: each sorts a
// slice, then neighbouring slices are merged (std::inplace_merge keeps equal elements in order).
template <typename It, typename Less>
void parallel_stable_sort(It first, It last, unsigned jobs, Less less) {
    const auto n = static_cast<std::size_t>(last - first);
    constexpr std::size_t kMinSlice = 4096;  // below this, threads cost more than they save
    jobs = static_cast<unsigned>(std::min<std::size_t>(std::max(1u, jobs), n / kMinSlice));
    if (jobs <= 1) {
        std::stable_sort(first, last, less);
        return;
    }
    std::vector<std::size_t> bounds;
    for (unsigned k = 0; k <= jobs; ++k) bounds.push_back(n * k / jobs);
    auto at = [&](std::size_t slice) { return first + static_cast<std::ptrdiff_t>(bounds[std::min<std::size_t>(slice, jobs)]); };
    parallel_for(jobs, jobs, [&](std::size_t k) { std::stable_sort(at(k), at(k + 1), less); });
    for (std::size_t width = 1; width < jobs; width *= 2) {
        std::size_t pairs = (jobs + 2 * width - 1) / (2 * width);
        parallel_for(pairs, jobs, [&](std::size_t p) {
            std::size_t k = p * 2 * width;
            if (k + width < jobs) std::inplace_merge(at(k), at(k + width), at(k + 2 * width), less);
        });
    }
}

}  // namespace passage::util
