// Mustache compiler: source text -> detail::Node tree.
//
// Four passes over a flat token list, none recursive (nesting depth is bounded by
// CompileOptions::max_nesting, checked before any tree is built):
//   1. tokenize: text (split after every '\n', so a text token never spans two lines) and tags,
//      honouring set-delimiter tags;
//   2. match: pair openers with closers, record each token's enclosing opener;
//   3. whitespace: intrinsic-indentation stripping of argument blocks, then standalone rules;
//   4. build: the node tree, dropping whitespace the standalone rules removed.
//
// Whitespace rules (the spec's, plus its inheritance module, see the spec's whitespace.md):
//   * A tag is "left clear" when only blanks precede it on its line, "right clear" when only
//     blanks (and the line end) follow it. Lines are delimited by newlines in text only, so a
//     multi-line comment still sits on one "line".
//   * Section, inverted, closing, comment, set-delimiter and partial tags that are both (alone on
//     their line) are standalone: the line's blanks and its line ending are removed. A standalone
//     partial's leading blanks become the indentation of every line it expands to.
//   * A parent pair is standalone when its opening tag is left clear and its closing tag right
//     clear (they may share a line): the opener's leading blanks become indentation and the
//     closer's line ending is removed. Text inside a parent, other than its blocks, is ignored.
//   * Argument blocks (blocks directly inside a parent): a right-clear opening tag owns the line
//     ending after it, and the leading blanks of the first content line ("intrinsic indentation")
//     are removed from the start of every content line; a left-clear closing tag owns the blanks
//     before it. So an argument's indentation is relative to its own first line.
//   * Parameter blocks (all other blocks) follow the standalone rules for their tags; when the
//     pair is standalone (opener left clear, closer right clear), overriding content is
//     re-indented: by the default content's intrinsic indentation if the opener is alone on its
//     line (BlockIndent::intrinsic), else by the opener's leading blanks (BlockIndent::leading).

#include "templates/mustache.hpp"
#include "templates/mustache_tokens.hpp"

#include <string>
#include <utility>
#include <vector>

namespace passage::templates {
namespace {

using detail::BlockIndent;
using detail::Node;
using detail::NodeKind;
using lex::has_space;
using lex::is_space;
using lex::Kind;
using lex::npos;
using lex::ParseFailure;
using lex::Token;
using lex::trim;

class Parser {
public:
    Parser(std::string name, std::string_view source, const CompileOptions& options)
        : name_(std::move(name)), src_(source), options_(options) {}

    std::vector<Node> run() {
        tokens_ = lex::tokenize(name_, src_);
        match();
        lines();
        strip_intrinsic_indentation();
        apply_standalone_rules();
        return build();
    }

private:
    [[noreturn]] void fail(int line, int column, std::string message) const {
        throw ParseFailure{TemplateError{name_, line, column, std::move(message)}};
    }
    [[noreturn]] void fail(const Token& t, std::string message) const { fail(t.line, t.column, std::move(message)); }

    std::string_view text_of(const Token& t) const { return src_.substr(t.begin, t.end - t.begin); }
    bool is_text(std::size_t i) const { return tokens_[i].kind == Kind::text; }

    // ---- pass 2 ------------------------------------------------------------------------------

    static bool is_opener(Kind k) { return k == Kind::section || k == Kind::inverted || k == Kind::parent || k == Kind::block; }

    void match() {
        std::vector<std::size_t> open;
        for (std::size_t i = 0; i < tokens_.size(); ++i) {
            Token& t = tokens_[i];
            t.owner = open.empty() ? npos : open.back();
            if (is_opener(t.kind)) {
                open.push_back(i);
                if (open.size() > static_cast<std::size_t>(options_.max_nesting)) {
                    fail(t, "sections nested too deeply (limit " + std::to_string(options_.max_nesting) + ")");
                }
            } else if (t.kind == Kind::close) {
                if (open.empty()) fail(t, "unexpected closing tag {{/" + t.name + "}}: no section is open");
                Token& o = tokens_[open.back()];
                if (o.name != t.name) {
                    fail(t, "mismatched closing tag {{/" + t.name + "}}: expected {{/" + o.name + "}} for the tag at line " +
                                std::to_string(o.line) + ", column " + std::to_string(o.column));
                }
                o.match = i;
                t.match = open.back();
                t.owner = o.owner;
                open.pop_back();
            }
        }
        if (!open.empty()) {
            const Token& o = tokens_[open.back()];
            fail(o, "unclosed section '" + o.name + "': missing {{/" + o.name + "}}");
        }
    }

    void lines() {
        std::size_t first = 0;
        for (std::size_t i = 0; i < tokens_.size(); ++i) {
            tokens_[i].first = first;
            const Token& t = tokens_[i];
            if (t.kind == Kind::text && src_[t.end - 1] == '\n') {
                for (std::size_t j = first; j <= i; ++j) tokens_[j].last = i;
                first = i + 1;
            }
        }
        for (std::size_t j = first; j < tokens_.size(); ++j) tokens_[j].last = tokens_.size() - 1;
    }

    bool left_clear(std::size_t i) const {
        const std::size_t s = tokens_[i].first;
        return i == s || (i == s + 1 && is_text(s) && tokens_[s].blank);
    }
    bool right_clear(std::size_t i) const {
        const std::size_t e = tokens_[i].last;
        return i == e || (i + 1 == e && is_text(e) && tokens_[e].blank);
    }
    bool alone(std::size_t i) const { return left_clear(i) && right_clear(i); }
    bool is_argument(std::size_t i) const {
        const std::size_t o = tokens_[i].owner;
        return o != npos && tokens_[o].kind == Kind::parent;
    }

    // ---- pass 3 ------------------------------------------------------------------------------

    // Leading blanks of the line starting at token j (empty if that line starts with a tag).
    std::string leading_blanks(std::size_t j) const {
        if (j >= tokens_.size() || !is_text(j)) return {};
        const std::string_view s = text_of(tokens_[j]);
        std::size_t n = 0;
        while (n < s.size() && (s[n] == ' ' || s[n] == '\t')) ++n;
        return std::string(s.substr(0, n));
    }

    // Argument blocks whose opening tag ends its line: remove the intrinsic indentation (the leading
    // blanks of the first content line) from the start of every content line. Nested argument blocks
    // measure theirs after the enclosing ones were stripped, i.e. relative to them.
    void strip_intrinsic_indentation() {
        struct Active {
            std::size_t closer;
            std::string indent;
            bool pending;  // indentation not measured yet (we have not reached the first content line)
        };
        std::vector<Active> active;
        for (std::size_t i = 0; i < tokens_.size(); ++i) {
            Token& t = tokens_[i];
            if (t.first == i && !active.empty()) {
                for (Active& a : active) {
                    if (a.pending) {
                        a.indent = leading_blanks(i);
                        a.pending = false;
                    }
                    if (t.kind == Kind::text && text_of(t).substr(0, a.indent.size()) == a.indent) t.begin += a.indent.size();
                }
                std::erase_if(active, [](const Active& a) { return a.indent.empty(); });  // nothing more to do
            }
            if (t.kind == Kind::block && is_argument(i) && right_clear(i)) active.push_back({t.match, {}, true});
            if (!active.empty() && active.back().closer == i) active.pop_back();
        }
    }

    void remove_leading(std::size_t i) {
        if (i != tokens_[i].first) tokens_[i - 1].removed = true;
    }
    void remove_trailing(std::size_t i) {
        if (i != tokens_[i].last) tokens_[i + 1].removed = true;
    }
    std::string indent_before(std::size_t i) const { return i != tokens_[i].first ? std::string(text_of(tokens_[i - 1])) : std::string(); }

    void apply_standalone_rules() {
        for (std::size_t i = 0; i < tokens_.size(); ++i) {
            Token& t = tokens_[i];
            switch (t.kind) {
                case Kind::comment:
                case Kind::delimiters:
                case Kind::section:
                case Kind::inverted:
                case Kind::partial:
                    if (alone(i)) {
                        if (t.kind == Kind::partial) {
                            t.standalone = true;
                            t.indent = indent_before(i);
                        }
                        remove_leading(i);
                        remove_trailing(i);
                    }
                    break;
                case Kind::parent:
                    if (alone(i) || (left_clear(i) && right_clear(t.match))) {
                        t.standalone = true;
                        t.indent = indent_before(i);
                        remove_leading(i);
                    }
                    break;
                case Kind::block:
                    if (is_argument(i)) {
                        if (right_clear(i)) remove_trailing(i);
                        break;
                    }
                    if (left_clear(i) && right_clear(t.match)) {
                        if (right_clear(i)) {
                            t.block_indent = BlockIndent::intrinsic;
                            t.indent = leading_blanks(t.last + 1);
                        } else {
                            t.block_indent = BlockIndent::leading;
                            t.indent = indent_before(i);  // stays in the output as text, see the renderer
                        }
                    }
                    if (alone(i)) {
                        remove_leading(i);
                        remove_trailing(i);
                    }
                    break;
                case Kind::close: {
                    const Token& o = tokens_[t.match];
                    if (o.kind == Kind::parent && o.standalone && right_clear(i)) {
                        remove_trailing(i);
                    } else if (o.kind == Kind::block && is_argument(t.match)) {
                        if (left_clear(i)) remove_leading(i);
                    } else if (alone(i)) {
                        remove_leading(i);
                        remove_trailing(i);
                    }
                    break;
                }
                default:
                    break;
            }
        }
    }

    // ---- pass 4 ------------------------------------------------------------------------------

    static std::vector<std::string> split_path(const std::string& name) {
        std::vector<std::string> path;
        if (name == ".") return path;
        std::size_t start = 0;
        for (;;) {
            const std::size_t dot = name.find('.', start);
            path.push_back(name.substr(start, dot == npos ? npos : dot - start));
            if (dot == npos) return path;
            start = dot + 1;
        }
    }

    std::vector<Node> build() {
        std::vector<Node> root;
        std::vector<Node*> open;  // containers; their parents' child vectors do not grow while they are open
        const auto children = [&]() -> std::vector<Node>& { return open.empty() ? root : open.back()->children; };
        for (Token& t : tokens_) {
            if (t.kind == Kind::text) {
                if (t.removed || t.begin >= t.end) continue;
                std::vector<Node>& c = children();
                if (c.empty() || c.back().kind != NodeKind::text) c.emplace_back();
                c.back().text.append(text_of(t));
                continue;
            }
            if (t.kind == Kind::comment || t.kind == Kind::delimiters) continue;
            if (t.kind == Kind::close) {
                Node* n = open.back();
                open.pop_back();
                if (n->kind == NodeKind::parent) {  // only its blocks matter: they are the arguments
                    std::erase_if(n->children, [](const Node& c) { return c.kind != NodeKind::block; });
                }
                continue;
            }
            Node n;
            n.line = t.line;
            n.column = t.column;
            n.text = std::move(t.name);
            n.indent = std::move(t.indent);
            n.standalone = t.standalone;
            n.block_indent = t.block_indent;
            switch (t.kind) {
                case Kind::variable:
                    n.kind = NodeKind::variable;
                    break;
                case Kind::raw:
                    n.kind = NodeKind::variable;
                    n.escape = false;
                    break;
                case Kind::section:
                    n.kind = NodeKind::section;
                    break;
                case Kind::inverted:
                    n.kind = NodeKind::inverted;
                    break;
                case Kind::partial:
                    n.kind = NodeKind::partial;
                    break;
                case Kind::parent:
                    n.kind = NodeKind::parent;
                    break;
                default:
                    n.kind = NodeKind::block;
                    break;
            }
            if (n.kind == NodeKind::variable || n.kind == NodeKind::section || n.kind == NodeKind::inverted) {
                n.path = split_path(n.text);
            }
            std::vector<Node>& c = children();
            c.push_back(std::move(n));
            if (is_opener(t.kind)) open.push_back(&c.back());
        }
        return root;
    }

    std::string name_;
    std::string_view src_;
    CompileOptions options_;
    std::vector<Token> tokens_;
};

}  // namespace

CompileResult compile(std::string name, std::string_view source, const CompileOptions& options) {
    try {
        Parser parser(name, source, options);
        std::vector<Node> nodes = parser.run();
        return {std::make_shared<const Template>(std::move(name), std::move(nodes)), std::nullopt};
    } catch (const ParseFailure& failure) {
        return {nullptr, failure.error};
    }
}

std::string to_string(const TemplateError& error) {
    if (error.line <= 0) return error.name + ": " + error.message;
    return error.name + ":" + std::to_string(error.line) + ":" + std::to_string(error.column) + ": " + error.message;
}

}  // namespace passage::templates
