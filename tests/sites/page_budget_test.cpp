// The page budget (docs/pages.md): what grows with the corpus is counted and listed on numbered
// pages of a fixed size; no page of the site grows with it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "../support.hpp"
#include "fs/fs.hpp"
#include "site/site.hpp"

using namespace passage;

namespace {

// 250 documents of 200 numbered paragraphs, each naming the Convention once: 50,000 citations of
// one instrument, from one theme's documents, listed 250 times over.
void add_corpus(fs::MemoryFileSystem& fs) {
    fs.add_file("c/site.json", R"({"title": "Budget"})");
    fs.add_file("c/themes.json", R"({"themes": [{"id": "rights", "title": "Rights"}]})");
    fs.add_file("c/instruments/icmw.json",
                R"({"title": "Migrant Workers Convention", "kind": "convention", "aliases": ["the Convention"]})");
    fs.add_file("c/organizations/un.json", R"({"name": "United Nations", "kind": "un-body"})");
    for (int d = 0; d < 250; ++d) {
        const std::string id = "doc-" + std::to_string(1000 + d);
        std::string body;
        for (int p = 1; p <= 200; ++p)
            body += std::to_string(p) + "\\. Paragraph " + std::to_string(p) + " of " + id + " on the Convention.\n\n";
        fs.add_file("c/documents/" + id + ".md", body);
        // A long editorial note on each document: the list of notes shows each one's opening only.
        std::string note;
        for (int k = 0; k < 60; ++k) note += "A sentence of a long editorial note on this text, word " + std::to_string(k) + ". ";
        // Each note is about the theme and speaks to 10 more paragraphs of its text, and to 5 of the
        // first document: 2,750 passages discuss the theme, and the first text is cited 1,250 times more.
        nlohmann::json also = nlohmann::json::array();
        for (int p = 2; p <= 11; ++p) also.push_back("doc:" + id + "#p" + std::to_string(p));
        for (int p = 1; p <= 5; ++p) also.push_back("doc:doc-1000#p" + std::to_string(p));
        fs.add_file("c/annotations/note-" + id + ".json", nlohmann::json{{"title", "On " + id},
                                                                          {"target", "doc:" + id + "#p1"},
                                                                          {"also", also},
                                                                          {"themes", {"rights"}},
                                                                          {"body", note}}
                                                               .dump());
        fs.add_file("c/documents/" + id + ".json", nlohmann::json{{"title", "Document " + id},
                                                                  {"date", "2004"},
                                                                  {"kind", "note"},
                                                                  {"numbered_paragraphs", true},
                                                                  {"organization", "un"},
                                                                  {"themes", {"rights"}},
                                                                  {"summary", "A summary of " + id + "."}}
                                                       .dump());
    }
}

}  // namespace

TEST_CASE("an instrument cited 50,000 times: no page of the site over the budget, and every citation on one of its pages") {
    fs::MemoryFileSystem fs;
    add_corpus(fs);
    diag::Sink sink;
    site::Options o;
    o.content = "c";
    o.templates = (testing::source_dir() / "templates").string();
    o.assets = "a";
    o.out = "out";
    o.version = "test";
    // The templates and assets are on the real disk: copied into the memory one.
    fs::RealFileSystem real;
    for (const char* folder : {"templates", "assets"}) {
        const auto from = (testing::source_dir() / folder).string();
        for (const auto& name : real.list(from))
            fs.add_file(std::string(folder == std::string("templates") ? "t/" : "a/") + name, *real.read(fs::join(from, name), nullptr));
    }
    o.templates = "t";
    auto result = site::build(fs, o, sink);
    INFO(diag::format_all_text(sink));
    REQUIRE(result.ok);

    constexpr std::size_t kBudget = 200 * 1024;  // docs/pages.md
    std::size_t largest = 0, cited_pages = 0, listed = 0;
    std::string largest_path;
    const std::regex citation(R"re(class="citation-anchor")re");
    for (const auto& [path, bytes] : fs.files()) {
        if (!path.ends_with(".html")) continue;
        if (bytes.size() > largest) largest = bytes.size(), largest_path = path;
        if (path.starts_with("out/instruments/icmw/cited-")) {
            ++cited_pages;
            listed +=
                static_cast<std::size_t>(std::distance(std::sregex_iterator(bytes.begin(), bytes.end(), citation), std::sregex_iterator()));
        }
    }
    CAPTURE(largest_path);
    CHECK(largest <= kBudget);
    CHECK(cited_pages == (50000 + 149) / 150);
    CHECK(listed == 50000);
    const auto& icmw = fs.files().at("out/instruments/icmw.html");
    CHECK(icmw.find("50000 passages in 250 documents and entities") != std::string::npos);
    CHECK(icmw.find("href=\"../instruments/icmw/cited-1.html\"") != std::string::npos);
    // The lists of documents: three pages of 100, and the theme and the organization list a few
    // of their 250 documents and link to the rest.
    CHECK(fs.files().count("out/documents-3.html") == 1);
    CHECK(fs.files().count("out/documents-4.html") == 0);
    CHECK(fs.files().count("out/themes/rights/documents-3.html") == 1);
    CHECK(fs.files().count("out/organizations/un/documents-3.html") == 1);
    CHECK(fs.files().at("out/themes/rights.html").find("All 250") != std::string::npos);
    // 250 notes of 4 KB: three list pages, each note whole on its own page only.
    CHECK(fs.files().count("out/annotations-3.html") == 1);
    CHECK(fs.files().at("out/annotations.html").find("word 59") == std::string::npos);
    CHECK(fs.files().at("out/annotations/note-doc-1000.html").find("word 59") != std::string::npos);

    // The theme's page: 12 excerpts, and every one of the 2,750 passages on 19 pages of 150.
    const auto& rights = fs.files().at("out/themes/rights.html");
    CHECK(rights.find("2750 passages in 250 documents; 12 of them below.") != std::string::npos);
    CHECK(rights.find("href=\"../themes/rights/passages-1.html\"") != std::string::npos);
    std::size_t passage_pages = 0, excerpts = 0;
    for (const auto& [path, bytes] : fs.files()) {
        if (!path.starts_with("out/themes/rights/passages-")) continue;
        ++passage_pages;
        for (auto at = bytes.find("class=\"passage-anchor\""); at != std::string::npos; at = bytes.find("class=\"passage-anchor\"", at + 1))
            ++excerpts;
    }
    CHECK(passage_pages == (2750 + 149) / 150);
    CHECK(excerpts == 2750);
    // The first text, cited by 250 notes: each citing note once among those its page shows, with
    // every passage of the text it speaks to.
    const auto& first = fs.files().at("out/documents/doc-1000.html");
    const auto cited = first.substr(first.find("id=\"cited-title\""));
    std::set<std::string> groups;
    std::size_t headings = 0;
    for (auto at = cited.find("<h3><a href=\""); at != std::string::npos; at = cited.find("<h3><a href=\"", at + 1), ++headings)
        groups.insert(cited.substr(at, cited.find('"', at + 13) - at));
    CHECK(headings > 1);
    CHECK(groups.size() == headings);
}
