// util/parallel: work shared out over threads gives what one thread gives.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <utility>
#include <vector>

#include "util/parallel.hpp"

using namespace passage;

TEST_CASE("the parallel stable sort puts elements in the order std::stable_sort does") {
    std::mt19937 random(7);
    for (std::size_t n : {0, 1, 100, 4096 * 2 + 3, 50000}) {
        // Few distinct keys, so that the order of equal ones shows.
        std::vector<std::pair<int, std::size_t>> items(n);
        for (std::size_t i = 0; i < n; ++i) items[i] = {static_cast<int>(random() % 50), i};
        auto less = [](const auto& a, const auto& b) { return a.first < b.first; };
        auto expected = items;
        std::stable_sort(expected.begin(), expected.end(), less);
        for (unsigned jobs : {1u, 2u, 3u, 4u, 7u}) {
            CAPTURE(n);
            CAPTURE(jobs);
            auto got = items;
            util::parallel_stable_sort(got.begin(), got.end(), jobs, less);
            CHECK(got == expected);
        }
    }
}

TEST_CASE("parallel_for_blocks calls fn once for every index, whatever the block and the threads") {
    for (std::size_t n : {0, 1, 4095, 4096, 4097, 10000}) {
        for (std::size_t block : {1, 7, 4096}) {
            for (unsigned jobs : {1u, 3u}) {
                CAPTURE(n);
                CAPTURE(block);
                CAPTURE(jobs);
                std::vector<int> calls(n, 0);
                util::parallel_for_blocks(
                    n, jobs, [&](std::size_t i) { ++calls[i]; }, block);
                CHECK(std::all_of(calls.begin(), calls.end(), [](int c) { return c == 1; }));
            }
        }
    }
}
