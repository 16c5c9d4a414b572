#pragma once
// The inverted index in memory, before it is split into files: stems with their surface forms and
// postings weighted by BM25F. Internal to the search stage (the tests and the incremental cache use
// it too).
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "search/search.hpp"
#include "search/text.hpp"
#include "util/hash.hpp"

namespace passage::search {

// BM25F. A record's fields: its names (weight `name`), its headings (`heading`) and its text (1).
// A posting's weight is the term-frequency part of the score, tf (k1 + 1) / (k1 + tf), where tf sums
// the fields' frequencies, each times the field's weight and normalised by the field's length
// against the average length of that field. The inverse document frequency, which depends on the whole corpus, is left to the browser
// (search-engine.js), which knows the number of records and the term's: so a posting depends only on
// its record and on the average lengths, and these are rounded (quantized_length) so that editing one
// document leaves them, and the postings of every other document, as they were.
struct Weights {
    double k1 = 1.2;
    double name = 4.0, heading = 2.0;
    double b_name = 0.5, b_heading = 0.5, b_text = 0.75;
    double scale = 100;  // weights are stored as round(tf part * scale), at least 1
};

// An average field length as the weights use it: rounded to a power of 2^(1/8) (steps of 9%), at least 1.
double quantized_length(double average);

struct Posting {
    std::uint32_t record = 0;
    std::uint32_t weight = 0;          // the tf part of BM25F, scaled (see Weights)
    bool title = false;                // the word is in the record's title (its first name)
    bool note = false;                 // the record is a footnote
    std::uint32_t first_position = 0;  // into Term::positions
    std::uint32_t position_count = 0;  // at most kMaxPositions
};

// A term: a stem, or the stems of an inflection family (families.hpp) put together under the
// smallest of them.
struct Term {
    std::string stem;
    std::vector<std::string> surfaces;     // sorted
    std::vector<Posting> postings;         // by record
    std::vector<std::uint32_t> positions;  // every posting's positions, ascending within each posting

    std::span<const std::uint32_t> positions_of(const Posting& p) const { return {positions.data() + p.first_position, p.position_count}; }
};

struct Index {
    std::vector<Term> terms;                      // by stem
    std::map<std::string, std::size_t> surfaces;  // folded surface form -> index in `terms`
    FoldTable fold;                               // every non-ASCII code point of the records
};

// Positions are token numbers in the record: names first, then headings, then the text, with
// kFieldGap between two names, two headings or two fields, so that no phrase spans them. Stop words
// are not indexed but keep their position, so "trafficking in persons" is a phrase of the index.
constexpr std::uint32_t kFieldGap = 8;
constexpr std::size_t kMaxPositions = 32;

// What indexing a run of consecutive records gives, before the runs are put together: each stem
// met, with its raw counts per record, each surface form met, the code points and the field lengths.
// Records are numbered from the run's first, so that a run is the same wherever it falls in the
// corpus; it depends on nothing but its records (see run_key), and is what an incremental build
// takes from the last one (RunMemo).
struct Run {
    static constexpr std::size_t kFields = 3;  // names, headings, text
    // One record's occurrences of a stem: its frequency in each field and in the title (the first
    // name, also counted in the names field), and its positions, a slice [first, first + count) of
    // the stem's `positions` (at most kMaxPositions of them).
    struct Occurrences {
        std::uint32_t record = 0;
        std::array<std::uint32_t, kFields> tf{};
        std::uint32_t title = 0;
        std::uint32_t first = 0, count = 0;
        bool operator==(const Occurrences&) const = default;
    };
    struct Stem {
        std::string stem;
        std::vector<Occurrences> occ;  // by record
        std::vector<std::uint32_t> positions;
        bool operator==(const Stem&) const = default;
    };
    std::vector<Stem> stems;                                      // by stem
    std::vector<std::pair<std::string, std::uint32_t>> surfaces;  // by surface: the index of its stem (stop words left out)
    FoldTable fold;                                               // every non-ASCII code point of the records
    std::vector<std::array<std::uint32_t, kFields>> lengths;      // per record: the tokens of each field
    bool operator==(const Run&) const = default;
};

// The first record of each page: of each run of consecutive records whose URLs, without the
// fragment, are the same.
std::vector<std::size_t> page_starts(const std::vector<Record>& records);

// A hash of everything of records [begin, end) that indexing reads (title paths, names, headings,
// text): runs with the same key index the same.
util::Hash128 run_key(const std::vector<Record>& records, std::size_t begin, std::size_t end);

// Runs the last build indexed, by key: with the incremental cache, search/memo.hpp's RunStore.
class RunMemo {
public:
    virtual ~RunMemo() = default;
    // The run the last build indexed from records with this key, if it has one; a run recalled is
    // kept for the next build as it is. Thread-safe.
    virtual std::optional<Run> recall(const util::Hash128& key) = 0;
    // A run indexed now, for the next build. Thread-safe.
    virtual void keep(const util::Hash128& key, const Run& run) = 0;
};

// How build_index splits the records into runs: at the first record of a page chosen by the hash
// of its URL, runs of about `run_records` records (see content_cuts in cuts.hpp), so that an edit
// to one document changes one run and leaves the others as they were.
struct RunOptions {
    std::size_t run_records = 2048;
    RunMemo* memo = nullptr;  // runs recalled from, and kept in, this memo; none: every run indexed
};

// Tokenizing and stemming run on `jobs` threads; the index does not depend on their number, nor on
// the memo or the run size.
Index build_index(const std::vector<Record>& records, const Weights& weights = {}, unsigned jobs = 1, const RunOptions& runs = {});

}  // namespace passage::search
