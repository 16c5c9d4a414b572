// util::find_invalid_utf8: where the content loader reports a file that is not UTF-8.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "util/strings.hpp"

using passage::util::count_characters;
using passage::util::find_invalid_utf8;

TEST_CASE("find_invalid_utf8: valid text, ASCII or not, has no invalid byte") {
    CHECK(find_invalid_utf8("") == std::string::npos);
    CHECK(find_invalid_utf8("plain ASCII text that runs past several eight-byte words") == std::string::npos);
    CHECK(find_invalid_utf8("Belém, ¶12, “quoted”, 移民, 𝄞 and U+10FFFF \xF4\x8F\xBF\xBF") == std::string::npos);
}

TEST_CASE("find_invalid_utf8: a bad byte is found at its offset wherever it falls among the eight-byte words") {
    // Each kind of invalid sequence, after 0 to 20 ASCII bytes and before more ASCII, so that it
    // falls at every offset within a word and at the end of the text.
    const std::vector<std::string> bad = {
        "\xFF",          // never in UTF-8
        "\x80",          // a continuation byte alone
        "\xC3",          // a lead byte cut short (followed by ASCII or the end)
        "\xC0\xAF",      // an overlong two-byte form
        "\xE0\x80\xAF",  // an overlong three-byte form
        "\xED\xA0\x80",  // a surrogate
        "\xF4\x90\x80\x80",  // past U+10FFFF
    };
    for (const auto& b : bad)
        for (std::size_t before = 0; before <= 20; ++before)
            for (std::string after : {std::string(), std::string("tail of ASCII text")}) {
                const std::string text = std::string(before, 'a') + b + after;
                CAPTURE(before);
                CHECK(find_invalid_utf8(text) == before);
                // A valid non-ASCII character before it does not hide it.
                CHECK(find_invalid_utf8("é" + text) == before + 2);
            }
}

TEST_CASE("count_characters counts the bytes that start a UTF-8 character, at any place of an 8-byte word") {
    const std::vector<std::string> chars = {"a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};
    for (std::size_t lead = 0; lead < 9; ++lead)
        for (const auto& c : chars) {
            std::string text(lead, 'x');
            std::size_t want = lead;
            for (int k = 0; k < 5; ++k, ++want) text += c;
            CAPTURE(lead);
            CHECK(count_characters(text) == want);
            CHECK(count_characters(std::string_view(text).substr(0, lead)) == lead);
        }
    CHECK(count_characters("") == 0);
    CHECK(count_characters("\x80\x80\x80\x80\x80\x80\x80\x80\x80") == 0);  // continuation bytes only
}
