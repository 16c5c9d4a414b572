#pragma once
// A text file held in memory, with the means to turn byte offsets into the line and column a person
// sees. Lines end in LF, CR LF or a CR alone. Columns count characters (UTF-8 code points), not bytes; a UTF-8 byte order mark at the very
// start of the file is not a character and does not shift columns.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace passage::util {

struct Position {
    int line = 0;    // 1-based; 0 means "no position"
    int column = 0;  // 1-based, in characters
    bool operator==(const Position&) const = default;
};

class SourceText {
public:
    SourceText(std::string path, std::string text);

    const std::string& path() const { return path_; }
    const std::string& text() const { return text_; }
    // REQUIRES: offset <= text().size(). An offset inside a multi-byte character counts as that character.
    Position position_of(std::size_t offset) const;
    // The text of line `line` (1-based) without its line ending; empty when out of range.
    std::string_view line_text(int line) const;
    // Byte offset at which line `line` starts, past a BOM on line 1.
    std::size_t line_start(int line) const;

private:
    std::string path_;
    std::string text_;
    std::vector<std::size_t> line_starts_;
};

using SourcePtr = std::shared_ptr<const SourceText>;

}  // namespace passage::util
