#pragma once
// Indexing the search records with the incremental cache: each run of records (index.hpp) is kept
// under its run_key, and a run whose records did not change is decoded instead of tokenized and
// stemmed again.
#include <atomic>
#include <optional>
#include <string>
#include <string_view>

#include "cache/store.hpp"
#include "search/index.hpp"

namespace passage::search {

class RunStore final : public RunMemo {
public:
    explicit RunStore(cache::Store& store) : store_(store) {}
    std::optional<Run> recall(const util::Hash128& key) override;
    void keep(const util::Hash128& key, const Run& run) override;
    // Runs taken from the store, and runs indexed now (for --timings and tests).
    std::size_t recalled() const { return recalled_; }
    std::size_t indexed() const { return indexed_; }

private:
    cache::Store& store_;
    std::atomic<std::size_t> recalled_{0}, indexed_{0};
};

// A run: the field lengths of its records; its code points, ascending (each folds as fold_char
// says); its stems, ascending, each with its occurrences (record, delta from the previous one's,
// the three frequencies, the number of positions then the positions, delta-coded); its surfaces,
// ascending, each with the index of its stem. decode_run checks that every number points where it
// may (records, positions, stems), so that a run it returns is safe to merge.
std::string encode_run(const Run& run);
std::optional<Run> decode_run(std::string_view bytes);

}  // namespace passage::search
