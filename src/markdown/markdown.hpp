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
    // A document's text (not Markdown kept in metadata, shown inside other pages): every paragraph
    // that is not numbered gets an anchor of its own ("<section>-para-N").
    bool passage_anchors = false;
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
    bool operator==(const Passage&) const = default;
};

struct Heading {
    int level = 1;
    std::string id, text;
    util::Position pos;
    bool operator==(const Heading&) const = default;
};

struct Footnote {
    std::string label;
    util::Position pos;
    int references = 0;
    std::string text;  // plain text
    bool operator==(const Footnote&) const = default;
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

// A parsed document: the cmark-gfm nodes, which rendering and mention finding work on, and what the
// walk over them found. Lives for one document's turn in a build; what the rest of the site needs
// of it is its Extract.
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

// A link written in the text, without its node.
struct LinkRef {
    std::string url;
    util::Position pos;
    std::size_t passage = 0;  // into Extract::passages
    bool operator==(const LinkRef&) const = default;
};

// What the rest of the site needs of a parsed document, as plain values: its headings, passages,
// footnotes, links and anchors. The incremental cache keeps it (markdown/memo.hpp), so that a
// document that did not change is not parsed again.
struct Extract {
    std::string path;
    std::vector<Heading> headings;
    std::vector<Passage> passages;
    std::vector<Footnote> footnotes;
    std::vector<LinkRef> links;
    std::vector<std::string> anchors;                                  // sorted: every id the rendered page carries
    std::map<std::string, std::vector<std::string>> footnote_ref_ids;  // label -> ids of its references
    bool operator==(const Extract&) const = default;
};
Extract extract_of(const Tree& tree);

struct Html {
    std::string body;
    std::map<std::string, std::string> footnotes;  // label -> the note's HTML content
};

// Turns each link the resolver answers into a link to its target, then renders. Call once per tree.
Html render(Tree& tree, const std::function<std::optional<Resolved>(const Link&)>& resolve);

// The same, with the body in pieces, cut at the end of each numbered paragraph, just before the
// tag that closes it: what goes in between (margin notes, "cited by") is the page's to add, after
// the whole site is known. pieces.size() == numbered.size() + 1; joined with nothing in between,
// the pieces are render()'s body.
struct Pieces {
    std::vector<std::string> pieces;
    std::vector<std::string> numbered;             // the anchor of the paragraph each cut ends
    std::map<std::string, std::string> footnotes;  // label -> the note's HTML content
    bool operator==(const Pieces&) const = default;
};
Pieces render_pieces(Tree& tree, const std::function<std::optional<Resolved>(const Link&)>& resolve);

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
