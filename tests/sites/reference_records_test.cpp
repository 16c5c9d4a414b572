// The records of the bundled reference say what the texts and the instruments support: dates of the
// right kind, identifications with their evidence, mentions linked to the right instrument, quotations
// found in the passages they cite, sources from the publisher. Read from content/ through the loader,
// the Markdown stage and the cross-reference graph, as a build reads them.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>
#include <set>

#include "../support.hpp"
#include "crossref/crossref.hpp"
#include "markdown/markdown.hpp"

using namespace passage;

namespace {

struct Reference : testing::Loaded {
    crossref::Graph graph;

    std::size_t doc_index(const std::string& id) const {
        for (std::size_t i = 0; i < corpus.documents.size(); ++i)
            if (corpus.documents[i].id == id) return i;
        throw std::runtime_error("no document " + id);
    }
    const content::Document& document(const std::string& id) const { return corpus.documents[doc_index(id)]; }
    const markdown::Tree& tree(const std::string& id) const { return trees[doc_index(id)]; }
    template <class T>
    static const T& by_id(const std::vector<T>& list, const std::string& id) {
        auto it = std::find_if(list.begin(), list.end(), [&](const T& x) { return x.id == id; });
        if (it == list.end()) throw std::runtime_error("no record " + id);
        return *it;
    }
    const content::Instrument& instrument(const std::string& id) const { return by_id(corpus.instruments, id); }
    const content::Organization& organization(const std::string& id) const { return by_id(corpus.organizations, id); }
    const content::Annotation& annotation(const std::string& id) const { return by_id(corpus.annotations, id); }
    const content::RecSet& set(const std::string& id) const { return by_id(corpus.recommendations, id); }

    // The plain text of every passage of `doc` anchored at `anchor` (a section has several).
    std::string passage_text(const std::string& doc, const std::string& anchor) const {
        std::string out;
        for (const auto& p : tree(doc).passages)
            if (p.anchor == anchor) out += p.text + "\n";
        return out;
    }
    std::string passage_text(const std::string& ref) const {  // "doc:ID#ANCHOR"
        auto hash = ref.find('#');
        return passage_text(ref.substr(4, hash - 4), ref.substr(hash + 1));
    }
    // The alias texts linked in `doc` as mentions, each with the passage it stands in and its target page.
    std::vector<std::tuple<std::string, std::string, std::string>> linked_mentions(const std::string& doc) const {
        std::vector<std::tuple<std::string, std::string, std::string>> out;
        const auto& t = tree(doc);
        auto it = graph.mentions.find(doc);
        if (it == graph.mentions.end()) return out;
        for (const auto& [run, list] : it->second) {
            auto text = markdown::text_of(t.text_runs[run]);
            for (const auto& m : list)
                out.emplace_back(std::string(text.substr(m.begin, m.end - m.begin)), t.passages[t.text_runs[run].passage].anchor,
                                 m.target.href);
        }
        return out;
    }
    // Whether a mention edge runs from the passage doc#anchor to the entity.
    bool mentions(const std::string& doc, const std::string& anchor, const std::string& kind, const std::string& id) const {
        return std::any_of(graph.edges.begin(), graph.edges.end(), [&](const crossref::Edge& e) {
            return e.type == "mentions" && e.from.id == doc && e.from.anchor == anchor && e.to.kind == kind && e.to.id == id;
        });
    }
};

const Reference& reference() {
    static Reference r = [] {
        Reference r{testing::load_content(testing::source_dir() / "content"), {}};
        diag::Sink sink;
        r.graph = crossref::build(r.corpus, r.trees, sink);
        return r;
    }();
    return r;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("no alias is linked inside a title cited in a note of the 2017 article") {
    const auto& r = reference();
    const auto& t = r.tree("icmw-ratification-2017");
    // The fourteen notes whose cited titles name the Convention.
    const std::set<std::string> notes = {"fn-7",  "fn-11", "fn-13", "fn-15", "fn-17", "fn-18", "fn-19",
                                         "fn-20", "fn-21", "fn-22", "fn-27", "fn-29", "fn-30", "fn-32"};
    for (const auto& run : t.text_runs) {
        const auto& p = t.passages[run.passage];
        if (!notes.count(p.anchor)) continue;
        CAPTURE(p.anchor);
        auto text = std::string(markdown::text_of(run));
        CHECK_FALSE(contains(text, "ICRMW"));
        CHECK_FALSE(contains(text, "Migrant Workers’ Rights"));
        CHECK_FALSE(contains(text, "Migrant Workers Convention"));
        CHECK_FALSE(contains(text, "Convention on Migrant Workers"));
    }
    std::set<std::string> mentioning;
    for (const auto& e : r.graph.edges)
        if (e.type == "mentions" && e.from.id == "icmw-ratification-2017" && notes.count(e.from.anchor) &&
            (e.to.id == "icmw" || e.to.id == "eu"))
            mentioning.insert(e.from.anchor);
    // Only the two notes whose own sentences name "the ICMW" mention it.
    CHECK(mentioning == std::set<std::string>{"fn-7", "fn-17"});
}
