#pragma once
// Internal to the template stage: the tokens of a Mustache source (mustache_tokenize.cpp), which
// the compiler (mustache_parse.cpp) matches, trims and builds into a tree.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "templates/mustache.hpp"

namespace passage::templates::lex {

using detail::BlockIndent;

constexpr std::size_t npos = std::string_view::npos;

enum class Kind : std::uint8_t { text, variable, raw, section, inverted, close, partial, parent, block, comment, delimiters };

struct Token {
    Kind kind = Kind::text;
    std::size_t begin = 0;  // text: span in the source (begin moves forward when indentation is stripped)
    std::size_t end = 0;
    int line = 0;
    int column = 0;
    std::string name;                 // tags: the name as written (trimmed)
    std::size_t match = npos;         // opener <-> closer
    std::size_t owner = npos;         // innermost enclosing opener
    std::size_t first = 0, last = 0;  // first and last token index of this token's line
    bool blank = false;               // text: only spaces, tabs, CR, LF
    bool removed = false;             // text: dropped by a standalone rule
    bool standalone = false;          // partial/parent
    BlockIndent block_indent = BlockIndent::none;
    std::string indent;
};

struct ParseFailure {
    TemplateError error;
};

inline bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

inline std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

inline bool has_space(std::string_view s) {
    for (char c : s) {
        if (is_space(c)) return true;
    }
    return false;
}

// Pass 1: text (split after every '\n', so a text token never spans two lines) and tags, honouring
// set-delimiter tags; every tag's name checked. Throws ParseFailure.
std::vector<Token> tokenize(const std::string& name, std::string_view source);

}  // namespace passage::templates::lex
