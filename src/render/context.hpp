#pragma once
// Shared helpers of the render stage.
#include <string>
#include <nlohmann/json.hpp>

#include "content/corpus.hpp"
#include "crossref/crossref.hpp"
#include "diag/diag.hpp"
#include "render/render.hpp"

namespace passage::render {

struct Context {
    const content::Corpus& corpus;
    const crossref::Graph& graph;
    const Build& build;
    diag::Sink& sink;

    // Markdown written inside metadata, rendered with its references resolved relative to `root`.
    // Mentions of instruments and organizations in it are linked (the first of each), except those
    // of `self` ("instrument:icmw"), the entity whose page this is.
    std::string markdown(const std::string& text, const content::Loc& loc, const std::string& root, const std::string& doc = {},
                         const std::string& self = {}) const;
    // {title, href} of a node, or null when it does not exist.
    nlohmann::json link(const std::string& kind, const std::string& id, const std::string& root) const;
    nlohmann::json link_ref(const std::string& ref, const std::string& root) const;
    // Links to the themes of `ids` that exist.
    nlohmann::json themes(const std::vector<content::IdRef>& ids, const std::string& root) const;
    // The page shell every template gets: site, page title, root, navigation.
    nlohmann::json base(const std::string& path, const std::string& title, const std::string& kind) const;
    // Citations of a node (by entity, any anchor), grouped by citing document or entity.
    nlohmann::json cited_by(const crossref::NodeRef& node, const std::string& root, bool whole_entity) const;
};

std::string human_date(const std::string& iso);
// A passage anchor as a reader says it: "p12" -> "¶12", "annex-p3" -> "annex ¶3", "fn-4" -> "note 4".
std::string anchor_label(const std::string& anchor);
// A kind slug as words: "background-note" -> "Background note", "un-body" -> "UN body".
std::string kind_label(const std::string& kind);

}  // namespace passage::render
