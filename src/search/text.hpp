#pragma once
// Text normalisation for search: Unicode-aware tokenizing and folding (case, diacritics,
// compatibility forms), the same for the index and for the query typed in the browser.
//
// The rule, which assets/search.js applies too:
//   - ASCII: [0-9a-z] is a word character, [A-Z] is one and folds to lowercase, all else separates.
//   - Other code points: the word characters of the shared model (util/unicode.hpp: letters, marks
//     and numbers, categories L*, M*, N*) and format characters (Cf: soft hyphen, zero-width
//     joiners) are word characters; everything else separates. A word character folds to
//     utf8proc's NFKD + case fold + mark stripping + default ignorable removal of that one code
//     point, then a few letters with no decomposition are spelt out (æ -> ae, ø -> o, ł -> l, ...).
//     The fold may be empty (a combining accent).
//   - A token is a maximal run of word characters; its folded form is the concatenation of the folds
//     of its characters; a token whose folded form is empty is dropped.
// Because folding works code point by code point, the fold of a text is exactly the concatenation of
// per-character folds: the browser folds through a table that the index ships, with one entry for
// every non-ASCII code point of the corpus, so both sides agree by construction.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/utf8.hpp"

namespace passage::search {

struct CharFold {
    bool word = false;   // a word character (false: a separator)
    std::string folded;  // UTF-8; empty for separators and for characters that fold away
    bool operator==(const CharFold&) const = default;
};

// How one code point folds. Invalid code points are separators.
CharFold fold_char(char32_t cp);

// Non-ASCII code points met while tokenizing, with their folds: the browser's folding table.
using FoldTable = std::map<char32_t, CharFold>;

struct Token {
    std::string folded;     // the folded surface form, never empty
    std::size_t begin = 0;  // byte range in the input
    std::size_t end = 0;
};

// Reads the next token of `text` (UTF-8; invalid bytes separate) from byte `at` into `token`
// (whose string is reused, so a long text costs no allocation per word) and moves `at` past it.
// Returns false, with `at` at the end, when no token is left. When `table` is given, every non-ASCII
// code point met is recorded in it.
bool next_token(std::string_view text, std::size_t& at, Token& token, FoldTable* table = nullptr);

// Records in `table` every non-ASCII code point of `text`, as next_token does, without tokenizing:
// for text that is shown (and highlighted) but not indexed.
void note_code_points(std::string_view text, FoldTable& table);

// The one UTF-8 encoder (util/utf8.hpp), which the index's files use by this name too.
using util::append_utf8;

}  // namespace passage::search
