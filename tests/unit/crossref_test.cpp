#include <doctest/doctest.h>

#include <algorithm>

#include "../support.hpp"
#include "config/config.hpp"
#include "content/content.hpp"
#include "crossref/crossref.hpp"

using namespace passage;

namespace {

struct World {
    fs::MemoryFileSystem fs;
    content::Corpus corpus;
    testing::Linked linked;
    const crossref::Graph& graph = linked.graph;
    std::vector<crossref::Edge> edges;  // the graph's, as strings
    std::vector<diag::Diagnostic> diags;
};

std::unique_ptr<World> build(const std::string& body, const std::string& extra_file = {}, const std::string& extra = {},
                             unsigned jobs = 1) {
    auto w = std::make_unique<World>();
    w->fs.add_file("c/site.json", R"({"title": "T"})");
    w->fs.add_file("c/documents/d.md", body);
    w->fs.add_file("c/documents/d.json", R"({"title": "D", "date": "2004", "kind": "note", "numbered_paragraphs": true})");
    w->fs.add_file("c/instruments/icmw.json", R"({"title": "Migrant Workers Convention", "kind": "convention", "body": "un-ga"})");
    w->fs.add_file("c/organizations/un-ga.json", R"({"name": "General Assembly", "kind": "un-body"})");
    w->fs.add_file(
        "c/recommendations/set.json",
        R"({"title": "S", "document": "d", "items": [{"n": "1", "text": "x", "instruments": ["icmw"], "items": [{"n": "2", "text": "y"}]}]})");
    w->fs.add_file("c/themes.json", R"({"themes": [{"id": "rights", "title": "Rights"}]})");
    if (!extra_file.empty()) w->fs.add_file(extra_file, extra);
    diag::Sink sink;
    auto site = config::load(w->fs, "c", sink);
    w->corpus = content::load(w->fs, "c", site, sink);
    w->linked = testing::link(w->corpus, sink, jobs);
    w->edges = testing::edges_of(w->graph);
    w->diags = sink.sorted();
    return w;
}

}  // namespace

TEST_CASE("explicit references resolve to their pages and become cites edges from their passage") {
    auto w = build("1\\. See [the Convention](instrument:icmw), [item](rec:set/1.2), [GA](org:un-ga) and [p1](doc:d#p1).\n");
    CHECK(w->diags.empty());
    std::vector<std::string> targets;
    for (const auto& e : w->edges)
        if (e.type == "cites") {
            CHECK(e.from.anchor == "p1");
            targets.push_back(e.to.kind + ":" + e.to.id + "#" + e.to.anchor);
        }
    std::sort(targets.begin(), targets.end());
    CHECK(targets == std::vector<std::string>{"document:d#p1", "instrument:icmw#", "organization:un-ga#", "recommendations:set#1.2"});
}

TEST_CASE("an unknown id is an error at the link with a did-you-mean") {
    auto w = build("1\\. See [x](instrument:icmv).\n");
    REQUIRE(w->diags.size() == 1);
    CHECK(w->diags[0].code == "ref-unknown");
    CHECK(w->diags[0].file == "c/documents/d.md");
    CHECK(w->diags[0].line == 1);
    CHECK(w->diags[0].column == 13);
    CHECK(w->diags[0].message == "unknown instrument \"icmv\"");
    CHECK(w->diags[0].suggestion == "did you mean \"instrument:icmw\"?");
}

TEST_CASE("an unknown scheme is an error with a did-you-mean") {
    auto w = build("See [x](instrumnt:icmw).\n");
    REQUIRE(w->diags.size() == 1);
    CHECK(w->diags[0].code == "ref-scheme");
    CHECK(w->diags[0].suggestion == "did you mean \"instrument:\"?");
}

TEST_CASE("web links and fragments are left alone") {
    auto w = build("See [x](https://example.org/a:b), <http://example.org> and [y](#top).\n");
    CHECK(w->diags.empty());
}

TEST_CASE("a missing anchor or item is an error naming the closest one") {
    auto w = build("1\\. [a](doc:d#p2) [b](rec:set/1.3) [c](fn:4)\n");
    REQUIRE(w->diags.size() == 3);
    CHECK(w->diags[0].message == "no anchor \"#p2\" in document \"d\"");
    CHECK(w->diags[0].suggestion == "did you mean \"doc:d#p1\"?");
    CHECK(w->diags[1].message == "no item 1.3 in recommendation set \"set\"");
    CHECK(w->diags[2].message == "no footnote 4 in this document");
}

TEST_CASE("metadata relations to unknown ids are errors at the field") {
    auto w = build("x\n", "c/instruments/protocol.json", "{\"title\": \"P\", \"kind\": \"protocol\",\n \"parent\": \"icmx\"}");
    // The protocol itself is cited nowhere: a warning, not what this test is about.
    std::erase_if(w->diags, [](const diag::Diagnostic& d) { return d.code == "entity-uncited"; });
    REQUIRE(w->diags.size() == 1);
    CHECK(w->diags[0].file == "c/instruments/protocol.json");
    CHECK(w->diags[0].line == 2);
    CHECK(w->diags[0].column == 2);
    CHECK(w->diags[0].suggestion == "did you mean \"icmw\"?");
}

TEST_CASE("typed relations are recorded once and reverse relations are derived") {
    auto w = build("x\n", "c/instruments/protocol.json", R"({"title": "P", "kind": "protocol", "parent": "icmw", "themes": ["rights"]})");
    REQUIRE(w->diags.size() == 1);
    CHECK(w->diags[0].code == "entity-uncited");  // nothing points at the protocol itself
    const auto icmw = w->graph.names().find(crossref::Kind::instrument, "icmw");
    int protocol_edges = 0;
    for (auto i : w->graph.incoming(icmw)) {
        const auto e = w->graph.edge(i);
        CHECK(e.to.id == "icmw");
        if (e.type != "protocol-to") continue;
        ++protocol_edges;
        CHECK(e.from.id == "protocol");
    }
    CHECK(protocol_edges == 1);
    // The reverse relation is not written anywhere but derived: nothing leaves the convention.
    for (const auto& e : w->edges) CHECK_FALSE((e.from.id == "icmw" && e.type == "protocol-to"));
}

TEST_CASE("the graph is the same whatever the number of threads that built it") {
    std::string body;
    for (int i = 1; i <= 5000; ++i)
        body += std::to_string(i) + "\\. The Migrant Workers Convention, the [General Assembly](org:un-ga) and [the set](rec:set/1).\n\n";
    auto one = build(body, "c/themes.json", R"({"themes": [{"id": "rights", "title": "Rights"}]})", 1);
    auto four = build(body, "c/themes.json", R"({"themes": [{"id": "rights", "title": "Rights"}]})", 4);
    REQUIRE(one->edges.size() > 3 * 4096);
    CHECK(one->edges == four->edges);
    for (crossref::NodeId n = 0; n < one->graph.names().nodes().size(); ++n) {
        auto a = one->graph.incoming(n), b = four->graph.incoming(n);
        CHECK(std::equal(a.begin(), a.end(), b.begin(), b.end()));
    }
}

TEST_CASE("the edges into and out of a node are indexed in the order of the edges, each once") {
    auto w = build("1\\. See [the Convention](instrument:icmw) and the Migrant Workers Convention.\n");
    const auto& g = w->graph;
    std::size_t in = 0, out = 0;
    for (crossref::NodeId n = 0; n < g.names().nodes().size(); ++n) {
        auto incoming = g.incoming(n), outgoing = g.outgoing(n);
        CHECK(std::is_sorted(incoming.begin(), incoming.end()));
        CHECK(std::is_sorted(outgoing.begin(), outgoing.end()));
        for (auto i : incoming) CHECK(g.arcs()[i].to == n);
        for (auto i : outgoing) CHECK(g.arcs()[i].from == n);
        in += incoming.size();
        out += outgoing.size();
    }
    CHECK(in == g.arcs().size());
    CHECK(out == g.arcs().size());
}

TEST_CASE("a passage that names the same target twice in the same way makes one edge that counts both") {
    auto w = build("1\\. The Migrant Workers Convention, and again the Migrant Workers Convention, and [it](instrument:icmw).\n");
    std::vector<crossref::Edge> to_icmw;
    for (const auto& e : w->edges)
        if (e.to.id == "icmw" && e.from.kind == "document") to_icmw.push_back(e);
    REQUIRE(to_icmw.size() == 2);  // a mention and an explicit reference are two ways
    CHECK(to_icmw[0].type == "cites");
    CHECK(to_icmw[0].count == 1);
    CHECK(to_icmw[1].type == "mentions");
    CHECK(to_icmw[1].count == 2);
}
