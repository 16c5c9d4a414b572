// output/page_memo: pages taken from the last build when their inputs did not change, and the link
// check narrowed to the pages whose links may have broken.
#include <doctest/doctest.h>

#include "cache/store.hpp"
#include "output/page_memo.hpp"

using namespace passage;
using output::LinkPlan;

namespace {

output::LinkIndex links_of(std::initializer_list<std::pair<std::string, std::string>> pages) {
    output::LinkIndex out;
    for (const auto& [path, html] : pages) out[path] = output::scan_links(html);
    return out;
}

}  // namespace

TEST_CASE("the link check looks at every page when it cannot tell which links may have broken") {
    const LinkPlan::Site now{{"a.html", "b.html"}, 1};
    const auto links = links_of({{"a.html", "<a href=\"b.html\">b</a>"}, {"b.html", "<p id=\"x\">"}});
    CHECK_FALSE(LinkPlan::pages_to_check(std::nullopt, now, false, {"a.html"}, links, 1));  // no last build
    CHECK_FALSE(LinkPlan::pages_to_check(now, now, true, {"a.html"}, links, 1));            // a page lost an id
    LinkPlan::Site other_ids = now;
    other_ids.other_ids = 2;  // an HTML asset changed its ids
    CHECK_FALSE(LinkPlan::pages_to_check(other_ids, now, false, {"a.html"}, links, 1));
}

TEST_CASE("the link check looks at the pages made now, and at those that may link to a file the site lost") {
    const auto links = links_of({{"a.html", "<a href=\"b.html\">b</a>"},
                                 {"b.html", "<a href=\"gone.html#x\">gone</a>"},
                                 {"c.html", "<a href=\"sub/gone.html\">other gone</a>"}});
    const LinkPlan::Site before{{"a.html", "b.html", "c.html", "gone.html"}, 0};
    const LinkPlan::Site same{{"a.html", "b.html", "c.html", "gone.html"}, 0};
    CHECK(*LinkPlan::pages_to_check(before, same, false, {"a.html"}, links, 1) == std::vector<std::string>{"a.html"});
    const LinkPlan::Site lost{{"a.html", "b.html", "c.html"}, 0};
    // b.html links to the file gone; c.html to a file of the same name elsewhere (a superset is fine).
    CHECK(*LinkPlan::pages_to_check(before, lost, false, {"a.html"}, links, 2) == std::vector<std::string>{"a.html", "b.html", "c.html"});
}

TEST_CASE("a page whose inputs did not change is taken from the last build's output, with what making it said") {
    fs::MemoryFileSystem disk;
    cache::MemoryStore store;
    const auto shared = util::Hasher("templates").value128();
    auto build = [&](const util::Hash128& inputs, const std::string& html, bool& made, std::string& said) {
        output::Staging staging(disk, "out");
        REQUIRE(staging.open({}));
        output::SiteFiles files(staging);
        output::PageMemo memo(store, shared);
        diag::Sink sink;
        made = memo.add(
            files, "p.html", inputs,
            [&](diag::Sink& own) {
                own.warning("tpl-x", "p.mustache", {1, 2}, "said while making it");
                return html;
            },
            sink);
        said = diag::format_all_text(sink);
        diag::Sink published;
        REQUIRE(staging.commit(published));
        memo.save({});
        store.end_build();
    };
    bool made = false;
    std::string said;
    const auto one = util::Hasher("inputs").add("1").value128();
    build(one, "<p>first</p>", made, said);
    CHECK(made);
    CHECK(said.find("said while making it") != std::string::npos);
    // The same inputs: taken, not made (the HTML given now is never asked for), and said again.
    build(one, "<p>never made</p>", made, said);
    CHECK_FALSE(made);
    CHECK(said.find("said while making it") != std::string::npos);
    CHECK(disk.files().at("out/p.html") == "<p>first</p>");
    // Other inputs: made.
    build(util::Hasher("inputs").add("2").value128(), "<p>second</p>", made, said);
    CHECK(made);
    CHECK(disk.files().at("out/p.html") == "<p>second</p>");
    // The file in the output changed by hand: made again, whatever the inputs.
    disk.add_file("out/p.html", "<p>edited</p>");
    build(util::Hasher("inputs").add("2").value128(), "<p>second</p>", made, said);
    CHECK(made);
}

TEST_CASE("without a store every page is made, and every page's links are checked") {
    fs::MemoryFileSystem disk;
    cache::NullStore none;
    output::Staging staging(disk, "out");
    REQUIRE(staging.open({}));
    output::SiteFiles files(staging);
    output::PageMemo memo(none, {});
    diag::Sink sink;
    CHECK(memo.add(
        files, "p.html", {}, [](diag::Sink&) { return std::string("<p>x</p>"); }, sink));
    CHECK(memo.add(
        files, "p.html", {}, [](diag::Sink&) { return std::string("<p>x</p>"); }, sink));
    CHECK_FALSE(memo.pages_to_check(files, 1));
}
