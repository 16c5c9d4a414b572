// render/feeds (sitemap, Atom feed, robots.txt, hashed asset names) and render/jsonld.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support.hpp"
#include "crossref/crossref.hpp"
#include "render/context.hpp"
#include "render/feeds.hpp"
#include "render/jsonld.hpp"

using namespace passage;
namespace stdfs = std::filesystem;

namespace {

content::Corpus corpus_at(const std::string& base_url) {
    content::Corpus c;
    c.site.title = "A reference";
    c.site.base_url = base_url;
    content::Document a;
    a.id = "a";
    a.title = "Document A";
    a.date = "2006";
    a.summary = "About [the Convention](instrument:icmw).";
    content::Document b;
    b.id = "b";
    b.title = "Document B";
    b.date = "2004-05";
    c.documents = {a, b};
    content::Annotation dated;
    dated.id = "dated";
    dated.title = "A dated note";
    dated.date = "2005-03-02";
    dated.body = "Body.";
    content::Annotation undated;
    undated.id = "undated";
    undated.title = "An undated note";
    undated.body = "Body.";
    c.annotations = {dated, undated};
    return c;
}

std::vector<render::Page> pages_of(std::initializer_list<const char*> paths) {
    std::vector<render::Page> out;
    for (const char* p : paths)
        out.push_back(
            {p, "x", {{"assets", {{"css", "assets/passage.css"}, {"js", "assets/passage.js"}, {"search_js", "assets/search.js"}}}}});
    return out;
}

// The JSON of the first <script type="application/ld+json"> of a page.
nlohmann::json jsonld_of(const std::string& html) {
    const std::string open = "<script type=\"application/ld+json\">";
    auto begin = html.find(open);
    REQUIRE(begin != std::string::npos);
    begin += open.size();
    auto end = html.find("</script>", begin);
    REQUIRE(end != std::string::npos);
    return nlohmann::json::parse(html.substr(begin, end - begin));
}

}  // namespace

TEST_CASE("a content date becomes the first instant of its period as an RFC 3339 timestamp") {
    CHECK(render::rfc3339("2006") == "2006-01-01T00:00:00Z");
    CHECK(render::rfc3339("2004-05") == "2004-05-01T00:00:00Z");
    CHECK(render::rfc3339("2004-01-16") == "2004-01-16T00:00:00Z");
    CHECK(render::rfc3339("2004-02-29") == "2004-02-29T00:00:00Z");
}

TEST_CASE("a malformed or impossible date gives no timestamp") {
    for (const char* bad :
         {"", "06", "2006-1", "2004-13", "2004-00-10", "2005-02-29", "2004-04-31", "2004/01/16", "200a", "2004-01-16T00:00"}) {
        CAPTURE(bad);
        CHECK(render::rfc3339(bad).empty());
    }
}

TEST_CASE("the sitemap lists every page but the 404 page with a lastmod only where the content dates it") {
    auto c = corpus_at("https://example.org/ref/");
    auto xml =
        render::sitemap_xml(c, {"index.html", "documents/a.html", "documents/b.html", "annotations.html", "404.html", "themes.html"});
    CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">", 0) == 0);
    CHECK(xml.find("<loc>https://example.org/ref/</loc>") != std::string::npos);  // index.html is the site's address
    CHECK(xml.find("index.html") == std::string::npos);
    CHECK(xml.find("404") == std::string::npos);
    CHECK(xml.find("<loc>https://example.org/ref/documents/a.html</loc>\n        <lastmod>2006-01-01T00:00:00Z</lastmod>") !=
          std::string::npos);
    CHECK(xml.find("<loc>https://example.org/ref/documents/b.html</loc>\n        <lastmod>2004-05-01T00:00:00Z</lastmod>") !=
          std::string::npos);
    CHECK(xml.find("<loc>https://example.org/ref/annotations.html</loc>\n        <lastmod>2005-03-02T00:00:00Z</lastmod>") !=
          std::string::npos);
    CHECK(xml.find("<loc>https://example.org/ref/themes.html</loc>\n    </url>") != std::string::npos);
}

TEST_CASE("the feed is dated by its newest entry and leaves undated annotations out") {
    auto c = corpus_at("https://example.org/ref/");
    auto xml = render::atom_feed(c);
    auto feed_updated = xml.find("<updated>");
    CHECK(xml.compare(feed_updated, 39, "<updated>2006-01-01T00:00:00Z</updated>") == 0);
    auto a = xml.find("<id>https://example.org/ref/documents/a.html</id>");
    auto note = xml.find("<id>https://example.org/ref/annotations/dated.html</id>");
    auto b = xml.find("<id>https://example.org/ref/documents/b.html</id>");
    REQUIRE(a != std::string::npos);
    REQUIRE(note != std::string::npos);
    REQUIRE(b != std::string::npos);
    CHECK(a < note);  // newest first
    CHECK(note < b);
    CHECK(xml.find("undated") == std::string::npos);
    CHECK(xml.find("<summary>About the Convention.</summary>") != std::string::npos);  // Markdown read as plain text
    CHECK(xml.find("<name>A reference</name>") != std::string::npos);                  // no site.author: the title
    CHECK(render::atom_feed(c, 3) == xml);                                             // the entries made on several threads
}

TEST_CASE("feed text is escaped and loses the characters XML refuses") {
    auto c = corpus_at("https://example.org/ref/");
    c.site.author = "Editors & <friends>";
    c.documents[0].title = "Tom & \"Jerry\" <b>\x01\x1f";
    auto xml = render::atom_feed(c);
    CHECK(xml.find("<name>Editors &amp; &lt;friends&gt;</name>") != std::string::npos);
    CHECK(xml.find("<title>Tom &amp; \"Jerry\" &lt;b&gt;</title>") != std::string::npos);
    CHECK(xml.find('\x01') == std::string::npos);
}

TEST_CASE("a corpus with no dated entry has no feed") {
    content::Corpus c;
    c.site.base_url = "https://example.org/";
    CHECK(render::atom_feed(c).empty());
    auto files = render::feeds(c, {"index.html"});
    CHECK(files.count("feed.xml") == 0);
    CHECK(files.count("sitemap.xml") == 1);
    CHECK(files.at("robots.txt") == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n");
}

TEST_CASE("without a base_url there are no feeds and asset names stay as they are") {
    auto c = corpus_at("");
    auto pages = pages_of({"index.html"});
    CHECK(render::feeds(c, {"index.html"}).empty());
    render::FileMap files = {{"assets/passage.css", "body{}"}, {"assets/passage.js", "1"}, {"index.html", "x"}};
    auto before = files;
    testing::hash_asset_names(c.site, files, pages);
    CHECK(files == before);
    CHECK(pages[0].model["assets"]["css"] == "assets/passage.css");
}

TEST_CASE("asset names carry XXH3-64 of the bytes, in hex") {
    CHECK(render::content_hash_hex("") == "2d06800538d394c2");  // XXH3_64bits of nothing, seed 0: xxHash's own test vector
    CHECK(render::content_hash_hex("body{}").size() == 16);
    CHECK(render::content_hash_hex("body{}") != render::content_hash_hex("body{ }"));
}

TEST_CASE("with a base_url css and js assets are named after a hash of their bytes and pages name them so") {
    auto c = corpus_at("https://example.org/");
    auto pages = pages_of({"index.html", "documents/a.html"});
    render::FileMap files = {{"assets/passage.css", "body{}"},
                             {"assets/passage.js", "1"},
                             {"assets/search.js", "2"},
                             {"assets/logo.svg", "<svg/>"},
                             {"index.html", "x"}};
    testing::hash_asset_names(c.site, files, pages);
    std::string css = "assets/passage." + render::content_hash_hex("body{}").substr(0, 10) + ".css";
    std::string search = "assets/search." + render::content_hash_hex("2").substr(0, 10) + ".js";
    CHECK(files.count("assets/passage.css") == 0);
    CHECK(files.at(css) == "body{}");
    CHECK(files.count(search) == 1);
    CHECK(files.count("assets/logo.svg") == 1);  // only stylesheets and scripts are renamed
    for (const auto& p : pages) {
        CHECK(p.model["assets"]["css"] == css);
        CHECK(p.model["assets"]["search_js"] == search);
    }
    // The same bytes give the same name; other bytes another.
    render::FileMap again = {{"assets/passage.css", "body{}"}};
    testing::hash_asset_names(c.site, again, pages);
    CHECK(again.count(css) == 1);
    render::FileMap changed = {{"assets/passage.css", "body{ }"}};
    testing::hash_asset_names(c.site, changed, pages);
    CHECK(changed.count(css) == 0);
}

TEST_CASE("JSON-LD cannot close its script element") {
    auto c = corpus_at("");
    content::Instrument x;
    x.id = "x";
    x.title = "A </script><!-- title \xE2\x80\xA8 & more";
    c.instruments = {x};
    crossref::Graph graph;
    render::Build build;
    diag::Sink sink;
    render::Budget budget;
    render::Context cx{c, graph, build, budget, sink};
    auto text = render::instrument_jsonld(cx, x);
    CHECK(text.find('<') == std::string::npos);
    CHECK(text.find('>') == std::string::npos);
    CHECK(text.find("\xE2\x80\xA8") == std::string::npos);
    auto j = nlohmann::json::parse(text);
    CHECK(j["name"] == x.title);                       // the same string once parsed
    CHECK_FALSE(j.contains("url"));                    // no base_url, no URL
    CHECK_FALSE(j.contains("legislationLegalForce"));  // no entry into force given: unknown
}

TEST_CASE("instrument and document pages carry schema.org JSON-LD with absolute URLs when the site has a base_url") {
    testing::TempDir tmp;
    auto built = testing::build_site(testing::source_dir() / "tests/sites/with-base-url/content", tmp.path() / "public");
    REQUIRE(built.result.ok);
    auto legislation = jsonld_of(testing::read_file(tmp.path() / "public/instruments/icmw.html"));
    CHECK(legislation["@context"] == "https://schema.org");
    CHECK(legislation["@type"] == "Legislation");
    CHECK(legislation["name"] ==
          "International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families");
    CHECK(legislation["alternateName"] == nlohmann::json({"Migrant Workers Convention", "ICMW"}));
    CHECK(legislation["legislationIdentifier"] == "A/RES/45/158");
    CHECK(legislation["legislationDate"] == "1990-12-18");
    CHECK(legislation["legislationType"] == "convention");
    CHECK(legislation["legislationLegalForce"] == "https://schema.org/InForce");
    CHECK(legislation["legislationPassedBy"]["name"] == "United Nations General Assembly");
    CHECK(legislation["about"][0]["url"] == "https://example.org/ref/themes/rights.html");
    CHECK(legislation["url"] == "https://example.org/ref/instruments/icmw.html");

    auto article = jsonld_of(testing::read_file(tmp.path() / "public/documents/note.html"));
    CHECK(article["@type"] == "Article");
    CHECK(article["headline"] == "A note \"dated\" by its month");
    CHECK(article["alternativeHeadline"] == "Prepared for a session");
    CHECK(article["author"] == nlohmann::json::parse(R"([{"@type":"Person","name":"A. Writer"},{"@type":"Person","name":"B. Writer"}])"));
    CHECK(article["datePublished"] == "2004-05");
    CHECK(article["about"][0]["name"] == "Rights & duties");
    CHECK(article["url"] == "https://example.org/ref/documents/note.html");
    auto report = jsonld_of(testing::read_file(tmp.path() / "public/documents/report.html"));
    CHECK(report["author"]["@type"] == "Organization");  // no person named: the issuing body
    CHECK(report["publisher"]["name"] == "United Nations");
    CHECK(report["identifier"] == "A/61/515");
}

TEST_CASE("a site with a base_url refers to its assets by hashed names only") {
    testing::TempDir tmp;
    auto built = testing::build_site(testing::source_dir() / "tests/sites/with-base-url/content", tmp.path() / "public");
    REQUIRE(built.result.ok);
    auto tree = testing::read_tree(tmp.path() / "public");
    CHECK(tree.count("assets/passage.css") == 0);
    CHECK(tree.count("assets/search.js") == 0);
    std::string css = "assets/passage." +
                      render::content_hash_hex(testing::read_file(testing::source_dir() / "assets/passage.css")).substr(0, 10) + ".css";
    CHECK(tree.count(css) == 1);
    const auto& page = tree.at("instruments/icmw.html");
    CHECK(page.find("href=\"../" + css + "\"") != std::string::npos);
    CHECK(page.find("assets/search.js") == std::string::npos);
    CHECK(page.find("assets/passage.js") == std::string::npos);
}

TEST_CASE("a site without a base_url keeps plain asset names and JSON-LD without URLs") {
    testing::TempDir tmp;
    auto built = testing::build_site(testing::source_dir() / "tests/sites/minimal/content", tmp.path() / "public");
    REQUIRE(built.result.ok);
    auto tree = testing::read_tree(tmp.path() / "public");
    CHECK(tree.count("assets/passage.css") == 1);
    CHECK(tree.count("sitemap.xml") == 0);
    CHECK(tree.count("feed.xml") == 0);
    CHECK(tree.count("robots.txt") == 0);
    const auto& page = tree.at("instruments/icmw.html");
    CHECK(page.find("src=\"../assets/search.js\"") != std::string::npos);
    auto legislation = jsonld_of(page);
    CHECK(legislation["@type"] == "Legislation");
    CHECK_FALSE(legislation.contains("url"));
    CHECK_FALSE(legislation["about"][0].contains("url"));
}
