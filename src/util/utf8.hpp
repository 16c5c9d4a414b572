#pragma once
// UTF-8, read and written one code point at a time: the one decoder and encoder of passage, which
// every stage that looks at characters goes through. Strict, as RFC 3629 and the HTML and JSON
// parsers are: an overlong form, a surrogate (U+D800 to U+DFFF), a value past U+10FFFF, a sequence
// cut short and a continuation byte alone are not UTF-8.
#include <cstddef>
#include <string>
#include <string_view>

namespace passage::util {

// What decode_utf8 gives for bytes that are not UTF-8.
constexpr char32_t kNotUtf8 = 0xFFFFFFFF;

// One character read from UTF-8: its code point and the bytes it took (1 to 4).
struct Utf8Char {
    char32_t code = kNotUtf8;
    std::size_t length = 1;
};

namespace utf8_detail {
Utf8Char decode_sequence(std::string_view s, std::size_t at);
}  // namespace utf8_detail

// The character that starts at byte `at` of `s`, or {kNotUtf8, 1} when the bytes there are not UTF-8
// (a reader that goes on takes that byte as one character of its own). REQUIRES: at < s.size().
inline Utf8Char decode_utf8(std::string_view s, std::size_t at) {
    const auto lead = static_cast<unsigned char>(s[at]);
    if (lead < 0x80) return {lead, 1};  // ASCII, most of every text: without a call
    return utf8_detail::decode_sequence(s, at);
}

// The number of bytes of `c` in UTF-8. REQUIRES: c <= U+10FFFF and not a surrogate.
std::size_t utf8_length(char32_t c);

// Appends `c` in UTF-8. REQUIRES: as utf8_length.
void append_utf8(std::string& out, char32_t c);

// Byte offset of the first byte of `s` that does not start a UTF-8 sequence (decode_utf8), or npos
// when `s` is valid UTF-8.
std::size_t find_invalid_utf8(std::string_view s);

// The characters of `s` as columns count them: its bytes that are not continuation bytes
// (10xxxxxx). On valid UTF-8, the number of code points.
std::size_t count_characters(std::string_view s);

}  // namespace passage::util
