#pragma once
// The cross-reference stage. Three steps, in build order:
//   1. Names: every node of the reference (document, instrument, organization, recommendation set,
//      theme, editorial note) with its title, every alias, every recommendation item. Known from the
//      corpus alone, before any document is parsed, so that each document can be linked on its own.
//   2. Per document (crossref/memo.hpp): the mentions of aliases and the footnote cross-references
//      ("supra nt 13") found in its running text.
//   3. build(): the graph, from every document's extract and mentions and the metadata relations;
//      every reference checked (anchors included), every reverse relation indexed. Read-only once built.
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "content/corpus.hpp"
#include "crossref/matcher.hpp"
#include "diag/diag.hpp"
#include "markdown/markdown.hpp"
#include "util/hash.hpp"

namespace passage::crossref {

// The kinds of nodes, in the order the graph numbers them.
enum class Kind : std::uint8_t { document, instrument, organization, recommendations, theme, annotation };
inline constexpr std::size_t kKinds = 6;
const char* kind_name(Kind kind);
std::optional<Kind> kind_named(std::string_view name);

// A node by its names: kind is "document", "instrument", "organization", "recommendations", "theme",
// "annotation"; `anchor` narrows a document to a passage or a set to an item.
struct NodeRef {
    std::string kind, id, anchor;
    bool operator<(const NodeRef& o) const { return std::tie(kind, id, anchor) < std::tie(o.kind, o.id, o.anchor); }
    bool operator==(const NodeRef& o) const = default;
};

struct Target {
    NodeRef node;
    std::string path;       // site-relative file and fragment: "instruments/icmw.html", "documents/x.html#p3"
    std::string title;      // for link titles
    std::string css_class;  // "ref ref-instrument", ...
};

// A typed edge as the steps make it. `type` is one of the names of EdgeType below.
struct Edge {
    std::string type;
    NodeRef from;  // for text, the document (or entity) and the passage anchor
    NodeRef to;
    std::string snippet;      // the sentence around the reference, plain text
    std::string from_label;   // "¶12", "note 4", a heading, an item number, a fact
    std::uint32_t count = 1;  // how many times the passage refers to the target this way
    bool operator==(const Edge&) const = default;
};

enum class EdgeType : std::uint8_t {
    about,
    adopted_by,
    annotates,
    cites,
    invokes,
    issued_by,
    mentions,
    part_of,
    protocol_to,
    related,
    source,
    supersedes,
    supplements
};
inline constexpr std::size_t kEdgeTypes = 13;
const char* type_name(EdgeType type);  // "adopted-by", ...
std::optional<EdgeType> type_named(std::string_view name);
// The types that say a passage or an entity refers to another: what "cited in" lists show.
bool is_citation(EdgeType type);

std::string page_path(const std::string& kind, const std::string& id);
// The id of a recommendation item on its set's page: "3.2" -> "item-3-2".
std::string item_anchor(const std::string& number);
bool has_our_scheme(const std::string& ref);
bool is_external(const std::string& ref);

using NodeId = std::uint32_t;
inline constexpr NodeId kNoNode = 0xFFFFFFFFu;

// Step 1: the nodes of the corpus and the names that find them.
class Names {
public:
    // Reports alias-conflict and a duplicate theme id.
    Names(const content::Corpus& corpus, diag::Sink& sink);

    struct Node {
        Kind kind;
        std::string id, title;
    };
    const std::vector<Node>& nodes() const { return nodes_; }
    const Node& node(NodeId n) const { return nodes_[n]; }
    NodeId find(Kind kind, std::string_view id) const;
    NodeId find(std::string_view kind, std::string_view id) const;
    // The ids of a kind, sorted (for suggestions).
    const std::vector<std::string>& ids(Kind kind) const { return ids_[static_cast<std::size_t>(kind)]; }
    // The item numbers of a recommendation set, in order.
    const std::vector<std::string>& items(NodeId set) const;

    // Every alias of every instrument and organization.
    const Matcher& aliases() const { return *aliases_; }
    // An alias given in metadata, with where it was written (for alias-unused).
    struct Named {
        std::string target;  // "instrument:icmw"
        std::string phrase;
        content::Loc loc;
    };
    const std::vector<Named>& named() const { return named_; }

    // What a reference names, as far as names tell: its node, page and title. Anchors of documents
    // are not checked (the graph does that once every document is known), except for "fn:N", which
    // must be one of `own_anchors` (the anchors of `current_doc`). nullopt for an unknown target.
    std::optional<Target> target(const std::string& ref, const std::string& current_doc,
                                 const std::vector<std::string>* own_anchors = nullptr) const;

    // A hash of everything target() and the alias matcher answer from: every node with its title,
    // every item, every alias.
    util::Hash128 fingerprint() const { return fingerprint_; }
    // A hash of what the alias matcher answers from and what the links it makes show: every
    // instrument and organization with its title and every name and alias of theirs. The mentions
    // found in a text depend on nothing else of the corpus (but for context aliases).
    util::Hash128 aliases_fingerprint() const { return aliases_fingerprint_; }

private:
    std::vector<Node> nodes_;
    std::array<std::unordered_map<std::string, NodeId>, kKinds> by_id_;
    std::array<std::vector<std::string>, kKinds> ids_;
    std::unordered_map<NodeId, std::vector<std::string>> items_;
    std::shared_ptr<const Matcher> aliases_;
    std::vector<Named> named_;
    util::Hash128 fingerprint_, aliases_fingerprint_;
};

// Step 2: what the running text of one document gives.
struct DocumentMentions {
    std::vector<Edge> edges;  // "mentions" and "cites" (footnote cross-references), in text order
    // Per text run (an index into Tree::text_runs), the ranges that become links and their
    // site-relative targets ("instruments/icmw.html", or "#fn-13" within the page).
    std::vector<std::pair<std::size_t, std::vector<markdown::Mention>>> runs;
    std::vector<std::string> used;  // target + "\n" + lowercase phrase of each alias that matched
    bool operator==(const DocumentMentions&) const = default;
};

// Finds the alias mentions and footnote cross-references in `tree` (document `d`), with the first
// mention per paragraph (or section, or every one: the mention policy) becoming a link.
DocumentMentions find_mentions(const content::Corpus& corpus, const Names& names, const content::Document& d, const markdown::Tree& tree,
                               const markdown::Extract& extract, diag::Sink& sink);

// Step 3: the graph.
class Graph {
public:
    // A compact edge: its ends as node numbers and anchors as numbers of strings (0: ""), the label
    // of its source when it is not that of its anchor (a fact), how many times the passage refers to
    // the target in this way, and the sentence around the first time.
    struct Arc {
        EdgeType type = EdgeType::cites;
        NodeId from = kNoNode, to = kNoNode;
        std::uint32_t from_anchor = 0, to_anchor = 0, from_label = 0;
        std::uint32_t count = 1;
        std::string snippet;
    };

    const Names& names() const { return *names_; }
    const std::vector<Arc>& arcs() const { return arcs_; }
    // An anchor or a label of arcs(), by its number.
    const std::string& text(std::uint32_t s) const { return strings_[s]; }
    // The edges into / out of a node, as indexes into arcs(), in the order of their sources: documents in
    // reading order (each in text order), then the metadata relations in the order of the corpus.
    std::span<const std::uint32_t> incoming(NodeId n) const { return range(in_offsets_, in_arcs_, n); }
    std::span<const std::uint32_t> outgoing(NodeId n) const { return range(out_offsets_, out_arcs_, n); }
    // How the source of an arc calls the passage: "¶12", "annex ¶3", "note 4", a heading's text, an
    // item number, a fact; "" for a whole node.
    const std::string& source_label(const Arc& arc) const;
    // The label of an anchor of a document ("¶12", a heading), or the anchor itself.
    std::string label(NodeId document, std::string_view anchor) const;
    // Where an anchor stands in its node, for ordering: a document's passages in reading order, a
    // set's items in order; 0 for no anchor, and past every known one for an unknown one.
    std::uint32_t rank(NodeId node, std::string_view anchor) const;
    // The sorted anchors of a document.
    const std::vector<std::string>& anchors_of(NodeId document) const;
    // The title of a node, or nullptr when there is no such node.
    const std::string* title(std::string_view kind, std::string_view id) const;

    // Resolves "instrument:icmw", "doc:x#p3", "rec:set/2.1", "theme:t", "org:o", "annotation:a" and
    // "fn:N" (within `current_doc`), anchors included. nullopt when it is not one; an error with a
    // suggestion goes to `sink` when given.
    std::optional<Target> resolve(const std::string& ref, const std::string& current_doc, const std::string& file, util::Position pos,
                                  diag::Sink* sink) const;

    // The edges as strings, in arcs() order (for tests and tools).
    Edge edge(std::size_t arc) const;

private:
    friend class GraphBuilder;
    static std::span<const std::uint32_t> range(const std::vector<std::uint32_t>& offsets, const std::vector<std::uint32_t>& arcs,
                                                NodeId n) {
        if (n + 1 >= offsets.size()) return {};
        return {arcs.data() + offsets[n], offsets[n + 1] - offsets[n]};
    }
    std::shared_ptr<const Names> names_;
    std::vector<Arc> arcs_;
    std::vector<std::string> strings_{""};
    std::vector<std::uint32_t> in_offsets_, in_arcs_, out_offsets_, out_arcs_;
    std::vector<std::vector<std::string>> doc_anchors_;  // by document node: sorted
    struct Passage {
        std::uint32_t rank = 0;  // in reading order, from 1
        std::string label;
    };
    std::vector<std::unordered_map<std::string, Passage>> doc_passages_;  // by document node: anchor -> passage
};

// REQUIRES: extracts[i] and mentions[i] belong to corpus.documents[i]. Checks every reference of the
// documents and of the metadata (ref-unknown, ref-scheme), reports entities nothing refers to
// (entity-uncited) and aliases that occur nowhere (alias-unused). The graph does not depend on `jobs`.
Graph build(const content::Corpus& corpus, std::shared_ptr<const Names> names, const std::vector<markdown::Extract>& extracts,
            const std::vector<DocumentMentions>& mentions, diag::Sink& sink, unsigned jobs = 1);

}  // namespace passage::crossref
