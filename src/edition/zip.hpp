#pragma once
// A zip archive written in memory: local headers, the data, the central directory. Enough for an EPUB
// (whose first entry, "mimetype", must be stored uncompressed) and for the site's archive, and no
// more: no zip64 (at most 65,535 entries and 4 GiB), no encryption, no extra fields.
//
// The same entries give the same bytes: every entry carries one fixed time (1980-01-01 00:00, the
// earliest a zip can say) and the same permissions, and entries are written in the order added.
// Deflate is zlib's (raw deflate, level 9); CRC-32 is zlib's too.
#include <cstdint>
#include <string>
#include <string_view>

namespace passage::edition {

class ZipWriter {
public:
    enum class Method { stored, deflated };

    // Adds one file. `name` is '/'-separated, relative, without "." or ".." parts.
    // Returns false, adding nothing, when the archive would pass a limit of the plain zip format.
    bool add(std::string_view name, std::string_view data, Method method = Method::deflated);
    // The central directory and its end record, appended once; the whole archive.
    std::string finish();

    std::size_t entries() const { return count_; }

    // The limits of a zip without zip64 extensions.
    static constexpr std::size_t kMaxEntries = 0xffff;
    static constexpr std::uint64_t kMaxBytes = 0xffffffffULL;

private:
    std::string data_;       // local headers and file data
    std::string directory_;  // the central directory, as it grows
    std::size_t count_ = 0;
};

// zlib's CRC-32 of `bytes`.
std::uint32_t crc32_of(std::string_view bytes);

}  // namespace passage::edition
