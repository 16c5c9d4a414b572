#pragma once
// The incremental cache as a store of bytes by key, below every stage that remembers work. The store
// knows nothing of documents, pages or search: a stage computes a key from everything its result
// depends on (util::Hasher, named after the stage and the version of its encoding), asks the store,
// and does the work when the store has nothing. What a key means, how its bytes are encoded and
// when a result may be reused is the stage's own business (markdown/memo.cpp, crossref/memo.cpp,
// render/memo.cpp, search/memo.cpp, output/page_memo.cpp).
//
// A build sees the entries the last build kept, and keeps for the next one exactly the entries it
// read (get) or wrote (put), so the cache holds what one build used and no more.
//
// Three stores: NullStore remembers nothing (a build without --cache: every stage does its work);
// MemoryStore keeps entries in memory from one build to the next (`passage serve`, tests); DiskStore
// keeps them in a folder (`passage build --cache DIR`).
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diag/diag.hpp"
#include "fs/fs.hpp"
#include "util/hash.hpp"

namespace passage::cache {

using Key = util::Hash128;

struct KeyHash {
    std::size_t operator()(const Key& k) const { return static_cast<std::size_t>(k.lo ^ (k.hi * 0x9E3779B97F4A7C15ULL)); }
};

class Store {
public:
    virtual ~Store() = default;
    // False for a store that remembers nothing: a stage need not compute keys for it.
    virtual bool enabled() const = 0;
    // The bytes kept under `key`, by the last build or by this one; the entry is kept for the next
    // build. The view stays valid as long as the store. Thread-safe.
    virtual std::optional<std::string_view> get(const Key& key) = 0;
    // Keeps `bytes` under `key` for the next build (replacing what was there). Thread-safe.
    virtual void put(const Key& key, std::string bytes) = 0;
    // Keeps the entry under `key` for the next build without reading it, if there is one. Thread-safe.
    virtual void touch(const Key& key) = 0;
};

class NullStore final : public Store {
public:
    bool enabled() const override { return false; }
    std::optional<std::string_view> get(const Key&) override { return std::nullopt; }
    void put(const Key&, std::string) override {}
    void touch(const Key&) override {}
};

// Entries in memory. end_build() forgets what the build that ends neither read nor wrote.
class MemoryStore final : public Store {
public:
    bool enabled() const override { return true; }
    std::optional<std::string_view> get(const Key& key) override;
    void put(const Key& key, std::string bytes) override;
    void touch(const Key& key) override;
    // Forgets the entries the build that ends did not use; the next build starts.
    void end_build();
    std::size_t size() const;

private:
    struct Entry {
        std::unique_ptr<std::string> bytes;  // stable address: views handed out stay valid
        bool used = false;
    };
    mutable std::mutex mutex_;
    std::unordered_map<Key, Entry, KeyHash> entries_;
    std::vector<std::unique_ptr<std::string>> retired_;  // replaced by put() during this build
};

// Entries in a folder: kBuckets files "store-XX.bin", an entry going to the one its key names, and
// "manifest.bin", written last, with the checksum of every bucket file. A bucket file: the identity
// of the program that wrote it (see identity()), then the entries, each its key, its length and its
// bytes. A bucket whose bytes are not those the manifest names (a build killed while saving, a disk
// error, another program's file) is set aside with a note, and its entries are made again; so is
// every bucket when the manifest is missing or foreign. A save writes only the bucket files whose
// entries changed, each to a temporary file renamed into place, then the manifest.
class DiskStore final : public Store {
public:
    static constexpr std::size_t kBuckets = 256;

    // Reads the folder (a missing one is an empty store). Problems are notes (cache-stale,
    // cache-unreadable) in `sink`: a build with a damaged cache gives the output of one without it.
    DiskStore(fs::FileSystem& fs, std::string folder, unsigned jobs, diag::Sink& sink);
    ~DiskStore() override;
    DiskStore(const DiskStore&) = delete;
    DiskStore& operator=(const DiskStore&) = delete;

    bool enabled() const override { return true; }
    std::optional<std::string_view> get(const Key& key) override;
    void put(const Key& key, std::string bytes) override;
    void touch(const Key& key) override;

    // Writes the entries this build used for the next one. A failure is a warning (cache-write): the
    // site is built, only the next build does more work.
    void save(unsigned jobs, diag::Sink& sink);

    // Whether a store written by this program was found (for --timings and tests).
    bool loaded() const { return loaded_; }
    // How many bucket files the last save wrote (tests check that a small edit rewrites few).
    std::size_t files_written() const { return files_written_; }

private:
    struct Entry {
        std::string_view bytes;  // into files_[its bucket] or into made_
        bool used = false;       // read or written by this build: kept for the next one
        bool fresh = false;      // written by this build
    };
    std::string path(std::size_t bucket) const;

    fs::FileSystem& fs_;
    std::string folder_;
    std::vector<std::string> files_;       // by bucket, as read ("" for none or set aside)
    std::vector<std::size_t> counts_;      // entries per bucket, as read
    std::vector<std::uint64_t> manifest_;  // checksum of each bucket file, as read
    std::mutex mutex_;                     // guards entries_ and made_
    std::unordered_map<Key, Entry, KeyHash> entries_;
    std::vector<std::unique_ptr<std::string>> made_;  // bytes put by this build
    bool loaded_ = false;
    std::size_t files_written_ = 0;
};

// Which passage program wrote a store: its version and the size, time and inode of the program file,
// so that a rebuilt passage never trusts what another one made (a stage's encoding may have changed).
std::string identity();

}  // namespace passage::cache
