// Whole-site fixtures: every folder under tests/sites/ holds a content/ folder, the diagnostics a
// build of it must print (expected-diagnostics.txt; absent means none) and, optionally, expected/
// with output files that must come out byte for byte. PASSAGE_BLESS=1 rewrites the expectations;
// review the diff.
#include <doctest/doctest.h>

#include <cstdlib>
#include <regex>

#include "../support.hpp"

using namespace passage;
namespace stdfs = std::filesystem;

namespace {

// Diagnostics name files by the path given to the build; make them relative to the case folder.
std::string relative_paths(std::string text, const stdfs::path& case_dir) {
    std::string prefix = case_dir.string() + "/";
    for (auto p = text.find(prefix); p != std::string::npos; p = text.find(prefix)) text.erase(p, prefix.size());
    std::string tpl = (testing::source_dir() / "templates").string() + "/";
    for (auto p = text.find(tpl); p != std::string::npos; p = text.find(tpl)) text.replace(p, tpl.size(), "templates/");
    return text;
}

}  // namespace

TEST_CASE("whole-site fixtures build as expected") {
    bool bless = std::getenv("PASSAGE_BLESS") != nullptr;
    int cases = 0;
    std::vector<stdfs::path> dirs;
    for (const auto& e : stdfs::directory_iterator(testing::source_dir() / "tests" / "sites"))
        if (e.is_directory() && stdfs::exists(e.path() / "content")) dirs.push_back(e.path());
    std::sort(dirs.begin(), dirs.end());
    for (const auto& dir : dirs) {
        ++cases;
        CAPTURE(dir.filename().string());
        testing::TempDir tmp;
        auto out = tmp.path() / "public";
        auto built = testing::build_site(dir / "content", out);
        std::string diags = relative_paths(built.diagnostics, dir);
        auto expected_diags = dir / "expected-diagnostics.txt";
        if (bless) {
            if (diags.empty()) stdfs::remove(expected_diags);
            else testing::write_file(expected_diags, diags);
        } else {
            CHECK(diags == (stdfs::exists(expected_diags) ? testing::read_file(expected_diags) : std::string()));
        }
        CHECK(built.result.ok == (diags.find("error[") == std::string::npos));
        auto expected = dir / "expected";
        if (stdfs::exists(expected)) {
            auto want = testing::read_tree(expected);
            auto got = testing::read_tree(out);
            for (const auto& [path, data] : want) {
                CAPTURE(path);
                if (bless) testing::write_file(expected / path, got[path]);
                else CHECK(got[path] == data);
            }
        }
        if (!built.result.ok) CHECK_FALSE(stdfs::exists(out));
    }
    CHECK(cases >= 3);
}
