#pragma once
// The alias matcher: finds mentions of instruments and organizations in running text (whole words,
// leftmost-longest, acronyms case-sensitive) with one Aho-Corasick automaton built from every alias.
// A Matcher is a plain value, immutable once built: `find` is const, keeps no state between calls,
// and may run on several threads at once.
//
// Text model (applied alike to alias phrases and to the text searched). Characters are read by
// util::decode_utf8 and classed by the model the stages share (util/unicode.hpp, utf8proc's tables):
//   * Whitespace: any run of spaces (util::is_space_character: ASCII white space and the space
//     separators, Zs: no-break space, U+2000-U+200A, narrow no-break space, ideographic space, ...)
//     counts as one space, so "Palermo\n  Protocol" matches the alias "Palermo Protocol". Phrases are
//     trimmed; a phrase that is empty after trimming is ignored.
//   * Case folding (case-insensitive aliases only): each character's Unicode case folding, where it
//     is one character of the same UTF-8 length (util::fold_case_same_length), so that the folded
//     text has the byte offsets of the original and a match in it is a match at the same bytes of the
//     text. Folded: the capitals of Latin (A-Z, Latin-1, Extended-A and -B, Extended Additional),
//     Greek (and final sigma to sigma), Cyrillic, Armenian, Georgian, Cherokee, full-width Latin and
//     the other bicameral scripts. Not folded: sharp s and capital sharp s (they fold to "ss"),
//     dotted capital I (to "i" and a combining dot), Greek letters with a iota subscript, and the few
//     whose folding has another length (long s, the Kelvin and ohm signs). Accents stay: é is not e.
//   * Word characters (a match must not touch one on either side): letters, marks and numbers of
//     every script (util::is_word_character: categories L*, M*, N*), so a combining accent continues
//     the word it sits on, and a mention inside a word of Chinese, Thai or Devanagari text, which
//     writes no space between words, is not one. Everything else is a boundary: punctuation (so
//     "ILO's" and "non-ILO" match), symbols, spaces, controls and format characters, and bytes that
//     are not valid UTF-8.
//   * Acronyms: a phrase made only of A-Z, 0-9, '-', '.', '/', '&' and spaces, with at least two
//     capitals ("ICMW", "UNHCR", "ILO", "ILO C97"), matches case-sensitively; every other phrase
//     ("Geneva Convention", "Belém", "C97", with one capital only) ignores case.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace passage::crossref {

struct Alias {
    std::string phrase;  // as written by the author, UTF-8
    std::string target;  // opaque to the matcher: "instrument:icmw", "org:ilo"
};

// Two aliases that claim the same phrase for different targets. `first` < `second` index the aliases
// given to Matcher::build. Unless `case_variant`, they have the same key (the exact phrase for an
// acronym, the folded phrase otherwise) and the first one keeps the phrase. With `case_variant`, an
// acronym and a case-insensitive alias spell the same letters ("ICMW" and "Icmw"): both stay, and the
// acronym wins where the text has its exact case.
struct AliasConflict {
    std::string phrase;  // the second alias's phrase, whitespace-normalized
    std::string first_target, second_target;
    std::size_t first = 0, second = 0;
    bool case_variant = false;
};

struct Match {
    std::size_t begin = 0, end = 0;  // byte offsets into the text searched: [begin, end)
    std::string_view target;         // points into the Matcher that owns the alias; valid while it lives
    bool context = false;            // true when the alias came from the context matcher
};

class Matcher {
public:
    // An empty matcher: finds nothing.
    Matcher();

    // Builds the automaton from every alias. Exact duplicates (same key, same target) are merged
    // silently; conflicts are appended to `*conflicts` when given (in the order of `second`), never
    // printed. Cost: linear in the total length of the phrases. The nodes down to `dense_depth` get a
    // dense row of transitions (see below); 0 gives the plain automaton, which finds the same
    // matches more slowly (the unit tests and bench/micro.cpp compare the two).
    static Matcher build(const std::vector<Alias>& aliases, std::vector<AliasConflict>* conflicts = nullptr,
                         std::uint32_t dense_depth = kDenseDepth);

    // The mentions in `text`, sorted by `begin`, not overlapping. Candidates from this matcher and from
    // `context` (a small per-document matcher, may be null) are merged leftmost-longest: the leftmost
    // start wins, then the longest span, then `context` on a tie, so a context alias overrides a global
    // alias with the same phrase. When `steps` is given, adds to it the work done (automaton
    // transitions, failure-link hops and candidate checks).
    // Cost: O(|text| + c), where c <= the number of occurrences of folded phrases that start at a word
    // boundary; in practice one check per word start, since the longest candidate is tried first and
    // the first that passes its end boundary and case check is the answer for that start.
    // REQUIRES: `context`, when given, outlives the returned matches (they point into it).
    std::vector<Match> find(std::string_view text, const Matcher* context = nullptr, std::size_t* steps = nullptr) const;

    // Number of distinct patterns in the automaton (after merging duplicates and dropping conflicts).
    std::size_t size() const { return patterns_.size(); }
    bool empty() const { return patterns_.empty(); }

private:
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

    struct Pattern {
        std::string exact;  // whitespace-normalized phrase, compared byte for byte when case_sensitive
        std::string target;
        bool case_sensitive = false;
    };

    // A trie node over the *reversed* folded phrases: scanning the text right to left, the states on
    // the dictionary chain of the current state are the phrases that start at the current position,
    // longest first.
    struct Node {
        std::uint32_t fail = 0;
        std::uint32_t out = kNone;  // nearest proper suffix state that ends a phrase
        std::uint32_t edge_begin = 0, edge_count = 0;
        std::uint32_t depth = 0;
        std::int32_t sensitive = -1, insensitive = -1;  // indexes into patterns_
        bool terminal() const { return sensitive >= 0 || insensitive >= 0; }
    };

    struct Candidate {
        std::size_t begin;  // in the normalized stream
        std::uint32_t length;
        std::uint32_t pattern;
    };
    struct Stream;

    std::uint32_t child(std::uint32_t state, unsigned char byte) const;
    std::vector<Candidate> scan(const Stream& stream, std::size_t& steps) const;

    std::vector<Pattern> patterns_;
    std::vector<Node> nodes_;                // nodes_[0] is the root
    std::vector<unsigned char> edge_bytes_;  // per node, sorted: edge_bytes_[edge_begin, +edge_count)
    std::vector<std::uint32_t> edge_to_;
    std::vector<std::uint32_t> root_;  // dense root transitions: 256 entries, 0 when absent
    // Nodes of depth 1 to kDenseDepth have a row of 256 next states, failure links already followed:
    // dense_[row_[node] * 256 + byte]. row_ is kNone for the root and deeper nodes. A speed-up of
    // 1.6x on real text (bench/README.md, "bench/micro"); build(..., 0) gives the plain automaton.
    static constexpr std::uint32_t kDenseDepth = 2;
    std::vector<std::uint32_t> row_;
    std::vector<std::uint32_t> dense_;
};

}  // namespace passage::crossref
