#pragma once
// One build at a time per output folder and per cache folder. A build holds an advisory lock
// (flock) on a file beside each folder it writes, "<folder>.lock", from before it reads its first
// input until it has published the site and written the cache; a second build that asks for a lock
// another holds fails at once (out-locked, cache-locked) instead of waiting, and touches nothing.
// The lock file is never inside the folder (the output is replaced whole) and is never removed
// (removing it would let a third build lock a new file while the second still holds the old one);
// the system drops the lock when the process ends, however it ends.
#include <optional>
#include <string>

#include "diag/diag.hpp"

namespace passage::output {

class FolderLock {
public:
    // exclusive: a build that writes the folder. shared: a run that only reads it (passage check
    // reading the cache): any number of those at once, none beside a build.
    enum class Mode { exclusive, shared };

    // "<folder>.lock" in the canonical form of the folder's parent, so that every spelling of one
    // folder ("public", "./public/", "/abs/public") names one lock; "" for the root folder.
    static std::string path_for(const std::string& folder);

    // Takes the lock of `folder` without waiting, making the folder's parent if needed. Reports
    // `busy_code` (out-locked, cache-locked) when another process holds it, out-write when the lock
    // file cannot be made, and returns nullopt then.
    static std::optional<FolderLock> take(const std::string& folder, Mode mode, const char* busy_code, diag::Sink& sink);

    FolderLock(FolderLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    FolderLock& operator=(FolderLock&& other) noexcept;
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;
    ~FolderLock();

private:
    explicit FolderLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace passage::output
