#include "serve/watch.hpp"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace passage::serve {

namespace {

constexpr std::uint32_t kEvents =
    IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;

bool ends_with(const std::string& s, const std::string& end) {
    return s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0;
}

}  // namespace

bool editor_scratch(const std::string& name) {
    return name.empty() || name[0] == '.' || name[0] == '#' || ends_with(name, "~") || ends_with(name, ".swp") ||
           ends_with(name, ".swx") || name == "4913";  // vim probes whether it may write a folder with "4913"
}

Watcher::Watcher(const std::vector<std::string>& roots) {
    fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd_ < 0) return;
    std::error_code ec;
    for (const auto& root : roots) {
        if (!std::filesystem::is_directory(root, ec)) continue;
        roots_.push_back(root);
        add_tree(root);
    }
}

Watcher::~Watcher() {
    if (fd_ >= 0) ::close(fd_);
}

void Watcher::add_tree(const std::string& dir) {
    const int wd = ::inotify_add_watch(fd_, dir.c_str(), kEvents | IN_ONLYDIR | IN_DONT_FOLLOW);
    if (wd < 0) return;  // gone already, or the limit of watches reached: the rest still works
    folders_[wd] = dir;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const auto name = it->path().filename().string();
        if (!editor_scratch(name) && it->is_directory(ec) && !it->is_symlink(ec)) add_tree(it->path().string());
    }
}

void Watcher::drain(std::vector<std::string>& changed) {
    alignas(inotify_event) char buffer[16384];
    for (;;) {
        const ssize_t n = ::read(fd_, buffer, sizeof buffer);
        if (n <= 0) return;
        for (ssize_t at = 0; at < n;) {
            const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
            at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
            if (e->mask & IN_Q_OVERFLOW) {  // events were lost: something changed, we do not know what
                changed.push_back("(many files)");
                continue;
            }
            auto folder = folders_.find(e->wd);
            if (folder == folders_.end()) continue;
            if (e->mask & IN_IGNORED) {  // the folder is gone
                folders_.erase(folder);
                continue;
            }
            const std::string name = e->len ? std::string(e->name) : std::string();
            if (!name.empty() && editor_scratch(name)) continue;
            const std::string path = name.empty() ? folder->second : folder->second + "/" + name;
            if ((e->mask & IN_ISDIR) && (e->mask & (IN_CREATE | IN_MOVED_TO))) add_tree(path);
            changed.push_back(path);
        }
    }
}

std::vector<std::string> Watcher::wait(std::chrono::milliseconds quiet, std::chrono::milliseconds timeout, const std::atomic<bool>& stop) {
    std::vector<std::string> changed;
    if (fd_ < 0) return changed;
    using clock = std::chrono::steady_clock;
    const auto give_up = clock::now() + timeout;
    // Polls in short steps, so that `stop` is seen soon.
    constexpr int step_ms = 50;
    while (changed.empty()) {
        if (stop || clock::now() >= give_up) return changed;
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, step_ms) > 0) drain(changed);
    }
    for (auto last = clock::now(); clock::now() - last < quiet;) {
        if (stop) return {};
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, step_ms) > 0) {
            const auto before = changed.size();
            drain(changed);
            if (changed.size() != before) last = clock::now();
        }
    }
    std::sort(changed.begin(), changed.end());
    changed.erase(std::unique(changed.begin(), changed.end()), changed.end());
    return changed;
}

}  // namespace passage::serve
