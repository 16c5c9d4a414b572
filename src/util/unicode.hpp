#pragma once
// Characters as Unicode classes them: the one model of text that the stages share (the mention
// matcher's words, spaces and case, the search tokenizer's words). The tables are utf8proc's
// (Debian's libutf8proc), so the model follows the Unicode version of the library; ASCII is decided
// here without a lookup, by the same rule.
#include <cstdint>

namespace passage::util {

namespace unicode_detail {
bool is_word_character(char32_t c);
bool is_space_character(char32_t c);
char32_t fold_case_same_length(char32_t c);
}  // namespace unicode_detail

// A character that words are made of: a letter, a mark or a number (the Unicode general categories
// L*, M* and N*). In ASCII: A-Z, a-z, 0-9. Not a code point (past U+10FFFF, util::kNotUtf8): false.
inline bool is_word_character(char32_t c) {
    if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    return unicode_detail::is_word_character(c);
}

// A space: ASCII white space (tab, line feed, vertical tab, form feed, carriage return, space) and
// the space separators (category Zs: no-break space, the spaces of U+2000 to U+200A, narrow no-break
// space, ideographic space, ...). Line and paragraph separators (U+2028, U+2029) are not.
inline bool is_space_character(char32_t c) {
    if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);
    return unicode_detail::is_space_character(c);
}

// `c` case-folded (Unicode case folding of that one code point), when its folding is one code point
// that takes as many UTF-8 bytes as `c`; else `c` itself. So text folded character by character
// keeps the byte offsets of the original. Folded: A-Z, the capitals of Latin, Greek (and final sigma
// to sigma), Cyrillic, Armenian, Georgian, Cherokee, full-width Latin, Deseret and the other bicameral
// scripts. Left as they are: what folds to several characters (sharp s and capital sharp s to "ss",
// I with dot above to "i" and a combining dot, Greek capitals with a prosgegrammeni) and what folds
// to a character of another length (Kelvin sign to "k", long s to "s", ohm sign to omega).
inline char32_t fold_case_same_length(char32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z' ? c + 0x20 : c;
    return unicode_detail::fold_case_same_length(c);
}

}  // namespace passage::util
