#pragma once
// Plain versions of the loops src/ writes for speed, kept beside them so that a unit test can check
// the fast ones give the same results and bench/micro.cpp can time the pair (bench/README.md says
// what it measured and why each fast loop stays).
#include <string>
#include <string_view>

#include "search/text.hpp"
#include "util/unicode.hpp"
#include "util/utf8.hpp"

namespace passage::reference {

// search::next_token with every character taken alike, one at a time: ASCII through the shared
// Unicode model, the rest through the folding table. The fast version takes runs of ASCII word
// characters at once.
inline bool next_token(std::string_view text, std::size_t& at, search::Token& token, search::FoldTable& table) {
    token.folded.clear();
    bool in_token = false;
    std::size_t i = at;
    while (i < text.size()) {
        const util::Utf8Char c = util::decode_utf8(text, i);
        bool word = false;
        std::string folded;
        if (c.code < 0x80) {
            word = util::is_word_character(c.code);
            folded = std::string(1, static_cast<char>(util::fold_case_same_length(c.code)));
        } else if (c.code != util::kNotUtf8) {
            auto it = table.find(c.code);
            if (it == table.end()) it = table.emplace(c.code, search::fold_char(c.code)).first;
            word = it->second.word;
            folded = it->second.folded;
        }  // else: an invalid byte separates
        if (word) {
            if (!in_token) {
                in_token = true;
                token.begin = i;
            }
            token.folded += folded;
        } else if (in_token && !token.folded.empty()) {
            break;
        } else {
            in_token = false;
        }
        i += c.length;
    }
    at = i;
    if (token.folded.empty()) return false;
    token.end = i;
    return true;
}

}  // namespace passage::reference
