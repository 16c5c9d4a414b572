#include <doctest/doctest.h>

#include "diag/diag.hpp"
#include "json/json_reader.hpp"

#include <nlohmann/json.hpp>

using namespace passage;

TEST_CASE("a diagnostic prints as path:line:col with the source line and a caret under the column") {
    auto src = std::make_shared<util::SourceText>("content/a.md", "first\nsee [x](instrument:icmv) here\n");
    diag::Diagnostic d{diag::Severity::error, "ref-unknown", "content/a.md", 2, 10, "unknown instrument \"icmv\"", "did you mean \"icmw\"?"};
    CHECK(diag::format_text(d, src.get()) ==
          "content/a.md:2:10: error[ref-unknown]: unknown instrument \"icmv\"\n"
          " 2 | see [x](instrument:icmv) here\n"
          "   |          ^\n"
          " = help: did you mean \"icmw\"?\n");
}

TEST_CASE("columns count characters and a BOM does not shift them") {
    util::SourceText src("x.md", "\xEF\xBB\xBF" "é[a](b:c)\n");
    // 'é' is two bytes but one character; the BOM is no character at all.
    auto pos = src.position_of(3 + 2);
    CHECK(pos.line == 1);
    CHECK(pos.column == 2);
    CHECK(src.line_text(1) == "é[a](b:c)");
}

TEST_CASE("the caret keeps tabs so it lines up under tabbed source") {
    auto src = std::make_shared<util::SourceText>("t.md", "\tab\n");
    diag::Diagnostic d{diag::Severity::warning, "w", "t.md", 1, 3, "m", ""};
    CHECK(diag::format_text(d, src.get()) == "t.md:1:3: warning[w]: m\n 1 | \tab\n   | \t ^\n");
}

TEST_CASE("strict mode records warnings as errors and the summary counts them") {
    diag::Sink sink(true);
    sink.warning("w", "f", {1, 1}, "a warning");
    sink.note("n", "f", {2, 1}, "a note");
    CHECK(sink.has_errors());
    CHECK(diag::format_all_text(sink).find("1 error, 0 warnings, 1 note\n") != std::string::npos);
}

TEST_CASE("diagnostics come out sorted by file and position and without repeats") {
    diag::Sink sink;
    sink.error("b", "z.md", {3, 1}, "third");
    sink.error("a", "a.md", {9, 2}, "first");
    sink.error("a", "a.md", {9, 2}, "first");
    sink.error("c", "z.md", {1, 4}, "second");
    auto all = sink.sorted();
    REQUIRE(all.size() == 3);
    CHECK(all[0].message == "first");
    CHECK(all[1].message == "second");
    CHECK(all[2].message == "third");
}

TEST_CASE("the JSON format is one array with every field") {
    diag::Sink sink;
    sink.error("json-syntax", "s.json", {2, 5}, "bad \"thing\"", "fix it");
    auto j = nlohmann::json::parse(diag::format_all_json(sink));
    REQUIRE(j.is_array());
    REQUIRE(j.size() == 1);
    CHECK(j[0]["severity"] == "error");
    CHECK(j[0]["code"] == "json-syntax");
    CHECK(j[0]["file"] == "s.json");
    CHECK(j[0]["line"] == 2);
    CHECK(j[0]["column"] == 5);
    CHECK(j[0]["message"] == "bad \"thing\"");
    CHECK(j[0]["suggestion"] == "fix it");
}

TEST_CASE("no diagnostics print nothing at all") {
    diag::Sink sink;
    CHECK(diag::format_all_text(sink).empty());
    CHECK(diag::format_all_json(sink) == "[]\n");
}

TEST_CASE("a long source line is cut to a window around the caret, with an ellipsis where it was cut") {
    std::string line = std::string(100000, 'a') + "XYZ" + std::string(100000, 'b');
    auto src = std::make_shared<util::SourceText>("big.json", line + "\n");
    diag::Diagnostic d{diag::Severity::error, "json-syntax", "big.json", 1, 100001, "syntax error", ""};
    auto text = diag::format_text(d, src.get());
    CHECK(text.size() < 600);
    CHECK(text ==
          "big.json:1:100001: error[json-syntax]: syntax error\n"
          " 1 | \u2026" +
              std::string(60, 'a') + "XYZ" + std::string(57, 'b') +
              "\u2026\n"
              "   | " +
              std::string(61, ' ') + "^\n");
    // Near the start of the line: cut at the end only.
    diag::Diagnostic start{diag::Severity::error, "e", "big.json", 1, 3, "m", ""};
    CHECK(diag::format_text(start, src.get()) == "big.json:1:3: error[e]: m\n 1 | " + std::string(120, 'a') + "\u2026\n   |   ^\n");
}

TEST_CASE("a long message is cut, and a 10 MB one-line JSON file gives a short diagnostic") {
    diag::Diagnostic d{diag::Severity::error, "ref-unknown", "a.md", 0, 0, "unknown instrument \"" + std::string(5000, 'x') + "\"", ""};
    auto text = diag::format_text(d, nullptr);
    CHECK(text.size() < 1100);
    CHECK(text.find("x\u2026\n") != std::string::npos);
    diag::Sink sink;
    auto src = std::make_shared<util::SourceText>("big.json", "{\"a\": \"" + std::string(10u << 20, 'x'));  // never closed
    sink.add_source(src);
    CHECK_FALSE(json::parse(src, sink));
    auto all = diag::format_all_text(sink);
    CHECK(all.size() < 1500);
    CHECK(diag::format_all_json(sink).size() < 1500);
}

TEST_CASE("control bytes in file names, messages and source lines are shown escaped, never sent to the terminal") {
    auto src = std::make_shared<util::SourceText>("a\x1b[2Jb.md",
                                                  "see [x](instrument:\x1b]0;pwned\x07) \xE2\x80\xAE"
                                                  "dlrow\n");
    diag::Diagnostic d{diag::Severity::error, "ref-unknown", "a\x1b[2Jb.md", 1, 9, "unknown instrument \"\x1b]0;pwned\x07\"", "\x9b"};
    auto text = diag::format_text(d, src.get());
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find('\x07') == std::string::npos);
    CHECK(text ==
          "a\\x1b[2Jb.md:1:9: error[ref-unknown]: unknown instrument \"\\x1b]0;pwned\\x07\"\n"
          " 1 | see [x](instrument:\\x1b]0;pwned\\x07) \\u{202e}dlrow\n"
          "   |         ^\n"
          " = help: \\x9b\n");
}

TEST_CASE("the GitHub format is one workflow command a diagnostic, escaped: no message starts a command of its own") {
    diag::Sink sink;
    sink.error("ref-unknown", "content/documents/note.md", {3, 22}, "unknown instrument \"icmv\"", "did you mean \"instrument:icmw\"?");
    sink.warning("content-empty", "content/documents/a,b:c.md", {}, "100% empty\r\nsecond line");
    sink.note("n", "", {}, "a note on nothing");
    const std::string out = diag::format_all_github(sink);
    CHECK(out ==
          "::notice title=passage n::a note on nothing\n"
          "::warning file=content/documents/a%2Cb%3Ac.md,title=passage content-empty::100%25 empty\\x0d\\x0asecond line\n"
          "::error file=content/documents/note.md,line=3,col=22,title=passage ref-unknown::unknown instrument \"icmv\"%0Ahelp: did "
          "you mean \"instrument:icmw\"?\n");
}

TEST_CASE("the SARIF format is one log: a rule per code, a result per diagnostic at its file, line and column") {
    diag::Sink sink;
    sink.error("ref-unknown", "content/documents/note.md", {3, 22}, "unknown instrument \"icmv\"", "did you mean \"instrument:icmw\"?");
    sink.warning("tpl-missing-variable", "<built-in>/templates/a b.mustache", {2, 0}, "variable \"x\" has no value");
    sink.warning("content-empty", "c:d.md", {}, "empty");
    sink.note("n", "", {}, "a note on nothing");
    const auto log = nlohmann::json::parse(diag::format_all_sarif(sink, "1.2.3"));
    CHECK(log["version"] == "2.1.0");
    const auto& run = log["runs"][0];
    CHECK(run["tool"]["driver"]["name"] == "passage");
    CHECK(run["tool"]["driver"]["version"] == "1.2.3");
    CHECK(run["columnKind"] == "unicodeCodePoints");
    CHECK(run["tool"]["driver"]["rules"].dump() ==
          R"([{"id":"content-empty","name":"content-empty"},{"id":"n","name":"n"},{"id":"ref-unknown","name":"ref-unknown"},)"
          R"({"id":"tpl-missing-variable","name":"tpl-missing-variable"}])");
    const auto& results = run["results"];
    REQUIRE(results.size() == 4);
    CHECK(results[0].dump() == R"({"level":"note","message":{"text":"a note on nothing"},"ruleId":"n","ruleIndex":1})");
    CHECK(results[1]["locations"][0]["physicalLocation"].dump() == R"({"artifactLocation":{"uri":"%3Cbuilt-in%3E/templates/a%20b.mustache","uriBaseId":"%SRCROOT%"},"region":{"startLine":2}})");
    CHECK(results[2]["locations"][0]["physicalLocation"].dump() == R"({"artifactLocation":{"uri":"./c:d.md","uriBaseId":"%SRCROOT%"}})");
    CHECK(results[3]["level"] == "error");
    CHECK(results[3]["ruleIndex"] == 2);
    CHECK(results[3]["message"]["text"] == "unknown instrument \"icmv\"\nhelp: did you mean \"instrument:icmw\"?");
    CHECK(results[3]["locations"][0]["physicalLocation"]["region"].dump() == R"({"startColumn":22,"startLine":3})");
}
