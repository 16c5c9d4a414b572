#include <doctest/doctest.h>

#include <sstream>

#include "../support.hpp"
#include "cli/cli.hpp"

#include <nlohmann/json.hpp>

using namespace passage;

namespace {

struct Run {
    int code;
    std::string out, err;
};

Run run(std::vector<std::string> args) {
    args.insert(args.begin(), "passage");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    std::ostringstream out, err;
    int code = cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
    return {code, out.str(), err.str()};
}

std::vector<std::string> folders(const std::filesystem::path& content, const std::filesystem::path& out) {
    auto src = testing::source_dir();
    return {"--content", content.string(), "--templates", (src / "templates").string(), "--assets", (src / "assets").string(),
            "--out", out.string()};
}

}  // namespace

TEST_CASE("help and version exit 0 and say what the program does") {
    auto h = run({"--help"});
    CHECK(h.code == 0);
    CHECK(h.out.find("passage build [options]") != std::string::npos);
    CHECK(h.out.find("--strict") != std::string::npos);
    auto v = run({"--version"});
    CHECK(v.code == 0);
    CHECK(v.out.rfind("passage ", 0) == 0);
}

TEST_CASE("usage errors exit 2 with a hint") {
    for (auto args : std::vector<std::vector<std::string>>{{}, {"bild"}, {"build", "--frobnicate"}, {"build", "--format", "xml"}, {"build", "--out"}, {"build", "--cache"}, {"build", "--jobs", "0"}, {"build", "--jobs", "x"}}) {
        auto r = run(args);
        CHECK(r.code == 2);
        CHECK(r.err.find("Try 'passage --help'.") != std::string::npos);
    }
}

TEST_CASE("a build with a broken reference exits 1 and writes nothing") {
    testing::TempDir tmp;
    auto args = folders(testing::source_dir() / "tests/sites/broken-reference/content", tmp.path() / "public");
    args.insert(args.begin(), "build");
    auto r = run(args);
    CHECK(r.code == 1);
    CHECK(r.err.find("error[ref-unknown]: unknown instrument \"icmv\"") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(tmp.path() / "public"));
}

TEST_CASE("diagnostics as JSON go to standard output") {
    testing::TempDir tmp;
    auto args = folders(testing::source_dir() / "tests/sites/broken-reference/content", tmp.path() / "public");
    args.insert(args.begin(), {"check", "--format", "json"});
    auto r = run(args);
    CHECK(r.code == 1);
    auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.is_array());
    CHECK(j.size() == 2);
    CHECK(j[0]["code"] == "ref-unknown");
}

TEST_CASE("check writes nothing and build writes the site and tells where it is") {
    testing::TempDir tmp;
    auto args = folders(testing::source_dir() / "tests/sites/minimal/content", tmp.path() / "public");
    args.insert(args.begin(), "check");
    auto c = run(args);
    CHECK(c.code == 0);
    CHECK_FALSE(std::filesystem::exists(tmp.path() / "public"));
    args[0] = "build";
    args.push_back("--timings");
    auto b = run(args);
    CHECK(b.code == 0);
    CHECK(b.out.find("open " + (tmp.path() / "public" / "index.html").string()) != std::string::npos);
    CHECK(b.out.find("markdown") != std::string::npos);
    CHECK(std::filesystem::exists(tmp.path() / "public" / "index.html"));
}

TEST_CASE("strict mode turns warnings into a failed build") {
    testing::TempDir tmp;
    auto content = tmp.path() / "content";
    testing::write_file(content / "site.json", R"({"title": "T", "colour": "red"})");
    auto args = folders(content, tmp.path() / "public");
    args.insert(args.begin(), "check");
    CHECK(run(args).code == 0);
    args.push_back("--strict");
    auto r = run(args);
    CHECK(r.code == 1);
    CHECK(r.err.find("error[meta-unknown-field]") != std::string::npos);
}

TEST_CASE("the output may not be the content folder") {
    auto content = testing::source_dir() / "tests/sites/minimal/content";
    auto args = folders(content, content);
    args.insert(args.begin(), "build");
    auto r = run(args);
    CHECK(r.code == 1);
    CHECK(r.err.find("error[out-unsafe]") != std::string::npos);
}

TEST_CASE("--cache keeps a cache that the next build reads, and --timings says how much it reused") {
    testing::TempDir tmp;
    auto args = folders(testing::source_dir() / "tests/sites/minimal/content", tmp.path() / "public");
    args.insert(args.begin(), "build");
    args.insert(args.end(), {"--cache", (tmp.path() / "cache").string(), "--timings"});
    auto first = run(args);
    CHECK(first.code == 0);
    CHECK(first.out.find("cache: none to read") != std::string::npos);
    CHECK(std::filesystem::is_directory(tmp.path() / "cache"));
    auto second = run(args);
    CHECK(second.code == 0);
    CHECK(second.out.find("cache: read; of 1 documents, 0 parsed, 0 searched for mentions, 0 bodies rendered") != std::string::npos);
    CHECK(run({"--help"}).out.find("--cache DIR") != std::string::npos);
}
