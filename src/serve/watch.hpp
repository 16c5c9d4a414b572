#pragma once
// Watches the folders a site is made from (content, templates, assets) for changes, with Linux's
// inotify: every folder below each root, including the folders made after the start.
#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace passage::serve {

class Watcher {
public:
    // Watches each of `roots` that is a folder, and every folder below it. A root that does not exist
    // is not watched (say so to the user: `watched()` lists those that are).
    explicit Watcher(const std::vector<std::string>& roots);
    ~Watcher();
    Watcher(const Watcher&) = delete;
    Watcher& operator=(const Watcher&) = delete;

    bool ok() const { return fd_ >= 0; }
    const std::vector<std::string>& watched() const { return roots_; }

    // Waits for a change below the roots, then until `quiet` has passed without another one (an editor
    // saves a file in several steps; a checkout changes many). Returns the paths that changed, sorted,
    // each once; empty when `stop` was set or `timeout` passed first. Files an editor keeps beside the
    // one it edits (names that start with '.' or '#', or end in '~', ".swp", ".swx") are not changes.
    std::vector<std::string> wait(std::chrono::milliseconds quiet, std::chrono::milliseconds timeout, const std::atomic<bool>& stop);

private:
    void add_tree(const std::string& dir);
    // Reads the events waiting on the descriptor into `changed`.
    void drain(std::vector<std::string>& changed);

    int fd_ = -1;
    std::vector<std::string> roots_;
    std::map<int, std::string> folders_;  // watch descriptor -> folder
};

// Whether a file of that name is one an editor keeps beside the one it edits (see Watcher::wait).
bool editor_scratch(const std::string& name);

}  // namespace passage::serve
