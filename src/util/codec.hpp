#pragma once
// A small byte format for values kept between builds (the entries of the incremental cache): numbers
// are unsigned LEB128, strings a length and their bytes. Writer writes; Reader reads and distrusts:
// whatever a damaged entry holds, reading it yields an error state, never a crash, and the caller
// throws away what it read unless ok() stays true to the end (done()).
//
// Each stage encodes its own values with these (markdown/memo.cpp, crossref/memo.cpp, ...): the
// store below them (src/cache) only sees bytes.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/hash.hpp"
#include "util/source.hpp"

namespace passage::util {

class Writer {
public:
    Writer& number(std::uint64_t n) {
        do {
            unsigned char byte = n & 0x7F;
            n >>= 7;
            out_.push_back(static_cast<char>(byte | (n ? 0x80 : 0)));
        } while (n);
        return *this;
    }
    Writer& boolean(bool b) { return number(b ? 1 : 0); }
    Writer& string(std::string_view s) {
        number(s.size());
        out_.append(s);
        return *this;
    }
    Writer& position(const Position& p) {
        number(static_cast<std::uint64_t>(std::max(p.line, 0)));
        return number(static_cast<std::uint64_t>(std::max(p.column, 0)));
    }
    Writer& hash(const Hash128& h) { return number(h.lo).number(h.hi); }
    // A list: its size, then each item as `each` writes it.
    template <typename T, typename Fn>
    Writer& list(const T& items, Fn each) {
        number(items.size());
        for (const auto& x : items) each(x);
        return *this;
    }
    Writer& strings(const std::vector<std::string>& items) {
        return list(items, [&](const std::string& s) { string(s); });
    }
    std::size_t size() const { return out_.size(); }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

// Reads what Writer wrote. Any inconsistency (a truncated or damaged entry) sets ok() to false and
// yields zeros and empty strings from then on.
class Reader {
public:
    explicit Reader(std::string_view in) : in_(in) {}
    bool ok() const { return ok_; }
    // Marks the entry as damaged: what a caller found inconsistent after reading it.
    void invalidate() { fail(); }
    bool done() const { return at_ == in_.size(); }
    // Everything read, every check passed, nothing left over: the entry may be used.
    bool finished() const { return ok_ && done(); }
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
    bool boolean() {
        auto n = number();
        if (n > 1) fail();
        return n == 1;
    }
    // A number that must be below `limit` (an index into something read before).
    std::uint64_t below(std::uint64_t limit) {
        auto n = number();
        return n < limit ? n : fail();
    }
    // A string as a view into the input (valid while the input is).
    std::string_view view() {
        auto n = number();
        if (!ok_ || n > in_.size() - at_) return fail(), std::string_view();
        auto s = in_.substr(at_, n);
        at_ += n;
        return s;
    }
    std::string string() { return std::string(view()); }
    // A number that fits an int (lines, columns, counts).
    int small() {
        auto n = number();
        return n > 1u << 30 ? (fail(), 0) : static_cast<int>(n);
    }
    Position position() {
        Position p;
        p.line = small();
        p.column = small();
        return p;
    }
    Hash128 hash() {
        Hash128 h;
        h.lo = number();
        h.hi = number();
        return h;
    }
    // The number of items of a list, each at least one byte: a damaged count cannot make the caller
    // reserve more than the input could hold.
    std::size_t count() {
        auto n = number();
        return n > in_.size() - at_ ? (fail(), 0) : n;
    }
    std::vector<std::string> strings() {
        std::vector<std::string> out(count());
        for (auto& s : out) s = string();
        return out;
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

}  // namespace passage::util
