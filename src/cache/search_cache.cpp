// The runs of search records of the incremental cache (cache.hpp: SearchCache).
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "cache/buckets.hpp"
#include "cache/cache.hpp"
#include "cache/codec.hpp"

namespace passage::cache {

using codec::decode_run;
using codec::encode_run;
using codec::Reader;
using codec::Writer;

struct SearchCache::Impl {
    Impl(fs::FileSystem& fs, std::string folder) : buckets{fs, std::move(folder), "search", {}} {}
    Buckets buckets;
    std::unordered_map<std::uint64_t, std::string_view> old;  // by key: an encoded run, in buckets.files
    std::vector<std::size_t> counts;                          // entries per file, as read
    std::mutex mutex;
    std::map<std::uint64_t, std::string_view> kept;  // this build's runs: the old entry or one of `made`
    std::vector<std::unique_ptr<std::string>> made;  // runs encoded now
    std::size_t recalled = 0;

    static std::size_t bucket(std::uint64_t key) { return key % kBuckets; }
};

SearchCache::SearchCache(fs::FileSystem& fs, std::string folder, unsigned jobs, diag::Sink& sink)
    : impl_(std::make_unique<Impl>(fs, std::move(folder))) {
    std::vector<std::vector<std::pair<std::uint64_t, std::string_view>>> loaded(kBuckets);
    impl_->buckets.read(jobs, sink, [&](std::size_t b, std::string_view payload) {
        Reader r(payload);
        for (auto n = r.count(); n > 0 && r.ok(); --n) {
            auto key = r.number();
            auto run = r.view();
            if (Impl::bucket(key) != b) r.invalidate();
            loaded[b].emplace_back(key, run);
        }
        if (r.ok() && r.done()) return true;
        loaded[b].clear();
        return false;
    });
    impl_->counts.assign(kBuckets, 0);
    for (std::size_t b = 0; b < kBuckets; ++b) {
        for (const auto& [key, run] : loaded[b]) impl_->old[key] = run;
        impl_->counts[b] = loaded[b].size();
    }
}

SearchCache::~SearchCache() = default;

std::optional<search::Run> SearchCache::recall(std::uint64_t key) {
    auto it = impl_->old.find(key);  // `old` is not changed after construction: read without the lock
    if (it == impl_->old.end()) return std::nullopt;
    Reader r(it->second);
    auto run = decode_run(r);
    if (!r.ok() || !r.done()) return std::nullopt;
    std::lock_guard lock(impl_->mutex);
    impl_->kept[key] = it->second;
    ++impl_->recalled;
    return run;
}

void SearchCache::keep(std::uint64_t key, const search::Run& run) {
    auto encoded = std::make_unique<std::string>(encode_run(run));
    std::lock_guard lock(impl_->mutex);
    impl_->kept[key] = *encoded;
    impl_->made.push_back(std::move(encoded));
}

void SearchCache::save(diag::Sink& sink) {
    auto& c = *impl_;
    std::vector<std::vector<std::pair<std::uint64_t, std::string_view>>> members(kBuckets);
    for (const auto& [key, run] : c.kept) members[Impl::bucket(key)].emplace_back(key, run);
    auto& fs = c.buckets.fs;
    fs::Error error = fs.make_dirs(c.buckets.folder);
    for (std::size_t b = 0; b < kBuckets && error.empty(); ++b) {
        // A file that holds just the runs it held stays as it is, without being put together again.
        bool same = !c.buckets.files[b].empty() && members[b].size() == c.counts[b];
        for (std::size_t k = 0; same && k < members[b].size(); ++k) {
            auto it = c.old.find(members[b][k].first);
            same = it != c.old.end() && it->second.data() == members[b][k].second.data();
        }
        if (same || (members[b].empty() && fs.kind(c.buckets.path(b)) == fs::Kind::none)) continue;
        Writer w;
        w.number(members[b].size());
        for (const auto& [key, run] : members[b]) {
            w.number(key);
            w.string(run);
        }
        error = c.buckets.write(b, w.take());
    }
    if (!error.empty()) sink.warning("cache-write", c.buckets.folder, {}, "the cache could not be written: " + error);
}

std::size_t SearchCache::recalled() const {
    return impl_->recalled;
}

std::size_t SearchCache::indexed() const {
    return impl_->made.size();
}

}  // namespace passage::cache
