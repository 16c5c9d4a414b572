// render: the numbered pages of long lists, and the pager that links them.
#include <doctest/doctest.h>

#include "render/context.hpp"

using namespace passage;

namespace {

std::string page(std::size_t k) {
    return render::numbered_page("documents", k);
}

// The pager as a line: "<1 2 [3] 4 5 … 9>" (< and > for previous and next).
std::string line(std::size_t current, std::size_t count) {
    auto p = render::pager(current, count, page);
    if (p.is_null()) return "";
    std::string out = p["prev"].is_null() ? "" : "<";
    for (const auto& e : p["pages"]) {
        if (!out.empty() && out.back() != '<') out += ' ';
        if (e.contains("gap"))
            out += "…";
        else if (e["current"].get<bool>())
            out += "[" + std::to_string(e["n"].get<std::size_t>()) + "]";
        else
            out += std::to_string(e["n"].get<std::size_t>());
    }
    return out + (p["next"].is_null() ? "" : ">");
}

}  // namespace

TEST_CASE("the pages of a list are named after the first one") {
    CHECK(page(1) == "documents.html");
    CHECK(page(2) == "documents-2.html");
    CHECK(page(10) == "documents-10.html");
}

TEST_CASE("the pager links the first and last pages and those near the current one, whatever the length of the list") {
    CHECK(line(1, 1) == "");
    CHECK(line(1, 2) == "[1] 2>");
    CHECK(line(2, 2) == "<1 [2]");
    CHECK(line(1, 9) == "[1] 2 3 … 9>");
    CHECK(line(5, 9) == "<1 … 3 4 [5] 6 7 … 9>");
    CHECK(line(9, 9) == "<1 … 7 8 [9]");
    CHECK(line(4, 9) == "<1 2 3 [4] 5 6 … 9>");
    // A list of a thousand pages still gives a pager of a few links.
    CHECK(render::pager(500, 1000, page)["pages"].size() == 9);
    CHECK(render::pager(2, 5, page)["prev"] == "documents.html");
    CHECK(render::pager(2, 5, page)["next"] == "documents-3.html");
}
