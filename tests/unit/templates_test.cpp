#include <doctest/doctest.h>

#include "builtin/builtin.hpp"
#include "templates/templates.hpp"

using namespace passage;

namespace {
std::vector<diag::Diagnostic> load_errors(fs::MemoryFileSystem& fs) {
    diag::Sink sink;
    templates::Engine::load(fs, "t", sink);
    return sink.sorted();
}
}  // namespace

TEST_CASE("partials load by plain name from the templates folder only") {
    fs::MemoryFileSystem fs;
    fs.add_file("secret.mustache", "SECRET");
    fs.add_file("t/page.mustache", "a{{> ../secret}}b");
    auto errors = load_errors(fs);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "tpl-syntax");
    CHECK(errors[0].file == "t/page.mustache");
    CHECK(errors[0].line == 1);
    CHECK(errors[0].column == 2);
}

TEST_CASE("absolute partial names are refused") {
    fs::MemoryFileSystem fs;
    fs.add_file("t/page.mustache", "{{> /etc/passwd}}");
    auto errors = load_errors(fs);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].code == "tpl-syntax");
}

TEST_CASE("a template syntax error names its file line and column") {
    fs::MemoryFileSystem fs;
    fs.add_file("t/page.mustache", "line one\n  {{#open}} never closed\n");
    auto errors = load_errors(fs);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].file == "t/page.mustache");
    CHECK(errors[0].line == 2);
    CHECK(errors[0].column == 3);
}

TEST_CASE("variables are escaped and a missing one is a warning at its tag, once however many pages meet it") {
    fs::MemoryFileSystem fs;
    fs.add_file("t/page.mustache", "<p>{{title}}</p>{{missing}}");
    diag::Sink sink;
    auto engine = templates::Engine::load(fs, "t", sink);
    REQUIRE(engine);
    nlohmann::json model = {{"title", "</script><script>alert(1)</script>"}, {"page", {{"path", "x.html"}}}};
    CHECK(engine->render("page", model, sink) == "<p>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    model["page"]["path"] = "y.html";
    engine->render("page", model, sink);
    CHECK_FALSE(sink.has_errors());
    REQUIRE(sink.sorted().size() == 1);
    const auto w = sink.sorted()[0];
    CHECK(w.code == "tpl-missing-variable");
    CHECK(w.severity == diag::Severity::warning);
    CHECK(w.file == "t/page.mustache");
    CHECK(w.line == 1);
    CHECK(w.column == 17);
    CHECK(w.message == "variable \"missing\" has no value");
    diag::Sink strict(true);
    engine->render("page", model, strict);
    REQUIRE(strict.sorted().size() == 1);
    CHECK(strict.has_errors());
}

TEST_CASE("a partial that includes itself stops at the depth limit with an error") {
    fs::MemoryFileSystem fs;
    fs.add_file("t/page.mustache", "{{> loop}}");
    fs.add_file("t/loop.mustache", "x{{> loop}}");
    diag::Sink sink;
    auto engine = templates::Engine::load(fs, "t", sink);
    REQUIRE(engine);
    CHECK(engine->render("page", nlohmann::json::object(), sink).empty());
    REQUIRE(sink.has_errors());
    CHECK(sink.sorted()[0].code == "tpl-render");
}

TEST_CASE("a template of the folder replaces the default of its name; the other defaults stay") {
    fs::MemoryFileSystem fs;
    fs.add_file("t/page.mustache", "mine: {{>part}}");
    const builtin::File defaults[] = {{"page.mustache", "built-in page"}, {"part.mustache", "built-in part"}, {"notes.txt", "x"}};
    diag::Sink sink;
    auto engine = templates::Engine::load(fs, "t", sink, defaults);
    REQUIRE(engine);
    CHECK(sink.sorted().empty());
    CHECK(engine->render("page", nlohmann::json::object(), sink) == "mine: built-in part");
    CHECK(engine->render("part", nlohmann::json::object(), sink) == "built-in part");
    CHECK_FALSE(engine->has("notes"));
    // A folder that does not exist holds no template: the defaults alone.
    auto defaults_only = templates::Engine::load(fs, "no-such-folder", sink, defaults);
    REQUIRE(defaults_only);
    CHECK(defaults_only->render("page", nlohmann::json::object(), sink) == "built-in page");
    CHECK(defaults_only->fingerprint() != engine->fingerprint());
    CHECK(sink.sorted().empty());
}

TEST_CASE("an error in a default template names it as built-in; a templates path that is a file is tpl-missing") {
    fs::MemoryFileSystem fs;
    const builtin::File defaults[] = {{"page.mustache", "line one\n{{#open}}"}};
    auto errors = [&](const std::string& dir) {
        diag::Sink sink;
        templates::Engine::load(fs, dir, sink, defaults);
        return sink.sorted();
    };
    auto e = errors("");
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == "tpl-syntax");
    CHECK(e[0].file == "<built-in>/templates/page.mustache");
    CHECK(e[0].line == 2);
    fs.add_file("a-file", "x");
    e = errors("a-file");
    REQUIRE(e.size() == 1);
    CHECK(e[0].code == "tpl-missing");
}
