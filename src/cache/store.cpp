#include "cache/store.hpp"

#include <sys/stat.h>

#include <map>

#include "util/codec.hpp"
#include "util/parallel.hpp"

#ifndef PASSAGE_VERSION
#define PASSAGE_VERSION "0.0.0"
#endif

namespace passage::cache {

namespace {

constexpr std::string_view kMagic = "passage store 2\n";

std::size_t bucket_of(const Key& key) {
    return static_cast<std::size_t>(key.lo % DiskStore::kBuckets);
}

}  // namespace

std::string identity() {
    std::string id = std::string(kMagic) + "version " + PASSAGE_VERSION + "\n";
    struct stat st {};
    if (::stat("/proc/self/exe", &st) == 0) {
        id += "program " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) +
              " " + std::to_string(st.st_ino) + "\n";
    } else {
        id += "program unknown\n";
    }
    return id;
}

// --- MemoryStore -------------------------------------------------------------------------------

std::optional<std::string_view> MemoryStore::get(const Key& key) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    it->second.used = true;
    return std::string_view(*it->second.bytes);
}

void MemoryStore::put(const Key& key, std::string bytes) {
    std::lock_guard lock(mutex_);
    auto& e = entries_[key];
    // A view handed out earlier stays valid until end_build(): the old bytes are kept until then.
    if (e.bytes) retired_.push_back(std::move(e.bytes));
    e.bytes = std::make_unique<std::string>(std::move(bytes));
    e.used = true;
}

void MemoryStore::touch(const Key& key) {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(key); it != entries_.end()) it->second.used = true;
}

void MemoryStore::end_build() {
    std::lock_guard lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end();) {
        if (!it->second.used) {
            it = entries_.erase(it);
        } else {
            it->second.used = false;
            ++it;
        }
    }
    retired_.clear();
}

std::size_t MemoryStore::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

// --- DiskStore ---------------------------------------------------------------------------------

std::string DiskStore::path(std::size_t bucket) const {
    static const char* hex = "0123456789abcdef";
    return fs::join(folder_, std::string("store-") + hex[bucket / 16 % 16] + hex[bucket % 16] + ".bin");
}

DiskStore::DiskStore(fs::FileSystem& fs, std::string folder, unsigned jobs, diag::Sink& sink)
    : fs_(fs), folder_(std::move(folder)), files_(kBuckets), counts_(kBuckets, 0), manifest_(kBuckets, 0) {
    if (fs_.kind(folder_) == fs::Kind::none) return;
    const std::string head = identity();
    // The manifest: the checksum of each bucket file, as the last save wrote them.
    bool manifest_ok = false;
    const std::string manifest_path = fs::join(folder_, "manifest.bin");
    if (fs_.kind(manifest_path) == fs::Kind::file)
        if (auto data = fs_.read(manifest_path); data && data->compare(0, head.size(), head) == 0) {
            util::Reader r(std::string_view(*data).substr(head.size()));
            for (auto& sum : manifest_) sum = r.number();
            manifest_ok = r.finished();
        }
    if (!manifest_ok) manifest_.assign(kBuckets, 0);

    std::vector<std::string> unreadable(kBuckets);
    std::vector<char> stale(kBuckets, 0);
    std::vector<std::vector<std::pair<Key, std::string_view>>> read(kBuckets);
    util::parallel_for(kBuckets, jobs, [&](std::size_t b) {
        const auto p = path(b);
        if (fs_.kind(p) == fs::Kind::none) return;
        fs::Error error;
        auto data = fs_.read(p, &error);
        if (!data) {
            unreadable[b] = error.empty() ? "?" : error;
            return;
        }
        files_[b] = std::move(*data);
        const std::string_view file = files_[b];
        bool good = manifest_[b] != 0 && util::hash64(file) == manifest_[b] && file.compare(0, head.size(), head) == 0;
        if (good) {
            util::Reader r(file.substr(head.size()));
            for (auto n = r.count(); n > 0 && r.ok(); --n) {
                Key key = r.hash();
                auto bytes = r.view();
                if (bucket_of(key) != b) r.invalidate();
                read[b].emplace_back(key, bytes);
            }
            good = r.finished();
        }
        if (!good) {
            files_[b].clear();
            read[b].clear();
            stale[b] = 1;
        }
    });
    std::size_t set_aside = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) {
        if (!unreadable[b].empty())
            sink.note("cache-unreadable", path(b), {},
                      "a file of the cache cannot be read (" + unreadable[b] + "); what it held is made again");
        set_aside += stale[b];
        counts_[b] = read[b].size();
        if (!files_[b].empty()) loaded_ = true;
        for (const auto& [key, bytes] : read[b]) entries_[key].bytes = bytes;
    }
    if (set_aside > 0)
        sink.note("cache-stale", folder_, {},
                  std::to_string(set_aside) +
                      " file(s) of the cache were written by another passage program, or are damaged; what they held is made again");
}

DiskStore::~DiskStore() = default;

std::optional<std::string_view> DiskStore::get(const Key& key) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    it->second.used = true;
    return it->second.bytes;
}

void DiskStore::put(const Key& key, std::string bytes) {
    auto owned = std::make_unique<std::string>(std::move(bytes));
    std::lock_guard lock(mutex_);
    auto& e = entries_[key];
    if (e.used && e.bytes == *owned) return;  // written twice with the same bytes
    e.bytes = *owned;
    e.used = true;
    e.fresh = true;
    made_.push_back(std::move(owned));
}

void DiskStore::touch(const Key& key) {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(key); it != entries_.end()) it->second.used = true;
}

void DiskStore::save(unsigned jobs, diag::Sink& sink) {
    std::lock_guard lock(mutex_);
    // The entries to keep, by bucket, in key order (the same bytes for the same entries).
    std::vector<std::map<Key, const Entry*>> members(kBuckets);
    for (const auto& [key, e] : entries_)
        if (e.used) members[bucket_of(key)].emplace(key, &e);
    fs::Error error = fs_.make_dirs(folder_);
    if (!error.empty()) {
        sink.warning("cache-write", folder_, {}, "the cache could not be written: " + error);
        return;
    }
    const std::string head = identity();
    std::vector<std::uint64_t> sums(kBuckets, 0);
    std::vector<fs::Error> errors(kBuckets);
    enum class Step : char { keep, write, remove };
    std::vector<Step> steps(kBuckets, Step::keep);
    // Encoded and written to temporary files on `jobs` threads; renamed into place (and emptied
    // files removed) one at a time, as the file system seam allows.
    util::parallel_for(kBuckets, jobs, [&](std::size_t b) {
        // A file that holds just the entries it held, none of them written anew, stays as it is.
        bool same = !files_[b].empty() && members[b].size() == counts_[b];
        for (auto it = members[b].begin(); same && it != members[b].end(); ++it) same = !it->second->fresh;
        if (same) {
            sums[b] = manifest_[b];
            return;
        }
        if (members[b].empty()) {
            if (fs_.kind(path(b)) != fs::Kind::none) steps[b] = Step::remove;
            return;
        }
        util::Writer w;
        w.number(members[b].size());
        for (const auto& [key, e] : members[b]) w.hash(key).string(e->bytes);
        std::string out = head + w.take();
        sums[b] = util::hash64(out);
        errors[b] = fs_.write(path(b) + ".tmp", out);
        steps[b] = Step::write;
    });
    files_written_ = 0;
    for (std::size_t b = 0; b < kBuckets && error.empty(); ++b) {
        if (steps[b] == Step::keep) continue;
        ++files_written_;
        error = errors[b];
        if (error.empty()) error = steps[b] == Step::write ? fs_.rename(path(b) + ".tmp", path(b)) : fs_.remove_all(path(b));
    }
    if (error.empty() && (files_written_ > 0 || sums != manifest_)) {
        util::Writer w;
        for (auto sum : sums) w.number(sum);
        const auto p = fs::join(folder_, "manifest.bin"), temporary = p + ".tmp";
        error = fs_.write(temporary, head + w.take());
        if (error.empty()) error = fs_.rename(temporary, p);
    }
    if (!error.empty()) sink.warning("cache-write", folder_, {}, "the cache could not be written: " + error);
}

}  // namespace passage::cache
