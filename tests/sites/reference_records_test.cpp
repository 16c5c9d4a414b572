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
    Reference() : testing::Loaded(testing::load_content(testing::source_dir() / "content")) {
        diag::Sink sink;
        linked = testing::link(corpus, sink);
        edges = testing::edges_of(graph);
    }
    Reference(const Reference&) = delete;
    testing::Linked linked;
    const crossref::Graph& graph = linked.graph;
    std::vector<crossref::Edge> edges;  // the graph's, as strings

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
            // A section's anchor stands for the section's paragraphs too.
            if (p.anchor == anchor || (p.kind == markdown::PassageKind::paragraph && p.section == anchor)) out += p.text + "\n";
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
        for (const auto& [run, list] : linked.documents.mentions[doc_index(doc)].runs) {
            auto text = markdown::text_of(t.text_runs[run]);
            for (const auto& m : list)
                out.emplace_back(std::string(text.substr(m.begin, m.end - m.begin)), t.passages[t.text_runs[run].passage].anchor,
                                 m.target.href);
        }
        return out;
    }
    // Whether a mention edge runs from the passage doc#anchor to the entity.
    bool mentions(const std::string& doc, const std::string& anchor, const std::string& kind, const std::string& id) const {
        return std::any_of(edges.begin(), edges.end(), [&](const crossref::Edge& e) {
            // A section's id stands for the section and its paragraphs ("<section>-para-N").
            const bool in = e.from.anchor == anchor || e.from.anchor.starts_with(anchor + "-para-");
            return e.type == "mentions" && e.from.id == doc && in && e.to.kind == kind && e.to.id == id;
        });
    }
};

const Reference& reference() {
    static const Reference r;
    return r;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// The phrases an editor's text quotes between straight double quotes.
std::vector<std::string> quotes(const std::string& markdown) {
    std::vector<std::string> out;
    static const std::regex quoted("\"([^\"]+)\"");
    for (std::sregex_iterator it(markdown.begin(), markdown.end(), quoted), end; it != end; ++it) out.push_back((*it)[1]);
    return out;
}

// The passages an editor's text links to: "doc:ID#ANCHOR".
std::vector<std::string> cited_passages(const std::string& markdown) {
    std::vector<std::string> out;
    static const std::regex link("\\]\\((doc:[a-z0-9-]+#[a-z0-9-]+)\\)");
    for (std::sregex_iterator it(markdown.begin(), markdown.end(), link), end; it != end; ++it) out.push_back((*it)[1]);
    return out;
}

}  // namespace

TEST_CASE("the High-level Dialogue record dates the second dialogue to resolution 63/225 and the follow-up to the Review Forum") {
    const auto& hld = reference().organization("high-level-dialogue");
    CHECK(contains(hld.description, "decided by resolution 58/208"));
    CHECK(contains(hld.description, "decided by resolution 63/225"));
    CHECK(contains(hld.description, "International Migration Review Forum"));
    // The 2019 dialogue is the 2017 article's expectation, and the record says none was held.
    CHECK(contains(hld.description, "None was held"));
    const auto& decl = reference().instrument("hld-2013-declaration");
    CHECK(decl.adopted == "2013-10-03");
    CHECK(decl.symbol == "A/RES/68/4");
}

TEST_CASE("the Guiding Principles on Internal Displacement have dates of presentation and note, not of adoption") {
    const auto& gp = reference().instrument("guiding-principles-idp");
    CHECK(gp.adopted.empty());
    CHECK(gp.symbol == "E/CN.4/1998/53/Add.2");
    std::map<std::string, std::string> facts;
    for (const auto& f : gp.facts) facts[f.fact] = f.value;
    CHECK(facts["presented to the Commission on Human Rights"] == "1998-02-11");
    CHECK(facts["taken note of by the Commission on Human Rights"] == "1998");
    // DESA's "adoption" is kept as the source's claim, and corrected in a note at that passage.
    const auto& note = reference().annotation("guiding-principles-taken-note-of");
    CHECK(note.target.value == "doc:desa-2004#annex-p7");
    CHECK(contains(reference().passage_text(note.target.value), "the adoption by the United Nations in 1998 of the Guiding Principles"));
}

TEST_CASE("the 2017 article carries its real title, author and journal instead of a title supplied by the editor") {
    const auto& d = reference().document("icmw-ratification-2017");
    CHECK(d.title == "The Politics of the UN Convention on Migrant Workers’ Rights");
    CHECK(d.authors == std::vector<std::string>{"Antoine Pécoud"});
    CHECK(d.source.publisher == "Groningen Journal of International Law");
    CHECK(contains(d.source.citation, "vol. 5, no. 1 (2017)"));
    CHECK(contains(d.source.citation, "Shining New Light on the UN Migrant Workers Convention"));
    CHECK_FALSE(contains(d.title, "["));
    // The summary says how the article was identified.
    CHECK(contains(d.summary, "identified the article"));
}

TEST_CASE("the Geneva Initiative is recorded as not identified, with the sentence of the source") {
    const auto& gi = reference().organization("geneva-initiative");
    CHECK(contains(gi.name, "not identified"));
    const std::string sentence = "Another example is the “Geneva Initiative”, which has a larger scope and ambition.";
    CHECK(contains(gi.description, sentence));
    CHECK(contains(reference().passage_text("desa-2004", "annex-p2"), sentence));
    CHECK(reference().mentions("desa-2004", "annex-p2", "organization", "geneva-initiative"));
}

TEST_CASE("every phrase the ICMW's annotation quotes is found in a passage it cites") {
    const auto& icmw = reference().instrument("icmw");
    auto cited = cited_passages(icmw.annotation);
    REQUIRE(cited.size() >= 5);
    std::string text;
    for (const auto& ref : cited) text += reference().passage_text(ref);
    for (const auto& q : quotes(icmw.annotation)) {
        CAPTURE(q);
        CHECK(contains(text, q));
    }
    CHECK_FALSE(contains(icmw.annotation, "Every text"));
    // The nickname the article reports now links to the Group of 77, not to the Convention.
    CHECK(std::find(icmw.aliases.begin(), icmw.aliases.end(), "G-77 treaty") == icmw.aliases.end());
    CHECK(reference().mentions("icmw-ratification-2017", "history-and-content", "organization", "group-of-77"));
}

TEST_CASE("the note on the 2017 article's missing notes names the author of 9 of the 30, each named beside its note") {
    const auto& d = reference().document("icmw-ratification-2017");
    REQUIRE(d.gaps.footnotes_missing.size() == 30);
    const auto& note = reference().annotation("icmw-2017-missing-notes");
    CHECK(contains(note.body, "For 9 of the 30 missing notes"));
    // "François Crépeau for note 34, ..., and MacDonald and Cholewinski for note 60"
    static const std::regex named("(?:: |, )(?:and )?([A-Z][^,:]*?) for note ([0-9]+)");
    std::map<int, std::string> authors;
    for (std::sregex_iterator it(note.body.begin(), note.body.end(), named), end; it != end; ++it) authors[std::stoi((*it)[2])] = (*it)[1];
    std::set<int> numbers;
    for (const auto& [n, _] : authors) numbers.insert(n);
    CHECK(numbers == std::set<int>{34, 35, 37, 38, 39, 46, 54, 55, 60});
    const std::string& body = d.body->text();
    for (const auto& [n, who] : authors) {
        CAPTURE(n);
        CHECK(std::count(d.gaps.footnotes_missing.begin(), d.gaps.footnotes_missing.end(), n) == 1);
        // The paragraph that calls the note names the author (by the last word of the name).
        auto at = body.find("[^" + std::to_string(n) + "]");
        REQUIRE(at != std::string::npos);
        auto start = body.rfind("\n\n", at), stop = body.find("\n\n", at);
        // A quotation set as a block is introduced by the paragraph before it, which names its author.
        if (body.compare(start + 2, 1, ">") == 0) start = body.rfind("\n\n", start - 1);
        std::string paragraph = body.substr(start, stop - start);
        CHECK(contains(paragraph, who.substr(who.rfind(' ') + 1)));
    }
}

TEST_CASE("the Schengen Accords of 1990 link to the 1990 Convention and the 1985 Schengen treaty to the Agreement") {
    const auto& r = reference();
    CHECK(r.instrument("schengen").adopted == "1985-06-14");
    const auto& convention = r.instrument("schengen-convention");
    CHECK(convention.adopted == "1990-06-19");
    REQUIRE(convention.supplements.size() == 1);
    CHECK(convention.supplements[0].value == "schengen");
    std::vector<std::string> desa, article;
    for (const auto& [text, anchor, href] : r.linked_mentions("desa-2004"))
        if (contains(href, "schengen")) desa.push_back(anchor + " " + text + " -> " + href);
    for (const auto& [text, anchor, href] : r.linked_mentions("icmw-ratification-2017"))
        if (contains(href, "schengen")) article.push_back(anchor + " " + text + " -> " + href);
    CHECK(desa == std::vector<std::string>{"annex-p3 Schengen Accords of 1990 -> instruments/schengen-convention.html"});
    CHECK(article == std::vector<std::string>{"in-between-states-para-5 Schengen treaty -> instruments/schengen.html"});
}

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
    for (const auto& e : r.edges)
        if (e.type == "mentions" && e.from.id == "icmw-ratification-2017" && notes.count(e.from.anchor) &&
            (e.to.id == "icmw" || e.to.id == "eu"))
            mentioning.insert(e.from.anchor);
    // Only the two notes whose own sentences name "the ICMW" mention it.
    CHECK(mentioning == std::set<std::string>{"fn-7", "fn-17"});
}

TEST_CASE("a record source is the publisher's, or says why a copy is kept") {
    const std::vector<std::string> publishers = {"https://undocs.org/",
                                                 "https://treaties.un.org/",
                                                 "https://legal.un.org/",
                                                 "http://legal.un.org/",
                                                 "https://www.un.org/",
                                                 "http://www.un.org/",
                                                 "https://social.desa.un.org/",
                                                 "https://static.un.org/",
                                                 "https://www.ohchr.org/",
                                                 "https://normlex.ilo.org/",
                                                 "https://www.ilo.org/",
                                                 "https://eur-lex.europa.eu/",
                                                 "http://europa.eu/",
                                                 "https://ec.europa.eu/",
                                                 "https://www.europarl.europa.eu/",
                                                 "https://www.wto.org/",
                                                 "https://publications.iom.int/",
                                                 "http://unodc.org/",
                                                 "https://webarchive.archive.unhcr.org/"};
    std::size_t kept = 0;
    for (const auto& x : reference().corpus.instruments)
        for (const auto& r : x.record) {
            CAPTURE(x.id);
            CAPTURE(r.url);
            bool official = std::any_of(publishers.begin(), publishers.end(), [&](const std::string& p) { return r.url.rfind(p, 0) == 0; });
            if (!official) {
                ++kept;
                CHECK(contains(r.label, ", kept because "));
            }
        }
    CHECK(kept <= 4);
}

TEST_CASE("the instruments and bodies the texts name have records, mentioned where the texts name them") {
    const auto& r = reference();
    struct Named {
        const char *doc, *anchor, *kind, *id;
    };
    for (const auto& n : std::vector<Named>{{"icmw-ratification-2017", "history-and-content", "instrument", "ilo-constitution"},
                                            {"desa-2004", "annex-p3", "instrument", "schengen-convention"},
                                            {"desa-2004", "annex-p5", "instrument", "gats-annex-natural-persons"},
                                            {"desa-2004", "annex-p6", "instrument", "ilo-general-survey-1999"},
                                            {"iom-health-2013", "hld-declaration", "instrument", "agenda-2030"},
                                            {"icmw-ratification-2017", "history-and-content", "organization", "group-of-77"},
                                            {"icmw-ratification-2017", "fn-14", "organization", "mesca-countries"},
                                            {"irri-2006", "gcim-report", "organization", "global-migration-facility"},
                                            {"irri-2006", "institutional-coordination", "organization", "global-migration-facility"},
                                            {"iom-health-2013", "cso-eight-points", "organization", "partnership-migrants-health"},
                                            {"iom-health-2013", "cso-eight-points", "organization", "travel-restriction-task-force"},
                                            {"irri-2006", "policy-coherence", "organization", "belgian-consultative-council-migration"},
                                            {"irri-2006", "policy-coherence", "organization", "belgian-secretariat-state-migration"}}) {
        CAPTURE(n.id);
        CHECK(r.mentions(n.doc, n.anchor, n.kind, n.id));
    }
    CHECK(r.corpus.instruments.size() == 51);
    CHECK(r.corpus.organizations.size() == 80);
}

TEST_CASE("the recommendation lists that were prose are sets whose items quote the passages they cite") {
    const auto& r = reference();
    struct Expected {
        const char* id;
        const char* source;
        std::size_t items;
    };
    for (const auto& e : std::vector<Expected>{{"sg-institutional-proposals-2006", "doc:irri-2006#sg-report", 2},
                                               {"gcim-institutional-options", "doc:irri-2006#gcim-report", 4},
                                               {"cairo-programme-chapter-x", "doc:irri-2006#fn-4", 5}}) {
        CAPTURE(e.id);
        const auto& set = r.set(e.id);
        REQUIRE(set.source);
        CHECK(set.source->value == e.source);
        CHECK(set.items.size() == e.items);
        std::vector<const content::RecItem*> all;
        for (const auto& it : set.items) {
            all.push_back(&it);
            for (const auto& sub : it.items) all.push_back(&sub);
        }
        for (const auto* it : all) {
            CAPTURE(it->number);
            REQUIRE(it->source);
            CHECK(contains(r.passage_text(it->source->value), it->text));
        }
    }
    CHECK(r.set("gcim-institutional-options").items[3].items.size() == 5);
}

TEST_CASE("each note on a source's error of fact quotes the passage it is anchored at") {
    const auto& r = reference();
    for (const char* id : {"massiah-neanderthals", "udhr-article-13", "guiding-principles-taken-note-of", "schengen-checks-on-persons",
                           "gats-trade-in-services", "untoc-conference-of-the-parties", "eu-accessions-were-to-the-communities",
                           "core-human-rights-instruments-nine", "desa-four-aspects-three-listed", "icmw-entry-into-force-threshold",
                           "convention-monitoring", "hld-2006-decision-year"}) {
        CAPTURE(id);
        const auto& note = r.annotation(id);
        auto q = quotes(note.body);
        REQUIRE_FALSE(q.empty());
        CHECK(contains(r.passage_text(note.target.value), q.front()));
        CHECK(contains(note.body, "kept as printed"));
    }
}
