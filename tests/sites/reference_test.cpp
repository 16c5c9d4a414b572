// The bundled reference in content/: it builds in strict mode without a single diagnostic, every
// document keeps the numbered paragraphs and notes of its source, and two builds are identical.
#include <doctest/doctest.h>

#include <set>

#include "../support.hpp"
#include "markdown/guard.hpp"
#include "markdown/markdown.hpp"

using namespace passage;
namespace stdfs = std::filesystem;

namespace {

struct Reference : testing::Loaded {
    const markdown::Tree& tree(const std::string& id) const {
        for (std::size_t i = 0; i < corpus.documents.size(); ++i)
            if (corpus.documents[i].id == id) return trees[i];
        throw std::runtime_error("no document " + id);
    }
};

const Reference& reference() {
    static Reference r{testing::load_content(testing::source_dir() / "content")};
    return r;
}

std::set<std::string> numbered(const std::string& prefix, int from, int to, std::set<int> skip = {}) {
    std::set<std::string> out;
    for (int i = from; i <= to; ++i)
        if (!skip.count(i)) out.insert(prefix + std::to_string(i));
    return out;
}

std::set<std::string> anchors_with(const markdown::Tree& t, const std::string& prefix) {
    std::set<std::string> out;
    for (const auto& a : t.anchors)
        if (a.rfind(prefix, 0) == 0 && a.size() > prefix.size() && std::isdigit(static_cast<unsigned char>(a[prefix.size()]))) out.insert(a);
    return out;
}

}  // namespace

TEST_CASE("the bundled reference builds in strict mode without a single diagnostic") {
    testing::TempDir tmp;
    auto built = testing::build_site(testing::source_dir() / "content", tmp.path() / "public", true);
    std::string problems;
    for (const auto& d : built.list)
        if (d.severity != diag::Severity::note) problems += d.file + ":" + std::to_string(d.line) + ": " + d.code + ": " + d.message + "\n";
    CHECK(problems == "");
    CHECK(built.result.ok);
    CHECK(stdfs::exists(tmp.path() / "public" / "index.html"));
    CHECK(stdfs::exists(tmp.path() / "public" / "graph.json"));
}

TEST_CASE("two builds of the bundled reference are byte-identical") {
    testing::TempDir a, b;
    REQUIRE(testing::build_site(testing::source_dir() / "content", a.path() / "public").result.ok);
    REQUIRE(testing::build_site(testing::source_dir() / "content", b.path() / "public").result.ok);
    auto ta = testing::read_tree(a.path() / "public"), tb = testing::read_tree(b.path() / "public");
    CHECK(ta.size() > 100);
    CHECK(ta == tb);
    // No absolute path of the build machine leaks into the output.
    for (const auto& [path, data] : ta) {
        CAPTURE(path);
        CHECK(data.find(a.path().string()) == std::string::npos);
        CHECK(data.find(testing::source_dir().string()) == std::string::npos);
    }
}

TEST_CASE("a one-thread build and a four-thread build are byte-identical") {
    testing::TempDir a, b;
    REQUIRE(testing::build_site(testing::source_dir() / "content", a.path() / "public", true, true, 1).result.ok);
    REQUIRE(testing::build_site(testing::source_dir() / "content", b.path() / "public", true, true, 4).result.ok);
    CHECK(testing::read_tree(a.path() / "public") == testing::read_tree(b.path() / "public"));
}

TEST_CASE("the DESA note keeps paragraphs 1 to 38 and annex paragraphs 1 to 12") {
    const auto& t = reference().tree("desa-2004");
    CHECK(anchors_with(t, "p") == numbered("p", 1, 38));
    CHECK(anchors_with(t, "annex-p") == numbered("annex-p", 1, 12));
}

TEST_CASE("Massiah's text keeps paragraphs 1 to 52 without 39 as in the source") {
    const auto& t = reference().tree("massiah-2015");
    CHECK(anchors_with(t, "p") == numbered("p", 1, 52, {39}));
    const auto& d = reference().corpus.documents;
    auto it = std::find_if(d.begin(), d.end(), [](const auto& x) { return x.id == "massiah-2015"; });
    REQUIRE(it != d.end());
    CHECK(it->gaps.paragraphs_missing == std::vector<int>{39});
}

TEST_CASE("the Belgian note keeps its 18 footnotes and every one is referenced") {
    const auto& t = reference().tree("irri-2006");
    CHECK(anchors_with(t, "fn-") == numbered("fn-", 1, 18));
    for (const auto& f : t.footnotes) {
        CAPTURE(f.label);
        CHECK(f.references >= 1);
    }
}

TEST_CASE("the 2017 article keeps all 63 note references and marks the notes the source lacks") {
    const auto& t = reference().tree("icmw-ratification-2017");
    CHECK(anchors_with(t, "fn-") == numbered("fn-", 1, 63));
    for (const auto& f : t.footnotes) CHECK(f.references >= 1);
    const auto& docs = reference().corpus.documents;
    auto it = std::find_if(docs.begin(), docs.end(), [](const auto& x) { return x.id == "icmw-ratification-2017"; });
    REQUIRE(it != docs.end());
    CHECK_FALSE(it->gaps.footnotes_missing.empty());
    for (int n : it->gaps.footnotes_missing) {
        auto f = std::find_if(t.footnotes.begin(), t.footnotes.end(), [&](const auto& x) { return x.label == std::to_string(n); });
        REQUIRE(f != t.footnotes.end());
        CHECK(f->text.find("Editorial note") != std::string::npos);
    }
}

TEST_CASE("every document of the reference has metadata and passages") {
    const auto& r = reference();
    CHECK(r.corpus.documents.size() == 5);
    for (std::size_t i = 0; i < r.corpus.documents.size(); ++i) {
        CAPTURE(r.corpus.documents[i].id);
        CHECK_FALSE(r.corpus.documents[i].summary.empty());
        CHECK(r.trees[i].passages.size() > 10);
    }
    CHECK(r.corpus.instruments.size() >= 38);
    CHECK(r.corpus.organizations.size() >= 40);
    CHECK(r.corpus.recommendations.size() >= 10);
    CHECK(r.corpus.annotations.size() >= 25);
    CHECK(r.corpus.themes.size() >= 12);
    CHECK(r.corpus.themes.size() <= 20);
}

TEST_CASE("the ICMW's page lists citing passages of every document that names it with their anchors") {
    testing::TempDir tmp;
    REQUIRE(testing::build_site(testing::source_dir() / "content", tmp.path() / "public").result.ok);
    std::string page = testing::read_file(tmp.path() / "public" / "instruments" / "icmw.html");
    for (const char* doc : {"desa-2004", "irri-2006", "icmw-ratification-2017", "massiah-2015"}) {
        CAPTURE(doc);
        std::string prefix = std::string("href=\"../documents/") + doc + ".html#";
        auto at = page.find(prefix);
        REQUIRE(at != std::string::npos);
        // The anchor is a passage: a numbered paragraph, a footnote or a section of that document.
        std::string anchor = page.substr(at + prefix.size(), page.find('"', at + prefix.size()) - at - prefix.size());
        CHECK_FALSE(anchor.empty());
        const auto& tree = reference().tree(doc);
        CHECK(tree.anchors.count(anchor) == 1);
    }
    // Paragraph-level anchors, not sections: numbered ones, and those of a text without numbering.
    CHECK(page.find("href=\"../documents/desa-2004.html#annex-p8\"") != std::string::npos);
    CHECK(page.find("href=\"../documents/icmw-ratification-2017.html#introduction-para-") != std::string::npos);
}

TEST_CASE("an editor's note links the instruments and bodies it mentions but never its own page") {
    testing::TempDir tmp;
    REQUIRE(testing::build_site(testing::source_dir() / "content", tmp.path() / "public").result.ok);
    std::string page = testing::read_file(tmp.path() / "public" / "instruments" / "untoc.html");
    auto start = page.find("<section class=\"annotation\"");
    REQUIRE(start != std::string::npos);
    std::string note = page.substr(start, page.find("</section>", start) - start);
    CHECK(note.find("href=\"../instruments/icmw.html\" class=\"ref ref-instrument mention\"") != std::string::npos);
    CHECK(note.find("href=\"../instruments/untoc.html\"") == std::string::npos);
}

TEST_CASE("a recommendation set names the bodies it addresses and links them, and keeps other addressees as written") {
    testing::TempDir tmp;
    REQUIRE(testing::build_site(testing::source_dir() / "content", tmp.path() / "public").result.ok);
    const std::string page = testing::read_file(tmp.path() / "public" / "recommendations" / "sg-eight-point-agenda.html");
    CHECK(page.find("<li>un-general-assembly</li>") == std::string::npos);
    CHECK(page.find("<a href=\"../organizations/un-general-assembly.html\">") != std::string::npos);
    const std::string cso = testing::read_file(tmp.path() / "public" / "recommendations" / "cso-eight-points.html");
    CHECK(cso.find("<li>States</li>") != std::string::npos);
}
