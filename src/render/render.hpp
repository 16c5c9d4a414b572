#pragma once
// The render stage: from the corpus, the parsed documents and the graph, one view model (JSON) per
// page, plus the files that are data rather than pages (graph.json). Templates turn view models into
// HTML later; nothing here knows template syntax.
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "content/corpus.hpp"
#include "crossref/crossref.hpp"
#include "diag/diag.hpp"
#include "markdown/markdown.hpp"

namespace passage::render {

struct Page {
    std::string path;      // site-relative output file, e.g. "documents/desa-2004.html"
    std::string template_name;
    nlohmann::json model;  // the view model
};

struct Build {
    std::string generator = "passage";
    std::string version;
    unsigned jobs = 1;  // threads for rendering pages
};

// REQUIRES: trees[i] belongs to corpus.documents[i]; the graph was built from them. Renders each
// tree (once). Pages come in a deterministic order.
std::vector<Page> pages(const content::Corpus& corpus, std::vector<markdown::Tree>& trees, const crossref::Graph& graph,
                        const Build& build, diag::Sink& sink);

// The whole graph as JSON: nodes and typed edges with their source anchors.
nlohmann::json graph_json(const content::Corpus& corpus, const crossref::Graph& graph);

// "../" repeated once per folder in `path`, so links from that page reach the site root.
std::string root_of(const std::string& path);

}  // namespace passage::render
