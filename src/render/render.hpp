#pragma once
// The render stage: from the corpus, the documents' bodies and the graph, one view model (JSON) per
// page, plus the files that are data rather than pages (graph.json). Templates turn view models into
// HTML later; nothing here knows template syntax.
//
// Every page has a size budget (docs/pages.md): what grows with the corpus (who cites an entity, the
// documents of a theme, every document) is counted, the first few shown, and the rest listed on
// numbered pages of a fixed size; no page lists the whole corpus.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cache/store.hpp"
#include "content/corpus.hpp"
#include "crossref/crossref.hpp"
#include "diag/diag.hpp"
#include "markdown/markdown.hpp"

namespace passage::render {

struct Page {
    std::string path;  // site-relative output file, e.g. "documents/desa-2004.html"
    std::string template_name;
    nlohmann::json model;  // the view model
};

struct Build {
    std::string generator = "passage";
    std::string version;
    unsigned jobs = 1;  // threads for the work the render stage shares out itself
};

// How much of what grows with the corpus one page shows.
struct Budget {
    std::size_t list = 100;        // entries of a list page (documents, instruments, ...) and of a long relation list
    std::size_t related = 20;      // entries of a relation list shown on an entity's own page
    std::size_t cited = 12;        // citing passages shown on the page of what they cite
    std::size_t sources = 10;      // citing documents and entities listed by count there
    std::size_t cited_page = 150;  // citing passages per page of "cited in" pages
    std::size_t margin = 3;        // citing passages shown beside a numbered paragraph
    std::size_t home = 10;         // documents, recommendation sets and instruments on the home page
};

// --- document bodies (render/body.cpp) ---------------------------------------------------------

// A document's body, rendered from its tree with its mentions and links, cut where the margin of
// each numbered paragraph goes (markdown::Pieces); kept by the incremental cache.
using Body = markdown::Pieces;

struct Rendered {
    Body body;
    bool rendered = false;  // rendered now (not taken from the store)
};

// The body of document `d`, from the store (under a key of its mentions, which holds its tree, its
// links' targets and every name), or rendered now from the tree `tree()` gives (parsed again if
// needed), which it changes: call it last of the stages that work on a tree.
Rendered body_of(cache::Store& store, const crossref::Names& names, const content::Document& d, const markdown::Extract& extract,
                 const crossref::DocumentMentions& mentions, const cache::Key& mentions_key, const std::function<markdown::Tree&()>& tree);

std::string encode_body(const Body& body);
std::optional<Body> decode_body(std::string_view bytes);

// --- pages ---------------------------------------------------------------------------------------

// The pages of the site, each view model made on demand: a build renders, templates and writes one
// page at a time and never holds them all.
class Pages {
public:
    // REQUIRES: bodies[i] and extracts[i] belong to corpus.documents[i]; the graph was built from them;
    // all of them outlive this object.
    Pages(const content::Corpus& corpus, const crossref::Graph& graph, const std::vector<markdown::Extract>& extracts,
          const std::vector<Body>& bodies, const Build& build, const Budget& budget = {});
    ~Pages();
    Pages(const Pages&) = delete;
    Pages& operator=(const Pages&) = delete;

    // The site-relative path of every page, sorted.
    const std::vector<std::string>& paths() const { return paths_; }
    // The view model of the page at paths()[i], with what making it reports going to `sink`. Calls
    // for different pages may run on several threads at once.
    Page page(std::size_t i, diag::Sink& sink) const;

    // A hash of everything the view model of paths()[i] is made from, so that a build can tell,
    // without making it, that it is the model an earlier build made (output/page_memo.hpp). The
    // sources of each page kind are listed where its model is made. Thread-safe.
    util::Hash128 inputs(std::size_t i) const;
    // A hash of everything graph_json() writes.
    util::Hash128 graph_inputs() const;

    // The preview files (render/previews.cpp), one per node: what assets/passage.js shows on
    // pointing at a link to it, loaded by a <script> the first time a page needs it (file:// allows
    // nothing else), so that no page carries what others say. For node i (0 <= i < previews()):
    // its file, "<folder>/<id>.preview.js" beside its page, and that file's text,
    // passagePreviews("<its page>", {kind, title, facts[], text, passages: {anchor: [label, text]}}):
    // its summary and key facts, and for a document each passage's text (notes and headings
    // included, cut after about 360 bytes), for a recommendation set each item's. Thread-safe.
    std::size_t previews() const;
    std::string preview_path(std::size_t i) const;
    std::string preview_script(std::size_t i) const;

    struct State;

private:

    std::unique_ptr<State> state_;
    std::vector<std::string> paths_;
};

// The whole graph as graph.json (format passage-graph/2, see graph.cpp): one line per node and per
// edge, so that a tool can read it as a stream.
std::string graph_json(const content::Corpus& corpus, const crossref::Graph& graph);

// "../" repeated once per folder in `path`, so links from that page reach the site root.
std::string root_of(const std::string& path);

}  // namespace passage::render
