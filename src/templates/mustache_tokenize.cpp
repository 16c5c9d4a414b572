// Mustache compiler, pass 1: the source as tokens (see mustache_parse.cpp for the passes).
#include <string>
#include <utility>

#include "templates/mustache_tokens.hpp"

namespace passage::templates::lex {

namespace {

// Characters that cannot start a variable name: sigils of other Mustache dialects and likely
// typos. A tag starting with one of them is reported as an unknown tag rather than silently
// rendering as a missing variable.
bool reserved_start(char c) {
    return std::string_view("%*:~+?|\\}(),;=`\"'").find(c) != npos;
}

// Converts non-decreasing byte offsets to 1-based line / column (column in UTF-8 code points).
class Positions {
public:
    explicit Positions(std::string_view source) : source_(source) {}
    std::pair<int, int> at(std::size_t offset) {
        for (; pos_ < offset && pos_ < source_.size(); ++pos_) {
            const auto c = static_cast<unsigned char>(source_[pos_]);
            // Lines end in LF, CR LF or a CR alone, as util::SourceText counts them for diagnostics.
            if (c == '\n' || (c == '\r' && (pos_ + 1 == source_.size() || source_[pos_ + 1] != '\n'))) {
                ++line_;
                column_ = 1;
            } else if ((c & 0xC0U) != 0x80U) {
                ++column_;
            }
        }
        return {line_, column_};
    }

private:
    std::string_view source_;
    std::size_t pos_ = 0;
    int line_ = 1;
    int column_ = 1;
};

class Tokenizer {
public:
    Tokenizer(const std::string& name, std::string_view source) : name_(name), src_(source), positions_(source) {}

    std::vector<Token> run() {
        tokenize();
        return std::move(tokens_);
    }

private:
    [[noreturn]] void fail(int line, int column, std::string message) const {
        throw ParseFailure{TemplateError{name_, line, column, std::move(message)}};
    }

    void add_text(std::size_t begin, std::size_t end) {
        while (begin < end) {
            // Search only [begin, end): searching the whole rest of the source would be quadratic.
            const std::size_t nl = src_.substr(0, end).find('\n', begin);
            const std::size_t stop = nl == npos ? end : nl + 1;
            Token t;
            t.begin = begin;
            t.end = stop;
            t.blank = trim(src_.substr(begin, stop - begin)).empty();
            tokens_.push_back(std::move(t));
            begin = stop;
        }
    }

    void add_tag(Kind kind, std::string_view name, std::pair<int, int> pos) {
        Token t;
        t.kind = kind;
        t.name = std::string(name);
        t.line = pos.first;
        t.column = pos.second;
        tokens_.push_back(std::move(t));
    }

    void check_name(Kind kind, std::string_view name, std::pair<int, int> pos) const {
        const auto [line, column] = pos;
        if (kind == Kind::comment || kind == Kind::delimiters) return;
        if (name.empty()) fail(line, column, "empty tag name");
        if (has_space(name)) fail(line, column, "invalid tag name '" + std::string(name) + "': contains whitespace");
        const bool data_name = kind == Kind::variable || kind == Kind::raw || kind == Kind::section || kind == Kind::inverted;
        if (!data_name || name == ".") return;
        if (name.front() == '.' || name.back() == '.' || name.find("..") != npos) {
            fail(line, column, "invalid dotted name '" + std::string(name) + "'");
        }
    }

    void tokenize() {
        std::string open = "{{";
        std::string close = "}}";
        std::size_t pos = 0;
        while (pos < src_.size()) {
            const std::size_t start = src_.find(open, pos);
            if (start == npos) {
                add_text(pos, src_.size());
                break;
            }
            add_text(pos, start);
            const auto at = positions_.at(start);
            const std::size_t p = start + open.size();
            if (p < src_.size() && src_[p] == '{') {  // {{{name}}}: closed by "}" + closing delimiter
                const std::string closing = "}" + close;
                const std::size_t e = src_.find(closing, p + 1);
                if (e == npos) fail(at.first, at.second, "unclosed tag: missing '" + closing + "'");
                const std::string_view name = trim(src_.substr(p + 1, e - p - 1));
                check_name(Kind::raw, name, at);
                add_tag(Kind::raw, name, at);
                pos = e + closing.size();
                continue;
            }
            std::size_t q = p;
            while (q < src_.size() && is_space(src_[q])) ++q;
            if (q < src_.size() && src_[q] == '=') {  // {{=<% %>=}}: closed by "=" + closing delimiter
                const std::string closing = "=" + close;
                const std::size_t e = src_.find(closing, q + 1);
                if (e == npos) fail(at.first, at.second, "bad set-delimiter tag: missing '" + closing + "'");
                auto [new_open, new_close] = parse_delimiters(src_.substr(q + 1, e - q - 1), at);
                add_tag(Kind::delimiters, "", at);
                open = std::move(new_open);
                close = std::move(new_close);
                pos = e + closing.size();
                continue;
            }
            const std::size_t e = src_.find(close, p);
            if (e == npos) fail(at.first, at.second, "unclosed tag: missing '" + close + "'");
            classify(trim(src_.substr(p, e - p)), at);
            pos = e + close.size();
        }
    }

    std::pair<std::string, std::string> parse_delimiters(std::string_view body, std::pair<int, int> at) const {
        body = trim(body);
        std::size_t split = 0;
        while (split < body.size() && !is_space(body[split])) ++split;
        const std::string_view first = body.substr(0, split);
        const std::string_view second = trim(body.substr(split));
        const auto valid = [](std::string_view d) { return !d.empty() && !has_space(d) && d.find('=') == npos; };
        if (!valid(first) || !valid(second)) {
            fail(at.first, at.second, "bad set-delimiter tag: expected two delimiters without whitespace or '=', as in {{=<% %>=}}");
        }
        return {std::string(first), std::string(second)};
    }

    void classify(std::string_view content, std::pair<int, int> at) {
        if (content.empty()) fail(at.first, at.second, "empty tag");
        Kind kind = Kind::variable;
        std::string_view name = content;
        switch (content.front()) {
            case '!':
                kind = Kind::comment;
                break;
            case '#':
                kind = Kind::section;
                break;
            case '^':
                kind = Kind::inverted;
                break;
            case '/':
                kind = Kind::close;
                break;
            case '>':
                kind = Kind::partial;
                break;
            case '<':
                kind = Kind::parent;
                break;
            case '$':
                kind = Kind::block;
                break;
            case '&':
                kind = Kind::raw;
                break;
            case '{':
                if (content.size() < 2 || content.back() != '}') fail(at.first, at.second, "unclosed tag: missing '}'");
                kind = Kind::raw;
                name = content.substr(0, content.size() - 1);
                break;
            default:
                if (reserved_start(content.front())) {
                    fail(at.first, at.second, std::string("unknown tag type '") + content.front() + "'");
                }
                break;
        }
        if (kind != Kind::variable) name = trim(name.substr(1));
        if (kind == Kind::comment) name = {};
        check_name(kind, name, at);
        add_tag(kind, name, at);
    }

    const std::string& name_;
    std::string_view src_;
    Positions positions_;
    std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> tokenize(const std::string& name, std::string_view source) {
    return Tokenizer(name, source).run();
}

}  // namespace passage::templates::lex
