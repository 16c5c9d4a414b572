// util/unicode: the one model of words, spaces and case that the matcher and search share.
#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "util/strings.hpp"
#include "util/unicode.hpp"
#include "util/utf8.hpp"

using namespace passage::util;

TEST_CASE("word characters are the letters, marks and numbers of every script") {
    for (char32_t c : {U'a', U'Z', U'0', U'9', U'é', U'ß', U'ł',  U'ǅ',  U'ʰ',  U'α',  U'Ω',  U'ж', U'Ґ', U'ꙗ', U'ա',      U'א',      U'ب',
                       U'٣', U'भ', U'ी', U'्',  U'ก', U'ệ', U'Ａ', U'ｚ', U'移', U'ア', U'한', U'²', U'½', U'Ⅻ', U'\u0301', U'\u20DD', U'𐐀'})
        CHECK_MESSAGE(is_word_character(c), code_point_name(c));
    for (char32_t c : {U' ',
                       U'-',
                       U'\'',
                       U'.',
                       U'_',
                       U'$',
                       U'\n',
                       U'\u00A0',
                       U'×',
                       U'÷',
                       U'’',
                       U'—',
                       U'«',
                       U'€',
                       U'©',
                       U'\u00AD',
                       U'\u200B',
                       U'\u200D',
                       U'\u2028',
                       U'϶',
                       U'᾽',
                       U'。',
                       U'\uE000',
                       U'\uFFFF',
                       char32_t{0x10FFFF},
                       char32_t{0xD800},
                       kNotUtf8})
        CHECK_MESSAGE(!is_word_character(c), code_point_name(c));
}

TEST_CASE("spaces are ASCII white space and the space separators") {
    for (char32_t c :
         {U' ', U'\t', U'\n', U'\v', U'\f', U'\r', U'\u00A0', U'\u1680', U'\u2002', U'\u2009', U'\u200A', U'\u202F', U'\u205F', U'\u3000'})
        CHECK_MESSAGE(is_space_character(c), code_point_name(c));
    for (char32_t c : {U'a', U'\0', U'\x1C', U'\u0085', U'\u200B', U'\u2028', U'\u2029', U'\uFEFF', kNotUtf8})
        CHECK_MESSAGE(!is_space_character(c), code_point_name(c));
}

TEST_CASE("case folds to one character of the same UTF-8 length, or not at all") {
    const std::vector<std::pair<char32_t, char32_t>> folded = {
        {U'A', U'a'}, {U'É', U'é'}, {U'Ł', U'ł'}, {U'Ÿ', U'ÿ'}, {U'Ș', U'ș'}, {U'ǅ', U'ǆ'}, {U'Σ', U'σ'}, {U'ς', U'σ'},  // final sigma
        {U'Ά', U'ά'}, {U'Ἀ', U'ἀ'}, {U'Ж', U'ж'}, {U'Ґ', U'ґ'}, {U'Ꙗ', U'ꙗ'}, {U'Ա', U'ա'}, {U'Ệ', U'ệ'}, {U'Ａ', U'ａ'}, {U'𐐀', U'𐐨'}};
    for (const auto& pair : folded) CHECK_MESSAGE(fold_case_same_length(pair.first) == pair.second, code_point_name(pair.first));
    // Lowercase and caseless characters stay; so do foldings to several characters (sharp s, capital
    // sharp s, I with dot above, alpha with prosgegrammeni) and to one of another length (long s, the
    // Kelvin and ohm signs); and what is no character.
    for (char32_t c : {U'a', U'@', U'ж', U'移', U'ß', U'ẞ', U'İ', U'ᾼ', U'ſ', U'\u212A', U'\u2126', char32_t{0xD800}, kNotUtf8})
        CHECK_MESSAGE(fold_case_same_length(c) == c, code_point_name(c));
    // Over every code point: the same length, and folding twice changes nothing more.
    for (char32_t c = 0; c <= 0x10FFFF; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        const char32_t f = fold_case_same_length(c);
        REQUIRE(utf8_length(f) == utf8_length(c));
        REQUIRE(fold_case_same_length(f) == f);
    }
}
