#pragma once
// Who cites a node: the passages (and entities) with an edge of a citing type into it, counted and
// shown within the page budget. The node's page shows how many there are, the sources that cite it
// most, and the strongest few passages; every citation is listed on numbered "cited in" pages
// (<folder>/<id>/cited-<k>.html), grouped by the passage cited (for a document: its paragraphs in
// reading order; for a set: its items) and then by source, in reading order.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "render/context.hpp"

namespace passage::render {

// One citing passage: a source passage (or entity) that refers to the node (or to one passage of it),
// once per passage cited and type of reference, with the arc of its first reference.
struct Citation {
    std::uint32_t arc = 0;
    crossref::NodeId source = crossref::kNoNode;
    std::uint32_t source_anchor = 0, target_anchor = 0;  // string numbers of the graph
    crossref::EdgeType type = crossref::EdgeType::cites;
    std::uint32_t count = 0;  // references of this passage to the node, of this type
};

// The citations of `node`, in the order of the "cited in" pages.
std::vector<Citation> citations_of(const crossref::Graph& graph, crossref::NodeId node);

// The "cited in" pages of a node with `count` citations: none when its own page shows them all.
std::size_t cited_pages(const Budget& budget, std::size_t count);
// The path of the k-th "cited in" page of `node` (1-based).
std::string cited_page_path(const crossref::Graph& graph, crossref::NodeId node, std::size_t k);

// What the page of `node` shows of its citations: {total, sources, groups (the passages shown, by
// source), top (the sources that cite it most, with their counts, when not all are shown), all_href
// (the first "cited in" page, when there are any), pages}. Null when nothing cites it.
nlohmann::json cited_summary(const Context& cx, crossref::NodeId node, const std::vector<Citation>& citations, const std::string& root);

// The margin of a numbered paragraph `anchor` of document `node`: at most budget.margin citing
// passages as list items (HTML), then a link to the rest.
std::string margin_citations(const Context& cx, crossref::NodeId node, const std::string& anchor, const std::vector<Citation>& citations,
                             const std::string& root);

// The view model of the k-th "cited in" page of `node`.
Page cited_page(const Context& cx, crossref::NodeId node, const std::vector<Citation>& citations, std::size_t k);

// The view-model entry of one citation: {href, label, snippet, type, count, on (the passage of the
// node cited, [{label, href}]; none for the whole node)}.
nlohmann::json citation_entry(const Context& cx, const Citation& c, const std::string& root);

// The words around a citation: the sentence around the reference in a text; for an editorial note,
// the opening of its text; for a recommendation item, its text (shortened); "" otherwise.
std::string citation_context(const Context& cx, const Citation& c);

}  // namespace passage::render
