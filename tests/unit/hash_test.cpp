// util::Hasher: the checksums that tell the incremental cache whether a file or an input changed.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "util/hash.hpp"

using passage::util::Hasher;

namespace {

std::uint64_t block(const std::string& s) {
    return Hasher().block(s).value();
}

}  // namespace

TEST_CASE("a checksum changes with any one byte of the text, wherever it is") {
    // Lengths around the 8-byte words and the 32-byte runs of four lanes, and a long text.
    for (std::size_t length : {0, 1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 95, 96, 100, 1000, 4099}) {
        CAPTURE(length);
        std::string text;
        for (std::size_t i = 0; i < length; ++i) text += static_cast<char>('a' + (i * 7) % 26);
        const auto original = block(text);
        CHECK(block(text) == original);  // a function of the text alone
        std::size_t changed = 0;
        for (std::size_t i = 0; i < length; ++i) {
            std::string edited = text;
            edited[i] = static_cast<char>(edited[i] ^ 0x01);
            if (block(edited) != original) ++changed;
        }
        CHECK(changed == length);
        // A text and the same text with a byte more (a NUL, which adds no bits) differ.
        CHECK(block(text + std::string(1, '\0')) != original);
    }
}

TEST_CASE("strings added one after the other hash apart from the same bytes cut elsewhere") {
    // add() puts each string's length first, short and long strings alike.
    const std::string long_text(40, 'x');
    std::set<std::uint64_t> seen = {
        Hasher().add("ab").add("c").value(),      Hasher().add("a").add("bc").value(),
        Hasher().add(long_text).add("y").value(), Hasher().add(long_text.substr(1)).add("xy").value(),
        Hasher().add(long_text + "y").value(),
    };
    CHECK(seen.size() == 5);
}
