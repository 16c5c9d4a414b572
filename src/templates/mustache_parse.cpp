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

#include <string>
#include <utility>
#include <vector>

namespace passage::templates {
namespace {

using detail::BlockIndent;
using detail::Node;
using detail::NodeKind;

constexpr std::size_t npos = std::string_view::npos;

enum class Kind : std::uint8_t {
  text, variable, raw, section, inverted, close, partial, parent, block, comment, delimiters
};

struct Token {
  Kind kind = Kind::text;
  std::size_t begin = 0;  // text: span in the source (begin moves forward when indentation is stripped)
  std::size_t end = 0;
  int line = 0;
  int column = 0;
  std::string name;                      // tags: the name as written (trimmed)
  std::size_t match = npos;              // opener <-> closer
  std::size_t owner = npos;              // innermost enclosing opener
  std::size_t first = 0, last = 0;       // first and last token index of this token's line
  bool blank = false;                    // text: only spaces, tabs, CR, LF
  bool removed = false;                  // text: dropped by a standalone rule
  bool standalone = false;               // partial/parent
  BlockIndent block_indent = BlockIndent::none;
  std::string indent;
};

struct ParseFailure {
  TemplateError error;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool has_space(std::string_view s) {
  for (char c : s) {
    if (is_space(c)) return true;
  }
  return false;
}

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

class Parser {
 public:
  Parser(std::string name, std::string_view source, const CompileOptions& options)
      : name_(std::move(name)), src_(source), options_(options), positions_(source) {}

  std::vector<Node> run() {
    tokenize();
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

  // ---- pass 1 ------------------------------------------------------------------------------

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
    const bool data_name = kind == Kind::variable || kind == Kind::raw || kind == Kind::section ||
                           kind == Kind::inverted;
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
    const auto valid = [](std::string_view d) {
      return !d.empty() && !has_space(d) && d.find('=') == npos;
    };
    if (!valid(first) || !valid(second)) {
      fail(at.first, at.second,
           "bad set-delimiter tag: expected two delimiters without whitespace or '=', as in {{=<% %>=}}");
    }
    return {std::string(first), std::string(second)};
  }

  void classify(std::string_view content, std::pair<int, int> at) {
    if (content.empty()) fail(at.first, at.second, "empty tag");
    Kind kind = Kind::variable;
    std::string_view name = content;
    switch (content.front()) {
      case '!': kind = Kind::comment; break;
      case '#': kind = Kind::section; break;
      case '^': kind = Kind::inverted; break;
      case '/': kind = Kind::close; break;
      case '>': kind = Kind::partial; break;
      case '<': kind = Kind::parent; break;
      case '$': kind = Kind::block; break;
      case '&': kind = Kind::raw; break;
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

  // ---- pass 2 ------------------------------------------------------------------------------

  static bool is_opener(Kind k) {
    return k == Kind::section || k == Kind::inverted || k == Kind::parent || k == Kind::block;
  }

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
  std::string indent_before(std::size_t i) const {
    return i != tokens_[i].first ? std::string(text_of(tokens_[i - 1])) : std::string();
  }

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
        case Kind::variable: n.kind = NodeKind::variable; break;
        case Kind::raw: n.kind = NodeKind::variable; n.escape = false; break;
        case Kind::section: n.kind = NodeKind::section; break;
        case Kind::inverted: n.kind = NodeKind::inverted; break;
        case Kind::partial: n.kind = NodeKind::partial; break;
        case Kind::parent: n.kind = NodeKind::parent; break;
        default: n.kind = NodeKind::block; break;
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
  Positions positions_;
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
