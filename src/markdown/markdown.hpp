#pragma once
// The Markdown stage: cmark-gfm parses a document, then one walk over the tree gives every heading,
// numbered paragraph, footnote and explicit reference its anchor, and the plain text of every
// passage. Only this module includes cmark-gfm headers.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diag/diag.hpp"
#include "util/source.hpp"

struct cmark_node;
struct cmark_parser;

namespace passage::markdown {

struct Options {
    bool raw_html = false;
    bool numbered_paragraphs = false;
    std::vector<std::string> numbering_scopes;  // heading ids under which anchors get a prefix
    std::vector<int> paragraphs_missing;        // numbers the source itself lacks (no gap warning)
    // When set, every diagnostic points here instead of into the text (Markdown kept inside JSON).
    std::optional<std::pair<std::string, util::Position>> fixed_location;
};

enum class PassageKind { paragraph, numbered, footnote, heading };

struct Passage {
    std::string anchor;  // "p12", "annex-p3", "fn-4", or the enclosing heading's id
    std::string label;   // "¶12", "annex ¶3", "note 4", or the heading's text
    PassageKind kind = PassageKind::paragraph;
    std::string section;  // id of the enclosing heading ("" before the first)
    std::string text;     // plain text, white space folded
    util::Position pos;
};

struct Heading {
    int level = 1;
    std::string id, text;
    util::Position pos;
};

struct Footnote {
    std::string label;
    util::Position pos;
    int references = 0;
    std::string text;  // plain text
};

// A link written in the text. `passage` indexes Tree::passages (the passage it stands in).
struct Link {
    cmark_node* node = nullptr;
    std::string url;
    util::Position pos;
    std::size_t passage = 0;
};

// A run of running text that mention matching may turn into links (not in headings, links or code).
struct TextRun {
    cmark_node* node = nullptr;
    std::size_t passage = 0;
    util::Position pos;
};

struct Resolved {
    std::string href;
    std::string css_class;
    std::string title;
    bool operator==(const Resolved&) const = default;
};

// A parsed document. A tree read back from the incremental cache (src/cache) is a skeleton: every
// field but the cmark-gfm nodes (root, parser, footnote_nodes, the nodes of links) and text_runs,
// which only rendering and mention finding need; they parse the document again when they meet one.
class Tree {
public:
    Tree() = default;
    ~Tree();
    Tree(Tree&& other) noexcept;
    Tree& operator=(Tree&& other) noexcept;
    Tree(const Tree&) = delete;
    Tree& operator=(const Tree&) = delete;

    std::string path;  // the file diagnostics name
    std::vector<Heading> headings;
    std::vector<Passage> passages;
    std::vector<Footnote> footnotes;  // defined ones, in label order (numeric labels numerically)
    std::vector<Link> links;
    std::vector<TextRun> text_runs;
    std::set<std::string> anchors;  // every id the rendered page will carry

    cmark_node* root = nullptr;
    cmark_parser* parser = nullptr;
    std::vector<std::pair<std::string, cmark_node*>> footnote_nodes;   // label -> definition, detached
    std::map<std::string, std::vector<std::string>> footnote_ref_ids;  // label -> ids of its references
    bool raw_html = false;

private:
    void free_nodes();
};

// REQUIRES: `source` passed markdown::guard. Reports md-*, anchor-* and fn-* diagnostics.
Tree parse(const util::SourceText& source, const Options& options, diag::Sink& sink);

struct Html {
    std::string body;
    std::map<std::string, std::string> footnotes;  // label -> the note's HTML content
};

// Turns each link the resolver answers into a link to its target, then renders. Call once per tree.
// `after_numbered(anchor)` may add HTML at the end of each numbered paragraph (e.g. "cited by").
Html render(Tree& tree, const std::function<std::optional<Resolved>(const Link&)>& resolve,
            const std::function<std::string(const std::string& anchor)>& after_numbered = {});

// A byte range of a text run's literal that becomes a link.
struct Mention {
    std::size_t begin = 0, end = 0;
    Resolved target;
    bool operator==(const Mention&) const = default;
};
// REQUIRES: `mentions` sorted, not overlapping, inside the run's text; call before render, once per run.
void link_mentions(const TextRun& run, const std::vector<Mention>& mentions);
std::string_view text_of(const TextRun& run);

// Markdown kept in a JSON field, checked where it is loaded: reports url-unsafe at `where` for each
// link and image that parse() would refuse (see Walker::refuse_unsafe_url in tree.cpp), and returns
// false then. Text beyond the guard's limits is left to the stage that renders it.
bool check_urls(std::string_view markdown, const std::string& file, util::Position where, diag::Sink& sink);

// cmark-gfm alone, with the parser options and extensions passage uses and raw HTML let through:
// the yardstick the GFM conformance test holds passage's own Markdown stage against.
std::string render_reference(std::string_view markdown);

// Plain text of a short Markdown string (for titles and summaries in metadata).
std::string to_plain_text(std::string_view markdown);

}  // namespace passage::markdown
