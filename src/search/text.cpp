#include "search/text.hpp"

#include <utf8proc.h>

#include <array>

#include "util/unicode.hpp"
#include "util/utf8.hpp"

namespace passage::search {

namespace {

// Letters that utf8proc leaves alone (no decomposition) but that a reader types with plain Latin
// letters. Applied to the folded code points.
std::string_view spelt_out(char32_t cp) {
    switch (cp) {
        case U'æ':
            return "ae";
        case U'œ':
            return "oe";
        case U'ø':
            return "o";
        case U'đ':
            return "d";
        case U'ð':
            return "d";
        case U'ł':
            return "l";
        case U'þ':
            return "th";
        case U'ħ':
            return "h";
        case U'ı':
            return "i";
        default:
            return {};
    }
}

// For a byte below 0x80: its fold if it is a word character ([0-9a-z], [A-Z] lowercased), else 0.
constexpr std::array<char, 128> kAsciiFold = [] {
    std::array<char, 128> t{};
    for (char c = '0'; c <= '9'; ++c) t[static_cast<std::size_t>(c)] = c;
    for (char c = 'a'; c <= 'z'; ++c) t[static_cast<std::size_t>(c)] = t[static_cast<std::size_t>(c - 'a' + 'A')] = c;
    return t;
}();

char ascii_fold(unsigned char b) {
    return b < 0x80 ? kAsciiFold[b] : 0;
}

// The search's word characters: the shared model's (util::is_word_character), and format
// characters (Cf: soft hyphen, zero-width joiners), which fold away inside a word rather than cut it.
bool is_search_word(char32_t cp) {
    return util::is_word_character(cp) || (cp <= 0x10FFFF && utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_CF);
}

}  // namespace

CharFold fold_char(char32_t cp) {
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') return {true, std::string(1, static_cast<char>(cp - 'A' + 'a'))};
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return {true, std::string(1, static_cast<char>(cp))};
        return {};
    }
    if (!is_search_word(cp)) return {};
    auto icp = static_cast<utf8proc_int32_t>(cp);
    utf8proc_int32_t buf[32];
    int last_boundclass = 0;
    auto options =
        static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
    auto n = utf8proc_decompose_char(icp, buf, 32, options, &last_boundclass);
    CharFold f{true, {}};
    if (n < 0 || n > 32) return f;  // cannot happen for a valid code point: folds away
    for (utf8proc_ssize_t i = 0; i < n; ++i) {
        auto c = static_cast<char32_t>(buf[i]);
        if (auto s = spelt_out(c); !s.empty())
            f.folded += s;
        else
            util::append_utf8(f.folded, c);
    }
    return f;
}

namespace {

// The fold of `cp`, recorded in `table` the first time it is met.
const CharFold& recorded(FoldTable& table, char32_t cp) {
    auto it = table.find(cp);
    if (it == table.end()) it = table.emplace(cp, fold_char(cp)).first;
    return it->second;
}

}  // namespace

bool next_token(std::string_view text, std::size_t& at, Token& token, FoldTable* table) {
    token.folded.clear();
    bool in_token = false;
    std::size_t i = at;
    while (i < text.size()) {
        unsigned char b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {  // the common case, without building a CharFold
            if (ascii_fold(b)) {
                if (!in_token) {
                    in_token = true;
                    token.begin = i;
                }
                // The whole run of ASCII word characters at once, then folded in place.
                std::size_t run = i + 1;
                while (run < text.size() && ascii_fold(static_cast<unsigned char>(text[run]))) ++run;
                const std::size_t from = token.folded.size();
                token.folded.append(text.data() + i, run - i);
                for (std::size_t k = from; k < token.folded.size(); ++k)
                    token.folded[k] = kAsciiFold[static_cast<unsigned char>(token.folded[k])];
                i = run;
                continue;
            } else if (in_token && !token.folded.empty()) {
                break;
            } else {
                in_token = false;
            }
            ++i;
            continue;
        }
        const util::Utf8Char c = util::decode_utf8(text, i);
        const CharFold* f = nullptr;
        CharFold computed;
        if (c.code != util::kNotUtf8) {
            if (table) {
                f = &recorded(*table, c.code);
            } else {
                computed = fold_char(c.code);
                f = &computed;
            }
        }  // else: an invalid byte separates
        if (f && f->word) {
            if (!in_token) {
                in_token = true;
                token.begin = i;
            }
            token.folded += f->folded;
        } else if (in_token && !token.folded.empty()) {
            break;
        } else {
            in_token = false;
        }
        i += c.length;
    }
    at = i;
    if (token.folded.empty()) return false;  // the end, with no token (a word that folds away is none)
    token.end = i;
    return true;
}

void note_code_points(std::string_view text, FoldTable& table) {
    for (std::size_t i = 0; i < text.size();) {
        const util::Utf8Char c = util::decode_utf8(text, i);
        // ASCII is not in the table; nor is an invalid byte, for which next_token records nothing.
        if (c.code >= 0x80 && c.code != util::kNotUtf8) recorded(table, c.code);
        i += c.length;
    }
}

}  // namespace passage::search
