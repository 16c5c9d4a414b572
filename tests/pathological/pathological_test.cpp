// Pathological Markdown: shapes on which cmark-gfm 0.29.0.gfm.6 is known, or was measured here, to
// take super-linear time. Each is 1 MiB; the markdown stage must refuse it with a clear error or
// render it, and CTest's TIMEOUT (2 s) fails the test if it does neither in time.
#include <doctest/doctest.h>

#include <functional>
#include <string>

#include "diag/diag.hpp"
#include "markdown/guard.hpp"
#include "markdown/markdown.hpp"

using namespace passage;

namespace {

constexpr std::size_t kSize = 1u << 20;

std::string repeat(std::string_view unit, std::size_t total = kSize) {
    std::string out;
    out.reserve(total + unit.size());
    while (out.size() + unit.size() <= total) out += unit;
    return out;
}

// Guard, then parse and render what the guard lets through. Returns true when it was refused.
bool refused_or_rendered(const std::string& text) {
    util::SourceText src("shape.md", text);
    diag::Sink sink;
    if (!markdown::guard(src, {}, sink)) {
        auto all = sink.sorted();
        REQUIRE(all.size() == 1);
        CHECK(all[0].line >= 1);
        CHECK(all[0].column >= 1);
        CHECK_FALSE(all[0].message.empty());
        return true;
    }
    auto tree = markdown::parse(src, {}, sink);
    auto html = markdown::render(tree, [](const markdown::Link&) { return std::nullopt; });
    CHECK_FALSE(html.body.empty());
    return false;
}

std::string lines(const std::function<std::string(std::size_t)>& line, std::size_t total = kSize) {
    std::string out;
    for (std::size_t i = 0; out.size() < total; ++i) out += line(i);
    return out;
}

}  // namespace

TEST_CASE("nested strong and emphasis") { refused_or_rendered(repeat("*a **a ")); }
TEST_CASE("deeply nested emphasis openers then closers") { refused_or_rendered(std::string(kSize / 2, '*') + "a" + std::string(kSize / 2 - 1, '*')); }
TEST_CASE("unmatched emphasis openers") { refused_or_rendered(repeat("*a _a ")); }
TEST_CASE("unmatched emphasis closers") { refused_or_rendered(repeat("a* a_ ")); }
TEST_CASE("runs of open brackets") { refused_or_rendered(repeat("[a ")); }
TEST_CASE("runs of close brackets") { refused_or_rendered(repeat("a] ")); }
TEST_CASE("runs of image openers with empty links") { CHECK(refused_or_rendered(repeat("![[]()"))); }
TEST_CASE("nested brackets") { refused_or_rendered(std::string(kSize / 2, '[') + "a" + std::string(kSize / 2 - 1, ']')); }
TEST_CASE("nested block quotes") { CHECK(refused_or_rendered(std::string(kSize, '>'))); }
TEST_CASE("deeply nested lists") {
    CHECK(refused_or_rendered(lines([](std::size_t i) { return std::string(2 * (i % 2000), ' ') + "- a\n"; })));
}
TEST_CASE("blank lines in deep lists") {
    CHECK(refused_or_rendered(lines([](std::size_t i) { return std::string(2 * (i % 3000), ' ') + "- a\n\n\n"; })));
}
TEST_CASE("long backtick runs") { refused_or_rendered(lines([](std::size_t i) { return std::string(i % 2000 + 1, '`') + "a"; })); }
TEST_CASE("unclosed link destinations") { refused_or_rendered(repeat("[a](<b ")); }
TEST_CASE("unclosed link destinations without angle brackets") { refused_or_rendered(repeat("[a](b ")); }
TEST_CASE("unclosed html comments") { refused_or_rendered(repeat("<!-- a ")); }
TEST_CASE("emphasis in deep block quotes") { refused_or_rendered(lines([](std::size_t) { return std::string(60, '>') + " *a _b\n"; })); }
TEST_CASE("emphasis in block quotes at the depth limit") { refused_or_rendered(lines([](std::size_t) { return std::string(30, '>') + " *a _b **c\n"; })); }
TEST_CASE("thousands of link reference definitions") {
    std::string defs = lines([](std::size_t i) { return "[r" + std::to_string(i) + "]: /u" + std::to_string(i) + "\n"; }, kSize / 2);
    refused_or_rendered(defs + "\n" + lines([](std::size_t i) { return "[r" + std::to_string(i) + "] "; }, kSize / 2));
}
TEST_CASE("one huge line") { refused_or_rendered(std::string(kSize, 'a')); }
TEST_CASE("nul bytes") { CHECK(refused_or_rendered(repeat(std::string("a\0b ", 4)))); }
TEST_CASE("a table with thousands of columns") { CHECK(refused_or_rendered("|" + repeat("a|", 40000) + "\n|" + repeat("-|", 40000) + "\n" + repeat("|a|\n", kSize - 160000))); }
TEST_CASE("table rows shorter than the header") {
    CHECK(refused_or_rendered("|" + repeat("a|", 200) + "\n|" + repeat("-|", 200) + "\n" + repeat("a\n", kSize - 800)));
}
TEST_CASE("a wide table whose rows are complete") {
    // Within the limits: must render, and fast.
    std::string row = "|" + repeat("a|", 200) + "\n";
    CHECK_FALSE(refused_or_rendered(row + "|" + repeat("-|", 200) + "\n" + repeat(row, kSize / 2)));
}
TEST_CASE("www runs") { refused_or_rendered(repeat("www.")); }
TEST_CASE("www runs with spaces") { refused_or_rendered(repeat("www.a ")); }
TEST_CASE("at-sign runs") { refused_or_rendered(repeat("a@")); }
TEST_CASE("at-sign runs with spaces") { refused_or_rendered(repeat("a@b ")); }
TEST_CASE("tilde runs") { refused_or_rendered(repeat("~~")); }
TEST_CASE("tilde runs with words") { refused_or_rendered(repeat("~~a ")); }
