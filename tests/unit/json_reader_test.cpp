#include <doctest/doctest.h>

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
