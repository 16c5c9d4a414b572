// util/utf8: the one UTF-8 decoder and encoder.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "util/utf8.hpp"

using passage::util::count_characters;
using passage::util::find_invalid_utf8;

TEST_CASE("find_invalid_utf8: valid text, ASCII or not, has no invalid byte") {
    CHECK(find_invalid_utf8("") == std::string::npos);
    CHECK(find_invalid_utf8("plain ASCII text that runs on for a few dozen bytes") == std::string::npos);
    CHECK(find_invalid_utf8("Belém, ¶12, “quoted”, 移民, 𝄞 and U+10FFFF \xF4\x8F\xBF\xBF") == std::string::npos);
}

TEST_CASE("find_invalid_utf8: a bad byte is found at its offset wherever it falls") {
    // Each kind of invalid sequence, after 0 to 20 ASCII bytes and before more ASCII, so that it
    // falls at every offset within a word and at the end of the text.
    const std::vector<std::string> bad = {
        "\xFF",              // never in UTF-8
        "\x80",              // a continuation byte alone
        "\xC3",              // a lead byte cut short (followed by ASCII or the end)
        "\xC0\xAF",          // an overlong two-byte form
        "\xE0\x80\xAF",      // an overlong three-byte form
        "\xED\xA0\x80",      // a surrogate
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

TEST_CASE("count_characters counts the bytes that start a UTF-8 character, wherever they fall") {
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

TEST_CASE("decode_utf8 reads each code point with its length and refuses what is not UTF-8") {
    using passage::util::decode_utf8;
    using passage::util::kNotUtf8;
    struct Case {
        std::string bytes;
        char32_t code;
        std::size_t length;
    };
    const std::vector<Case> cases = {
        {"a", U'a', 1},
        {"\x7F", 0x7F, 1},
        {"\xC2\x80", 0x80, 2},
        {"\xC3\xA9", U'é', 2},
        {"\xDF\xBF", 0x7FF, 2},
        {"\xE0\xA0\x80", 0x800, 3},
        {"\xE2\x82\xAC", U'€', 3},
        {"\xED\x9F\xBF", 0xD7FF, 3},  // the last code point before the surrogates
        {"\xEE\x80\x80", 0xE000, 3},  // the first after them
        {"\xEF\xBF\xBF", 0xFFFF, 3},
        {"\xF0\x90\x80\x80", 0x10000, 4},
        {"\xF4\x8F\xBF\xBF", 0x10FFFF, 4},
        // Not UTF-8: one byte each, for the reader to go on from the next.
        {"\x80", kNotUtf8, 1},              // a continuation byte alone
        {"\xC0\x80", kNotUtf8, 1},          // overlong NUL
        {"\xC1\xBF", kNotUtf8, 1},          // overlong
        {"\xE0\x9F\xBF", kNotUtf8, 1},      // overlong three-byte form
        {"\xF0\x8F\xBF\xBF", kNotUtf8, 1},  // overlong four-byte form
        {"\xED\xA0\x80", kNotUtf8, 1},      // a high surrogate
        {"\xED\xBF\xBF", kNotUtf8, 1},      // a low surrogate
        {"\xF4\x90\x80\x80", kNotUtf8, 1},  // past U+10FFFF
        {"\xF5\x80\x80\x80", kNotUtf8, 1},
        {"\xFF", kNotUtf8, 1},
        {"\xC3", kNotUtf8, 1},              // cut short by the end
        {"\xE2\x82", kNotUtf8, 1},          // cut short by the end
        {"\xE2\x82x", kNotUtf8, 1},         // cut short by ASCII
        {"\xF0\x9F\x98\xC3", kNotUtf8, 1},  // a lead byte where a continuation byte belongs
    };
    for (const auto& c : cases) {
        CAPTURE(c.bytes);
        const auto got = decode_utf8(c.bytes, 0);
        CHECK(got.code == c.code);
        CHECK(got.length == c.length);
        CHECK((find_invalid_utf8(c.bytes) == std::string::npos) == (c.code != kNotUtf8));
    }
    CHECK(decode_utf8("x\xC3\xA9", 1).code == U'é');  // from any offset
}

TEST_CASE("append_utf8 writes every code point as decode_utf8 reads it back, in utf8_length bytes") {
    using namespace passage::util;
    std::string all;
    std::size_t count = 0;
    for (char32_t c = 0; c <= 0x10FFFF; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        std::string one;
        append_utf8(one, c);
        REQUIRE(one.size() == utf8_length(c));
        const Utf8Char back = decode_utf8(one, 0);
        REQUIRE(back.code == c);
        REQUIRE(back.length == one.size());
        if (c % 97 == 0) {
            all += one;
            ++count;
        }
    }
    CHECK(find_invalid_utf8(all) == std::string::npos);
    CHECK(count_characters(all) == count);
}
