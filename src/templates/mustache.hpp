#pragma once

// A Mustache template engine (https://mustache.github.io/mustache.5.html) over nlohmann::json data.
//
// Supported: escaped and raw interpolation ({{x}}, {{{x}}}, {{& x}}), dotted names, the implicit
// iterator {{.}}, sections and inverted sections, comments, partials with standalone indentation,
// set delimiters, standalone-line whitespace rules and template inheritance (parents {{<p}}...{{/p}}
// and blocks {{$b}}...{{/b}}), as in the official spec including its optional inheritance module.
// Lambdas and dynamic names are not supported.
//
// Use: compile once, render many times. A Library loads partials/parents by name through a
// caller-supplied loader, compiles each one once and caches it; rendering is const and thread-safe.
//
// Choices where the spec leaves room (all deliberate, all tested):
//   * falsey values are: missing, null, false, "" and []; 0 and {} are truthy;
//   * {{x}} escapes & < > " ' (the last as &#39;);
//   * interpolating an array or object writes its compact JSON text;
//   * a missing partial/parent is an error by default (RenderOptions::missing_partial_is_error);
//   * standalone-partial indentation is written before the first character of each non-empty line,
//     so blank lines of an indented partial stay blank (no trailing whitespace);
//   * in dotted names, a numeric part indexes into an array ("items.0.title").

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace passage::templates {

// A compile or render error. `name` is the template the offending text is in (for a missing
// partial: the template containing the {{>tag}}). line/column are 1-based, the column counted in
// characters (UTF-8 code points); both are 0 when the error concerns a whole template (not found).
struct TemplateError {
  std::string name;
  int line = 0;
  int column = 0;
  std::string message;
};

// "name:line:column: message" (or "name: message" without a position).
std::string to_string(const TemplateError& error);

// Loads the source of a partial or parent by name; std::nullopt when there is none. The engine
// passes names through as written in the tag; validating them (e.g. against path traversal) is the
// loader's job. A Library calls its loader at most once per name, under its internal lock, so the
// loader needs no synchronisation of its own but must not call back into that Library.
using PartialLoader = std::function<std::optional<std::string>(std::string_view name)>;

struct CompileOptions {
  // Deepest allowed nesting of sections, inverted sections, parents and blocks in one template.
  // Deeper templates are rejected with an error (hostile input must not exhaust memory or stack).
  int max_nesting = 256;
};

namespace detail {

// The compiled form of a template; internal to the engine (exposed only so that the parser and
// the renderer, which live in separate translation units, can share it).
enum class NodeKind : std::uint8_t { text, variable, section, inverted, partial, parent, block };

// How a parameter block re-indents the content that overrides it (see mustache_parse.cpp).
enum class BlockIndent : std::uint8_t {
  none,       // inline block: the override is inserted as is
  intrinsic,  // standalone opening tag: every override line is prefixed with `indent`
  leading,    // opening tag at line start but not alone: override lines after the first are prefixed
};

struct Node {
  NodeKind kind = NodeKind::text;
  bool escape = true;       // variable: HTML-escape the value
  bool standalone = false;  // partial/parent: every line of the expansion is prefixed with `indent`
  BlockIndent block_indent = BlockIndent::none;
  int line = 0;
  int column = 0;
  std::string text;               // literal text, or the tag's name as written
  std::vector<std::string> path;  // variable/section: `text` split on '.'; empty for "."
  std::string indent;
  std::vector<Node> children;  // section body; block default or argument; parent: its argument blocks
};

}  // namespace detail

// A compiled template: immutable after construction, safe to share between threads.
class Template {
 public:
  Template(std::string name, std::vector<detail::Node> nodes)
      : name_(std::move(name)), nodes_(std::move(nodes)) {}
  const std::string& name() const noexcept { return name_; }
  const std::vector<detail::Node>& nodes() const noexcept { return nodes_; }

 private:
  std::string name_;
  std::vector<detail::Node> nodes_;
};

// Exactly one of tmpl and error is set.
struct CompileResult {
  std::shared_ptr<const Template> tmpl;
  std::optional<TemplateError> error;
};

// Compiles `source`. Errors: unclosed tag, unclosed section, mismatched or unexpected closing tag,
// bad set-delimiter tag, unknown tag sigil, empty tag, invalid name, nesting too deep.
CompileResult compile(std::string name, std::string_view source, const CompileOptions& options = {});

struct RenderOptions {
  // Deepest nesting of partials, parents and block overrides; beyond it rendering stops with an
  // error (catches unbounded recursion such as a partial that includes itself unconditionally).
  int max_depth = 64;
  // Called for each {{variable}} that resolves to nothing (a missing key or a broken dotted chain;
  // not null), with its name as written and where it is: the template and the tag's line and
  // column. Sections are not reported: a missing section name is the normal way to write a
  // conditional. Lets the caller warn about it.
  struct Missing {
    std::string_view variable;
    std::string_view template_name;
    int line = 0, column = 0;
  };
  std::function<void(const Missing&)> on_missing;
  // true: a partial or parent the loader cannot find is an error. false: it renders as the empty
  // string, as the Mustache spec says.
  bool missing_partial_is_error = true;
  // Rendering stops with an error once the output exceeds this many bytes (partials can nest, so a
  // small hostile template set can otherwise ask for an exponential amount of output).
  std::size_t max_output_bytes = std::size_t{256} << 20;
};

// On error, `output` is empty.
struct RenderResult {
  std::string output;
  std::optional<TemplateError> error;
};

// Named templates (pages, partials, parents) loaded on demand through a PartialLoader, compiled
// once and cached for the Library's lifetime (including "not found" and compile errors). All
// member functions are const and may be called from several threads at once. Exceptions thrown by
// the loader or by RenderOptions::on_missing propagate to the caller. A moved-from Library may only
// be destroyed or assigned to.
class Library {
 public:
  explicit Library(PartialLoader loader, CompileOptions options = {});
  ~Library();
  Library(Library&&) noexcept;
  Library& operator=(Library&&) noexcept;
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  // The compiled template `name` (loaded and compiled on first use); error if missing or invalid.
  CompileResult get(std::string_view name) const;

  // Compiles `name` and every partial and parent it can reach, and reports the first problem:
  // a compile error, or a reference to a template the loader cannot find (regardless of
  // RenderOptions::missing_partial_is_error). Lets a build report template errors up front.
  std::optional<TemplateError> preload(std::string_view name) const;

  // Renders the named template against `context`; partials and parents come from this Library.
  RenderResult render(std::string_view template_name, const nlohmann::json& context,
                      const RenderOptions& options = {}) const;
  // Renders an already compiled template; its partials and parents come from this Library.
  RenderResult render(const Template& tmpl, const nlohmann::json& context,
                      const RenderOptions& options = {}) const;

  struct Impl;  // internal

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace passage::templates
