// Conformance: runs the official Mustache spec files (https://github.com/mustache/spec) against the
// engine. The folder comes from PASSAGE_MUSTACHE_SPEC; it must hold interpolation.json,
// sections.json, inverted.json, partials.json, comments.json and delimiters.json, and may hold
// ~inheritance.json. Lambdas (~lambdas.json) and dynamic names are out of scope and not run.
//
// When the variable is unset the test says so and makes no assertion: the build registers a
// separate CTest test, with the variable set, only when a spec folder is configured.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "templates/mustache.hpp"

namespace {

namespace mt = passage::templates;
using nlohmann::json;

struct FileResult {
    int passed = 0;
    int total = 0;
};

// Runs every test of one spec file; each failure is reported with the test's name and description.
FileResult run_spec_file(const std::filesystem::path& path) {
    FileResult result;
    std::ifstream in(path);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path.string());
    const json spec = json::parse(in, nullptr, /*allow_exceptions=*/false);
    REQUIRE_MESSAGE(spec.is_object(), path.string() << " is not a JSON object");
    REQUIRE_MESSAGE(spec.contains("tests"), path.string() << " has no tests");
    for (const json& test : spec.at("tests")) {
        ++result.total;
        const std::string name = test.at("name").get<std::string>();
        const json partials = test.value("partials", json::object());
        mt::Library library([&partials](std::string_view partial) -> std::optional<std::string> {
            const auto it = partials.find(std::string(partial));
            if (it == partials.end()) return std::nullopt;
            return it->get<std::string>();
        });
        const mt::CompileResult compiled = mt::compile("template", test.at("template").get<std::string>());
        std::string actual;
        std::string problem;
        if (compiled.error) {
            problem = mt::to_string(*compiled.error);
        } else {
            mt::RenderOptions options;
            options.missing_partial_is_error = false;  // the spec renders a missing partial as ""
            const mt::RenderResult rendered = library.render(*compiled.tmpl, test.at("data"), options);
            if (rendered.error) problem = mt::to_string(*rendered.error);
            actual = rendered.output;
        }
        const std::string expected = test.at("expected").get<std::string>();
        const bool ok = problem.empty() && actual == expected;
        if (ok) ++result.passed;
        CHECK_MESSAGE(ok, path.filename().string()
                              << " / " << name << ": " << test.value("desc", "") << "\n  template: " << json(test.at("template")).dump()
                              << "\n  expected: " << json(expected).dump() << "\n  actual:   " << json(actual).dump()
                              << (problem.empty() ? "" : "\n  error:    " + problem));
    }
    return result;
}

}  // namespace

TEST_CASE("mustache spec conformance") {
    const char* folder = std::getenv("PASSAGE_MUSTACHE_SPEC");
    if (folder == nullptr || *folder == '\0') folder = PASSAGE_MUSTACHE_SPEC_DIR;
    if (folder == nullptr || *folder == '\0') {
        FAIL("mustache spec: PASSAGE_MUSTACHE_SPEC not given (tests/spec/conformance_main.cpp skips the suite then)");
        return;
    }
    const std::filesystem::path dir(folder);
    const char* required[] = {"interpolation.json", "sections.json", "inverted.json", "partials.json", "comments.json", "delimiters.json"};
    for (const char* file : required) {
        const std::filesystem::path path = dir / file;
        REQUIRE_MESSAGE(std::filesystem::exists(path), "mustache spec: missing " << path.string());
        const FileResult r = run_spec_file(path);
        MESSAGE("mustache spec: " << std::string(file) << " " << r.passed << "/" << r.total);
    }
    const std::filesystem::path inheritance = dir / "~inheritance.json";
    if (std::filesystem::exists(inheritance)) {
        const FileResult r = run_spec_file(inheritance);
        MESSAGE("mustache spec: ~inheritance.json " << r.passed << "/" << r.total);
    } else {
        MESSAGE("mustache spec: ~inheritance.json not present, inheritance covered by unit tests only");
    }
}
