#include "json/json_writer.hpp"

#include <array>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "util/utf8.hpp"

namespace passage::json {

std::string script_safe(const std::string& dumped) {
    std::string out;
    out.reserve(dumped.size() + dumped.size() / 64);
    for (std::size_t i = 0; i < dumped.size(); ++i) {
        const char c = dumped[i];
        if (c == '<')
            out += "\\u003c";
        else if (c == '>')
            out += "\\u003e";
        else if (c == '&')
            out += "\\u0026";
        else if (c == '\xE2' && i + 2 < dumped.size() && dumped[i + 1] == '\x80' && (dumped[i + 2] == '\xA8' || dumped[i + 2] == '\xA9')) {
            out += dumped[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
            i += 2;
        } else
            out += c;
    }
    return out;
}

namespace {

// The ASCII bytes a JSON string holds as they are, without and with script safety.
constexpr std::array<bool, 256> plain_bytes(bool script_safe) {
    std::array<bool, 256> t{};
    for (int c = 0x20; c < 0x7F; ++c) t[c] = c != '"' && c != '\\' && !(script_safe && (c == '<' || c == '>' || c == '&'));
    return t;
}
constexpr auto kPlain = plain_bytes(false), kPlainInScript = plain_bytes(true);

// Appends `s`; false, with `out` as it was, if `s` is not valid UTF-8.
bool append_valid(std::string& out, std::string_view s, StringStyle style) {
    static constexpr char hex[] = "0123456789abcdef";
    const std::size_t start = out.size();
    auto escape = [&out](std::uint32_t v) {
        const char e[6] = {'\\', 'u', hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
        out.append(e, 6);
    };
    const auto& plain = style.script_safe ? kPlainInScript : kPlain;
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        std::size_t end = i;
        while (end < s.size() && plain[static_cast<unsigned char>(s[end])]) ++end;
        out.append(s.data() + i, end - i);
        if (end == s.size()) break;
        i = end;
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
                case '"':
                    out += "\\\"";
                    break;
                case '\\':
                    out += "\\\\";
                    break;
                case '\b':
                    out += "\\b";
                    break;
                case '\f':
                    out += "\\f";
                    break;
                case '\n':
                    out += "\\n";
                    break;
                case '\r':
                    out += "\\r";
                    break;
                case '\t':
                    out += "\\t";
                    break;
                case 0x7F:  // DEL: escaped only with `ascii`, as nlohmann does
                    if (style.ascii)
                        escape(c);
                    else
                        out += static_cast<char>(c);
                    break;
                default:
                    escape(c);  // other controls; '<', '>', '&' when script-safe
            }
            ++i;
            continue;
        }
        const util::Utf8Char ch = util::decode_utf8(s, i);
        if (ch.code == util::kNotUtf8) return out.resize(start), false;
        const std::uint32_t cp = ch.code;
        if (!style.ascii && !(style.script_safe && (cp == 0x2028 || cp == 0x2029))) {
            out.append(s.data() + i, ch.length);
        } else if (cp <= 0xFFFF) {
            escape(cp);
        } else {
            escape(0xD800 + ((cp - 0x10000) >> 10));
            escape(0xDC00 + ((cp - 0x10000) & 0x3FF));
        }
        i += ch.length;
    }
    out += '"';
    return true;
}

}  // namespace

void append_string(std::string& out, std::string_view s, StringStyle style) {
    if (append_valid(out, s, style)) return;
    // nlohmann replaces invalid bytes by U+FFFD in ways that depend on its decoder: let it.
    auto dumped = nlohmann::json(std::string(s)).dump(-1, ' ', style.ascii, nlohmann::json::error_handler_t::replace);
    out += style.script_safe ? script_safe(dumped) : dumped;
}

}  // namespace passage::json
