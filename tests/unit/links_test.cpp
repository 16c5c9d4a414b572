// output/links: the HTML attribute scanner and the internal link checker.
#include <doctest/doctest.h>

#include "../support.hpp"
#include "output/links.hpp"
#include "util/source.hpp"

using namespace passage;

namespace {

std::string page(const std::string& body) {
    return "<!DOCTYPE html>\n<html><head><title>t</title></head><body>\n" + body + "\n</body></html>\n";
}

std::vector<diag::Diagnostic> check(const output::Files& files, bool expect_ok) {
    diag::Sink sink;
    CHECK(testing::check_links(files, sink) == expect_ok);
    return sink.sorted();
}

}  // namespace

TEST_CASE("the attribute scanner reads quoted unquoted and bare attributes and decodes references") {
    auto attrs = output::html_attributes(R"(<A HREF="a.html?x=1&amp;y=2" id='it&#39;s' data-x=plain hidden><img src=p&#x2F;q.png/>)");
    REQUIRE(attrs.size() == 5);
    CHECK(attrs[0].tag == "a");
    CHECK(attrs[0].name == "href");
    CHECK(attrs[0].value == "a.html?x=1&y=2");
    CHECK(attrs[1].value == "it's");
    CHECK(attrs[2].name == "data-x");
    CHECK(attrs[2].value == "plain");
    CHECK(attrs[3].name == "hidden");
    CHECK(attrs[3].value.empty());
    CHECK(attrs[4].tag == "img");
    CHECK(attrs[4].value == "p/q.png/");  // an unquoted value runs to the '>'
}

TEST_CASE("the attribute scanner skips comments end tags and the contents of scripts and styles") {
    auto attrs = output::html_attributes(
        "<!-- <a href=\"in-comment.html\"> --><p id=\"one\">x</p>"
        "<script>var s = '<a href=\"in-script.html\">';</script >"
        "<style>a[href=\"in-style\"]{}</style><a href=\"real.html\">< not a tag</a>");
    REQUIRE(attrs.size() == 2);
    CHECK(attrs[0].value == "one");
    CHECK(attrs[1].value == "real.html");
}

TEST_CASE("a site whose internal links all resolve passes the link check") {
    output::Files files = {
        {"index.html",
         page("<a href=\"documents/a.html#p1\">a</a> <a href=\"#top\">top</a> <a href=\"#main\">m</a> <main id=\"main\"></main>"
              "<a href=\"search.html?q=x\">s</a> <img src=\"assets/x.png\"> <a href=\"\">self</a> <a href=\"#\">#</a>")},
        {"documents/a.html", page("<p id=\"p1\">x</p><a href=\"../index.html\">home</a> <a href=\"./a.html#p1\">me</a>"
                                  "<a href=\"../documents/b%20c.html\">space</a> <a href=\"#p%31\">escaped</a>")},
        {"documents/b c.html", page("")},
        {"search.html", page("")},
        {"assets/x.png", "PNG"},
    };
    CHECK(check(files, true).empty());
}

TEST_CASE("external links and other schemes are not checked") {
    output::Files files = {{"index.html", page("<a href=\"https://example.org/x#nowhere\">a</a><a href=\"http://x\">b</a>"
                                               "<a href=\"mailto:a@b.c\">c</a><a href=\"//cdn.example/x.js\">d</a>"
                                               "<img src=\"data:image/png;base64,AA==\"><a href=\"tel:+1\">e</a>")}};
    CHECK(check(files, true).empty());
}

TEST_CASE("a link to a missing file is a link-broken error naming the page and the href") {
    output::Files files = {{"documents/a.html", page("<a href=\"../instruments/icmv.html\">x</a>")}, {"instruments/icmw.html", page("")}};
    auto d = check(files, false);
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "link-broken");
    CHECK(d[0].file == "documents/a.html");
    CHECK(d[0].line == 3);
    CHECK(d[0].column == 10);
    CHECK(d[0].message == "broken link \"../instruments/icmv.html\": the site has no file instruments/icmv.html");
    CHECK(d[0].suggestion == "did you mean \"../instruments/icmw.html\"?");
}

TEST_CASE("a link to a missing id is an error with a did-you-mean for the fragment") {
    output::Files files = {{"index.html", page("<a href=\"documents/a.html#p12\">x</a> <a href=\"#fn-2\">y</a><li id=\"fn-1\"></li>")},
                           {"documents/a.html", page("<p id=\"p1\"></p><p id=\"p11\"></p><p id=\"annex\"></p>")}};
    auto d = check(files, false);
    REQUIRE(d.size() == 2);
    CHECK(d[0].message == "broken link \"documents/a.html#p12\": documents/a.html has no element with id \"p12\"");
    CHECK(d[0].suggestion == "did you mean \"documents/a.html#p1\"?");
    CHECK(d[1].message == "broken link \"#fn-2\": index.html has no element with id \"fn-2\"");
    CHECK(d[1].suggestion == "did you mean \"#fn-1\"?");
}

TEST_CASE("a link from the server root or out of the site is broken") {
    output::Files files = {
        {"documents/a.html", page("<a href=\"/index.html\">x</a><a href=\"../../up.html\">y</a><a href=\"../themes/\">z</a>")},
        {"index.html", page("")}};
    auto d = check(files, false);
    REQUIRE(d.size() == 3);
    CHECK(d[0].message == "broken link \"/index.html\": a link from the root of the server breaks on file:// and under a sub-path");
    CHECK(d[0].suggestion == "write it relative to the page: \"../index.html\"");
    CHECK(d[1].message == "broken link \"../../up.html\": it leads out of the site");
    CHECK(d[2].message == "broken link \"../themes/\": the site has no file themes/");
}

TEST_CASE("a <base> names where the site is on its server: it is no link, and the page's links are checked from the page") {
    output::Files files = {{"404.html", "<!DOCTYPE html>\n<html><head><base href=\"/ref/\"><title>t</title></head><body>\n"
                                        "<a href=\"index.html\">home</a>\n</body></html>\n"},
                           {"index.html", page("")}};
    CHECK(check(files, true).empty());
}

TEST_CASE("a passage reference that reaches a page unresolved is a broken link") {
    auto d = check({{"index.html", page("<a href=\"instrument:icmv\">x</a>")}}, false);
    REQUIRE(d.size() == 1);
    CHECK(d[0].message == "broken link \"instrument:icmv\": a reference that was never resolved reached the page");
}

TEST_CASE("a broken href is reported once per page however often it occurs") {
    output::Files files = {{"a.html", page("<a href=\"gone.html\">1</a><a href=\"gone.html\">2</a>")},
                           {"b.html", page("<a href=\"gone.html\">3</a>")}};
    auto d = check(files, false);
    REQUIRE(d.size() == 2);
    CHECK(d[0].file == "a.html");
    CHECK(d[1].file == "b.html");
}

TEST_CASE("only HTML files are scanned and fragments into other files are not checked") {
    output::Files files = {{"graph.json", "{\"href\": \"<a href='nowhere.html'>\"}"},
                           {"assets/passage.js", "var a = '<a href=\"nowhere.html\">';"},
                           {"index.html", page("<a href=\"graph.json#anything\">g</a>")}};
    CHECK(check(files, true).empty());
}

TEST_CASE("the bundled reference has no broken internal link") {
    testing::TempDir tmp;
    auto built = testing::build_site(testing::source_dir() / "content", tmp.path() / "public", false, false);
    for (const auto& d : built.list) CHECK_MESSAGE(d.code != "link-broken", d.file << ": " << d.message);
    CHECK(built.result.ok);
}

TEST_CASE("a page's scan keeps its ids and each checked href once at its first line and column in characters") {
    auto scan = output::scan_links(
        "<p id=\"b\">é€ <a href=\"x.html\">1</a></p>\n<p id='a'>\n  <a href=\" x.html \">2</a> <a href=\"https://example.org/\">e</a>"
        "<img src=\"//cdn/x.png\"><a href=\"doc:d\">d</a><a href=\"#b\">b</a><p id=\"a\"></p>");
    CHECK(scan.ids == std::vector<std::string>{"a", "b"});
    REQUIRE(scan.links.size() == 3);  // external links are left out; " x.html " is "x.html" again
    CHECK(scan.links[0].href == "x.html");
    CHECK(scan.links[0].pos.line == 1);
    CHECK(scan.links[0].pos.column == 23);  // "é" and "€" are one character each
    CHECK(scan.links[1].href == "doc:d");
    CHECK(scan.links[1].pos.line == 3);
    CHECK(scan.links[1].pos.column == 96);
    CHECK(scan.links[2].href == "#b");
    CHECK(scan.links[2].pos.line == 3);  // counted on from the link before, on the same line
    CHECK(scan.links[2].pos.column == 117);
    REQUIRE(scan.repeated_ids.size() == 1);  // the second id="a", where it stands
    CHECK(scan.repeated_ids[0].href == "a");
    CHECK(scan.repeated_ids[0].pos.line == 3);
    CHECK(scan.repeated_ids[0].pos.column == 133);
}

TEST_CASE("an id given to two elements of a page is html-duplicate-id at the second, each time it repeats") {
    output::Files files = {
        {"index.html", page("<h2 id=\"p1\">a</h2>\n<p id=\"p1\">b</p> <p id=\"p&#49;\">c</p> <p id=\"p2\"></p>")},
    };
    const auto all = check(files, false);
    REQUIRE(all.size() == 2);
    for (const auto& d : all) {
        CHECK(d.code == "html-duplicate-id");
        CHECK(d.file == "index.html");
        CHECK(d.line == 4);  // the page's body starts on line 3
        CHECK(d.message.find("\"p1\"") != std::string::npos);
    }
    CHECK(all[0].column == 8);
    CHECK(all[1].column == 25);
    CHECK(check({{"index.html", page("<p id=\"p1\"></p><p id=\"p2\"></p>")}}, true).empty());
}

TEST_CASE("a page's scan gives each link the line and column the source text gives its offset") {
    // Long lines of one-, two-, three- and four-byte characters, so that counting eight bytes at a
    // time meets continuation bytes at every place in a word, and at a word's end.
    std::string html;
    const std::vector<std::string> chars = {"a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};
    std::vector<std::size_t> offsets;
    for (int line = 0; line < 3; ++line) {
        for (int k = 0; k < 40; ++k) {
            for (int c = 0; c <= (k * 7 + line) % 11; ++c) html += chars[(k + c + line) % chars.size()];
            html += "<a href=\"";
            offsets.push_back(html.size());
            html += "p" + std::to_string(line * 100 + k) + ".html\">x</a>";
        }
        html += "\n";
    }
    const util::SourceText source("page.html", html);
    const auto scan = output::scan_links(html);
    REQUIRE(scan.links.size() == offsets.size());
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        const auto want = source.position_of(offsets[i]);
        CHECK(scan.links[i].pos.line == want.line);
        CHECK(scan.links[i].pos.column == want.column);
    }
}

TEST_CASE("a page's scan reads uppercase names and counts an href once however its references spell it") {
    auto scan = output::scan_links(
        "<P ID=\"Top-1\"><A HREF=\"a.html?x=1&amp;y=2\">1</A><a href=\"a.html?x=1&y=2\">2</a>"
        "<a href=\" a.html?x=1&#38;y=2\">3</a><a Href=\"b.html\">4</a><img SRC=\"c.png\"></P>");
    CHECK(scan.ids == std::vector<std::string>{"Top-1"});
    REQUIRE(scan.links.size() == 3);
    CHECK(scan.links[0].href == "a.html?x=1&y=2");
    CHECK(scan.links[0].pos.column == 24);
    CHECK(scan.links[1].href == "b.html");
    CHECK(scan.links[2].href == "c.png");
}

TEST_CASE("the link check gives the same diagnostics on one thread and on several") {
    output::Files files;
    for (int i = 0; i < 50; ++i)
        files["documents/d" + std::to_string(i) + ".html"] = page("<p id=\"p1\"></p><a href=\"d" + std::to_string(i + 1) +
                                                                  ".html#p1\">n</a> <a href=\"#p2\">x</a> <a href=\"../index.html\">h</a>");
    files["index.html"] = page("");
    output::LinkIndex pages;
    std::vector<std::string> paths;
    for (const auto& [path, data] : files) {
        paths.push_back(path);
        pages[path] = output::scan_links(data);
    }
    diag::Sink one, four;
    CHECK_FALSE(output::check_links(pages, paths, one, 1));
    CHECK_FALSE(output::check_links(pages, paths, four, 4));
    auto a = one.sorted(), b = four.sorted();
    REQUIRE(a.size() == 51);  // "#p2" on every page, and the last page's next one
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].file == b[i].file);
        CHECK(a[i].line == b[i].line);
        CHECK(a[i].column == b[i].column);
        CHECK(a[i].message == b[i].message);
        CHECK(a[i].suggestion == b[i].suggestion);
    }
}
