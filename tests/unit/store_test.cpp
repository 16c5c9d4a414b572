// cache/store: bytes by key, kept from one build to the next, and only what a build used.
#include <doctest/doctest.h>

#include "cache/store.hpp"
#include "util/hash.hpp"

using namespace passage;

namespace {

cache::Key key(const std::string& name) {
    return util::Hasher("test").add(name).value128();
}

}  // namespace

TEST_CASE("a store that remembers nothing gives nothing back") {
    cache::NullStore s;
    CHECK_FALSE(s.enabled());
    s.put(key("a"), "bytes");
    CHECK_FALSE(s.get(key("a")));
}

TEST_CASE("a store in memory keeps what a build used, and forgets the rest when the build ends") {
    cache::MemoryStore s;
    s.put(key("a"), "A");
    s.put(key("b"), "B");
    s.end_build();
    CHECK(s.size() == 2);
    // The next build reads a, touches nothing else: b goes at its end.
    CHECK(*s.get(key("a")) == "A");
    s.end_build();
    CHECK(s.size() == 1);
    CHECK_FALSE(s.get(key("b")));
    // A view handed out stays valid when the entry is replaced in the same build.
    auto view = *s.get(key("a"));
    s.put(key("a"), "A2");
    CHECK(view == "A");
    CHECK(*s.get(key("a")) == "A2");
}

TEST_CASE("a store on disk keeps what a build used for the next one, and rewrites only the files that changed") {
    fs::MemoryFileSystem disk;
    {
        diag::Sink sink;
        cache::DiskStore s(disk, "cache", 2, sink);
        CHECK_FALSE(s.loaded());
        for (int i = 0; i < 50; ++i) s.put(key(std::to_string(i)), std::string(i, 'x'));
        s.save(2, sink);
        CHECK(sink.sorted().empty());
        CHECK(s.files_written() > 10);
    }
    const auto first = disk.files();
    CHECK(first.count("cache/manifest.bin") == 1);
    {
        diag::Sink sink;
        cache::DiskStore s(disk, "cache", 2, sink);
        CHECK(s.loaded());
        // Every entry but one used, one replaced: the files of those two change, no other.
        for (int i = 0; i < 49; ++i) REQUIRE(*s.get(key(std::to_string(i))) == std::string(i, 'x'));
        s.put(key("7"), "seven");
        s.save(2, sink);
        CHECK(sink.sorted().empty());
        CHECK(s.files_written() >= 1);
        CHECK(s.files_written() <= 2);
    }
    {
        diag::Sink sink;
        cache::DiskStore s(disk, "cache", 1, sink);
        CHECK(*s.get(key("7")) == "seven");
        CHECK_FALSE(s.get(key("49")));  // not used by the build before
        CHECK(*s.get(key("48")) == std::string(48, 'x'));
        s.save(1, sink);
        CHECK(s.files_written() >= 1);  // the files of entries no build used any more
    }
}

TEST_CASE("a damaged file of a store on disk is set aside with a note, and the rest is used") {
    fs::MemoryFileSystem disk;
    {
        diag::Sink sink;
        cache::DiskStore s(disk, "cache", 1, sink);
        for (int i = 0; i < 20; ++i) s.put(key(std::to_string(i)), "value " + std::to_string(i));
        s.save(1, sink);
    }
    // One bucket file damaged, one cut short.
    std::vector<std::string> buckets;
    for (const auto& [path, bytes] : disk.files())
        if (path.find("/store-") != std::string::npos) buckets.push_back(path);
    REQUIRE(buckets.size() >= 2);
    auto damaged = disk.files().at(buckets[0]);
    damaged[damaged.size() / 2] ^= 0x20;
    disk.add_file(buckets[0], damaged);
    auto cut = disk.files().at(buckets[1]);
    disk.add_file(buckets[1], cut.substr(0, cut.size() - 1));
    diag::Sink sink;
    cache::DiskStore s(disk, "cache", 1, sink);
    auto said = sink.sorted();
    REQUIRE(said.size() == 1);
    CHECK(said[0].code == "cache-stale");
    CHECK(said[0].severity == diag::Severity::note);
    CHECK(said[0].message.rfind("2 file(s) of the cache", 0) == 0);
    std::size_t found = 0;
    for (int i = 0; i < 20; ++i)
        if (auto v = s.get(key(std::to_string(i)))) {
            CHECK(*v == "value " + std::to_string(i));
            ++found;
        }
    CHECK(found < 20);
    CHECK(found > 0);
}

TEST_CASE("a store on disk without its manifest, or with another program's, is set aside whole") {
    fs::MemoryFileSystem disk;
    {
        diag::Sink sink;
        cache::DiskStore s(disk, "cache", 1, sink);
        s.put(key("a"), "A");
        s.save(1, sink);
    }
    SUBCASE("no manifest: as after a build killed while saving its first cache") {
        disk.remove_all("cache/manifest.bin");
    }
    SUBCASE("another program's") {
        auto manifest = disk.files().at("cache/manifest.bin");
        manifest[manifest.find("version")] = 'V';
        disk.add_file("cache/manifest.bin", manifest);
    }
    diag::Sink sink;
    cache::DiskStore s(disk, "cache", 1, sink);
    CHECK_FALSE(s.get(key("a")));
    CHECK(sink.sorted().size() == 1);
    CHECK(sink.sorted()[0].code == "cache-stale");
}

TEST_CASE("a store on disk that cannot be written is a warning, not a failure") {
    fs::MemoryFileSystem disk;
    disk.fail_writes_after(0);
    diag::Sink sink;
    cache::DiskStore s(disk, "cache", 1, sink);
    s.put(key("a"), "A");
    s.save(1, sink);
    REQUIRE(sink.sorted().size() == 1);
    CHECK(sink.sorted()[0].code == "cache-write");
    CHECK(sink.sorted()[0].severity == diag::Severity::warning);
}

TEST_CASE("a file of a store on disk written after its manifest (a save killed before it ended) is set aside") {
    fs::MemoryFileSystem disk;
    auto save = [&](const std::string& value) {
        diag::Sink sink;
        cache::DiskStore s(disk, "cache", 1, sink);
        s.put(key("a"), value);
        s.put(key("b"), "B");
        s.save(1, sink);
    };
    save("first");
    const auto manifest = disk.files().at("cache/manifest.bin");
    save("second");
    // The files of the second save, with the manifest of the first: as if the save died before it.
    disk.add_file("cache/manifest.bin", manifest);
    diag::Sink sink;
    cache::DiskStore s(disk, "cache", 1, sink);
    CHECK_FALSE(s.get(key("a")));    // neither "first" nor "second"
    CHECK(*s.get(key("b")) == "B");  // its file did not change
    REQUIRE(sink.sorted().size() == 1);
    CHECK(sink.sorted()[0].code == "cache-stale");
}
