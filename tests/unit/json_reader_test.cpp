#include <doctest/doctest.h>

#include <tuple>
#include <vector>

#include "json/json_reader.hpp"

using namespace passage;

namespace {
std::optional<json::Document> parse(const std::string& text, diag::Sink& sink) {
    return json::parse(std::make_shared<util::SourceText>("m.json", text), sink);
}
}  // namespace

TEST_CASE("a JSON syntax error is reported at its line and column") {
    diag::Sink sink;
    CHECK_FALSE(parse("{\n  \"a\": 1,\n  \"b\" 2\n}\n", sink));
    auto all = sink.sorted();
    REQUIRE(all.size() == 1);
    CHECK(all[0].code == "json-syntax");
    CHECK(all[0].line == 3);
    CHECK(all[0].column == 7);
    CHECK(all[0].message.find("syntax error") == 0);
}

TEST_CASE("a text that ends too soon is json-syntax just after its last character") {
    for (const auto& [text, line, column] : std::vector<std::tuple<std::string, int, int>>{
             {"{\"title\": ", 1, 10}, {"{\"title\": \"x\",\n  \"b\": [1,\n\n", 2, 11}, {"", 1, 1}, {"  \n", 1, 1}}) {
        diag::Sink sink;
        CHECK_FALSE(parse(text, sink));
        auto all = sink.sorted();
        REQUIRE(all.size() == 1);
        CHECK(all[0].code == "json-syntax");
        CHECK(all[0].message.find("end of input") != std::string::npos);
        CHECK(all[0].line == line);
        CHECK(all[0].column == column);
    }
}

TEST_CASE("keys and values remember where they stand") {
    diag::Sink sink;
    auto doc = parse("{\"title\": \"x\",\n \"list\": [1, \"é\", {\"k\": true}]}", sink);
    REQUIRE(doc);
    CHECK(doc->key_positions.at("/title").line == 1);
    CHECK(doc->key_positions.at("/title").column == 2);
    CHECK(doc->key_positions.at("/list").line == 2);
    CHECK(doc->key_positions.at("/list").column == 2);
    CHECK(doc->value_positions.at("/list/1").column == 14);
    CHECK(doc->key_positions.at("/list/2/k").column == 20);
    CHECK(doc->at("/list/2/k/missing").column == 20);
}

TEST_CASE("a duplicate key is an error at the second key") {
    diag::Sink sink;
    CHECK_FALSE(parse("{\"a\": 1,\n \"a\": 2}", sink));
    auto all = sink.sorted();
    REQUIRE(all.size() == 1);
    CHECK(all[0].code == "json-duplicate-key");
    CHECK(all[0].line == 2);
    CHECK(all[0].column == 2);
    CHECK(all[0].message == "duplicate key \"a\" in one object (first at line 1)");
}

TEST_CASE("keys with escaped quotes are located at their opening quote") {
    diag::Sink sink;
    auto doc = parse("{ \"a\\\"b\": 1}", sink);
    REQUIRE(doc);
    CHECK(doc->key_positions.at("/a\"b").column == 3);
}

TEST_CASE("nesting deeper than the limit is an error and no crash even at 100000 levels") {
    diag::Sink sink;
    std::string deep(100000, '[');
    CHECK_FALSE(parse(deep, sink));
    auto all = sink.sorted();
    REQUIRE(all.size() == 1);
    CHECK(all[0].code == "json-too-deep");
    CHECK(all[0].column == json::kMaxDepth + 1);
}

TEST_CASE("nesting at the limit is accepted") {
    diag::Sink sink;
    std::string ok = std::string(json::kMaxDepth, '[') + std::string(json::kMaxDepth, ']');
    CHECK(parse(ok, sink));
    CHECK_FALSE(sink.has_errors());
}

TEST_CASE("a BOM before the JSON is accepted and does not shift positions") {
    diag::Sink sink;
    auto doc = parse("\xEF\xBB\xBF{\"a\": 1}", sink);
    REQUIRE(doc);
    CHECK(doc->key_positions.at("/a").column == 2);
}

TEST_CASE("a control character or noncharacter written as a \\u escape in a JSON string is text-control at the escape") {
    diag::Sink sink;
    CHECK_FALSE(parse("{\"title\": \"ab\\\\\\\"c\\u00e9\\ud83d\\ude00d\\u001b[31mred\"}", sink));
    auto all = sink.sorted();
    REQUIRE(all.size() == 1);
    CHECK(all[0].code == "text-control");
    CHECK(all[0].line == 1);
    CHECK(all[0].column == 38);  // the backslash of \u001b, after the escaped backslash, quote, é and the emoji
    CHECK(all[0].message == "the character U+001B does not belong in text (a control character or a noncharacter)");
    for (const char* bad :
         {"\"\\u0007\"", "\"\\u007f\"", "\"\\u0085\"", "\"\\ufdd0\"", "\"\\uffff\"", "\"\\ud83f\\udffe\"", "\"\\u0000\""}) {
        diag::Sink s;
        CHECK_MESSAGE(!parse(std::string("{\"k\": ") + bad + "}", s), bad);
        CHECK(s.sorted().size() == 1);
    }
    diag::Sink keys;
    CHECK_FALSE(parse("{\"a\\u0001\": 1}", keys));
    CHECK(keys.sorted().at(0).code == "text-control");
    // Tab, line feed and carriage return are text.
    diag::Sink fine;
    CHECK(parse("{\"k\": \"a\\tb\\nc\\r\\u00a0\\u2028\"}", fine));
    CHECK(fine.sorted().empty());
}

TEST_CASE("a syntax error in a JSON file with CR-only line endings is reported at its line") {
    diag::Sink sink;
    CHECK_FALSE(parse("{\r  \"a\": 1,\r  \"b\" 2\r}\r", sink));
    REQUIRE(sink.sorted().size() == 1);
    CHECK(sink.sorted()[0].line == 3);
    CHECK(sink.sorted()[0].column == 7);
}

TEST_CASE("a JSON file holding only a byte order mark is a syntax error at line 1, column 1") {
    diag::Sink sink;
    CHECK_FALSE(parse("\xEF\xBB\xBF", sink));
    REQUIRE(sink.sorted().size() == 1);
    CHECK(sink.sorted()[0].code == "json-syntax");
    CHECK(sink.sorted()[0].line == 1);
    CHECK(sink.sorted()[0].column == 1);
}
