// The built-in theme: a site needs no templates or assets folder of its own, and one file of such a
// folder replaces the built-in file of the same name while the others stay.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "../support.hpp"
#include "builtin/builtin.hpp"
#include "fs/fs.hpp"
#include "site/site.hpp"

namespace stdfs = std::filesystem;
using namespace passage;

namespace {

// Builds `content` with the templates and assets folders given (which may not exist) into `out`.
testing::Built build_with(const stdfs::path& content, const stdfs::path& templates, const stdfs::path& assets, const stdfs::path& out) {
    fs::RealFileSystem disk;
    diag::Sink sink(true);
    site::Options o;
    o.content = content.string();
    o.templates = templates.string();
    o.assets = assets.string();
    o.out = out.string();
    o.version = "test";
    testing::Built b;
    b.result = site::build(disk, o, sink);
    b.diagnostics = diag::format_all_text(sink);
    b.list = sink.sorted();
    return b;
}

// The paths at which two trees differ, at most five, joined.
std::string differences(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b) {
    std::vector<std::string> paths;
    for (const auto& [path, bytes] : a)
        if (!b.count(path) || b.at(path) != bytes) paths.push_back(path);
    for (const auto& [path, bytes] : b)
        if (!a.count(path)) paths.push_back(path);
    if (paths.size() > 5) paths.resize(5);
    return testing::join(paths);
}

}  // namespace

TEST_CASE("the built-in theme is the repository's templates and assets, byte for byte") {
    std::map<std::string, std::string> templates, assets;
    for (const auto& f : builtin::templates()) templates[std::string(f.path)] = std::string(f.bytes);
    for (const auto& f : builtin::assets()) assets[std::string(f.path)] = std::string(f.bytes);
    auto on_disk = testing::read_tree(testing::source_dir() / "templates");
    CHECK(templates == on_disk);
    CHECK(assets == testing::read_tree(testing::source_dir() / "assets"));
    CHECK(builtin::find(builtin::templates(), "layout.mustache") != nullptr);
    CHECK(builtin::find(builtin::templates(), "no-such.mustache") == nullptr);
}

TEST_CASE("a site of a content folder alone is the site built with the repository's templates and assets") {
    for (const char* fixture : {"minimal", "with-base-url"}) {
        CAPTURE(fixture);
        testing::TempDir tmp;
        auto content = testing::source_dir() / "tests/sites" / fixture / "content";
        auto alone = build_with(content, tmp.path() / "templates", tmp.path() / "assets", tmp.path() / "alone");
        CHECK(alone.diagnostics == "");
        REQUIRE(alone.result.ok);
        auto with_folders = testing::build_site(content, tmp.path() / "with-folders");
        REQUIRE(with_folders.result.ok);
        auto a = testing::read_tree(tmp.path() / "alone"), b = testing::read_tree(tmp.path() / "with-folders");
        CHECK(a.size() == b.size());
        CHECK(differences(a, b) == "");
    }
}

TEST_CASE("a template or an asset of the project's folders replaces the built-in one of its name; the others stay built-in") {
    testing::TempDir tmp;
    auto content = testing::source_dir() / "tests/sites/minimal/content";
    auto templates = tmp.path() / "templates", assets = tmp.path() / "assets";
    auto not_found = testing::read_file(testing::source_dir() / "templates/404.mustache");
    auto heading = not_found.find("<h1>Page not found</h1>");
    REQUIRE(heading != std::string::npos);
    testing::write_file(templates / "404.mustache", not_found.replace(heading, 23, "<h1>Lost in the archive</h1>"));
    testing::write_file(assets / "passage.css", "body { color: black; }\n");
    testing::write_file(assets / "extra.css", "p { margin: 0; }\n");

    auto themed = build_with(content, templates, assets, tmp.path() / "themed");
    CHECK(themed.diagnostics == "");
    REQUIRE(themed.result.ok);
    auto plain = build_with(content, tmp.path() / "none", tmp.path() / "none", tmp.path() / "plain");
    REQUIRE(plain.result.ok);
    auto a = testing::read_tree(tmp.path() / "themed"), b = testing::read_tree(tmp.path() / "plain");

    CHECK(a["404.html"].find("Lost in the archive") != std::string::npos);
    CHECK(b["404.html"].find("Page not found") != std::string::npos);
    CHECK(a["assets/passage.css"] == "body { color: black; }\n");
    CHECK(a["assets/extra.css"] == "p { margin: 0; }\n");
    CHECK(b.count("assets/extra.css") == 0);
    // Everything else is the built-in theme's.
    a.erase("404.html");
    b.erase("404.html");
    a.erase("assets/passage.css");
    b.erase("assets/passage.css");
    a.erase("assets/extra.css");
    CHECK(differences(a, b) == "");
    CHECK(a["assets/passage.js"] == std::string(builtin::find(builtin::assets(), "passage.js")->bytes));
}

TEST_CASE("a template of the project's folder is named in diagnostics by its path") {
    testing::TempDir tmp;
    auto content = testing::source_dir() / "tests/sites/minimal/content";
    auto templates = tmp.path() / "templates";
    testing::write_file(templates / "404.mustache", "{{<layout}}{{$main}}\n{{#never-closed}}{{/main}}{{/layout}}");
    auto b = build_with(content, templates, tmp.path() / "none", tmp.path() / "out");
    CHECK_FALSE(b.result.ok);
    REQUIRE(b.list.size() == 1);
    CHECK(b.list[0].code == "tpl-syntax");
    CHECK(b.list[0].file == (templates / "404.mustache").string());
    CHECK(b.list[0].line == 2);
}

TEST_CASE("a templates or assets folder the user named that does not exist is one error, and nothing is written") {
    testing::TempDir tmp;
    auto content = testing::source_dir() / "tests/sites/minimal/content";
    for (bool templates : {true, false}) {
        CAPTURE(templates);
        fs::RealFileSystem disk;
        diag::Sink sink;
        site::Options o;
        o.content = content.string();
        o.templates = (tmp.path() / "no-templates").string();
        o.assets = (tmp.path() / "no-assets").string();
        (templates ? o.templates_named : o.assets_named) = true;
        o.out = (tmp.path() / "public").string();
        auto result = site::build(disk, o, sink);
        CHECK_FALSE(result.ok);
        const auto list = sink.sorted();
        REQUIRE(list.size() == 1);
        const auto& d = list[0];
        CHECK(d.code == (templates ? "tpl-missing" : "asset-missing"));
        CHECK(d.file == (templates ? o.templates : o.assets));
        CHECK(d.message.find(templates ? "--templates does not exist" : "--assets does not exist") != std::string::npos);
        CHECK_FALSE(stdfs::exists(tmp.path() / "public"));
    }
}
