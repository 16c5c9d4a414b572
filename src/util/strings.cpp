#include "util/strings.hpp"

#include <algorithm>
#include <cstdint>
#include <numeric>

#include "util/utf8.hpp"

namespace passage::util {

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > limit) return limit + 1;
    std::vector<std::size_t> row(a.size() + 1);
    std::iota(row.begin(), row.end(), 0);
    for (std::size_t j = 1; j <= b.size(); ++j) {
        std::size_t diag = row[0];
        row[0] = j;
        std::size_t best = row[0];
        for (std::size_t i = 1; i <= a.size(); ++i) {
            std::size_t up = row[i];
            row[i] = std::min({row[i] + 1, row[i - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diag = up;
            best = std::min(best, row[i]);
        }
        if (best > limit) return limit + 1;
    }
    return row[a.size()];
}

std::optional<std::string> closest(std::string_view name, const std::vector<std::string>& candidates) {
    // A third of the name's length, at least 1 and at most 4 edits, is what still reads as a typo.
    const std::size_t limit = std::clamp<std::size_t>(name.size() / 3, 1, 4);
    std::optional<std::string> best;
    std::size_t best_distance = limit + 1;
    for (const auto& c : candidates) {
        std::size_t d = edit_distance(name, c, limit);
        if (d < best_distance || (d == best_distance && best && c < *best)) {
            if (d <= limit) {
                best = c;
                best_distance = d;
            }
        }
    }
    return best;
}

std::string slugify(std::string_view text) {
    std::string out;
    bool dash = false;
    for (unsigned char c : text) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) {
            if (dash && !out.empty()) out += '-';
            dash = false;
            out += static_cast<char>(c);
        } else if (c >= 'A' && c <= 'Z') {
            if (dash && !out.empty()) out += '-';
            dash = false;
            out += static_cast<char>(c - 'A' + 'a');
        } else {
            dash = true;
        }
    }
    return out.empty() ? std::string("section") : out;
}

bool is_valid_id(std::string_view id) {
    if (id.empty() || id.size() > 100 || id[0] < 'a' || id[0] > 'z' || id.back() == '-') return false;
    char prev = 0;
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && prev == '-')) return false;
        prev = c;
    }
    return true;
}

std::string to_lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string_view trim(std::string_view s) {
    const char* ws = " \t\r\n";
    auto b = s.find_first_not_of(ws);
    if (b == std::string_view::npos) return {};
    auto e = s.find_last_not_of(ws);
    return s.substr(b, e - b + 1);
}

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        auto pos = s.find(sep, start);
        out.emplace_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
        if (pos == std::string_view::npos) break;
        start = pos + 1;
    }
    return out;
}

void html_escape_into(std::string& out, std::string_view s) {
    for (char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
}

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    html_escape_into(out, s);
    return out;
}

bool is_forbidden_character(char32_t c) {
    if (c < 0x20) return c != '\t' && c != '\n' && c != '\r';
    if (c >= 0x7F && c <= 0x9F) return true;
    return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

std::optional<ForbiddenCharacter> find_forbidden_character(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const Utf8Char c = decode_utf8(s, i);
        if (c.code != kNotUtf8 && is_forbidden_character(c.code)) return ForbiddenCharacter{i, c.code};
        i += c.length;
    }
    return std::nullopt;
}

std::string code_point_name(char32_t c) {
    static const char* hex = "0123456789ABCDEF";
    std::string digits;
    for (auto v = static_cast<std::uint32_t>(c); v || digits.size() < 4; v >>= 4) digits.insert(digits.begin(), hex[v & 0xF]);
    return "U+" + digits;
}

}  // namespace passage::util
