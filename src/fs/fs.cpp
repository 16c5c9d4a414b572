#include "fs/fs.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "util/hash.hpp"

namespace stdfs = std::filesystem;

namespace passage::fs {

std::string join(std::string_view a, std::string_view b) {
    if (a.empty() || a == ".") return std::string(b);
    if (b.empty()) return std::string(a);
    std::string out(a);
    if (out.back() != '/') out += '/';
    out += b;
    return out;
}

std::string normalize(std::string_view path) {
    std::string out;
    std::size_t i = 0;
    while (i < path.size()) {
        auto j = path.find('/', i);
        if (j == std::string_view::npos) j = path.size();
        auto part = path.substr(i, j - i);
        if (part == "." || (part.empty() && !out.empty())) {
        } else {
            if (!out.empty() && out != "/") out += '/';
            out += part.empty() ? "/" : std::string(part);
        }
        i = j + 1;
    }
    return out.empty() ? "." : out;
}

std::optional<std::vector<std::string>> parts_below(std::string_view root, std::string_view path) {
    const std::string r = normalize(root), p = normalize(path);
    std::string_view rest;
    if (r == ".") {
        if (!p.empty() && p[0] == '/') return std::nullopt;
        rest = p;
    } else if (p.size() > r.size() && p.compare(0, r.size(), r) == 0 && (r.back() == '/' || p[r.size()] == '/')) {
        rest = std::string_view(p).substr(r.size() + (r.back() == '/' ? 0 : 1));
    } else {
        return std::nullopt;
    }
    std::vector<std::string> parts;
    for (std::size_t i = 0; i <= rest.size();) {
        auto j = std::min(rest.find('/', i), rest.size());
        auto part = rest.substr(i, j - i);
        if (part == ".." || part.empty() || part == ".") return std::nullopt;
        parts.emplace_back(part);
        i = j + 1;
    }
    return parts;
}

std::string parent_of(std::string_view path) {
    auto p = path.rfind('/');
    if (p == std::string_view::npos) return ".";
    if (p == 0) return "/";
    return std::string(path.substr(0, p));
}

// ---- real disk ----

Kind RealFileSystem::kind(const std::string& path) const {
    std::error_code ec;
    auto st = stdfs::status(path, ec);
    if (ec || st.type() == stdfs::file_type::not_found) return Kind::none;
    if (st.type() == stdfs::file_type::regular) return Kind::file;
    if (st.type() == stdfs::file_type::directory) return Kind::directory;
    return Kind::other;
}

namespace {

const char* kind_name(mode_t mode) {
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISLNK(mode)) return "a symbolic link";
    return "not a regular file";
}

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
};

// Reads the open regular file `fd` (whose size fstat gave as `size`) to its end, or fails once it
// has more than `limit` bytes.
std::optional<std::string> read_all(int fd, std::size_t size, std::size_t limit, ReadError* error) {
    std::string data;
    data.reserve(std::min(size, limit));
    char buffer[65536];
    for (;;) {
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (n < 0) {
            if (error) *error = {Refusal::unreadable, std::strerror(errno)};
            return std::nullopt;
        }
        if (n == 0) return data;
        if (data.size() + static_cast<std::size_t>(n) > limit) {
            if (error) *error = {Refusal::too_large, "more than " + std::to_string(limit) + " bytes (the file grew while it was read)"};
            return std::nullopt;
        }
        data.append(buffer, static_cast<std::size_t>(n));
    }
}

// Opens `name` in the folder `dir` (a descriptor, or AT_FDCWD) for reading if, and only if, it is a
// regular file of at most `limit` bytes: its status is looked at first without following a
// symbolic link, so that a FIFO or a device is never opened, then again once it is open, so that
// nothing put in its place in between is read.
std::optional<std::string> read_at(int dir, const char* name, std::size_t limit, ReadError* error) {
    struct stat st {};
    if (::fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (error) *error = {errno == ENOENT || errno == ENOTDIR ? Refusal::missing : Refusal::unreadable, std::strerror(errno)};
        return std::nullopt;
    }
    auto refuse_kind = [&](const struct stat& s) {
        if (error) *error = {S_ISLNK(s.st_mode) ? Refusal::symlink : Refusal::special, std::string("it is ") + kind_name(s.st_mode)};
        return std::nullopt;
    };
    if (!S_ISREG(st.st_mode)) return refuse_kind(st);
    auto too_large = [&](const struct stat& s) {
        if (error) *error = {Refusal::too_large, std::to_string(s.st_size) + " bytes, more than the limit of " + std::to_string(limit)};
        return std::nullopt;
    };
    if (static_cast<std::uint64_t>(st.st_size) > limit) return too_large(st);
    Fd f{::openat(dir, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
    if (f.fd < 0) {
        if (error) *error = {errno == ELOOP ? Refusal::symlink : Refusal::unreadable, std::strerror(errno)};
        return std::nullopt;
    }
    if (::fstat(f.fd, &st) != 0) {
        if (error) *error = {Refusal::unreadable, std::strerror(errno)};
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) return refuse_kind(st);
    if (static_cast<std::uint64_t>(st.st_size) > limit) return too_large(st);
    return read_all(f.fd, static_cast<std::size_t>(st.st_size), limit, error);
}

}  // namespace

std::optional<std::string> RealFileSystem::read(const std::string& path, Error* error) const {
    // POSIX calls rather than streams: content loading reads every file of the corpus, and the
    // output stage reads the files of the previous output.
    ReadError why;
    auto data = read_at(AT_FDCWD, path.c_str(), static_cast<std::size_t>(-1), &why);
    if (!data && error) *error = why.message;
    return data;
}

std::optional<std::string> RealFileSystem::read_regular(const std::string& root, const std::string& path, std::size_t limit,
                                                        ReadError* error) const {
    auto parts = parts_below(root, path);
    if (!parts) {
        if (error) *error = {Refusal::outside, "not inside " + root};
        return std::nullopt;
    }
    // Down from the root one folder at a time, none of them through a symbolic link.
    Fd dir{::open(normalize(root).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (dir.fd < 0) {
        if (error) *error = {errno == ENOENT ? Refusal::missing : Refusal::unreadable, std::strerror(errno)};
        return std::nullopt;
    }
    for (std::size_t i = 0; i + 1 < parts->size(); ++i) {
        int next = ::openat(dir.fd, (*parts)[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0) {
            const int e = errno;
            struct stat st {};
            const bool link = ::fstatat(dir.fd, (*parts)[i].c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
            if (error) {
                if (link)
                    *error = {Refusal::symlink, "the folder " + (*parts)[i] + " on the way is a symbolic link"};
                else
                    *error = {e == ENOENT || e == ENOTDIR ? Refusal::missing : Refusal::unreadable, std::strerror(e)};
            }
            return std::nullopt;
        }
        ::close(dir.fd);
        dir.fd = next;
    }
    return read_at(dir.fd, parts->back().c_str(), limit, error);
}

std::vector<std::string> RealFileSystem::list(const std::string& dir) const {
    std::vector<std::string> out;
    std::error_code ec;
    for (stdfs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) out.push_back(it->path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

bool RealFileSystem::is_symlink(const std::string& path) const {
    std::error_code ec;
    return stdfs::is_symlink(stdfs::symlink_status(path, ec));
}

std::optional<Stamp> RealFileSystem::stamp(const std::string& path) const {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    auto ns = [](const timespec& t) {
        return static_cast<std::uint64_t>(t.tv_sec) * 1000000000ULL + static_cast<std::uint64_t>(t.tv_nsec);
    };
    return Stamp{static_cast<std::uint64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim), static_cast<std::uint64_t>(st.st_ino),
                 static_cast<std::uint64_t>(st.st_dev)};
}

std::string RealFileSystem::canonical(const std::string& path) const {
    std::error_code ec;
    auto c = stdfs::weakly_canonical(stdfs::absolute(path, ec), ec);
    return ec ? path : c.string();
}

Error RealFileSystem::write(const std::string& path, std::string_view data) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) return path + ": " + std::strerror(errno);
    bool ok = true;
    for (std::size_t done = 0; ok && done < data.size();) {
        ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            ok = false;
        else
            done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) ok = false;
    if (!ok) return path + ": write failed";
    return {};
}

Error RealFileSystem::make_dirs(const std::string& path) {
    std::error_code ec;
    stdfs::create_directories(path, ec);
    return ec ? path + ": " + ec.message() : Error{};
}

Error RealFileSystem::rename(const std::string& from, const std::string& to) {
    std::error_code ec;
    stdfs::rename(from, to, ec);
    return ec ? from + " -> " + to + ": " + ec.message() : Error{};
}

Error RealFileSystem::link(const std::string& from, const std::string& to) {
    if (::link(from.c_str(), to.c_str()) != 0) return from + " -> " + to + ": " + std::strerror(errno);
    return {};
}

Error RealFileSystem::exchange(const std::string& a, const std::string& b) {
    if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) != 0) return a + " <-> " + b + ": " + std::strerror(errno);
    return {};
}

Error RealFileSystem::remove_all(const std::string& path) {
    std::error_code ec;
    stdfs::remove_all(path, ec);
    return ec ? path + ": " + ec.message() : Error{};
}

// ---- memory ----

void MemoryFileSystem::add_file(const std::string& path, std::string data) {
    files_[normalize(path)] = std::move(data);
    for (auto p = parent_of(normalize(path)); p != "." && p != "/"; p = parent_of(p)) dirs_.insert(p);
}

Kind MemoryFileSystem::kind(const std::string& path) const {
    auto p = normalize(path);
    for (int hops = 0; links_.count(p); ++hops) {  // followed, as stat() does, at most 40 times
        if (hops == 40) return Kind::none;
        p = links_.at(p);
    }
    if (specials_.count(p)) return Kind::other;
    if (files_.count(p)) return Kind::file;
    if (dirs_.count(p) || p == ".") return Kind::directory;
    return Kind::none;
}

void MemoryFileSystem::add_symlink(const std::string& path, const std::string& target) {
    links_[normalize(path)] = normalize(target);
    for (auto p = parent_of(normalize(path)); p != "." && p != "/"; p = parent_of(p)) dirs_.insert(p);
}

void MemoryFileSystem::add_special(const std::string& path) {
    specials_.insert(normalize(path));
    for (auto p = parent_of(normalize(path)); p != "." && p != "/"; p = parent_of(p)) dirs_.insert(p);
}

bool MemoryFileSystem::is_symlink(const std::string& path) const {
    return links_.count(normalize(path)) > 0;
}

std::optional<std::string> MemoryFileSystem::read(const std::string& path, Error* error) const {
    std::lock_guard lock(mutex_);
    const auto p = normalize(path);
    auto it = files_.find(p);
    if (it == files_.end()) {
        if (error)
            *error = links_.count(p)      ? "Too many levels of symbolic links"
                     : specials_.count(p) ? "it is not a regular file"
                                          : "No such file or directory";
        return std::nullopt;
    }
    return it->second;
}

std::optional<std::string> MemoryFileSystem::read_regular(const std::string& root, const std::string& path, std::size_t limit,
                                                          ReadError* error) const {
    auto fail = [&](Refusal r, std::string message) -> std::optional<std::string> {
        if (error) *error = {r, std::move(message)};
        return std::nullopt;
    };
    auto parts = parts_below(root, path);
    if (!parts) return fail(Refusal::outside, "not inside " + root);
    std::string at = normalize(root);
    for (std::size_t i = 0; i < parts->size(); ++i) {
        at = join(at, (*parts)[i]);
        if (links_.count(at))
            return fail(Refusal::symlink,
                        i + 1 < parts->size() ? "the folder " + (*parts)[i] + " on the way is a symbolic link" : "it is a symbolic link");
    }
    if (specials_.count(at) || (dirs_.count(at) && !files_.count(at))) return fail(Refusal::special, "it is not a regular file");
    std::lock_guard lock(mutex_);
    auto it = files_.find(at);
    if (it == files_.end()) return fail(Refusal::missing, "No such file or directory");
    if (it->second.size() > limit)
        return fail(Refusal::too_large, std::to_string(it->second.size()) + " bytes, more than the limit of " + std::to_string(limit));
    return it->second;
}

std::vector<std::string> MemoryFileSystem::list(const std::string& dir) const {
    auto d = normalize(dir);
    std::string prefix = d == "." ? "" : d + "/";
    std::set<std::string> names;
    auto collect = [&](const std::string& p) {
        if (p.compare(0, prefix.size(), prefix) != 0 || p.size() == prefix.size()) return;
        auto rest = p.substr(prefix.size());
        names.insert(rest.substr(0, rest.find('/')));
    };
    for (const auto& [p, _] : files_) collect(p);
    for (const auto& p : dirs_) collect(p);
    for (const auto& [p, _] : links_) collect(p);
    for (const auto& p : specials_) collect(p);
    return {names.begin(), names.end()};
}

std::string MemoryFileSystem::canonical(const std::string& path) const {
    std::string out = "/";  // not `"/" + normalize(path)`, which trips a false -Wrestrict in GCC 12
    out += normalize(path);
    return out;
}

std::optional<Stamp> MemoryFileSystem::stamp(const std::string& path) const {
    std::lock_guard lock(mutex_);
    auto it = files_.find(normalize(path));
    if (it == files_.end()) return std::nullopt;
    return Stamp{it->second.size(), 0, 0, util::hash64(it->second), 0};
}

Error MemoryFileSystem::write(const std::string& path, std::string_view data) {
    std::lock_guard lock(mutex_);
    if (fail_after_ && writes_ >= *fail_after_) return path + ": injected write failure";
    ++writes_;
    if (kind(parent_of(normalize(path))) != Kind::directory) return path + ": No such file or directory";
    files_[normalize(path)] = std::string(data);
    return {};
}

Error MemoryFileSystem::make_dirs(const std::string& path) {
    std::lock_guard lock(mutex_);
    for (auto p = normalize(path); p != "." && p != "/"; p = parent_of(p)) dirs_.insert(p);
    return {};
}

Error MemoryFileSystem::rename(const std::string& from, const std::string& to) {
    auto f = normalize(from), t = normalize(to);
    if (kind(f) == Kind::none) return from + ": No such file or directory";
    if (kind(f) == Kind::file && kind(t) == Kind::file) {  // as rename(2): the file replaces the other
        files_[t] = std::move(files_[f]);
        files_.erase(f);
        return {};
    }
    if (kind(t) != Kind::none) return to + ": exists";
    auto move_keys = [&](auto& container) {
        std::remove_reference_t<decltype(container)> moved;
        for (auto it = container.begin(); it != container.end();) {
            std::string key;
            if constexpr (std::is_same_v<std::decay_t<decltype(container)>, std::set<std::string>>)
                key = *it;
            else
                key = it->first;
            if (key == f || key.compare(0, f.size() + 1, f + "/") == 0) {
                std::string nk = t + key.substr(f.size());
                if constexpr (std::is_same_v<std::decay_t<decltype(container)>, std::set<std::string>>)
                    moved.insert(nk);
                else
                    moved.emplace(nk, std::move(it->second));
                it = container.erase(it);
            } else {
                ++it;
            }
        }
        container.merge(moved);
    };
    move_keys(files_);
    move_keys(dirs_);
    return {};
}

Error MemoryFileSystem::link(const std::string& from, const std::string& to) {
    std::lock_guard lock(mutex_);
    auto it = files_.find(normalize(from));
    if (it == files_.end()) return from + ": No such file or directory";
    auto t = normalize(to);
    if (files_.count(t) || dirs_.count(t)) return to + ": File exists";
    if (!dirs_.count(parent_of(t)) && parent_of(t) != ".") return to + ": No such file or directory";
    files_[t] = it->second;
    return {};
}

Error MemoryFileSystem::exchange(const std::string& a, const std::string& b) {
    std::string tmp = normalize(a) + ".exchange-tmp";
    if (auto e = rename(a, tmp); !e.empty()) return e;
    if (auto e = rename(b, a); !e.empty()) return e;
    return rename(tmp, b);
}

Error MemoryFileSystem::remove_all(const std::string& path) {
    auto p = normalize(path);
    std::erase_if(files_, [&](const auto& kv) { return kv.first == p || kv.first.compare(0, p.size() + 1, p + "/") == 0; });
    std::erase_if(dirs_, [&](const auto& d) { return d == p || d.compare(0, p.size() + 1, p + "/") == 0; });
    return {};
}

}  // namespace passage::fs
