#pragma once
// The cross-reference graph: every explicit reference and metadata relation resolved to its target,
// with the passage it stands in, so every entity and passage knows who cites it. Read-only once built.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "content/corpus.hpp"
#include "crossref/matcher.hpp"
#include "diag/diag.hpp"
#include "markdown/markdown.hpp"

namespace passage::crossref {

// A node of the graph: kind is "document", "instrument", "organization", "recommendations", "theme",
// "annotation"; `anchor` narrows a document to a passage or a set to an item.
struct NodeRef {
    std::string kind, id, anchor;
    bool operator<(const NodeRef& o) const { return std::tie(kind, id, anchor) < std::tie(o.kind, o.id, o.anchor); }
    bool operator==(const NodeRef& o) const = default;
};

struct Target {
    NodeRef node;
    std::string path;   // site-relative file and fragment: "instruments/icmw.html", "documents/x.html#p3"
    std::string title;  // for link titles
    std::string css_class;  // "ref ref-instrument", ...
};

// A typed edge. `type` is one of: cites, mentions, about, adopted-by, protocol-to, supplements,
// supersedes, related, invokes, annotates, part-of, parent, source.
struct Edge {
    std::string type;
    NodeRef from;  // for text, the document (or entity) and the passage anchor
    NodeRef to;
    std::string snippet;     // the sentence around the reference, plain text
    std::string from_label;  // "¶12", "note 4", a heading, an item number
    bool operator==(const Edge&) const = default;
};

class Graph {
public:
    // Resolves "instrument:icmw", "doc:x#p3", "rec:set/2.1", "theme:t", "org:o", "annotation:a", and
    // "fn:N" (within `current_doc`). nullopt when it is not a reference of ours (http:, relative).
    // REQUIRES: the reference has a scheme of ours; an unknown target yields an error diagnostic when
    // `sink` is given.
    std::optional<Target> resolve(const std::string& ref, const std::string& current_doc, const std::string& file,
                                  util::Position pos, diag::Sink* sink) const;

    static bool has_our_scheme(const std::string& ref);
    static bool is_external(const std::string& ref);

    std::vector<Edge> edges;                                 // in a deterministic order
    std::map<NodeRef, std::vector<std::size_t>> incoming;    // target (anchor kept) -> edge indexes
    std::map<NodeRef, std::vector<std::size_t>> incoming_entity;  // target without anchor -> edges
    std::map<NodeRef, std::vector<std::size_t>> outgoing_entity;  // source without anchor -> edges

    // Ids per kind and anchors per document, for resolution and suggestions.
    std::map<std::string, std::vector<std::string>> ids;
    // Looked up for every link of every page, never walked in order: hash tables.
    std::unordered_map<std::string, std::vector<std::string>> doc_anchors;  // sorted
    std::unordered_map<std::string, std::vector<std::string>> rec_items;    // set -> item numbers
    std::unordered_map<std::string, std::string> titles;                    // "kind:id" -> title
    std::unordered_map<std::string, std::string> anchor_labels;  // "doc-id#anchor" -> "¶12", "note 4", a heading

    // Mentions found in running text, to be turned into links when the page is rendered: per
    // document, per text run (an index into Tree::text_runs), the ranges and their site-relative
    // targets ("instruments/icmw.html", or "#fn-13" within the page).
    std::map<std::string, std::vector<std::pair<std::size_t, std::vector<markdown::Mention>>>> mentions;

    // Every alias of every instrument and organization, for mentions in Markdown kept in metadata
    // (annotations, editor's notes), which the render stage links as it renders them.
    std::shared_ptr<const Matcher> aliases;
};

// What the running text of one document gives: found apart from the others, added to the graph in
// document order.
struct DocumentMentions {
    std::vector<Edge> edges;
    std::vector<std::pair<std::size_t, std::vector<markdown::Mention>>> runs;  // as in Graph::mentions
    std::vector<std::string> used;  // target + "\n" + lowercase phrase of each alias that matched
    bool operator==(const DocumentMentions&) const = default;
};

// Lets a build reuse the mentions an earlier build found (see src/cache). May be called from several
// threads at once, for different documents.
class MentionMemo {
public:
    virtual ~MentionMemo() = default;
    // The mentions of document i as an earlier build found them with the same inputs (its diagnostics
    // already reported), or nullopt.
    virtual std::optional<DocumentMentions> recall(std::size_t i) = 0;
    // Document i's tree with its text: one that was read from the cache is parsed now.
    virtual const markdown::Tree& text_of(std::size_t i) = 0;
    // The mentions found in document i just now, with what they reported.
    virtual void found(std::size_t i, const DocumentMentions& mentions, std::vector<diag::Diagnostic> diagnostics) = 0;
};

// Finds alias mentions and footnote cross-references ("supra nt 13") in the documents' running text,
// records them as edges and in Graph::mentions. Reports alias conflicts and unused aliases.
// Called by build(); documents are shared out over `jobs` threads, with the same result for any number.
void find_mentions(const content::Corpus& corpus, const std::vector<markdown::Tree>& trees, Graph& graph, diag::Sink& sink,
                   unsigned jobs = 1, MentionMemo* memo = nullptr);

// REQUIRES: trees[i] belongs to corpus.documents[i]. The graph does not depend on `jobs` (threads),
// nor on whether a memo is given. With a memo, trees may be skeletons (see markdown::Tree).
Graph build(const content::Corpus& corpus, std::vector<markdown::Tree>& trees, diag::Sink& sink, unsigned jobs = 1,
            MentionMemo* memo = nullptr);

std::string page_path(const std::string& kind, const std::string& id);

// The id of a recommendation item on its set's page: "3.2" -> "item-3-2".
std::string item_anchor(const std::string& number);

}  // namespace passage::crossref
