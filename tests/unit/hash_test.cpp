// util/hash: XXH3, the content hash of the incremental cache, the checksums and the names of files.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "util/hash.hpp"

using passage::util::Hash128;
using passage::util::hash64;
using passage::util::Hasher;

TEST_CASE("hash64 is XXH3-64 of the bytes: xxHash's test vector, and a change to any one byte changes it") {
    CHECK(hash64("") == 0x2D06800538D394C2ULL);
    for (std::size_t length : {1, 3, 4, 8, 16, 17, 128, 129, 240, 241, 1000, 4099}) {
        CAPTURE(length);
        std::string text;
        for (std::size_t i = 0; i < length; ++i) text += static_cast<char>('a' + (i * 7) % 26);
        const auto original = hash64(text);
        std::size_t changed = 0;
        for (std::size_t i = 0; i < length; ++i) {
            std::string edited = text;
            edited[i] = static_cast<char>(edited[i] ^ 0x01);
            changed += hash64(edited) != original;
        }
        CHECK(changed == length);
        CHECK(hash64(text + std::string(1, '\0')) != original);
    }
}

TEST_CASE("values added one after the other hash apart from the same bytes cut elsewhere") {
    const std::string long_text(300, 'x');
    std::set<Hash128> seen = {
        Hasher().add("ab").add("c").value128(),
        Hasher().add("a").add("bc").value128(),
        Hasher().add(long_text).add("y").value128(),
        Hasher().add(long_text.substr(1)).add("xy").value128(),
        Hasher().add(long_text + "y").value128(),
        Hasher().number(1).value128(),
        Hasher().add("").value128(),
        Hasher().value128(),
    };
    CHECK(seen.size() == 8);
}

TEST_CASE("a hasher for one purpose never gives another purpose's keys, and a copy goes on from where it was") {
    CHECK(Hasher("markdown.extract/1").add("x").value128() != Hasher("crossref.mentions/1").add("x").value128());
    CHECK(Hasher("a").add("b").value128() == Hasher().add("a").add("b").value128());  // the purpose is a value like any other
    Hasher h("p");
    h.add("shared");
    Hasher copy = h;
    CHECK(copy.add("more").value128() == Hasher("p").add("shared").add("more").value128());
    CHECK(h.value128() == Hasher("p").add("shared").value128());  // the copy left it as it was
}

TEST_CASE("a 128-bit hash prints as 32 hex digits, the high half first") {
    CHECK(Hash128{0x1, 0xAB}.hex() == "00000000000000ab0000000000000001");
}
