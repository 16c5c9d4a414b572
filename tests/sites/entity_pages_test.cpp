// Readable entity pages (issue 26, item 5): a recommendation set names its source once; a theme's
// page shows the passages that discuss it as excerpts, by document; a document's "cited in" lists
// each citing document once, with the citing passage, the words around the reference and the
// passage cited.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "../support.hpp"

namespace stdfs = std::filesystem;
using namespace passage;

namespace {

// How many times `needle` occurs in `hay`.
std::size_t occurrences(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + needle.size())) ++n;
    return n;
}

// Whether the tag at `at` opens a heading.
bool is_heading(const std::string& page, std::size_t at) {
    return at + 3 < page.size() && page.compare(at, 2, "<h") == 0 && page[at + 2] >= '1' && page[at + 2] <= '6' &&
           (page[at + 3] == ' ' || page[at + 3] == '>');
}

// Whether position `at` of a document's page is inside an anchored passage (a numbered paragraph
// or a paragraph of a section, <div class="np|pp" id=...>) opened after `from`: one opened there
// and not closed before `at` (in well-formed HTML, a div opened first closes last).
bool in_anchored_passage(const std::string& page, std::size_t from, std::size_t at) {
    for (auto open = page.rfind("<div class=\"", at); open != std::string::npos && open >= from;
         open = open == 0 ? std::string::npos : page.rfind("<div class=\"", open - 1)) {
        if (page.compare(open, 19, "<div class=\"pp\" id=") != 0 && page.compare(open, 19, "<div class=\"np\" id=") != 0) continue;
        const std::string span = page.substr(open, at - open);
        if (occurrences(span, "<div") > occurrences(span, "</div>")) return true;
    }
    return false;
}

// The part of `html` from `from` to the next `to` after it ("" when `from` is not there).
std::string between(const std::string& html, const std::string& from, const std::string& to) {
    const auto a = html.find(from);
    if (a == std::string::npos) return {};
    const auto b = html.find(to, a + from.size());
    return html.substr(a, b == std::string::npos ? std::string::npos : b - a);
}

void write_corpus(const stdfs::path& c) {
    testing::write_file(c / "site.json", R"({"title": "Entities"})");
    testing::write_file(c / "themes.json", R"({"themes": [{"id": "health", "title": "Health"}, {"id": "labour", "title": "Labour"}]})");
    testing::write_file(c / "organizations/who.json", R"({"name": "World Health Organization", "short_name": "WHO", "kind": "un-agency"})");
    testing::write_file(c / "documents/alpha.json",
                        R"({"title": "Alpha report", "date": "2004", "kind": "report", "numbered_paragraphs": true})");
    testing::write_file(c / "documents/alpha.md",
                        "1\\. The first paragraph sets out the recommendations.\n\n"
                        "2\\. The second paragraph is on &lt;script&gt;alert(1)&lt;/script&gt; health care for migrants.\n\n"
                        "3\\. The third paragraph is on labour.\n\n"
                        "4\\. The fourth paragraph.\n\n"
                        "5\\. The fifth paragraph is on clinics.\n");
    testing::write_file(c / "documents/beta.json", R"({"title": "Beta article", "date": "2010", "kind": "article"})");
    testing::write_file(c / "documents/beta.md",
                        "# Introduction\n\n"
                        "Opening words of the article.\n\n"
                        "As the report says of care ([Alpha, ¶2](doc:alpha#p2)), access matters; on [health](theme:health) too.\n\n"
                        "# Later\n\n"
                        "It returns to work ([¶3](doc:alpha#p3)) and to care again ([¶2](doc:alpha#p2)).\n");
    testing::write_file(c / "annotations/care.json",
                        R"({"title": "On care", "target": "doc:alpha#p2", "also": ["doc:alpha#p5"], "themes": ["health"],
                            "body": "The report's view of *care*."})");
    testing::write_file(c / "recommendations/steps.json", R"({
        "title": "Alpha steps", "document": "alpha", "source": "doc:alpha#p1", "addressees": ["who", "States"],
        "items": [
          {"n": "1", "text": "Fund clinics.", "source": "doc:alpha#p1", "themes": ["health"], "addressees": ["who", "States"]},
          {"n": "2", "text": "Train staff.", "source": "doc:alpha#p1"},
          {"n": "3", "text": "Protect workers.", "source": "doc:alpha#p3", "themes": ["labour"], "addressees": ["States"]}
        ]})");
}

}  // namespace

TEST_CASE("entity pages: the source once per set, a theme's passages as excerpts, 'cited in' by citing document") {
    testing::TempDir dir;
    write_corpus(dir.path() / "content");
    auto built = testing::build_site(dir.path() / "content", dir.path() / "out", false);
    INFO(built.diagnostics);
    REQUIRE(built.result.ok);
    auto out = testing::read_tree(dir.path() / "out");

    SUBCASE("a recommendation set names its source once; an item only its own, by the passage alone") {
        const auto& set = out.at("recommendations/steps.html");
        CHECK(occurrences(set, "Alpha report, ¶1") == 1);
        CHECK(occurrences(set, "Source:") == 1);
        const auto item3 = between(set, "id=\"item-3\"", "\n</li>");
        CHECK(item3.find("Source: <a href=\"../documents/alpha.html#p3\">¶3</a>") != std::string::npos);
        CHECK(between(set, "id=\"item-1\"", "\n</li>").find("Source:") == std::string::npos);
        // Addressees by name, never by id, and once: no item addresses others than the set.
        CHECK(set.find(">WHO</a>") != std::string::npos);
        CHECK(set.find(">who<") == std::string::npos);
        CHECK(occurrences(set, "Addressed to") == 2);
        CHECK(item3.find("Addressed to: <ul class=\"inline-list\"><li>States</li></ul>") != std::string::npos);
    }

    SUBCASE("a theme's page: each passage that discusses it, as an excerpt linked to its anchor, by document in reading order") {
        const auto& theme = out.at("themes/health.html");
        const auto section = between(theme, "id=\"passages-title\"", "</section>");
        REQUIRE(!section.empty());
        CHECK(section.find("4 passages in 2 documents") != std::string::npos);
        // Alpha first (reading order), its passages in order: ¶1 (the set's item 1), ¶2 and ¶5 (the note).
        const auto alpha = section.find(">Alpha report</a></h3>"), beta = section.find(">Beta article</a></h3>");
        REQUIRE(alpha != std::string::npos);
        REQUIRE(beta != std::string::npos);
        CHECK(alpha < beta);
        const auto p1 = section.find("href=\"../documents/alpha.html#p1\" class=\"passage-anchor\">¶1</a>");
        const auto p2 = section.find("href=\"../documents/alpha.html#p2\" class=\"passage-anchor\">¶2</a>");
        const auto p5 = section.find("href=\"../documents/alpha.html#p5\" class=\"passage-anchor\">¶5</a>");
        CHECK(p1 < p2);
        CHECK(p2 < p5);
        CHECK(p5 < beta);
        CHECK(section.find("alpha.html#p3") == std::string::npos);  // on labour only
        // The excerpt, escaped; the note and the item that tie the passage to the theme.
        CHECK(section.find("<q>1. The first paragraph sets out the recommendations.</q>") != std::string::npos);
        CHECK(section.find("&lt;script&gt;alert(1)&lt;/script&gt; health care") != std::string::npos);
        CHECK(section.find("<script>alert") == std::string::npos);
        CHECK(section.find("<a href=\"../annotations/care.html\">On care</a>") != std::string::npos);
        CHECK(section.find("<a href=\"../recommendations/steps.html#item-1\">Alpha steps, item 1</a>") != std::string::npos);
        // The passage of the article that names the theme, by its own anchor (not its heading's).
        CHECK(section.find("href=\"../documents/beta.html#introduction-para-2\" class=\"passage-anchor\">Introduction, para. 2</a>") !=
              std::string::npos);
        CHECK(section.find("beta.html#introduction\"") == std::string::npos);
        // Few enough for one page: no "every passage" pages.
        CHECK(out.count("themes/health/passages-1.html") == 0);
    }

    SUBCASE("a document's 'cited in': each citing document once, with the passage, its context and the passage cited") {
        const auto& alpha = out.at("documents/alpha.html");
        const auto cited = between(alpha, "id=\"cited-title\"", "</section>");
        REQUIRE(!cited.empty());
        // Beta cites ¶2, ¶3 and ¶2 again from two passages: one group, its two passages in order of the list.
        CHECK(occurrences(cited, ">Beta article</a></h3>") == 1);
        CHECK(occurrences(cited, ">Alpha steps</a></h3>") == 1);
        CHECK(occurrences(cited, ">On care</a></h3>") == 1);
        const auto beta = between(cited, ">Beta article</a></h3>", "</ul>");
        CHECK(beta.find("href=\"../documents/beta.html#introduction-para-2\" class=\"citation-anchor\">Introduction, para. 2</a>") !=
              std::string::npos);
        CHECK(beta.find("<q>As the report says of care (") != std::string::npos);
        CHECK(beta.find("access matters; on health too.</q>") != std::string::npos);
        // Each citing passage once, with every passage it cites.
        CHECK(occurrences(beta, "class=\"citation-anchor\"") == 2);
        CHECK(beta.find("(on <span class=\"on\"><a href=\"../documents/alpha.html#p2\">¶2</a></span>)") != std::string::npos);
        CHECK(beta.find("class=\"citation-anchor\">Later, para. 1</a> <q>It returns to work (") != std::string::npos);
        CHECK(beta.find("(on <span class=\"on\"><a href=\"../documents/alpha.html#p2\">¶2</a></span><span class=\"on\"><a "
                        "href=\"../documents/alpha.html#p3\">¶3</a></span>)") != std::string::npos);
        // A recommendation item and a note give their own words as the context.
        CHECK(between(cited, ">Alpha steps</a></h3>", "</ul>").find("<q>Fund clinics.</q>") != std::string::npos);
        const auto note = between(cited, ">On care</a></h3>", "</ul>");
        CHECK(note.find(">Editorial note</a> <q>The report&#39;s view of care.</q>") != std::string::npos);
        CHECK(occurrences(note, "class=\"citation-anchor\"") == 1);
        CHECK(between(cited, ">Alpha steps</a></h3>", "</ul>").find(">The whole set</a>") != std::string::npos);
    }
}

TEST_CASE("a reference inside an anchored passage is told from one in a heading or a table") {
    const std::string page = "<h2 id=\"s\">S <a href=\"x.html\">x</a></h2><table><tr><td><a href=\"y.html\">y</a></td></tr></table>"
                             "<div class=\"pp\" id=\"s-para-1\"><p>A <a href=\"z.html\">z</a></p><div class=\"cited-by\"></div> "
                             "<a href=\"w.html\">w</a></div><p>After <a href=\"v.html\">v</a></p>";
    CHECK(is_heading(page, 0));
    CHECK_FALSE(is_heading(page, page.find("<td>")));
    CHECK_FALSE(in_anchored_passage(page, 0, page.find("x.html")));
    CHECK_FALSE(in_anchored_passage(page, 0, page.find("y.html")));
    CHECK(in_anchored_passage(page, 0, page.find("z.html")));
    CHECK(in_anchored_passage(page, 0, page.find("w.html")));
    CHECK_FALSE(in_anchored_passage(page, 0, page.find("v.html")));
}

TEST_CASE("the bundled reference: theme pages show passage excerpts; 'cited in' entries link passages, not headings; names, not ids") {
    testing::TempDir dir;
    auto built = testing::build_site(testing::source_dir() / "content", dir.path() / "out", false);
    INFO(built.diagnostics);
    REQUIRE(built.result.ok);
    auto out = testing::read_tree(dir.path() / "out");

    // The Migrant Workers Convention's theme has excerpts, linked to passage anchors.
    const auto& rights = out.at("themes/rights.html");
    const auto section = between(rights, "id=\"passages-title\"", "</section>");
    CHECK(occurrences(section, "class=\"passage-anchor\"") >= 3);
    CHECK(occurrences(section, "<q>") >= 3);
    // The Migrant Workers Convention's page: the passages that cite it, each by its own anchor, with
    // the words around the reference.
    const auto& icmw = out.at("instruments/icmw.html");
    const auto cited = between(icmw, "id=\"cited-title\"", "</section>");
    CHECK(occurrences(cited, "class=\"citation-anchor\"") >= 10);
    CHECK(occurrences(cited, "<q>") >= 10);
    CHECK(cited.find("#p") != std::string::npos);
    CHECK(cited.find("-para-") != std::string::npos);

    // Every "cited in" entry that links a heading of a text: the reference must be outside every
    // anchored passage of that section (in the heading itself, or in a table, which has no anchor),
    // never in a paragraph below it, which has an anchor of its own.
    std::vector<std::string> wrong;
    std::size_t checked = 0;
    for (const auto& [path, html] : out) {
        if (!path.ends_with(".html") || path.starts_with("search")) continue;
        // The page of what is cited: this one, or the one a "cited in" page lists the citations of.
        std::string cited = path;
        if (auto c = cited.find("/cited-"); c != std::string::npos) cited = cited.substr(0, c) + ".html";
        for (auto at = html.find("class=\"citation-anchor\""); at != std::string::npos; at = html.find("class=\"citation-anchor\"", at + 1)) {
            const auto open = html.rfind("href=\"", at);
            const auto close = html.find('"', open + 6);
            const std::string href = html.substr(open + 6, close - open - 6);
            const auto hash = href.find('#');
            const auto slash = href.find("documents/");
            if (hash == std::string::npos || slash == std::string::npos) continue;
            const std::string doc = href.substr(slash, hash - slash), anchor = href.substr(hash + 1);
            const auto& page = out.at(doc);
            const auto target = page.find("id=\"" + anchor + "\"");
            REQUIRE_MESSAGE(target != std::string::npos, std::string(path + " links " + href));
            ++checked;
            const auto tag = page.rfind('<', target);
            if (!is_heading(page, tag)) continue;
            std::size_t end = target;
            while (end < page.size() && !is_heading(page, end)) end = page.find('<', end + 1);
            bool outside = false;
            for (auto link = page.find(cited, tag); link < end && !outside; link = page.find(cited, link + 1))
                outside = (page[link + cited.size()] == '"' || page[link + cited.size()] == '#') && !in_anchored_passage(page, tag, link);
            if (!outside) wrong.push_back(path + " -> " + href);
        }
    }
    CHECK(checked > 100);
    CHECK(testing::join(wrong) == "");

    // Ids of organizations, instruments and themes are never shown as text between tags.
    std::vector<std::string> slugs;
    for (const auto& [path, html] : out) {
        if (!path.ends_with(".html") || path.starts_with("search")) continue;
        for (const char* id : {"un-general-assembly", "un-secretary-general", "special-rapporteur-migrants", "iom-council", "icmw",
                               "irregular-migration", "civil-society", "regional-cooperation", "trafficking-smuggling"}) {
            if (html.find(std::string(">") + id + "<") != std::string::npos) slugs.push_back(path + ": " + id);
        }
    }
    CHECK(testing::join(slugs) == "");
}
