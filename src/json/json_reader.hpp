#pragma once
// Reads a JSON file into nlohmann::json and remembers where every key and value stands, so that
// diagnostics about a field can name its line and column. Duplicate keys in one object and nesting
// deeper than kMaxDepth are errors (nlohmann would keep the last duplicate silently, and crash when
// dumping very deep values).
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "diag/diag.hpp"
#include "util/source.hpp"

namespace passage::json {

constexpr int kMaxDepth = 64;

struct Document {
    util::SourcePtr source;
    nlohmann::json value;
    std::map<std::string, util::Position> key_positions;    // JSON pointer -> position of the member's key
    std::map<std::string, util::Position> value_positions;  // JSON pointer -> position of the value
    std::map<std::string, std::string> number_literals;     // JSON pointer -> a number as written

    // Where to point a diagnostic about `pointer`: its key, else its value, else the nearest parent.
    util::Position at(const std::string& pointer) const;
    // Where the value at `pointer` starts (for a diagnostic about what it says), else at(pointer).
    util::Position value_position(const std::string& pointer) const;
    // The number at `pointer` as written ("9007199254740993", "1.10", "1e400"): nlohmann keeps a
    // number as a 64-bit integer or a double, which would print another one past 2^53 or 2^64.
    // "" when there is no number there.
    std::string number_literal(const std::string& pointer) const;
};

// Parses `source`. On any error it reports to `sink` (codes json-syntax, json-duplicate-key,
// json-too-deep) and returns nullopt.
std::optional<Document> parse(util::SourcePtr source, diag::Sink& sink);

// "/a/b~1c" style pointer escaping of one reference token.
std::string escape_token(std::string_view token);

}  // namespace passage::json
