#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../support.hpp"
#include "output/output.hpp"
#include "util/hash.hpp"
#include "util/parallel.hpp"

using namespace passage;

namespace {
output::Files site_files(const std::string& v) {
    return {{"index.html", "home " + v}, {"documents/a.html", "a " + v}, {"assets/x.css", "css"}};
}
}  // namespace

TEST_CASE("publishing into an empty place writes every file and the marker") {
    fs::MemoryFileSystem fs;
    diag::Sink sink;
    REQUIRE(output::check_target(fs, "public", {"content"}, sink));
    REQUIRE(testing::publish(fs, "public", site_files("1"), sink));
    CHECK(fs.read("public/index.html", nullptr) == "home 1");
    CHECK(fs.read("public/documents/a.html", nullptr) == "a 1");
    CHECK(fs.kind("public/.passage-output") == fs::Kind::file);
    CHECK(fs.kind("public.staging") == fs::Kind::none);
}

TEST_CASE("a failure half-way through writing leaves the previous output byte-identical") {
    fs::MemoryFileSystem fs;
    diag::Sink sink;
    REQUIRE(testing::publish(fs, "public", site_files("old"), sink));
    auto before = fs.files();
    fs.fail_writes_after(fs.files().size() + 2);  // the marker and one page, then the disk "fills up"
    diag::Sink sink2;
    CHECK_FALSE(testing::publish(fs, "public", site_files("new"), sink2));
    CHECK(sink2.has_errors());
    CHECK(sink2.sorted()[0].code == "out-write");
    CHECK(fs.files() == before);
}

TEST_CASE("a second build replaces the first whole") {
    fs::MemoryFileSystem fs;
    diag::Sink sink;
    REQUIRE(testing::publish(fs, "public", {{"old.html", "x"}}, sink));
    REQUIRE(output::check_target(fs, "public", {}, sink));
    REQUIRE(testing::publish(fs, "public", site_files("2"), sink));
    CHECK(fs.kind("public/old.html") == fs::Kind::none);
    CHECK(fs.read("public/index.html", nullptr) == "home 2");
}

TEST_CASE("an output folder that is or holds the content folder is refused") {
    fs::MemoryFileSystem fs;
    fs.add_file("content/site.json", "{}");
    diag::Sink sink;
    CHECK_FALSE(output::check_target(fs, "content", {"content", "templates"}, sink));
    CHECK_FALSE(output::check_target(fs, ".", {"content"}, sink));
    CHECK_FALSE(output::check_target(fs, "content/out", {"content"}, sink));
    auto all = sink.sorted();
    REQUIRE(all.size() == 3);
    for (const auto& d : all) CHECK(d.code == "out-unsafe");
}

TEST_CASE("a non-empty folder that passage did not make is refused") {
    fs::MemoryFileSystem fs;
    fs.add_file("docs/notes.txt", "mine");
    diag::Sink sink;
    CHECK_FALSE(output::check_target(fs, "docs", {}, sink));
    CHECK(fs.read("docs/notes.txt", nullptr) == "mine");
}

TEST_CASE("on a real disk the new tree is swapped in and nothing is left beside it") {
    namespace stdfs = std::filesystem;
    auto dir = stdfs::temp_directory_path() / ("passage-out-" + std::to_string(::getpid()));
    stdfs::remove_all(dir);
    stdfs::create_directories(dir);
    fs::RealFileSystem disk;
    std::string out = (dir / "public").string();
    diag::Sink sink;
    REQUIRE(testing::publish(disk, out, site_files("1"), sink));
    REQUIRE(output::check_target(disk, out, {}, sink));
    REQUIRE(testing::publish(disk, out, site_files("2"), sink));
    std::ifstream in(dir / "public" / "index.html");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    CHECK(text == "home 2");
    CHECK_FALSE(stdfs::exists(dir / "public.staging"));
    int entries = 0;
    for (auto& e : stdfs::directory_iterator(dir)) (void)e, ++entries;
    CHECK(entries == 1);
    stdfs::remove_all(dir);
}

TEST_CASE("a staging folder dropped without commit is removed and the previous output stays as it was") {
    fs::MemoryFileSystem fs;
    diag::Sink sink;
    REQUIRE(testing::publish(fs, "public", site_files("old"), sink));
    auto before = fs.files();
    {
        output::Staging staging(fs, "public");
        REQUIRE(staging.open({}));
        staging.write("index.html", "home new");
        staging.write("documents/b.html", "b");
        CHECK(fs.kind("public.staging/documents/b.html") == fs::Kind::file);
    }  // the build failed: no commit
    CHECK(fs.files() == before);
    CHECK(fs.kind("public.staging") == fs::Kind::none);
}

TEST_CASE("an unsafe output folder is reported at commit and nothing is written before") {
    fs::MemoryFileSystem fs;
    fs.add_file("docs/notes.txt", "mine");
    output::Staging staging(fs, "docs");
    CHECK_FALSE(staging.open({}));
    staging.write("index.html", "x");
    CHECK(fs.kind("docs.staging") == fs::Kind::none);
    diag::Sink sink;
    CHECK_FALSE(staging.commit(sink));
    auto all = sink.sorted();
    REQUIRE(all.size() == 1);
    CHECK(all[0].code == "out-unsafe");
    CHECK(fs.read("docs/notes.txt", nullptr) == "mine");
}

TEST_CASE("files may be written from several threads at once") {
    fs::MemoryFileSystem fs;
    output::Staging staging(fs, "public");
    REQUIRE(staging.open({}));
    output::Files files;
    for (int i = 0; i < 200; ++i)
        files[std::string(1, static_cast<char>('a' + i % 7)) + "/" + std::to_string(i) + ".html"] = std::to_string(i);
    std::vector<const std::pair<const std::string, std::string>*> list;
    for (const auto& f : files) list.push_back(&f);
    util::parallel_for(list.size(), 4, [&](std::size_t i) { staging.write(list[i]->first, list[i]->second); });
    diag::Sink sink;
    REQUIRE(staging.commit(sink));
    for (const auto& [path, data] : files) CHECK(fs.read("public/" + path, nullptr) == data);
}

namespace {

namespace stdfs = std::filesystem;

// A fresh folder under the temporary folder, removed at the end of the test.
struct Scratch {
    stdfs::path path;
    explicit Scratch(const std::string& name) : path(stdfs::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
        stdfs::remove_all(path);
        stdfs::create_directories(path);
    }
    ~Scratch() { stdfs::remove_all(path); }
};

std::string contents(const stdfs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), {});
}

void put(const stdfs::path& p, const std::string& data) {
    stdfs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << data;
}

struct stat status_of(const stdfs::path& p) {
    struct stat st {};
    ::lstat(p.c_str(), &st);
    return st;
}

}  // namespace

TEST_CASE("on a real disk a rebuild links the files that did not change to the previous output") {
    Scratch tmp("passage-relink");
    fs::RealFileSystem disk;
    std::string out = (tmp.path / "public").string();
    diag::Sink sink;
    REQUIRE(testing::publish(disk, out, site_files("1"), sink));
    output::Staging staging(disk, out);
    REQUIRE(staging.open({}));
    for (const auto& [path, data] : site_files("2")) staging.write(path, data);
    auto staged = tmp.path / "public.staging";
    // assets/x.css has the same bytes in both builds: one file under two names until the swap.
    CHECK(status_of(staged / "assets/x.css").st_ino == status_of(tmp.path / "public/assets/x.css").st_ino);
    CHECK(status_of(staged / "index.html").st_ino != status_of(tmp.path / "public/index.html").st_ino);
    REQUIRE(staging.commit(sink));
    CHECK(contents(tmp.path / "public/index.html") == "home 2");
    CHECK(contents(tmp.path / "public/assets/x.css") == "css");
    CHECK(status_of(tmp.path / "public/assets/x.css").st_nlink == 1);
    CHECK_FALSE(stdfs::exists(staged));
}

TEST_CASE("a symbolic link in the previous output is never linked into the new one") {
    Scratch tmp("passage-symlinks");
    fs::RealFileSystem disk;
    std::string out = (tmp.path / "public").string();
    diag::Sink sink;
    REQUIRE(testing::publish(disk, out, site_files("2"), sink));
    // Someone replaces a file and a folder of the output with links to files of the same bytes elsewhere.
    put(tmp.path / "elsewhere/index.html", "home 2");
    put(tmp.path / "elsewhere/documents/a.html", "a 2");
    stdfs::remove(tmp.path / "public/index.html");
    stdfs::create_symlink(tmp.path / "elsewhere/index.html", tmp.path / "public/index.html");
    stdfs::remove_all(tmp.path / "public/documents");
    stdfs::create_directory_symlink(tmp.path / "elsewhere/documents", tmp.path / "public/documents");
    REQUIRE(output::check_target(disk, out, {}, sink));
    REQUIRE(testing::publish(disk, out, site_files("2"), sink));
    CHECK(S_ISREG(status_of(tmp.path / "public/index.html").st_mode));
    CHECK(S_ISDIR(status_of(tmp.path / "public/documents").st_mode));
    CHECK(status_of(tmp.path / "public/documents/a.html").st_ino != status_of(tmp.path / "elsewhere/documents/a.html").st_ino);
    CHECK(status_of(tmp.path / "elsewhere/documents/a.html").st_nlink == 1);
    CHECK(contents(tmp.path / "public/documents/a.html") == "a 2");
    CHECK(contents(tmp.path / "elsewhere/index.html") == "home 2");
}

TEST_CASE("an output folder given as a symbolic link shares no file with the folder it names") {
    Scratch tmp("passage-symlinked-out");
    fs::RealFileSystem disk;
    diag::Sink sink;
    REQUIRE(testing::publish(disk, (tmp.path / "real").string(), site_files("2"), sink));
    stdfs::create_directory_symlink(tmp.path / "real", tmp.path / "public");
    std::string out = (tmp.path / "public").string();
    REQUIRE(output::check_target(disk, out, {}, sink));
    REQUIRE(testing::publish(disk, out, site_files("2"), sink));
    CHECK(contents(tmp.path / "public/index.html") == "home 2");
    CHECK(status_of(tmp.path / "real/index.html").st_nlink == 1);  // still there: the swap moved the link, not the folder
    CHECK(status_of(tmp.path / "public/index.html").st_nlink == 1);
}

TEST_CASE("reuse takes a file whose bytes hash as the cache says, or whose stamp is the one kept, unread") {
    fs::MemoryFileSystem disk;
    diag::Sink sink;
    REQUIRE(testing::publish(disk, "public", site_files("1"), sink));
    const auto checksum = util::hash64("home 1");
    CHECK(output::file_system_now(disk, "public") == 0);  // a disk in memory keeps no time: it stamps by bytes
    CHECK(disk.kind("public/.passage-clock") == fs::Kind::none);
    const auto stamp = output::cache_stamp(disk, "public/index.html", 0);
    CHECK(stamp != 0);
    CHECK(output::cache_stamp(disk, "public/missing.html", 0) == 0);
    output::Staging staging(disk, "public");
    REQUIRE(staging.open({}));
    CHECK(staging.reuse("index.html", checksum, 0));                                                      // by its bytes
    CHECK_FALSE(staging.reuse("documents/a.html", checksum, 0));                                          // other bytes
    CHECK(staging.reuse("assets/x.css", checksum, output::cache_stamp(disk, "public/assets/x.css", 0)));  // by its stamp: unread
    CHECK_FALSE(staging.reuse("documents/a.html", checksum, stamp));                                      // not its stamp: its bytes decide
}

TEST_CASE("on a real disk a file is taken by its stamp only once settled, and any change to it since is seen") {
    Scratch tmp("passage-stamps");
    fs::RealFileSystem disk;
    const std::string out = (tmp.path / "public").string();
    diag::Sink sink;
    REQUIRE(testing::publish(disk, out, site_files("1"), sink));
    const auto file = tmp.path / "public/index.html", other = tmp.path / "public/documents/a.html";
    const auto checksum = util::hash64("home 1");
    // A build as site::build does one: the page taken if it can be, its stamp kept once published.
    std::uint64_t stamp = 0;
    auto rebuild = [&](std::uint64_t checksum_given) {
        output::Staging staging(disk, out);
        REQUIRE(staging.open({}));
        const bool taken = staging.reuse("index.html", checksum_given, stamp);
        for (const auto& [path, data] : site_files("1"))
            if (path != "index.html" || !taken) staging.write(path, data);
        REQUIRE(staging.commit(sink));
        // A build takes longer than a tick of the clock of file times between its last change to a
        // file and the stamps; this one is quicker.
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
        const auto now = output::file_system_now(disk, out);
        CHECK(now != 0);
        CHECK_FALSE(stdfs::exists(tmp.path / "public/.passage-clock"));
        stamp = output::cache_stamp(disk, file.string(), now);
        return taken;
    };
    // Just written: not settled, so no stamp to keep.
    CHECK(rebuild(checksum));
    CHECK(stamp == 0);
    // An hour old: its stamp is kept, and the next build takes it by that alone, again and again
    // (passage's own links and removals change the file's status time before the stamp is taken).
    stdfs::last_write_time(file, stdfs::last_write_time(file) - std::chrono::hours(1));
    CHECK(rebuild(checksum));
    REQUIRE(stamp != 0);
    CHECK(rebuild(checksum + 1));  // taken unread: the checksum given is not even its own
    CHECK(rebuild(checksum + 1));
    // Written in place with the same size, then its time set back as `cp -p` or `touch -r` do: the
    // status time moved, so its bytes are read, and refused.
    {
        const auto time = stdfs::last_write_time(file);
        std::ofstream(file, std::ios::binary | std::ios::in | std::ios::out) << "HOME";
        stdfs::last_write_time(file, time);
    }
    REQUIRE(contents(file) == "HOME 1");
    CHECK_FALSE(rebuild(checksum));
    CHECK(contents(file) == "home 1");  // written again
    // Replaced by another file of the same size and times: another inode.
    stdfs::last_write_time(file, stdfs::last_write_time(file) - std::chrono::hours(1));
    CHECK(rebuild(checksum));
    REQUIRE(stamp != 0);
    put(tmp.path / "replacement.html", "HOME 1");
    stdfs::last_write_time(tmp.path / "replacement.html", stdfs::last_write_time(file));
    stdfs::rename(tmp.path / "replacement.html", file);
    CHECK_FALSE(rebuild(checksum));
    CHECK(contents(file) == "home 1");
    // A symbolic link is no file of the output, whatever its target holds.
    CHECK_FALSE(disk.stamp((tmp.path / "missing").string()).has_value());
    stdfs::create_symlink(other, tmp.path / "link.html");
    CHECK_FALSE(disk.stamp((tmp.path / "link.html").string()).has_value());
}
