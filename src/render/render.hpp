#pragma once
// The render stage: from the corpus, the parsed documents and the graph, one view model (JSON) per
// page, plus the files that are data rather than pages (graph.json). Templates turn view models into
// HTML later; nothing here knows template syntax.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
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

// A document's body as rendered, kept by the incremental cache. `inputs` hashes all that the
// rendering took besides the tree: the mentions linked into it, what each of its links resolved to
// and what each numbered paragraph (in `numbered`, in order) got at its end.
struct RenderedBody {
    std::uint64_t inputs = 0;
    std::vector<std::string> numbered;
    std::string html;
    std::map<std::string, std::string> footnotes;  // label -> HTML
};

// Lets a build reuse the bodies an earlier build rendered (see src/cache). Called from several
// threads at once, for different documents.
class BodyMemo {
public:
    virtual ~BodyMemo() = default;
    // Document i's body as an earlier build rendered it from the same tree, if it kept one.
    virtual std::optional<RenderedBody> recall(std::size_t i) = 0;
    // Document i's tree with its cmark-gfm nodes: a skeleton is parsed now.
    virtual markdown::Tree& text_of(std::size_t i) = 0;
    virtual void rendered(std::size_t i, const RenderedBody& body) = 0;
};

// The pages of the site, each view model made on demand: a build renders, templates and writes one
// page at a time and never holds them all (at 10,000 documents they take gigabytes).
class Pages {
public:
    // REQUIRES: trees[i] belongs to corpus.documents[i]; the graph was built from them; all of them
    // outlive this object. Makes the view models of the index pages (which share the lists of every
    // document, instrument, ...); page() makes the others.
    // With a memo, a document's body is rendered only when something it shows changed.
    Pages(const content::Corpus& corpus, std::vector<markdown::Tree>& trees, const crossref::Graph& graph, const Build& build,
          diag::Sink& sink, BodyMemo* memo = nullptr);
    ~Pages();
    Pages(const Pages&) = delete;
    Pages& operator=(const Pages&) = delete;

    // The site-relative path of every page, sorted.
    const std::vector<std::string>& paths() const { return paths_; }
    // The indexes into paths() in the order in which threads sharing the pages out should take
    // them: the index pages are made together when the first of them is asked for, and a thread
    // asking for another meanwhile would wait, so one comes first and the others last.
    std::vector<std::size_t> schedule() const;
    // The view model of the page at paths()[i], with what making it reports going to `sink`.
    // REQUIRES: called at most once per page (a document's page links the mentions into its tree,
    // then renders it). Calls for different pages may run on several threads at once.
    Page page(std::size_t i, diag::Sink& sink);

    // With a memo: a hash of everything the view model of paths()[i] is made from, so that a build
    // can tell, without making it, that it is the model an earlier build made. nullopt without a
    // memo. See pages.cpp for what goes in. Thread-safe.
    std::optional<std::uint64_t> inputs(std::size_t i) const;
    // With a memo: a hash of everything graph_json() writes for this graph (its edges, nodes and
    // titles, and the site's title). nullopt without a memo.
    std::optional<std::uint64_t> graph_inputs() const;

private:
    struct State;
    std::unique_ptr<State> state_;
    std::vector<std::string> paths_;
};

// The whole graph as graph.json: nodes and typed edges with their source anchors, ending in a
// newline (see graph.cpp for the exact form of the text). The same text for any number of `jobs`.
std::string graph_json(const content::Corpus& corpus, const crossref::Graph& graph, unsigned jobs = 1);

// "../" repeated once per folder in `path`, so links from that page reach the site root.
std::string root_of(const std::string& path);

}  // namespace passage::render
