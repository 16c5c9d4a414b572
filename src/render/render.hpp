#pragma once
// The render stage: from the corpus, the parsed documents and the graph, one view model (JSON) per
// page, plus the files that are data rather than pages (graph.json). Templates turn view models into
// HTML later; nothing here knows template syntax.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

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
    unsigned jobs = 1;  // threads for the work the render stage shares out itself
};

// The pages of the site, each view model made on demand: a build renders, templates and writes one
// page at a time and never holds them all (at 10,000 documents they take gigabytes).
class Pages {
public:
    // REQUIRES: trees[i] belongs to corpus.documents[i]; the graph was built from them; all of them
    // outlive this object. Makes the view models of the index pages (which share the lists of every
    // document, instrument, ...); page() makes the others.
    Pages(const content::Corpus& corpus, std::vector<markdown::Tree>& trees, const crossref::Graph& graph, const Build& build,
          diag::Sink& sink);
    ~Pages();
    Pages(const Pages&) = delete;
    Pages& operator=(const Pages&) = delete;

    // The site-relative path of every page, sorted.
    const std::vector<std::string>& paths() const { return paths_; }
    // The view model of the page at paths()[i]. REQUIRES: called once per page (a document's page
    // links the mentions into its tree, then renders it). Calls for different pages may run on
    // several threads at once.
    Page page(std::size_t i);

private:
    struct State;
    std::unique_ptr<State> state_;
    std::vector<std::string> paths_;
};

// The whole graph as graph.json: nodes and typed edges with their source anchors, ending in a
// newline (see graph.cpp for the exact form of the text).
std::string graph_json(const content::Corpus& corpus, const crossref::Graph& graph);

// "../" repeated once per folder in `path`, so links from that page reach the site root.
std::string root_of(const std::string& path);

}  // namespace passage::render
