// json::append_string against nlohmann::json, byte for byte, in both styles the site uses: UTF-8 as
// it is (graph.json) and ASCII-only and script-safe (the search index).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "json/json_writer.hpp"

namespace {

namespace pj = passage::json;
using nlohmann::json;

const std::vector<std::string>& samples() {
    static const std::vector<std::string> list = {
        "",
        "plain words 123",
        "quote \" backslash \\ slash /",
        std::string("nul ") + '\0' + " and controls \x01\x08\x09\x0a\x0c\x0d\x1b\x1f del \x7f",
        "</script><!-- & -->",
        "caf\xC3\xA9 \xE2\x82\xAC \xE2\x80\xA8 line \xE2\x80\xA9 para \xEF\xBB\xBF bom \xE2\x80\x94 dash",
        "emoji \xF0\x9F\x8C\x8D and max \xF4\x8F\xBF\xBF",
        "\\u003c already written out",
        "lone continuation \x80 here",
        "truncated \xE2\x82",
        "overlong \xC0\xAF and \xE0\x80\xAF",
        "surrogate \xED\xA0\x80",
        "above max \xF4\x90\x80\x80",
        "\xFF\xFE",
    };
    return list;
}

std::string dumped(const std::string& s, bool ascii) {
    return json(s).dump(-1, ' ', ascii, json::error_handler_t::replace);
}

}  // namespace

TEST_CASE("a JSON string with UTF-8 kept is what nlohmann writes") {
    for (const auto& s : samples()) {
        std::string out = "prefix,";
        pj::append_string(out, s);
        CHECK_MESSAGE(out == "prefix," + dumped(s, false), "sample: " << dumped(s, true));
    }
}

TEST_CASE("an ASCII, script-safe JSON string is nlohmann's ASCII dump made script-safe") {
    for (const auto& s : samples()) {
        std::string out = "prefix,";
        pj::append_string(out, s, {.ascii = true, .script_safe = true});
        CHECK_MESSAGE(out == "prefix," + pj::script_safe(dumped(s, true)), "sample: " << dumped(s, true));
        CHECK(out.find_first_of("<>&") == std::string::npos);
        CHECK(std::all_of(out.begin(), out.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
    }
}

TEST_CASE("a script-safe JSON string with UTF-8 kept escapes only what a script must not see") {
    for (const auto& s : samples()) {
        std::string out;
        pj::append_string(out, s, {.ascii = false, .script_safe = true});
        CHECK_MESSAGE(out == pj::script_safe(dumped(s, false)), "sample: " << dumped(s, true));
        CHECK(out.find_first_of("<>&") == std::string::npos);
        CHECK(out.find("\xE2\x80\xA8") == std::string::npos);
        CHECK(out.find("\xE2\x80\xA9") == std::string::npos);
    }
}
