#pragma once
// A 64-bit FNV-1a hash over a sequence of values, for telling whether inputs changed between builds
// (the asset names and the incremental cache). Not for security: nothing here resists a forger.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
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
    // checksums of large files. Runs of 32 bytes go in four independent lanes, so that the
    // processor does not wait for one multiplication before the next; the lanes are then mixed in.
    Hasher& block(std::string_view s) {
        std::size_t i = 0;
        if (s.size() >= 64) {
            std::uint64_t lane[4] = {h_, h_ ^ 0x9E3779B97F4A7C15ULL, h_ ^ 0xC2B2AE3D27D4EB4FULL, h_ ^ 0x165667B19E3779F9ULL};
            for (; i + 32 <= s.size(); i += 32)
                for (std::size_t k = 0; k < 4; ++k) lane[k] = mix(lane[k], load(s, i + 8 * k));
            for (auto l : lane) word(l);
        }
        for (; i + 8 <= s.size(); i += 8) word(load(s, i));
        return bytes(s.substr(i)).number(s.size());
    }
    // A 64-bit value in one step (another value than number(n) gives): for hashes of hashes.
    Hasher& word(std::uint64_t w) {
        h_ = mix(h_, w);
        return *this;
    }
    std::uint64_t value() const { return h_; }

private:
    static std::uint64_t mix(std::uint64_t h, std::uint64_t w) {
        h = (h ^ w) * 0x9E3779B97F4A7C15ULL;
        return h ^ (h >> 29);
    }
    // Eight bytes from `at`, the first the lowest, on any machine.
    static std::uint64_t load(std::string_view s, std::size_t at) {
        std::uint64_t w = 0;
        if constexpr (std::endian::native == std::endian::little) {
            std::memcpy(&w, s.data() + at, 8);
        } else {
            for (int k = 7; k >= 0; --k) w = (w << 8) | static_cast<unsigned char>(s[at + static_cast<std::size_t>(k)]);
        }
        return w;
    }

    std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

}  // namespace passage::util
