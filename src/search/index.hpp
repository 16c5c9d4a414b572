#pragma once
// The inverted index in memory, before it is split into files: stems with their surface forms and
// postings weighted by BM25F. Internal to the search stage (tests use it too).
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "search/search.hpp"
#include "search/text.hpp"

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
    std::uint32_t first_position = 0;  // into Term::positions
    std::uint32_t position_count = 0;  // at most kMaxPositions
};

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

// Tokenizing and stemming run on `jobs` threads; the index does not depend on their number.
Index build_index(const std::vector<Record>& records, const Weights& weights = {}, unsigned jobs = 1);

}  // namespace passage::search
