#pragma once
// Shared helpers of the render stage.
#include <nlohmann/json.hpp>
#include <string>

#include "content/corpus.hpp"
#include "crossref/crossref.hpp"
#include "diag/diag.hpp"
#include "render/render.hpp"

namespace passage::render {

struct Context {
    const content::Corpus& corpus;
    const crossref::Graph& graph;
    const Build& build;
    const Budget& budget;
    diag::Sink& sink;

    // Markdown written inside metadata, rendered with its references resolved relative to `root`.
    // Mentions of instruments and organizations in it are linked (the first of each), except those
    // of `self` ("instrument:icmw"), the entity whose page this is.
    std::string markdown(const std::string& text, const content::Loc& loc, const std::string& root, const std::string& doc = {},
                         const std::string& self = {}) const;
    // {title, href, kind, id} of a node, or null when it does not exist.
    nlohmann::json link(const std::string& kind, const std::string& id, const std::string& root) const;
    nlohmann::json link(crossref::NodeId node, const std::string& root) const;
    // {title, href, kind} of a reference ("doc:x#p3": the document's title and the passage's label).
    nlohmann::json link_ref(const std::string& ref, const std::string& root) const;
    // Links to the themes of `ids` that exist.
    nlohmann::json themes(const std::vector<content::IdRef>& ids, const std::string& root) const;
    // The page shell every template gets: site, page title, root, navigation.
    nlohmann::json base(const std::string& path, const std::string& title, const std::string& kind) const;
    // The page of a node (its file), with `fragment` for an anchor of it ("" for none).
    std::string href(crossref::NodeId node, const std::string& anchor, const std::string& root) const;
};

std::string human_date(const std::string& iso);
// A passage anchor as a reader says it: "p12" -> "¶12", "annex-p3" -> "annex ¶3", "fn-4" -> "note 4".
std::string anchor_label(const std::string& anchor);
// A kind slug as words: "background-note" -> "Background note", "un-body" -> "UN body".
std::string kind_label(const std::string& kind);

// `text` with white space folded to single spaces, cut after about `max` bytes at a space, with an
// ellipsis.
std::string shorten(std::string_view text, std::size_t max);

// The numbered pages of a list: "documents.html", "documents-2.html", ... for base "documents".
std::string numbered_page(const std::string& base, std::size_t page);
// Links to the pages of a list around page `current` (1-based): the first and the last, the two
// before and after it, gaps between: {pages: [{n, href, current} or {gap}], prev, next, count}.
// `href(k)` gives page k's link; null (no pager) for a list of one page.
nlohmann::json pager(std::size_t current, std::size_t count, const std::function<std::string(std::size_t)>& href);

}  // namespace passage::render
