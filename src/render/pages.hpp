#pragma once
// Internal to the render stage: what the page makers share (pages.cpp enumerates the pages and
// dispatches; document.cpp, entities.cpp and lists.cpp make the models; citations.cpp the lists of
// who cites what).
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "render/citations.hpp"
#include "render/context.hpp"

namespace passage::render {

// A list of nodes related to an entity by edges of one type into it (the protocols of a convention,
// the documents of a theme): shown on the entity's page up to Budget::related entries, all of them
// on numbered pages "<folder>/<id>/<section>-<k>.html".
struct Relation {
    const char* section;  // "protocols": the name of its pages
    const char* heading;  // "Protocols"
    crossref::EdgeType type;
    crossref::Kind source;  // the kind of the related nodes
};
// The relations shown on the page of a node of `kind`.
const std::vector<Relation>& relations_of(crossref::Kind kind);
// The related nodes (for a recommendation set source, with its item), each once, in arc order.
std::vector<std::pair<crossref::NodeId, std::uint32_t>> related_nodes(const crossref::Graph& graph, crossref::NodeId node,
                                                                      const Relation& r);

// A passage of a document that discusses a theme: one that names the theme, or one that an editorial
// note or a recommendation item (or set) about the theme is anchored to or comes from (`via`: those
// notes and items, node and item number, the first few).
struct Discussion {
    crossref::NodeId document = crossref::kNoNode;
    std::uint32_t anchor = 0;  // a string number of the graph
    std::vector<std::pair<crossref::NodeId, std::uint32_t>> via;
};
// The passages that discuss `theme`, each once, in reading order.
std::vector<Discussion> discussions_of(const crossref::Graph& graph, crossref::NodeId theme);

// The index pages, in the order they are listed.
enum class IndexKind { home, documents, instruments, organizations, recommendations, themes, timeline, annotations, search, not_found };

struct Pages::State {
    const content::Corpus& corpus;
    const crossref::Graph& graph;
    const std::vector<markdown::Extract>& extracts;
    const std::vector<Body>& bodies;
    Build build;
    Budget budget;

    enum class Kind { node, cited, related, index, passages };
    struct Entry {
        Kind kind = Kind::node;
        crossref::NodeId node = crossref::kNoNode;  // node, cited, related
        std::size_t page = 1;                       // cited, related, index: 1-based
        std::size_t which = 0;                      // related: index into relations_of(); index: IndexKind
    };
    std::vector<Entry> entries;  // parallel to Pages::paths()

    std::vector<std::vector<Citation>> citations;                                                 // by node
    std::vector<std::vector<Discussion>> discussions;                                             // by node: a theme's passages
    std::map<std::string, std::map<std::string, std::vector<const content::Annotation*>>> notes;  // document -> anchor -> notes on it
    std::vector<const content::Instrument*> instruments_by_name, timeline;                        // the orders of their list pages
    std::vector<const content::Organization*> organizations_by_name;

    // For Pages::inputs: each node's own sources (content::SourceHash of its files, and of those its
    // page takes fields from), and, made on first use, the inputs every page shares and each arc hashed.
    std::vector<util::Hash128> node_sources;
    std::vector<std::size_t> corpus_index;  // by node: its place in its kind's list of the corpus
    mutable std::once_flag inputs_once;
    mutable util::Hash128 shared;
    mutable std::vector<util::Hash128> arc_hashes;

    State(const content::Corpus& c, const crossref::Graph& g, const std::vector<markdown::Extract>& x, const std::vector<Body>& b,
          const Build& bu, const Budget& bg)
        : corpus(c), graph(g), extracts(x), bodies(b), build(bu), budget(bg) {}
    Context context(diag::Sink& sink) const { return {corpus, graph, build, budget, sink}; }
    // The pages of a list of n entries.
    std::size_t list_pages(std::size_t n) const { return n == 0 ? 1 : (n + budget.list - 1) / budget.list; }
};

// The page makers.
Page document_page(const Pages::State& st, const Context& cx, std::size_t index);
Page entity_page(const Pages::State& st, const Context& cx, crossref::NodeId node);
Page related_page(const Pages::State& st, const Context& cx, crossref::NodeId node, const Relation& r, std::size_t k);
Page index_page(const Pages::State& st, const Context& cx, IndexKind kind, std::size_t k);

// The passages that discuss a theme: the numbered pages "themes/<id>/passages-<k>.html" (none when
// the theme's page shows them all, Budget::cited; Budget::cited_page a page), the few its page shows
// (indexes into State::discussions, a few of each document first), the view model of that part of its
// page (null for none), and a hash of everything a page shows of them (for Pages::inputs).
std::string passages_page_path(const crossref::Graph& graph, crossref::NodeId node, std::size_t k);
std::size_t passages_pages(const Budget& budget, std::size_t count);
std::vector<std::size_t> discussions_shown(const Budget& budget, const std::vector<Discussion>& all);
nlohmann::json discussions_summary(const Pages::State& st, const Context& cx, crossref::NodeId node, const std::string& root);
Page passages_page(const Pages::State& st, const Context& cx, crossref::NodeId node, std::size_t k);
util::Hash128 discussions_hash(const Pages::State& st, crossref::NodeId node, const std::vector<std::size_t>& shown);
// The opening of the passage `anchor` of a document, as plain text (for a heading: of the text below it).
std::string excerpt_of(const markdown::Extract& extract, const std::string& anchor);

// The file of page k of an index list ("documents.html", "documents-2.html") or of a relation list.
std::string index_page_path(IndexKind kind, std::size_t k);
std::string related_page_path(const crossref::Graph& graph, crossref::NodeId node, const Relation& r, std::size_t k);
// How many entries an index list has (its pages: State::list_pages of it).
std::size_t index_entries(const Pages::State& st, IndexKind kind);

// An editorial note as lists and pages show it: {id, title, href, body_html, target, also, themes,
// date, date_human}; `doc` the document its Markdown is resolved in (for "fn:" references).
// An editorial note's view model: title, link, target, see-also, themes, date; and `body_html` (its
// text rendered), unless `with_body` is false (the list of notes shows an excerpt instead).
nlohmann::json annotation_entry(const Context& cx, const content::Annotation& a, const std::string& root, const std::string& doc = {},
                                bool with_body = true);

// Where a page of a kind of node is listed: {title, href} of its index page.
nlohmann::json kind_index(crossref::Kind kind, const std::string& root);

}  // namespace passage::render
