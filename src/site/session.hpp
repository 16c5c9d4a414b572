#pragma once
// The incremental cache of one build, as the orchestrator holds it: a store (cache/store.hpp) that
// every stage that remembers work is handed. Without --cache it is a store that remembers nothing,
// and the stages simply do their work; the orchestrator never branches on it.
#include <memory>

#include "cache/store.hpp"
#include "site/site.hpp"

namespace passage::site {

class Session {
public:
    // The store of `options`: the one it gives (serve keeps one in memory from build to build), or
    // the folder of --cache (read now; notes for a damaged one), or none.
    Session(fs::FileSystem& fs, const Options& options, unsigned jobs, diag::Sink& sink);
    cache::Store& store() { return *store_; }
    bool enabled() const { return store_->enabled(); }
    // Whether an earlier build's cache was found.
    bool loaded() const;
    // Keeps what this build used for the next one. Called after a build that published its site.
    void save(unsigned jobs, diag::Sink& sink);

private:
    cache::Store* store_ = nullptr;
    std::unique_ptr<cache::Store> owned_;
    cache::DiskStore* disk_ = nullptr;
};

}  // namespace passage::site
