#include <doctest/doctest.h>

#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

#include "edition/zip.hpp"

using namespace passage;

namespace {

std::uint32_t u16(const std::string& s, std::size_t at) {
    return static_cast<unsigned char>(s[at]) | (static_cast<unsigned char>(s[at + 1]) << 8);
}
std::uint32_t u32(const std::string& s, std::size_t at) {
    return u16(s, at) | (u16(s, at + 2) << 16);
}

// The entries of an archive, read back from its central directory as an unzip program does.
struct Entry {
    std::string name, data;
    std::uint32_t method = 0;
};
std::vector<Entry> read_zip(const std::string& zip) {
    const std::size_t end = zip.size() - 22;
    REQUIRE(u32(zip, end) == 0x06054b50);
    const std::size_t count = u16(zip, end + 10);
    std::size_t at = u32(zip, end + 16);
    std::vector<Entry> out;
    for (std::size_t i = 0; i < count; ++i) {
        REQUIRE(u32(zip, at) == 0x02014b50);
        const std::uint32_t method = u16(zip, at + 10), crc = u32(zip, at + 16), packed = u32(zip, at + 20), size = u32(zip, at + 24);
        const std::size_t name_len = u16(zip, at + 28), local = u32(zip, at + 42);
        Entry e{zip.substr(at + 46, name_len), {}, method};
        REQUIRE(u32(zip, local) == 0x04034b50);
        const std::size_t data_at = local + 30 + u16(zip, local + 26) + u16(zip, local + 28);
        const std::string body = zip.substr(data_at, packed);
        if (method == 0) {
            e.data = body;
        } else {
            REQUIRE(method == 8);
            e.data.resize(size);
            z_stream z{};
            REQUIRE(inflateInit2(&z, -15) == Z_OK);
            z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
            z.avail_in = static_cast<uInt>(body.size());
            z.next_out = reinterpret_cast<Bytef*>(e.data.data());
            z.avail_out = static_cast<uInt>(size);
            CHECK(inflate(&z, Z_FINISH) == Z_STREAM_END);
            inflateEnd(&z);
        }
        CHECK(edition::crc32_of(e.data) == crc);
        out.push_back(std::move(e));
        at += 46 + name_len + u16(zip, at + 30) + u16(zip, at + 32);
    }
    return out;
}

std::string sample() {
    edition::ZipWriter zip;
    REQUIRE(zip.add("mimetype", "application/epub+zip", edition::ZipWriter::Method::stored));
    REQUIRE(zip.add("EPUB/page.xhtml", std::string(5000, 'a') + "<p>text</p>"));
    REQUIRE(zip.add("EPUB/tiny.txt", "x"));
    return zip.finish();
}

}  // namespace

TEST_CASE("a zip reads back: every entry in the order added, stored or deflated, with its CRC-32") {
    const auto entries = read_zip(sample());
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].name == "mimetype");
    CHECK(entries[0].method == 0);
    CHECK(entries[0].data == "application/epub+zip");
    CHECK(entries[1].name == "EPUB/page.xhtml");
    CHECK(entries[1].method == 8);
    CHECK(entries[1].data == std::string(5000, 'a') + "<p>text</p>");
    CHECK(entries[2].method == 0);  // deflate would make it larger: stored
    CHECK(entries[2].data == "x");
}

TEST_CASE("an EPUB's first entry is mimetype, stored, with no extra field, at the start of the file") {
    const auto zip = sample();
    CHECK(u32(zip, 0) == 0x04034b50);
    CHECK(u16(zip, 8) == 0);   // stored
    CHECK(u16(zip, 28) == 0);  // no extra field
    CHECK(zip.substr(30, 28) == "mimetypeapplication/epub+zip");
}

TEST_CASE("the same entries give the same bytes: no clock in a zip") {
    CHECK(sample() == sample());
    const auto zip = sample();
    CHECK(u16(zip, 10) == 0);               // time 00:00:00
    CHECK(u16(zip, 12) == ((1 << 5) | 1));  // 1980-01-01
}

TEST_CASE("CRC-32 is zlib's (the check value of the standard)") {
    CHECK(edition::crc32_of("123456789") == 0xCBF43926u);
    CHECK(edition::crc32_of("") == 0u);
}
