#include "edition/zip.hpp"

#include <zlib.h>

#include <optional>

namespace passage::edition {

namespace {

// Little-endian fields, as every number of a zip file is.
void put16(std::string& out, std::uint32_t v) {
    out.push_back(static_cast<char>(v & 0xff));
    out.push_back(static_cast<char>((v >> 8) & 0xff));
}
void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xffff);
    put16(out, v >> 16);
}

// 1980-01-01 00:00:00 in MS-DOS form (day 1, month 1, year 0 since 1980; time 0): fixed, so that an
// archive does not depend on when it was made.
constexpr std::uint32_t kDosDate = (1 << 5) | 1;
constexpr std::uint32_t kDosTime = 0;
// "Made by" Unix (3), format version 2.0, so that unzip gives the files the mode of kUnixMode.
constexpr std::uint32_t kMadeBy = (3 << 8) | 20;
constexpr std::uint32_t kNeeded = 20;
constexpr std::uint32_t kUnixMode = 0100644;
constexpr std::uint32_t kUtf8Names = 1 << 11;  // general purpose flag 11: the name is UTF-8

// Raw deflate (no zlib header: zip has its own), at zlib's best compression. nullopt when zlib fails,
// which with a buffer sized by deflateBound only happens when out of memory.
std::optional<std::string> deflate_raw(std::string_view data) {
    z_stream z{};
    if (deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return std::nullopt;
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int status = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (status != Z_STREAM_END) return std::nullopt;
    return out;
}

bool ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

}  // namespace

std::uint32_t crc32_of(std::string_view bytes) {
    return static_cast<std::uint32_t>(
        ::crc32(::crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

bool ZipWriter::add(std::string_view name, std::string_view data, Method method) {
    if (count_ >= kMaxEntries || name.size() > 0xffff || data.size() > kMaxBytes) return false;
    std::string packed;
    if (method == Method::deflated) {
        auto deflated = deflate_raw(data);
        // Stored when deflate does not make it smaller (an image, a tiny file).
        if (deflated && deflated->size() < data.size())
            packed = std::move(*deflated);
        else
            method = Method::stored;
    }
    const std::string_view body = method == Method::stored ? data : std::string_view(packed);
    const std::uint64_t offset = data_.size();
    if (offset + 30 + name.size() + body.size() > kMaxBytes) return false;
    const std::uint32_t crc = crc32_of(data);
    const std::uint32_t flags = ascii(name) ? 0 : kUtf8Names;
    const std::uint32_t code = method == Method::stored ? 0 : 8;

    put32(data_, 0x04034b50);  // local file header
    put16(data_, kNeeded);
    put16(data_, flags);
    put16(data_, code);
    put16(data_, kDosTime);
    put16(data_, kDosDate);
    put32(data_, crc);
    put32(data_, static_cast<std::uint32_t>(body.size()));
    put32(data_, static_cast<std::uint32_t>(data.size()));
    put16(data_, static_cast<std::uint32_t>(name.size()));
    put16(data_, 0);  // no extra field
    data_.append(name);
    data_.append(body);

    put32(directory_, 0x02014b50);  // central directory header
    put16(directory_, kMadeBy);
    put16(directory_, kNeeded);
    put16(directory_, flags);
    put16(directory_, code);
    put16(directory_, kDosTime);
    put16(directory_, kDosDate);
    put32(directory_, crc);
    put32(directory_, static_cast<std::uint32_t>(body.size()));
    put32(directory_, static_cast<std::uint32_t>(data.size()));
    put16(directory_, static_cast<std::uint32_t>(name.size()));
    put16(directory_, 0);  // extra field
    put16(directory_, 0);  // comment
    put16(directory_, 0);  // disk
    put16(directory_, 0);  // internal attributes
    put32(directory_, kUnixMode << 16);
    put32(directory_, static_cast<std::uint32_t>(offset));
    directory_.append(name);
    ++count_;
    return true;
}

std::string ZipWriter::finish() {
    std::string out = std::move(data_);
    const auto directory_offset = static_cast<std::uint32_t>(out.size());
    out.append(directory_);
    put32(out, 0x06054b50);  // end of central directory
    put16(out, 0);           // this disk
    put16(out, 0);           // the disk of the directory
    put16(out, static_cast<std::uint32_t>(count_));
    put16(out, static_cast<std::uint32_t>(count_));
    put32(out, static_cast<std::uint32_t>(directory_.size()));
    put32(out, directory_offset);
    put16(out, 0);  // no comment
    data_.clear();
    directory_.clear();
    count_ = 0;
    return out;
}

}  // namespace passage::edition
