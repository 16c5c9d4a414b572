#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>
#include <chrono>
#include <filesystem>

#include "../support.hpp"
#include "fs/fs.hpp"

using namespace passage;
namespace stdfs = std::filesystem;

namespace {

struct Read {
    std::optional<std::string> data;
    fs::ReadError error;
};

Read read_regular(const fs::FileSystem& disk, const std::string& root, const std::string& path, std::size_t limit = 1 << 20) {
    Read r;
    r.data = disk.read_regular(root, path, limit, &r.error);
    return r;
}

}  // namespace

TEST_CASE("read_regular reads a regular file below its root") {
    testing::TempDir tmp;
    testing::write_file(tmp.path() / "c/documents/a.md", "# A\n");
    fs::RealFileSystem disk;
    auto root = (tmp.path() / "c").string();
    auto r = read_regular(disk, root, root + "/documents/a.md");
    REQUIRE(r.data);
    CHECK(*r.data == "# A\n");
    // The root itself may be reached through a symbolic link: it is the folder the user named.
    stdfs::create_directory_symlink(tmp.path() / "c", tmp.path() / "link");
    auto through = read_regular(disk, (tmp.path() / "link").string(), (tmp.path() / "link/documents/a.md").string());
    CHECK(through.data == std::optional<std::string>("# A\n"));
}

TEST_CASE("read_regular refuses a symbolic link to a file outside its root, and never reads it") {
    testing::TempDir tmp;
    stdfs::create_directories(tmp.path() / "c/documents");
    stdfs::create_symlink("/etc/passwd", tmp.path() / "c/documents/a.md");
    fs::RealFileSystem disk;
    auto root = (tmp.path() / "c").string();
    auto r = read_regular(disk, root, root + "/documents/a.md");
    CHECK_FALSE(r.data);
    CHECK(r.error.refusal == fs::Refusal::symlink);
    CHECK(r.error.message.find("root:") == std::string::npos);
    // A symbolic link to a file inside the root is refused too: nothing below the root is followed.
    testing::write_file(tmp.path() / "c/real.md", "x");
    stdfs::create_symlink(tmp.path() / "c/real.md", tmp.path() / "c/documents/b.md");
    CHECK(read_regular(disk, root, root + "/documents/b.md").error.refusal == fs::Refusal::symlink);
}

TEST_CASE("read_regular refuses a folder on the way that is a symbolic link") {
    testing::TempDir tmp;
    testing::write_file(tmp.path() / "elsewhere/a.json", "{}");
    stdfs::create_directories(tmp.path() / "c");
    stdfs::create_directory_symlink(tmp.path() / "elsewhere", tmp.path() / "c/instruments");
    fs::RealFileSystem disk;
    auto root = (tmp.path() / "c").string();
    auto r = read_regular(disk, root, root + "/instruments/a.json");
    CHECK_FALSE(r.data);
    CHECK(r.error.refusal == fs::Refusal::symlink);
    CHECK(r.error.message.find("instruments") != std::string::npos);
}

TEST_CASE("read_regular refuses a FIFO at once, without blocking") {
    testing::TempDir tmp;
    auto fifo = tmp.path() / "a.md";
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    fs::RealFileSystem disk;
    const auto start = std::chrono::steady_clock::now();
    auto r = read_regular(disk, tmp.path().string(), fifo.string());
    CHECK_FALSE(r.data);
    CHECK(r.error.refusal == fs::Refusal::special);
    CHECK(r.error.message == "it is a FIFO (named pipe)");
    // read() refuses it too: nothing passage reads may block.
    fs::Error e;
    CHECK_FALSE(disk.read(fifo.string(), &e));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

TEST_CASE("read_regular refuses a device without reading from it") {
    fs::RealFileSystem disk;
    auto r = read_regular(disk, "/dev", "/dev/zero");
    CHECK_FALSE(r.data);
    CHECK(r.error.refusal == fs::Refusal::special);
    CHECK(r.error.message == "it is a device");
    CHECK_FALSE(disk.read("/dev/zero", nullptr));
}

TEST_CASE("read_regular refuses a folder where a file is expected") {
    testing::TempDir tmp;
    stdfs::create_directories(tmp.path() / "a.md");
    fs::RealFileSystem disk;
    auto r = read_regular(disk, tmp.path().string(), (tmp.path() / "a.md").string());
    CHECK(r.error.refusal == fs::Refusal::special);
    CHECK(r.error.message == "it is a folder");
}

TEST_CASE("read_regular refuses a file larger than its limit before reading it") {
    testing::TempDir tmp;
    testing::write_file(tmp.path() / "big.md", std::string(1001, 'x'));
    fs::RealFileSystem disk;
    auto r = read_regular(disk, tmp.path().string(), (tmp.path() / "big.md").string(), 1000);
    CHECK_FALSE(r.data);
    CHECK(r.error.refusal == fs::Refusal::too_large);
    CHECK(r.error.message == "1001 bytes, more than the limit of 1000");
    CHECK(read_regular(disk, tmp.path().string(), (tmp.path() / "big.md").string(), 1001).data);
}

TEST_CASE("read_regular refuses a path outside its root or with a '..' part") {
    testing::TempDir tmp;
    testing::write_file(tmp.path() / "c/a.md", "x");
    testing::write_file(tmp.path() / "secret.md", "x");
    fs::RealFileSystem disk;
    auto root = (tmp.path() / "c").string();
    CHECK(read_regular(disk, root, (tmp.path() / "secret.md").string()).error.refusal == fs::Refusal::outside);
    CHECK(read_regular(disk, root, root + "/../secret.md").error.refusal == fs::Refusal::outside);
    CHECK(read_regular(disk, root, root + "x/a.md").error.refusal == fs::Refusal::outside);
    CHECK(read_regular(disk, root, root).error.refusal == fs::Refusal::outside);
    CHECK(read_regular(disk, root, root + "/missing.md").error.refusal == fs::Refusal::missing);
}

TEST_CASE("the parts of a path below a root") {
    CHECK(fs::parts_below("c", "c/documents/a.md") == std::vector<std::string>{"documents", "a.md"});
    CHECK(fs::parts_below("./c/", "c/a.md") == std::vector<std::string>{"a.md"});
    CHECK(fs::parts_below(".", "a.md") == std::vector<std::string>{"a.md"});
    CHECK(fs::parts_below("/", "/etc/passwd") == std::vector<std::string>{"etc", "passwd"});
    CHECK_FALSE(fs::parts_below("c", "cd/a.md"));
    CHECK_FALSE(fs::parts_below("c", "c/../a.md"));
    CHECK_FALSE(fs::parts_below(".", "/etc/passwd"));
}

TEST_CASE("the in-memory disk refuses symbolic links and special files as the real one does") {
    fs::MemoryFileSystem disk;
    disk.add_file("secret", "root:x:0:0");
    disk.add_file("c/a.md", "x");
    disk.add_symlink("c/link.md", "secret");
    disk.add_symlink("c/docs", "elsewhere");
    disk.add_file("elsewhere/b.md", "y");
    disk.add_special("c/fifo.md");
    CHECK(disk.kind("c/link.md") == fs::Kind::file);
    CHECK(disk.is_symlink("c/link.md"));
    CHECK(disk.kind("c/fifo.md") == fs::Kind::other);
    CHECK(disk.list("c") == std::vector<std::string>{"a.md", "docs", "fifo.md", "link.md"});
    CHECK(read_regular(disk, "c", "c/a.md").data == std::optional<std::string>("x"));
    CHECK(read_regular(disk, "c", "c/link.md").error.refusal == fs::Refusal::symlink);
    CHECK(read_regular(disk, "c", "c/docs/b.md").error.refusal == fs::Refusal::symlink);
    CHECK(read_regular(disk, "c", "c/fifo.md").error.refusal == fs::Refusal::special);
    CHECK(read_regular(disk, "c", "c/a.md", 0).error.refusal == fs::Refusal::too_large);
    CHECK(read_regular(disk, "c", "secret").error.refusal == fs::Refusal::outside);
    CHECK_FALSE(disk.read("c/link.md", nullptr));
}
