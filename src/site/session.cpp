#include "site/session.hpp"

namespace passage::site {

Session::Session(fs::FileSystem& fs, const Options& o, unsigned jobs, diag::Sink& sink) {
    if (o.store) {
        store_ = o.store;
        return;
    }
    if (o.cache.empty()) {
        owned_ = std::make_unique<cache::NullStore>();
    } else {
        auto disk = std::make_unique<cache::DiskStore>(fs, o.cache, jobs, sink);
        disk_ = disk.get();
        owned_ = std::move(disk);
    }
    store_ = owned_.get();
}

bool Session::loaded() const {
    return disk_ ? disk_->loaded() : store_->enabled();
}

void Session::save(unsigned jobs, diag::Sink& sink) {
    if (disk_) disk_->save(jobs, sink);
    if (auto* memory = dynamic_cast<cache::MemoryStore*>(store_)) memory->end_build();
}

}  // namespace passage::site
