#include "output/lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

namespace passage::output {

namespace stdfs = std::filesystem;

std::string FolderLock::path_for(const std::string& folder) {
    std::error_code ec;
    auto p = stdfs::absolute(folder.empty() ? "." : folder, ec).lexically_normal();
    if (!p.has_filename()) p = p.parent_path();  // "public/" -> "public"
    if (p == p.root_path() || p.filename() == "..") return {};
    auto parent = stdfs::weakly_canonical(p.parent_path(), ec);
    if (ec) parent = p.parent_path();
    return (parent / (p.filename().string() + ".lock")).string();
}

std::optional<FolderLock> FolderLock::take(const std::string& folder, Mode mode, const char* busy_code, diag::Sink& sink) {
    const std::string path = path_for(folder);
    if (path.empty()) return FolderLock(-1);  // the root folder: refused as an output or a cache before anything is written
    std::error_code ec;
    stdfs::create_directories(stdfs::path(path).parent_path(), ec);
    // Read-only is enough for flock, and lets a build lock a file another user made.
    int fd = ::open(path.c_str(), O_RDONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0666);
    if (fd < 0) {
        sink.error("out-write", folder, {}, "cannot make the lock file " + path + ": " + std::strerror(errno));
        return std::nullopt;
    }
    int op = (mode == Mode::exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB;
    int rc;
    while ((rc = ::flock(fd, op)) != 0 && errno == EINTR) {
    }
    if (rc != 0) {
        const int e = errno;
        ::close(fd);
        if (e == EWOULDBLOCK)
            sink.error(busy_code, folder, {}, "another passage build is using the folder " + folder + " (it holds " + path + ")",
                       "wait for it to finish, then build again");
        else
            sink.error("out-write", folder, {}, "cannot lock " + path + ": " + std::strerror(e));
        return std::nullopt;
    }
    return FolderLock(fd);
}

FolderLock& FolderLock::operator=(FolderLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

FolderLock::~FolderLock() {
    if (fd_ >= 0) ::close(fd_);  // closing the last descriptor of the file releases the lock
}

}  // namespace passage::output
