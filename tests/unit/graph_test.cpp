// render/graph: graph.json, written directly, byte for byte as nlohmann::json would write it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "render/render.hpp"

using namespace passage;

namespace {

// graph.json as the tree of nlohmann::json it once was, dumped with one space of indent.
std::string through_nlohmann(const content::Corpus& corpus, const crossref::Graph& graph) {
    using nlohmann::json;
    json nodes = json::array();
    for (const auto& [kind, ids] : graph.ids)
        for (const auto& id : ids)
            nodes.push_back(
                {{"kind", kind}, {"id", id}, {"title", graph.titles.at(kind + ":" + id)}, {"path", crossref::page_path(kind, id)}});
    json edges = json::array();
    for (const auto& e : graph.edges) {
        json from = {{"kind", e.from.kind}, {"id", e.from.id}};
        if (!e.from.anchor.empty()) from["anchor"] = e.from.anchor;
        json to = {{"kind", e.to.kind}, {"id", e.to.id}};
        if (!e.to.anchor.empty()) to["anchor"] = e.to.anchor;
        json edge = {{"type", e.type}, {"from", from}, {"to", to}};
        if (!e.snippet.empty()) edge["snippet"] = e.snippet;
        edges.push_back(edge);
    }
    json all = {{"format", "passage-graph/1"}, {"site", corpus.site.title}, {"nodes", nodes}, {"edges", edges}};
    return all.dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

TEST_CASE("graph.json has the bytes nlohmann::json gives for the same tree, whatever its strings hold") {
    content::Corpus corpus;
    corpus.site.title = "A \"site\" \\ with\ttabs, \x01 controls, \x7f, é, 日本 and \xF0\x9F\x98\x80";
    crossref::Graph graph;
    graph.ids["document"] = {"a", "b\"q"};
    graph.ids["instrument"] = {"icmw"};
    graph.titles = {{"document:a", "Doc A\n"}, {"document:b\"q", "Doc \xE2\x80\xA8 B"}, {"instrument:icmw", "Bad \xC3\x28 UTF-8 \xFF"}};
    graph.edges.push_back({"mentions", {"document", "a", "p1"}, {"instrument", "icmw", ""}, "the \"snippet\"\r\n\b\f", "¶1"});
    graph.edges.push_back({"cites", {"document", "a", ""}, {"document", "b\"q", "fn-2"}, "", ""});
    graph.edges.push_back({"about", {"instrument", "icmw", ""}, {"theme", "t", ""}, "cut \xE2\x80", ""});
    CHECK(render::graph_json(corpus, graph) == through_nlohmann(corpus, graph));
    // Written in pieces on several threads: the same text, for fewer edges than pieces too.
    CHECK(render::graph_json(corpus, graph, 4) == through_nlohmann(corpus, graph));
    for (int i = 0; i < 100; ++i)
        graph.edges.push_back({"cites", {"document", "a", "p" + std::to_string(i)}, {"document", "b\"q", ""}, "s" + std::to_string(i), ""});
    CHECK(render::graph_json(corpus, graph, 3) == through_nlohmann(corpus, graph));
}

TEST_CASE("an empty graph.json keeps its empty lists on one line") {
    content::Corpus corpus;
    crossref::Graph graph;
    auto text = render::graph_json(corpus, graph);
    CHECK(text == through_nlohmann(corpus, graph));
    CHECK(render::graph_json(corpus, graph, 4) == text);
    CHECK(text == "{\n \"edges\": [],\n \"format\": \"passage-graph/1\",\n \"nodes\": [],\n \"site\": \"\"\n}\n");
}
