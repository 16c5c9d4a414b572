#pragma once
// XXH3 (xxHash 0.8, Debian's libxxhash) over a sequence of values: the one content hash of passage.
// It tells whether inputs changed between builds (the keys of the incremental cache, the checksums of
// published files) and names files by their content (asset names with a base_url, search files).
// Fast and well mixed, not cryptographic: nothing here resists a forger, and nothing needs to.
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#define XXH_STATIC_LINKING_ONLY  // XXH3_state_t on the stack, no allocation per hasher
#include <xxhash.h>

namespace passage::util {

// A 128-bit hash: the keys of the incremental cache, where a collision would reuse the wrong result.
struct Hash128 {
    std::uint64_t lo = 0, hi = 0;
    auto operator<=>(const Hash128&) const = default;
    // 32 lowercase hex digits, hi first.
    std::string hex() const {
        static constexpr char digits[] = "0123456789abcdef";
        std::string out(32, '0');
        for (int i = 0; i < 16; ++i) {
            out[15 - i] = digits[(hi >> (4 * i)) & 15];
            out[31 - i] = digits[(lo >> (4 * i)) & 15];
        }
        return out;
    }
};

// XXH3 of one string, 64 bits (XXH3_64bits): checksums of whole files.
inline std::uint64_t hash64(std::string_view bytes) {
    return XXH3_64bits(bytes.data(), bytes.size());
}

// XXH3 128-bit, fed value by value. Values are framed (a string's length goes first, a number is
// eight bytes), so ("ab", "c") and ("a", "bc") hash apart.
class Hasher {
public:
    Hasher() {
        XXH3_INITSTATE(&state_);
        XXH3_128bits_reset(&state_);
    }
    // A hasher for one purpose: the name (e.g. "markdown.extract/1") goes first, so two stages'
    // keys never meet even when they hash the same values.
    explicit Hasher(std::string_view purpose) : Hasher() { add(purpose); }
    Hasher(const Hasher& other) { XXH3_copyState(&state_, &other.state_); }
    Hasher& operator=(const Hasher& other) {
        XXH3_copyState(&state_, &other.state_);
        return *this;
    }

    // A string with its length first.
    Hasher& add(std::string_view s) {
        number(s.size());
        return bytes(s);
    }
    // Bytes as they are, unframed.
    Hasher& bytes(std::string_view s) {
        XXH3_128bits_update(&state_, s.data(), s.size());
        return *this;
    }
    Hasher& number(std::uint64_t n) {
        unsigned char b[8];
        for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(n >> (8 * i));  // the same bytes on any machine
        XXH3_128bits_update(&state_, b, 8);
        return *this;
    }
    Hasher& hash(const Hash128& h) { return number(h.lo).number(h.hi); }
    // A list of strings, with its size first.
    template <typename List>
    Hasher& strings(const List& list) {
        number(list.size());
        for (const auto& s : list) add(s);
        return *this;
    }

    Hash128 value128() const {
        const XXH128_hash_t h = XXH3_128bits_digest(&state_);
        return {h.low64, h.high64};
    }
    // The low 64 bits of value128().
    std::uint64_t value() const { return value128().lo; }

private:
    XXH3_state_t state_;
};

}  // namespace passage::util
