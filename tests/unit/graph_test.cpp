// render/graph: graph.json, format passage-graph/2: plain JSON, one node or edge to a line.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "../support.hpp"
#include "config/config.hpp"
#include "content/content.hpp"
#include "render/render.hpp"

using namespace passage;

namespace {

struct Built {
    content::Corpus corpus;
    testing::Linked linked;
    std::string text;
};

std::unique_ptr<Built> build(const std::string& site_title, const std::string& doc_title, const std::string& body) {
    fs::MemoryFileSystem fs;
    fs.add_file("c/site.json", nlohmann::json{{"title", site_title}}.dump());
    fs.add_file("c/documents/a.md", body);
    fs.add_file("c/documents/a.json",
                nlohmann::json{{"title", doc_title}, {"date", "2004"}, {"kind", "note"}, {"numbered_paragraphs", true}}.dump());
    fs.add_file("c/instruments/icmw.json", R"({"title": "Migrant Workers Convention", "kind": "convention", "themes": ["t"]})");
    fs.add_file("c/themes.json", R"({"themes": [{"id": "t", "title": "T"}]})");
    auto b = std::make_unique<Built>();
    diag::Sink sink;
    b->corpus = content::load(fs, "c", config::load(fs, "c", sink), sink);
    b->linked = testing::link(b->corpus, sink);
    b->text = render::graph_json(b->corpus, b->linked.graph);
    return b;
}

}  // namespace

TEST_CASE("graph.json is JSON with every node and edge, whatever its strings hold") {
    const std::string site = "A \"site\" \\ with\ttabs, é, 日本 and \xF0\x9F\x98\x80";
    const std::string title = "Doc \"A\"\n\xE2\x80\xA8 </script>";
    auto b =
        build(site, title, "1\\. The Migrant Workers Convention and the Migrant Workers Convention.\n\n2\\. [Again](instrument:icmw).\n");
    auto j = nlohmann::json::parse(b->text);
    CHECK(j["format"] == "passage-graph/2");
    CHECK(j["site"] == site);
    const auto& g = b->linked.graph;
    REQUIRE(j["nodes"].size() == g.names().nodes().size());
    REQUIRE(j["edges"].size() == g.arcs().size());
    for (std::size_t n = 0; n < g.names().nodes().size(); ++n) {
        const auto& node = g.names().node(static_cast<crossref::NodeId>(n));
        CHECK(j["nodes"][n][0] == crossref::kind_name(node.kind));
        CHECK(j["nodes"][n][1] == node.id);
        CHECK(j["nodes"][n][2] == node.title);
        CHECK(j["nodes"][n][3] == crossref::page_path(crossref::kind_name(node.kind), node.id));
    }
    CHECK(j["nodes"][0][2] == title);
    for (std::size_t i = 0; i < g.arcs().size(); ++i) {
        const auto e = g.edge(i);
        const auto& row = j["edges"][i];
        CHECK(row[0] == e.type);
        CHECK(j["nodes"][row[1].get<std::size_t>()][1] == e.from.id);
        CHECK(row[2] == e.from.anchor);
        CHECK(j["nodes"][row[3].get<std::size_t>()][1] == e.to.id);
        CHECK(row[4] == e.to.anchor);
        CHECK(row[5] == e.count);
    }
    // The mention counted twice in ¶1, the reference in ¶2, the theme of the instrument.
    CHECK(b->text.find("[\"mentions\",0,\"p1\",1,\"\",2]") != std::string::npos);
    CHECK(b->text.find("[\"cites\",0,\"p2\",1,\"\",1]") != std::string::npos);
    CHECK(b->text.find("[\"about\",1,\"\",2,\"\",1]") != std::string::npos);
}

TEST_CASE("graph.json has one node or edge to a line, so that it reads as a stream") {
    auto b = build("S", "D", "1\\. The Migrant Workers Convention.\n");
    std::istringstream in(b->text);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    const auto& g = b->linked.graph;
    REQUIRE(lines.size() == 3 + g.names().nodes().size() + g.arcs().size());
    CHECK(lines[0] == "{\"format\":\"passage-graph/2\",\"site\":\"S\",\"nodes\":[");
    for (std::size_t n = 0; n < g.names().nodes().size(); ++n) {
        std::string line = lines[1 + n];
        if (line.back() == ',') line.pop_back();
        CHECK(nlohmann::json::parse(line).size() == 4);
    }
    CHECK(lines[1 + g.names().nodes().size()] == "],\"edges\":[");
    CHECK(lines.back() == "]}");
}
