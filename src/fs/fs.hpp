#pragma once
// The file-system seam. Stages read and write through a FileSystem so that tests can run on an
// in-memory disk and inject failures. Paths are '/'-separated strings. `read`, `write`, `link` and
// `make_dirs` may be called from several threads at once (writing different paths) while no other
// call runs.
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace passage::fs {

enum class Kind { none, file, directory, other };

// What tells one version of a file from another without reading it: its size, its modification and
// status-change times (nanoseconds since the epoch), its inode and its device. A file written again,
// or replaced by another, or whose times are set, gets another stamp: the system sets the status
// time of every change to a file, and no program can set it back. Two changes within one tick of
// the file system's clock may share their times (see output::settled).
struct Stamp {
    std::uint64_t size = 0, mtime_ns = 0, ctime_ns = 0, inode = 0, device = 0;
    bool operator==(const Stamp&) const = default;
};

// Every operation that can fail returns an error message, empty on success.
using Error = std::string;

// Why FileSystem::read_regular gave no bytes.
enum class Refusal {
    missing,     // nothing there
    outside,     // the path is not below the root
    symlink,     // a symbolic link at the path or on the way to it
    special,     // not a regular file: a FIFO, a device, a socket, a folder
    too_large,   // more bytes than the limit
    unreadable,  // the system refused (permissions, I/O error)
};
struct ReadError {
    Refusal refusal = Refusal::unreadable;
    std::string message;  // what the system or the check said, for a diagnostic
};

class FileSystem {
public:
    virtual ~FileSystem() = default;
    virtual Kind kind(const std::string& path) const = 0;
    // The whole file, or nullopt when it cannot be read (the reason in *error when given). Only a
    // regular file is read: a symbolic link at the path is not followed, and a FIFO or a device is
    // refused without blocking.
    virtual std::optional<std::string> read(const std::string& path, Error* error = nullptr) const = 0;
    // How every input file (content, templates, assets) is read. The bytes of the regular file at
    // `path`, which must lie below the folder `root`: `root` itself may be reached through a symbolic
    // link, nothing below it is. Refused, with the reason in *error: a path outside `root` or with a
    // ".." part, a symbolic link at the path or on the way to it, anything but a regular file (never
    // opened, so nothing blocks and no device is touched), and a file of more than `limit` bytes
    // (known from its size before it is read, and enforced while reading, for a file that grows).
    virtual std::optional<std::string> read_regular(const std::string& root, const std::string& path, std::size_t limit,
                                                    ReadError* error = nullptr) const = 0;
    // Names (not paths) of the entries of a directory, sorted bytewise; empty when there is none.
    virtual std::vector<std::string> list(const std::string& dir) const = 0;
    // True when the path is a symbolic link (never followed by the loaders' security checks).
    virtual bool is_symlink(const std::string& path) const = 0;
    // The canonical absolute form of a path that exists, for comparing folders; the path itself otherwise.
    virtual std::string canonical(const std::string& path) const = 0;
    // The stamp of a regular file (not followed if it is a symbolic link); nullopt for anything else.
    // May be called from several threads at once.
    virtual std::optional<Stamp> stamp(const std::string& path) const = 0;

    virtual Error write(const std::string& path, std::string_view data) = 0;  // creates or replaces
    virtual Error make_dirs(const std::string& path) = 0;
    virtual Error rename(const std::string& from, const std::string& to) = 0;  // atomic on one disk; a file replaces a file
    // Makes `to` one more name of the file `from` (a hard link: the same bytes, nothing copied).
    virtual Error link(const std::string& from, const std::string& to) = 0;
    // Swaps two existing paths in one atomic step (renameat2 RENAME_EXCHANGE on Linux).
    virtual Error exchange(const std::string& a, const std::string& b) = 0;
    virtual Error remove_all(const std::string& path) = 0;
};

// The real disk, through std::filesystem.
class RealFileSystem final : public FileSystem {
public:
    Kind kind(const std::string& path) const override;
    std::optional<std::string> read(const std::string& path, Error* error) const override;
    std::optional<std::string> read_regular(const std::string& root, const std::string& path, std::size_t limit,
                                            ReadError* error) const override;
    std::vector<std::string> list(const std::string& dir) const override;
    bool is_symlink(const std::string& path) const override;
    std::string canonical(const std::string& path) const override;
    std::optional<Stamp> stamp(const std::string& path) const override;
    Error write(const std::string& path, std::string_view data) override;
    Error make_dirs(const std::string& path) override;
    Error rename(const std::string& from, const std::string& to) override;
    Error link(const std::string& from, const std::string& to) override;
    Error exchange(const std::string& a, const std::string& b) override;
    Error remove_all(const std::string& path) override;
};

// A disk in memory, for tests. `fail_writes_after(n)` makes every write after the n-th fail, to test
// what a build that dies half-way leaves behind.
class MemoryFileSystem final : public FileSystem {
public:
    void add_file(const std::string& path, std::string data);
    // A symbolic link to `target` (a path of this disk): kind() follows it, read() and
    // read_regular() refuse it, as on the real disk.
    void add_symlink(const std::string& path, const std::string& target);
    // Something that is neither a file nor a folder (a FIFO, a device): Kind::other, never read.
    void add_special(const std::string& path);
    void fail_writes_after(std::size_t n) { fail_after_ = n; }
    const std::map<std::string, std::string>& files() const { return files_; }

    Kind kind(const std::string& path) const override;
    std::optional<std::string> read(const std::string& path, Error* error) const override;
    std::optional<std::string> read_regular(const std::string& root, const std::string& path, std::size_t limit,
                                            ReadError* error) const override;
    std::vector<std::string> list(const std::string& dir) const override;
    bool is_symlink(const std::string& path) const override;
    std::string canonical(const std::string& path) const override;
    // No clock here: a file's stamp is its size and a hash of its bytes (as its inode), with times 0.
    std::optional<Stamp> stamp(const std::string& path) const override;
    Error write(const std::string& path, std::string_view data) override;
    Error make_dirs(const std::string& path) override;
    Error rename(const std::string& from, const std::string& to) override;
    Error link(const std::string& from, const std::string& to) override;  // a copy: files here share nothing
    Error exchange(const std::string& a, const std::string& b) override;
    Error remove_all(const std::string& path) override;

private:
    // Taken by read, write, link and make_dirs, which may run on several threads. A copy of the disk
    // gets a mutex of its own.
    struct Mutex : std::mutex {
        Mutex() = default;
        Mutex(const Mutex&) : std::mutex() {}
        Mutex& operator=(const Mutex&) { return *this; }
    };
    mutable Mutex mutex_;
    std::map<std::string, std::string> files_;
    std::set<std::string> dirs_;
    std::map<std::string, std::string> links_;  // symbolic link -> its target
    std::set<std::string> specials_;
    std::optional<std::size_t> fail_after_;
    std::size_t writes_ = 0;
};

// Joins path parts with '/', without doubling separators.
std::string join(std::string_view a, std::string_view b);
// Removes "./" parts and trailing '/'; "" becomes ".".
std::string normalize(std::string_view path);
// The parts of `path` below `root` ("a/b.md" for root "c" and path "c/a/b.md", compared after
// normalize), or nullopt when it does not lie below it or a part is "..".
std::optional<std::vector<std::string>> parts_below(std::string_view root, std::string_view path);
std::string parent_of(std::string_view path);

}  // namespace passage::fs
