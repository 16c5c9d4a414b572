#pragma once
// A 64-bit FNV-1a hash over a sequence of values, for telling whether inputs changed between builds
// (the asset names and the incremental cache). Not for security: nothing here resists a forger.
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace passage::util {

class Hasher {
public:
    // Bytes as they are; several calls hash as one string.
    Hasher& bytes(std::string_view s) {
        for (unsigned char c : s) {
            h_ ^= c;
            h_ *= 0x100000001b3ULL;
        }
        return *this;
    }
    // A string with its length first, so that ("ab", "c") and ("a", "bc") differ.
    // Long strings go eight bytes at a time.
    Hasher& add(std::string_view s) {
        number(s.size());
        return s.size() < 16 ? bytes(s) : block(s);
    }
    Hasher& number(std::uint64_t n) {
        for (int i = 0; i < 8; ++i, n >>= 8) {
            h_ ^= n & 0xFF;
            h_ *= 0x100000001b3ULL;
        }
        return *this;
    }
    // Many bytes, eight at a time: several times faster than bytes(), with other values, for
    // checksums of large files.
    Hasher& block(std::string_view s) {
        std::size_t i = 0;
        for (; i + 8 <= s.size(); i += 8) {
            std::uint64_t w = 0;
            for (int k = 7; k >= 0; --k) w = (w << 8) | static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
            word(w);
        }
        return bytes(s.substr(i)).number(s.size());
    }
    // A 64-bit value in one step (another value than number(n) gives): for hashes of hashes.
    Hasher& word(std::uint64_t w) {
        h_ = (h_ ^ w) * 0x9E3779B97F4A7C15ULL;
        h_ ^= h_ >> 29;
        return *this;
    }
    std::uint64_t value() const { return h_; }

private:
    std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

}  // namespace passage::util
