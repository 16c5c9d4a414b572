#include <doctest/doctest.h>

#include "util/source.hpp"

using namespace passage;

TEST_CASE("lines end in LF, CR LF or a CR alone") {
    util::SourceText src("a.md", "one\rtwo\r\nthree\nfour\r\rsix");
    CHECK(src.position_of(4).line == 2);
    CHECK(src.line_text(1) == "one");
    CHECK(src.line_text(2) == "two");
    CHECK(src.line_text(3) == "three");
    CHECK(src.line_text(4) == "four");
    CHECK(src.line_text(5).empty());
    CHECK(src.line_text(6) == "six");
    auto p = src.position_of(src.text().find("six") + 1);
    CHECK(p.line == 6);
    CHECK(p.column == 2);
    util::SourceText last("b.md", "x\r");
    CHECK(last.position_of(2).line == 2);
}

TEST_CASE("an offset inside the byte order mark is line 1, column 1") {
    util::SourceText src("a.json", "\xEF\xBB\xBF");
    for (std::size_t offset = 0; offset <= 3; ++offset) {
        auto p = src.position_of(offset);
        CHECK(p.line == 1);
        CHECK(p.column == 1);
    }
}
