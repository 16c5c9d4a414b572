#pragma once
// The byte format of the incremental cache's entries (see cache.cpp for the files): numbers are
// unsigned LEB128, strings a length and their bytes. Writer writes, Reader reads and distrusts:
// whatever a damaged file holds, reading it yields an error state, never a crash.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cache/cache.hpp"
#include "crossref/crossref.hpp"
#include "diag/diag.hpp"
#include "markdown/markdown.hpp"
#include "render/render.hpp"
#include "search/index.hpp"
#include "util/source.hpp"

namespace passage::cache::codec {

class Writer {
public:
    void number(std::uint64_t n) {
        do {
            unsigned char byte = n & 0x7F;
            n >>= 7;
            out_.push_back(static_cast<char>(byte | (n ? 0x80 : 0)));
        } while (n);
    }
    void string(std::string_view s) {
        number(s.size());
        out_.append(s);
    }
    void position(const util::Position& p) {
        number(static_cast<std::uint64_t>(std::max(p.line, 0)));
        number(static_cast<std::uint64_t>(std::max(p.column, 0)));
    }
    template <typename T, typename Fn>
    void list(const T& items, Fn each) {
        number(items.size());
        for (const auto& x : items) each(x);
    }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

// Reads what Writer wrote. Any inconsistency (a truncated or damaged file) sets `ok` to false and
// yields zeros and empty strings from then on: nothing read is trusted unless `ok` stays true.
class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}
    bool ok() const { return ok_; }
    void invalidate() { fail(); }
    bool done() const { return at_ == in_.size(); }
    std::size_t rest() const { return in_.size() - at_; }
    std::uint64_t number() {
        std::uint64_t n = 0;
        for (int shift = 0; ok_; shift += 7) {
            if (at_ >= in_.size() || shift > 63) return fail();
            auto byte = static_cast<unsigned char>(in_[at_++]);
            n |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if (!(byte & 0x80)) return n;
        }
        return 0;
    }
    std::string_view view() {
        auto n = number();
        if (!ok_ || n > in_.size() - at_) return fail(), std::string_view();
        auto s = in_.substr(at_, n);
        at_ += n;
        return s;
    }
    std::string string() { return std::string(view()); }
    int small() {
        auto n = number();
        return n > 1u << 30 ? (fail(), 0) : static_cast<int>(n);
    }
    util::Position position() {
        util::Position p;
        p.line = small();
        p.column = small();
        return p;
    }
    // The number of items of a list, each at least one byte.
    std::size_t count() {
        auto n = number();
        return n > in_.size() - at_ ? (fail(), 0) : n;
    }

private:
    std::uint64_t fail() {
        ok_ = false;
        at_ = in_.size();
        return 0;
    }
    std::string_view in_;
    std::size_t at_ = 0;
    bool ok_ = true;
};

// A document's tree as a skeleton (no cmark-gfm nodes), with what parsing it reported.
std::string encode_tree(const markdown::Tree& t, const std::vector<diag::Diagnostic>& diagnostics);
// REQUIRES: r.ok() is checked by the caller before the tree is used.
markdown::Tree decode_tree(Reader& r, std::vector<diag::Diagnostic>& diagnostics);

// A document's mentions under the key they were found with, and what finding them reported.
std::string encode_mentions(std::uint64_t key, const crossref::DocumentMentions& m, const std::vector<diag::Diagnostic>& diagnostics);
crossref::DocumentMentions decode_mentions(Reader& r, std::vector<diag::Diagnostic>& diagnostics);

std::string encode_body(const render::RenderedBody& b);
render::RenderedBody decode_body(Reader& r);

std::string encode_page(const PageCache::Page& p);
PageCache::Page decode_page(Reader& r);

// What indexing a run of search records gave. decode_run checks that every number points where it
// may (records, positions, stems), so that a run it returns with r.ok() is safe to merge.
std::string encode_run(const search::Run& run);
search::Run decode_run(Reader& r);

}  // namespace passage::cache::codec
