// The incremental cache: a build with --cache writes the bytes and gives the diagnostics a build
// without it does, after whatever changed in between, and does again only what the change calls for.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "../support.hpp"
#include "builtin/builtin.hpp"
#include "cache/store.hpp"
#include "fs/fs.hpp"
#include "site/site.hpp"

namespace stdfs = std::filesystem;
using namespace passage;

namespace {

// The bundled reference, copied so that it can be edited, with its cache and two output folders.
struct Scenario {
    testing::TempDir dir;
    stdfs::path content = dir.path() / "content", cache = dir.path() / "cache";
    stdfs::path incremental_out = dir.path() / "incremental", full_out = dir.path() / "full";

    Scenario() { stdfs::copy(testing::source_dir() / "content", content, stdfs::copy_options::recursive); }

    testing::Built build(unsigned jobs = 2) { return run(incremental_out, cache, jobs); }

    // A build with the cache, checked against a build of the same content without it.
    testing::Built build_and_compare(unsigned jobs = 2) {
        auto incremental = build(jobs);
        auto full = run(full_out, {}, jobs);
        CHECK(incremental.result.ok == full.result.ok);
        CHECK(incremental.diagnostics == full.diagnostics);
        auto a = testing::read_tree(incremental_out), b = testing::read_tree(full_out);
        CHECK(a.size() == b.size());
        std::size_t differ = 0;
        for (const auto& [path, bytes] : b) {
            auto it = a.find(path);
            if (it == a.end() || it->second != bytes) {
                if (++differ <= 5) MESSAGE("differs from a build without the cache: " << path);
            }
        }
        CHECK(differ == 0);
        return incremental;
    }

    // Templates and assets of the scenario's own, copies the test may edit (the source ones until
    // then), and a build with them, with its diagnostics as text.
    stdfs::path templates = testing::source_dir() / "templates", assets = testing::source_dir() / "assets";
    void own_copy(stdfs::path& folder, const char* name) {
        stdfs::copy(folder, dir.path() / name, stdfs::copy_options::recursive);
        folder = dir.path() / name;
    }
    // As testing::build_site (not strict), with the scenario's templates and assets.
    testing::Built run(const stdfs::path& out, const stdfs::path& with_cache, unsigned jobs) {
        fs::RealFileSystem disk;
        diag::Sink sink;
        site::Options o;
        o.content = content.string();
        o.templates = templates.string();
        o.assets = assets.string();
        o.out = out.string();
        o.cache = with_cache.string();
        o.version = "test";
        o.jobs = jobs;
        testing::Built b;
        b.result = site::build(disk, o, sink);
        b.diagnostics = diag::format_all_text(sink);
        b.list = sink.sorted();
        return b;
    }
    std::pair<site::Result, std::string> build_into(const stdfs::path& out, const stdfs::path& with_cache) {
        auto b = run(out, with_cache, 0);
        return {b.result, b.diagnostics};
    }

    void edit(const std::string& file, const std::string& from, const std::string& to) {
        auto path = content / file;
        auto text = testing::read_file(path);
        auto at = text.find(from);
        REQUIRE_MESSAGE(at != std::string::npos, file << " lacks " << from);
        text.replace(at, from.size(), to);
        testing::write_file(path, text);
    }
};

const site::Result::Reuse& reuse(const testing::Built& b) {
    REQUIRE(b.result.reuse.has_value());
    return *b.result.reuse;
}

}  // namespace

TEST_CASE("a build with the cache writes what one without it writes, and the next one reuses every document") {
    Scenario s;
    auto first = s.build_and_compare();
    CHECK_FALSE(reuse(first).cache_read);
    CHECK(reuse(first).documents == 5);
    CHECK(reuse(first).parsed == 5);
    CHECK(reuse(first).mentions_found == 5);
    CHECK(reuse(first).bodies_rendered == 5);

    CHECK(reuse(first).pages_made == reuse(first).pages);

    auto second = s.build_and_compare();
    CHECK(reuse(second).cache_read);
    CHECK(reuse(second).parsed == 0);
    CHECK(reuse(second).mentions_found == 0);
    CHECK(reuse(second).bodies_rendered == 0);
    CHECK(reuse(second).pages > 100);
    CHECK(reuse(second).pages_made == 0);
    CHECK(reuse(first).search_runs >= 1);
    CHECK(reuse(first).runs_indexed == reuse(first).search_runs);
    CHECK(reuse(second).search_runs == reuse(first).search_runs);
    CHECK(reuse(second).runs_indexed == 0);

    auto one_thread = s.build_and_compare(1);
    CHECK(reuse(one_thread).parsed == 0);
}

TEST_CASE("after one paragraph changes, only its document is parsed and rendered again") {
    Scenario s;
    s.build();
    auto cache_before = testing::read_tree(s.cache);
    s.edit("documents/massiah-2015.md", "brain drain", "brain drain (edited)");
    auto b = s.build_and_compare();
    CHECK(reuse(b).parsed == 1);
    CHECK(reuse(b).mentions_found == 1);
    CHECK(reuse(b).bodies_rendered == 1);
    // Made again: the document's page and the pages of what its changed sentence refers to (the
    // edges that leave it carry the sentence); not the index pages, as its metadata did not change.
    CHECK(reuse(b).pages_made >= 1);
    CHECK(reuse(b).pages_made < reuse(b).pages / 4);
    // The run of search records that holds the paragraph was indexed again, and no other.
    CHECK(reuse(b).search_runs >= 1);
    CHECK(reuse(b).runs_indexed == 1);
    // Few files of the cache were written again: those of the document's entries (its extract,
    // mentions and body, old and new), of the pages made, of the search run (old and new), of the
    // site's files, and the manifest.
    auto cache_after = testing::read_tree(s.cache);
    std::size_t rewritten = 0;
    for (const auto& [path, bytes] : cache_after)
        if (!cache_before.count(path) || cache_before[path] != bytes) ++rewritten;
    CHECK(rewritten >= 2);
    CHECK(rewritten <= 6 + reuse(b).pages_made + 2 * reuse(b).runs_indexed + 2);
    CHECK(rewritten < cache_after.size() / 2);
}

TEST_CASE("after an edit of any kind of source, a build with the cache writes what one without it writes") {
    // One after the other, each compared with a build without the cache: what the page cache may take
    // from the last build is decided from what each page is made from (render::Pages::inputs), so
    // every kind of source a page can show is edited here.
    Scenario s;
    s.build();
    struct Edit {
        const char *file, *from, *to;
    };
    const Edit edits[] = {
        // a document's title, which every page citing it shows
        {"documents/irri-2006.json", "A Belgian Perspective", "A Belgian View"},
        // a heading, which is an anchor label
        {"documents/massiah-2015.md", "# Migrations since the beginning of time {#beginning-of-time}",
         "# Migrations since the dawn of time {#beginning-of-time}"},
        // a new citation of another document's paragraph: an edge, and a margin of that document
        {"documents/irri-2006.md", "\n\n", "\n\nCompare [the DESA note](doc:desa-2004#p28) and [its notes](doc:desa-2004).\n\n"},
        // a document's summary (shown on the index pages) and an instrument's title (everywhere it is mentioned)
        {"documents/desa-2004.json", "A Secretariat note", "A note of the Secretariat"},
        {"instruments/icmw.json", "Members of Their Families\"", "Members of Their Families (edited)\""},
        // an organization's short name and an alias, which changes what running text mentions
        {"organizations/iom.json", "\"short_name\": \"IOM\"", "\"short_name\": \"I.O.M.\""},
        {"organizations/iom.json", "\"International Organization on Migration\",",
         "\"International Organization on Migration\", \"the Organization\","},
        // an editorial note's title and body, shown on the pages of what it targets
        {"annotations/brain-drain.json", "\"Brain drain, brain gain\"", "\"Brain drain or brain gain\""},
        {"annotations/brain-drain.json", "the source's wording", "sic"},
        // a recommendation set's introduction, with links
        {"recommendations/cso-eight-points.json", "as one slide of the IOM Council", "as one slide of the [IOM](org:iom) Council"},
        {"recommendations/cso-eight-points.json", "a place for health?\"", "a place for health\""},
        // a theme's title, which every page with that theme shows
        {"themes.json", "Human rights of migrants", "Rights of migrants"},
        // the site's title, on every page
        {"site.json", "\"title\": \"", "\"title\": \"The "},
        // a context alias naming a document and one naming a theme: their mentions show the titles
        {"documents/irri-2006.json", "\"context_aliases\": {",
         "\"context_aliases\": {\n    \"ineluctable phenomenon\": \"doc:desa-2004\",\n    \"Brussels hospitals\": \"theme:health\","},
        {"documents/desa-2004.json", "\"title\": \"", "\"title\": \"Revised: "},
        {"themes.json", "\"title\": \"Migrants' health\"", "\"title\": \"Migrants' health care\""},
    };
    for (const auto& e : edits) {
        std::string file = e.file, from = e.from;
        CAPTURE(file);
        CAPTURE(from);
        s.edit(e.file, e.from, e.to);
        CHECK(s.build_and_compare().result.ok);
    }
    // A removed editorial note.
    stdfs::remove(s.content / "annotations/brain-drain.json");
    CHECK(s.build_and_compare().result.ok);
}

TEST_CASE("the links of pages taken from the last build are checked again when a page they may link to changed its ids") {
    // A link written as raw HTML is no reference: the page that holds it does not change when its
    // target does, so only the link check can find it broken.
    Scenario s;
    s.edit("site.json", "\"mention_policy\": \"paragraph\"", "\"mention_policy\": \"paragraph\", \"raw_html\": true");
    // An element of irri-2006 with an id written as raw HTML (no anchor a reference can name), and
    // a link to it from massiah-2015.
    s.edit("documents/irri-2006.md", "vice versa[^18].", "vice versa[^18].<span id=\"raw-target\"></span>");
    s.edit("documents/massiah-2015.md", "\n\n", "\n\n<p><a href=\"irri-2006.html#raw-target\">A place in IRRI</a></p>\n\n");
    auto first = s.build_and_compare();
    REQUIRE(first.result.ok);
    // The element goes: the page of irri-2006 is made again with one id less, the page of
    // massiah-2015 is not.
    s.edit("documents/irri-2006.md", "<span id=\"raw-target\"></span>", "");
    auto b = s.build_and_compare();
    CHECK_FALSE(b.result.ok);
    CHECK(b.diagnostics.find("documents/massiah-2015.html") != std::string::npos);
    CHECK(b.diagnostics.find("link-broken") != std::string::npos);
    CHECK(reuse(b).pages_made < reuse(b).pages / 2);
}

TEST_CASE("a site that gained or lost a file no page links to has the links of the pages made checked; one that lost an id, every page's") {
    Scenario s;
    s.own_copy(s.assets, "assets");
    s.build();
    // A file more among the assets, and a sentence more in a document: the site gains a file, and
    // the page made again keeps its ids.
    testing::write_file(s.assets / "extra.txt", "An extra file.\n");
    auto path = s.content / "documents/massiah-2015.md";
    const auto original = testing::read_file(path);
    testing::write_file(path, original + "\nA sentence added at the end.\n");
    auto gained = s.build_and_compare();
    REQUIRE(gained.result.ok);
    CAPTURE(reuse(gained).pages_made);
    CAPTURE(reuse(gained).pages);
    CHECK(reuse(gained).pages_made >= 1);
    CHECK(reuse(gained).pages_link_checked >= reuse(gained).pages_made);
    CHECK(reuse(gained).pages_link_checked < reuse(gained).pages / 4);
    // The file goes again; no page links to it.
    stdfs::remove(s.assets / "extra.txt");
    auto gone = s.build_and_compare();
    REQUIRE(gone.result.ok);
    CHECK(reuse(gone).pages_made == 0);
    CHECK(reuse(gone).pages_link_checked == 0);
    // The page of a document loses a raw-HTML id: a page taken from the last build might link to it,
    // so every page has its links checked.
    s.edit("site.json", "\"mention_policy\": \"paragraph\"", "\"mention_policy\": \"paragraph\", \"raw_html\": true");
    s.edit("documents/irri-2006.md", "vice versa[^18].", "vice versa[^18].<span id=\"raw-target\"></span>");
    REQUIRE(s.build_and_compare().result.ok);
    s.edit("documents/irri-2006.md", "<span id=\"raw-target\"></span>", "");
    auto lost = s.build_and_compare();
    REQUIRE(lost.result.ok);
    CHECK(reuse(lost).pages_made < reuse(lost).pages / 4);
    CHECK(reuse(lost).pages_link_checked >= reuse(lost).pages);
}

TEST_CASE("HTML files among the assets have their links checked, and their ids count, with the cache too") {
    Scenario s;
    s.own_copy(s.assets, "assets");
    const auto& assets = s.assets;
    auto build = [&](const stdfs::path& out, const stdfs::path& cache) { return s.build_into(out, cache); };
    // A help page among the assets, and a page of the site linking into it (raw HTML).
    testing::write_file(assets / "help.html", "<!doctype html><title>Help</title><p id=\"intro\">Help</p>\n");
    s.edit("site.json", "\"mention_policy\": \"paragraph\"", "\"mention_policy\": \"paragraph\", \"raw_html\": true");
    s.edit("documents/massiah-2015.md", "\n\n", "\n\n<p><a href=\"../assets/help.html#intro\">Help</a></p>\n\n");
    REQUIRE(build(s.incremental_out, s.cache).first.ok);
    // The help page links nowhere: an error, although no page of the site was made again.
    testing::write_file(assets / "help.html", "<!doctype html><title>Help</title><p id=\"intro\"><a href=\"../nowhere.html\">x</a></p>\n");
    auto [broken, said] = build(s.incremental_out, s.cache);
    CHECK_FALSE(broken.ok);
    CHECK(said.find("assets/help.html") != std::string::npos);
    CHECK(said == build(s.full_out, {}).second);
    // The help page loses the id the page of massiah-2015 (taken from the last build) links to.
    testing::write_file(assets / "help.html", "<!doctype html><title>Help</title><p id=\"introduction\">Help</p>\n");
    REQUIRE(build(s.dir.path() / "fresh", {}).first.ok == false);  // sanity: a build without the cache fails
    auto [lost_id, said_lost] = build(s.incremental_out, s.cache);
    CHECK_FALSE(lost_id.ok);
    CHECK(said_lost.find("documents/massiah-2015.html") != std::string::npos);
    REQUIRE(lost_id.reuse.has_value());
    CHECK(lost_id.reuse->pages_made == 0);
}

TEST_CASE("the links of pages taken from the last build are checked again when the site lost a file") {
    Scenario s;
    s.own_copy(s.assets, "assets");
    s.own_copy(s.templates, "templates");
    const auto& assets = s.assets;
    // A stylesheet of the project's own, which every page links (a built-in one cannot be lost).
    testing::write_file(assets / "extra.css", "p { margin: 0; }\n");
    auto layout = testing::read_file(s.templates / "layout.mustache");
    const std::string css = "<link rel=\"stylesheet\" href=\"{{root}}{{assets.css}}\">\n";
    auto at = layout.find(css);
    REQUIRE(at != std::string::npos);
    testing::write_file(s.templates / "layout.mustache",
                        layout.insert(at + css.size(), "<link rel=\"stylesheet\" href=\"{{root}}assets/extra.css\">\n"));
    auto build = [&](const stdfs::path& out, const stdfs::path& cache) { return s.build_into(out, cache); };
    REQUIRE(build(s.incremental_out, s.cache).first.ok);
    stdfs::remove(assets / "extra.css");
    auto [incremental, said] = build(s.incremental_out, s.cache);
    auto [full, full_said] = build(s.full_out, {});
    CHECK_FALSE(full.ok);
    CHECK_FALSE(incremental.ok);
    CHECK(said == full_said);
    CHECK(said.find("extra.css") != std::string::npos);
    REQUIRE(incremental.reuse.has_value());
    CHECK(incremental.reuse->pages_made == 0);  // every page was taken from the last build, and checked
    CHECK(incremental.reuse->pages_link_checked >= incremental.reuse->pages);
}

TEST_CASE("an asset file that comes makes every page again when a template names asset_url, and none when none does") {
    Scenario s;
    s.own_copy(s.assets, "assets");
    REQUIRE(s.build_and_compare().result.ok);
    testing::write_file(s.assets / "extra.css", "p { margin: 0; }\n");
    CHECK(reuse(s.build_and_compare()).pages_made == 0);
    s.own_copy(s.templates, "templates");
    auto layout = testing::read_file(s.templates / "layout.mustache");
    const auto at = layout.find("</head>");
    REQUIRE(at != std::string::npos);
    testing::write_file(s.templates / "layout.mustache", layout.insert(at, "<meta name=\"x-fonts\" content=\"{{asset_url.fonts.serif.woff2}}\">\n"));
    auto with_url = s.build_and_compare();
    CHECK(with_url.diagnostics.find("tpl-unknown-var") != std::string::npos);
    stdfs::create_directories(s.assets / "fonts");
    testing::write_file(s.assets / "fonts/serif.woff2", "font");
    auto b = s.build_and_compare();
    CHECK(b.result.ok);
    CHECK(b.diagnostics.find("tpl-unknown-var") == std::string::npos);
    CHECK(reuse(b).pages_made == reuse(b).pages);
    CHECK(testing::read_file(s.incremental_out / "index.html").find("content=\"assets/fonts/serif.woff2\"") != std::string::npos);
}

TEST_CASE("a file the site lost has the links that may lead to it checked, written in any form") {
    Scenario s;
    s.own_copy(s.assets, "assets");
    testing::write_file(s.assets / "extra.txt", "An extra file.\n");
    s.edit("site.json", "\"mention_policy\": \"paragraph\"", "\"mention_policy\": \"paragraph\", \"raw_html\": true");
    // One page links to the file as written, one through a percent-encoded name.
    s.edit("documents/massiah-2015.md", "\n\n", "\n\n<p><a href=\"../assets/extra.txt\">extra</a></p>\n\n");
    s.edit("documents/irri-2006.md", "\n\n", "\n\n<p><a href=\"../assets/extr%61.txt?v=1#top\">extra</a></p>\n\n");
    auto first = s.build_and_compare();
    CAPTURE(first.diagnostics);
    REQUIRE(first.result.ok);
    stdfs::remove(s.assets / "extra.txt");
    auto b = s.build_and_compare();
    CHECK_FALSE(b.result.ok);
    CHECK(b.diagnostics.find("documents/massiah-2015.html") != std::string::npos);
    CHECK(b.diagnostics.find("documents/irri-2006.html") != std::string::npos);
    CHECK(reuse(b).pages_made == 0);
    CHECK(reuse(b).pages_link_checked == 2);  // those two, not every page
}

TEST_CASE("a note on a paragraph that changes makes the page of the document again, not its body") {
    Scenario s;
    s.build();
    s.edit("annotations/brain-drain.json", "\"Brain drain, brain gain\"", "\"Brain drain and brain gain\"");
    auto b = s.build_and_compare();
    CHECK(reuse(b).parsed == 0);
    CHECK(reuse(b).mentions_found == 0);
    CHECK(reuse(b).bodies_rendered == 0);  // the margin of a paragraph is the page's, not the body's
    CHECK(reuse(b).pages_made >= 2);       // the note's own page and desa-2004's, whose paragraph 28 carries it
    CHECK(reuse(b).pages_made < reuse(b).pages / 4);
}

TEST_CASE("a new alias makes every document look for mentions again") {
    Scenario s;
    s.build();
    s.edit("instruments/icmw.json", "\"aliases\": [", "\"aliases\": [\n    \"social perspective\",");
    auto b = s.build_and_compare();
    CHECK(reuse(b).mentions_found == 5);
    CHECK(reuse(b).parsed == 5);  // finding mentions needs each whole tree
}

TEST_CASE("the diagnostics of documents taken from the cache are given again") {
    Scenario s;
    // A footnote reference without a note (found by parsing) and a cross-reference to a note the
    // document lacks (found with the mentions).
    s.edit("documents/irri-2006.md", "\n\n", "\n\nA sentence that cites a missing note.[^no-such-note] See supra nt 999.\n\n");
    auto first = s.build_and_compare();
    CHECK(first.diagnostics.find("fn-undefined") != std::string::npos);
    CHECK(first.diagnostics.find("fn-xref-missing") != std::string::npos);
    auto second = s.build_and_compare();
    CHECK(reuse(second).parsed == 0);
    CHECK(reuse(second).mentions_found == 0);
    CHECK(second.diagnostics == first.diagnostics);
}

TEST_CASE("documents removed and added since the last build") {
    Scenario s;
    s.build();
    stdfs::copy_file(s.content / "documents/irri-2006.md", s.content / "documents/irri-copy.md");
    stdfs::copy_file(s.content / "documents/irri-2006.json", s.content / "documents/irri-copy.json");
    auto added = s.build_and_compare();
    CHECK(reuse(added).documents == 6);
    CHECK(reuse(added).parsed == 1);
    stdfs::remove(s.content / "documents/irri-copy.md");
    stdfs::remove(s.content / "documents/irri-copy.json");
    auto removed = s.build_and_compare();
    CHECK(reuse(removed).documents == 5);
    CHECK(reuse(removed).parsed == 0);
}

TEST_CASE("a damaged cache is set aside with a note") {
    Scenario s;
    s.build();
    // Half of the files cut short, the others with one byte changed in the middle (inside the HTML of
    // a body, say, which nothing but the checksum would notice).
    std::size_t damaged = 0;
    for (const auto& entry : stdfs::directory_iterator(s.cache)) {
        auto text = testing::read_file(entry.path());
        if (damaged++ % 2 == 0)
            text.resize(text.size() / 2);
        else
            text[text.size() / 2] ^= 0x20;
        testing::write_file(entry.path(), text);
    }
    REQUIRE(damaged > 0);
    auto b = s.build();
    CHECK(b.diagnostics.find("note[cache-stale]") != std::string::npos);
    CHECK(reuse(b).parsed == 5);
    auto full = testing::build_site(s.content, s.full_out, false, true, 2);
    CHECK(testing::read_tree(s.incremental_out) == testing::read_tree(s.full_out));
    // The build rewrote the cache: the next one reads it again.
    auto next = s.build();
    CHECK(reuse(next).parsed == 0);
    CHECK(next.diagnostics.find("cache-stale") == std::string::npos);
}

TEST_CASE("the cache may not lie inside the output folder") {
    Scenario s;
    auto b = testing::build_site(s.content, s.incremental_out, false, true, 2, s.incremental_out / "cache");
    CHECK_FALSE(b.result.ok);
    CHECK(b.diagnostics.find("out-unsafe") != std::string::npos);
}

TEST_CASE("a check reads the cache and writes nothing") {
    Scenario s;
    auto checked = testing::build_site(s.content, s.incremental_out, false, false, 2, s.cache);
    CHECK(checked.result.ok);
    CHECK_FALSE(stdfs::exists(s.cache));
    s.build();
    auto again = testing::build_site(s.content, s.incremental_out, false, false, 2, s.cache);
    CHECK(reuse(again).parsed == 0);
}

TEST_CASE("a page whose file in the output changed, or that is built into another folder, is templated again") {
    Scenario s;
    s.build();
    auto index = s.incremental_out / "index.html";
    testing::write_file(index, testing::read_file(index) + "<!-- edited by hand -->\n");
    auto b = s.build_and_compare();
    CHECK(reuse(b).pages_made == 1);
    CHECK(testing::read_file(index).find("edited by hand") == std::string::npos);

    auto elsewhere = testing::build_site(s.content, s.dir.path() / "elsewhere", false, true, 2, s.cache);
    CHECK(reuse(elsewhere).parsed == 0);
    CHECK(reuse(elsewhere).pages_made == reuse(elsewhere).pages);
    CHECK(testing::read_tree(s.dir.path() / "elsewhere") == testing::read_tree(s.incremental_out));
}

TEST_CASE("pages that settled are taken by their stamp, and one edited since is made again, its time set back or not") {
    Scenario s;
    s.build();
    // An hour old, every file of the output: the next build reads the pages it takes (it has no
    // stamp for them yet) and keeps their stamps; the one after takes them by their stamps alone.
    for (const auto& e : stdfs::recursive_directory_iterator(s.incremental_out))
        if (e.is_regular_file()) stdfs::last_write_time(e.path(), stdfs::last_write_time(e.path()) - std::chrono::hours(1));
    CHECK(reuse(s.build_and_compare()).pages_made == 0);
    CHECK(reuse(s.build_and_compare()).pages_made == 0);
    // Edited in place with the same size, and its time set back to what it was (as `cp -p` does):
    // the status time moved, so the bytes are read, and the page is made again.
    auto index = s.incremental_out / "index.html";
    auto text = testing::read_file(index);
    const auto at = text.find("<title>");
    REQUIRE(at != std::string::npos);
    text.replace(at, 7, "<TITLE>");
    const auto time = stdfs::last_write_time(index);
    testing::write_file(index, text);
    stdfs::last_write_time(index, time);
    CHECK(reuse(s.build_and_compare()).pages_made == 1);
    CHECK(testing::read_file(index).find("<TITLE>") == std::string::npos);
    // Edited in place as an editor does, its time moving: the same.
    testing::write_file(index, text);
    auto b = s.build_and_compare();
    CHECK(reuse(b).pages_made == 1);
    CHECK(testing::read_file(index).find("<TITLE>") == std::string::npos);
}

TEST_CASE("a changed template makes every page be templated again") {
    Scenario s;
    s.own_copy(s.templates, "templates");
    const auto& templates = s.templates;
    auto build = [&](const stdfs::path& out, const stdfs::path& cache) { return s.build_into(out, cache).first; };
    REQUIRE(build(s.incremental_out, s.cache).ok);
    auto layout = templates / "layout.mustache";
    auto text = testing::read_file(layout);
    auto footer = text.find("<footer class=\"site-footer\">");
    REQUIRE(footer != std::string::npos);
    testing::write_file(layout, text.insert(footer, "<!-- a changed layout -->\n"));
    auto b = build(s.incremental_out, s.cache);
    REQUIRE(b.ok);
    REQUIRE(b.reuse.has_value());
    CHECK(b.reuse->parsed == 0);
    CHECK(b.reuse->pages_made == b.reuse->pages);
    REQUIRE(build(s.full_out, {}).ok);
    CHECK(testing::read_tree(s.incremental_out) == testing::read_tree(s.full_out));
    CHECK(testing::read_file(s.full_out / "index.html").find("a changed layout") != std::string::npos);
}

TEST_CASE("a template put over a built-in one, then taken away, makes every page be templated again") {
    Scenario s;
    s.templates = s.dir.path() / "templates";  // none yet: the built-in theme alone
    auto build = [&](const stdfs::path& out, const stdfs::path& cache) { return s.build_into(out, cache).first; };
    REQUIRE(build(s.incremental_out, s.cache).ok);
    auto text = std::string(builtin::find(builtin::templates(), "layout.mustache")->bytes);
    auto footer = text.find("<footer class=\"site-footer\">");
    REQUIRE(footer != std::string::npos);
    testing::write_file(s.templates / "layout.mustache", text.insert(footer, "<!-- an own layout -->\n"));
    for (bool own : {true, false}) {
        CAPTURE(own);
        auto b = build(s.incremental_out, s.cache);
        REQUIRE(b.ok);
        REQUIRE(b.reuse.has_value());
        CHECK(b.reuse->parsed == 0);
        CHECK(b.reuse->pages_made == b.reuse->pages);
        REQUIRE(build(s.full_out, {}).ok);
        CHECK(testing::read_tree(s.incremental_out) == testing::read_tree(s.full_out));
        CHECK((testing::read_file(s.full_out / "index.html").find("an own layout") != std::string::npos) == own);
        stdfs::remove(s.templates / "layout.mustache");
    }
}
