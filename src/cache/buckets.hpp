#pragma once
// The files of the incremental cache, internal to src/cache: cache.cpp (documents, pages) and
// search_cache.cpp (runs of search records) keep their entries in them.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cache/codec.hpp"
#include "diag/diag.hpp"
#include "fs/fs.hpp"
#include "util/hash.hpp"
#include "util/parallel.hpp"

namespace passage::cache {

// The cache is kBuckets files per kind of entry ("documents-XX.bin", "pages-XX.bin",
// "search-XX.bin"), an entry going to the one its key (document id, page path, run key) names, so
// that a build that changed a few documents rewrites a few files. A file: the identity of the executable (starting with kMagic), a
// checksum of the rest (util::Hasher::block), the number of entries, then the entries.
// A document's entry: its id, its parse key and three sections, each a length and its bytes
// (length 0: nothing kept):
//   tree      the skeleton and the parse diagnostics
//   mentions  its key, the mentions and their diagnostics
//   body      a render::RenderedBody
// A page's entry: its path, then a PageCache::Page, then its stamp.
// A run's entry: its key, then a search::Run (codec::encode_run).
// Numbers are unsigned LEB128; strings are a length and their bytes.
constexpr std::size_t kBuckets = 256;
constexpr std::string_view kMagic = "passage incremental cache 1\n";

// Which passage executable wrote a cache: its version, and the size, time and inode of the program
// file, so that a rebuilt passage never trusts what an older one made.
std::string identity();

inline std::size_t bucket_of(std::string_view key) {
    return util::Hasher().add(key).value() % kBuckets;
}

// The files of one kind of entry ("documents", "pages", "search") in the cache folder.
struct Buckets {
    fs::FileSystem& fs;
    std::string folder, kind;
    std::vector<std::string> files;  // by bucket, as read ("" for none, or set aside)

    std::string path(std::size_t b) const {
        static const char* hex = "0123456789abcdef";
        return fs::join(folder, kind + "-" + hex[b / 16 % 16] + hex[b % 16] + ".bin");
    }

    // The entries of a file after its identity and checksum; nullopt when it was written by another
    // program or is damaged.
    static std::optional<std::string_view> payload(std::string_view file) {
        auto head = identity();
        if (file.compare(0, head.size(), head) != 0) return std::nullopt;
        codec::Reader r(file.substr(head.size()));
        auto checksum = r.number();
        auto rest = file.substr(file.size() - r.rest());
        if (!r.ok() || checksum != util::Hasher().block(rest).value()) return std::nullopt;
        return rest;
    }

    // Reads every file on `jobs` threads and hands each payload to `parse` (on those threads), which
    // says whether it made sense; reports the files set aside.
    template <typename Parse>
    std::size_t read(unsigned jobs, diag::Sink& sink, Parse parse) {
        files.assign(kBuckets, {});
        if (fs.kind(folder) == fs::Kind::none) return 0;
        std::vector<std::string> unreadable(kBuckets);
        std::vector<char> stale(kBuckets, 0), good(kBuckets, 0);
        util::parallel_for(kBuckets, jobs, [&](std::size_t b) {
            auto p = path(b);
            if (fs.kind(p) == fs::Kind::none) return;
            fs::Error error;
            auto data = fs.read(p, &error);
            if (!data) {
                unreadable[b] = error.empty() ? "?" : error;
                return;
            }
            files[b] = std::move(*data);
            auto body = payload(files[b]);
            good[b] = body && parse(b, *body);
            if (!good[b]) {
                files[b].clear();
                stale[b] = 1;
            }
        });
        std::size_t set_aside = 0, read = 0;
        for (std::size_t b = 0; b < kBuckets; ++b) {
            if (!unreadable[b].empty())
                sink.note("cache-unreadable", path(b), {},
                          "a file of the cache cannot be read (" + unreadable[b] + "); what it held is made again");
            set_aside += stale[b];
            read += good[b];
        }
        if (set_aside > 0)
            sink.note("cache-stale", folder, {},
                      std::to_string(set_aside) + " " + kind +
                          " file(s) of the cache were written by another passage program, or are damaged; what they held is made again");
        return read;
    }

    // Writes file `b` with these entries (a Writer's bytes, count first) unless it already has them.
    fs::Error write(std::size_t b, std::string entries) const {
        codec::Writer sum;
        sum.number(util::Hasher().block(entries).value());
        std::string out = identity() + sum.take() + entries;
        if (out == files[b]) return {};
        auto p = path(b), temporary = p + ".tmp";
        fs::Error error = fs.write(temporary, out);
        if (error.empty()) error = fs.rename(temporary, p);
        return error;
    }
};

}  // namespace passage::cache
