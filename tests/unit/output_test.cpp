#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "output/output.hpp"

using namespace passage;

namespace {
output::Files site(const std::string& v) { return {{"index.html", "home " + v}, {"documents/a.html", "a " + v}, {"assets/x.css", "css"}}; }
}  // namespace

TEST_CASE("publishing into an empty place writes every file and the marker") {
    fs::MemoryFileSystem fs;
    diag::Sink sink;
    REQUIRE(output::check_target(fs, "public", {"content"}, sink));
    REQUIRE(output::publish(fs, "public", site("1"), sink));
    CHECK(fs.read("public/index.html", nullptr) == "home 1");
    CHECK(fs.read("public/documents/a.html", nullptr) == "a 1");
    CHECK(fs.kind("public/.passage-output") == fs::Kind::file);
    CHECK(fs.kind("public.staging") == fs::Kind::none);
}

TEST_CASE("a failure half-way through writing leaves the previous output byte-identical") {
    fs::MemoryFileSystem fs;
    diag::Sink sink;
    REQUIRE(output::publish(fs, "public", site("old"), sink));
    auto before = fs.files();
    fs.fail_writes_after(fs.files().size() + 2);  // the marker and one page, then the disk "fills up"
    diag::Sink sink2;
    CHECK_FALSE(output::publish(fs, "public", site("new"), sink2));
    CHECK(sink2.has_errors());
    CHECK(sink2.sorted()[0].code == "out-write");
    CHECK(fs.files() == before);
}

TEST_CASE("a second build replaces the first whole") {
    fs::MemoryFileSystem fs;
    diag::Sink sink;
    REQUIRE(output::publish(fs, "public", {{"old.html", "x"}}, sink));
    REQUIRE(output::check_target(fs, "public", {}, sink));
    REQUIRE(output::publish(fs, "public", site("2"), sink));
    CHECK(fs.kind("public/old.html") == fs::Kind::none);
    CHECK(fs.read("public/index.html", nullptr) == "home 2");
}

TEST_CASE("an output folder that is or holds the content folder is refused") {
    fs::MemoryFileSystem fs;
    fs.add_file("content/site.json", "{}");
    diag::Sink sink;
    CHECK_FALSE(output::check_target(fs, "content", {"content", "templates"}, sink));
    CHECK_FALSE(output::check_target(fs, ".", {"content"}, sink));
    CHECK_FALSE(output::check_target(fs, "content/out", {"content"}, sink));
    auto all = sink.sorted();
    REQUIRE(all.size() == 3);
    for (const auto& d : all) CHECK(d.code == "out-unsafe");
}

TEST_CASE("a non-empty folder that passage did not make is refused") {
    fs::MemoryFileSystem fs;
    fs.add_file("docs/notes.txt", "mine");
    diag::Sink sink;
    CHECK_FALSE(output::check_target(fs, "docs", {}, sink));
    CHECK(fs.read("docs/notes.txt", nullptr) == "mine");
}

TEST_CASE("on a real disk the new tree is swapped in and nothing is left beside it") {
    namespace stdfs = std::filesystem;
    auto dir = stdfs::temp_directory_path() / ("passage-out-" + std::to_string(::getpid()));
    stdfs::remove_all(dir);
    stdfs::create_directories(dir);
    fs::RealFileSystem disk;
    std::string out = (dir / "public").string();
    diag::Sink sink;
    REQUIRE(output::publish(disk, out, site("1"), sink));
    REQUIRE(output::check_target(disk, out, {}, sink));
    REQUIRE(output::publish(disk, out, site("2"), sink));
    std::ifstream in(dir / "public" / "index.html");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    CHECK(text == "home 2");
    CHECK_FALSE(stdfs::exists(dir / "public.staging"));
    int entries = 0;
    for (auto& e : stdfs::directory_iterator(dir)) (void)e, ++entries;
    CHECK(entries == 1);
    stdfs::remove_all(dir);
}
