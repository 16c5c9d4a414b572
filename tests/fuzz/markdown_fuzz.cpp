// Markdown parse, crossref and render: the input is the text of a document of a small valid content
// folder, taken through the stages as a build takes it (guard, parse, the graph, every page's view
// model with the bodies rendered, graph.json), with no cache.
#include "config/config.hpp"
#include "content/content.hpp"
#include "crossref/crossref.hpp"
#include "fuzz_site.hpp"
#include "cache/store.hpp"
#include "render/render.hpp"
#include "site/documents.hpp"

using namespace passage;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto disk = fuzz::small_site();
    disk.add_file("c/documents/b.md", std::string(reinterpret_cast<const char*>(data), size));
    disk.add_file("c/documents/b.json",
                  R"({"title": "B", "date": "2005", "kind": "note", "numbered_paragraphs": true, "numbering_scopes": ["annex"]})");
    diag::Sink sink;
    auto site = config::load(disk, "c", sink);
    auto corpus = content::load(disk, "c", site, sink);
    corpus.site.raw_html = size % 2 == 1;  // both ways of treating raw HTML, by the input's length
    cache::NullStore store;
    auto names = std::make_shared<const crossref::Names>(corpus, sink);
    auto docs = site::process_documents(corpus, *names, store, 1, sink);
    auto graph = crossref::build(corpus, names, docs.extracts, docs.mentions, sink);
    // As a build does: the pages are made only when nothing so far is an error.
    if (!sink.has_errors()) {
        const render::Build build{"passage", "fuzz", 1};  // Pages keeps a reference to it
        render::Pages pages(corpus, graph, docs.extracts, docs.bodies, build);
        for (std::size_t i = 0; i < pages.paths().size(); ++i) (void)pages.page(i, sink);
        (void)render::graph_json(corpus, graph);
    }
    fuzz::print_diagnostics(sink);
    return 0;
}
