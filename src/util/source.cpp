#include "util/source.hpp"

#include <algorithm>

#include "util/utf8.hpp"

namespace passage::util {

namespace {
bool has_bom(std::string_view s) {
    return s.starts_with("\xEF\xBB\xBF");
}
}  // namespace

SourceText::SourceText(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {
    line_starts_.push_back(has_bom(text_) ? 3 : 0);
    // A line ends in LF, CR LF or a CR alone (as CommonMark counts them).
    for (std::size_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 == text_.size() || text_[i + 1] != '\n'))) line_starts_.push_back(i + 1);
    }
}

Position SourceText::position_of(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    // An offset inside a BOM comes before the first line start: it is on line 1 all the same.
    const auto line = std::max(1, static_cast<int>(it - line_starts_.begin()));
    std::size_t start = line_starts_[static_cast<std::size_t>(line - 1)];
    if (offset < start) offset = start;  // inside the BOM
    const int column = 1 + static_cast<int>(count_characters(std::string_view(text_).substr(start, offset - start)));
    return {line, column};
}

std::size_t SourceText::line_start(int line) const {
    if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size()) return text_.size();
    return line_starts_[static_cast<std::size_t>(line - 1)];
}

std::string_view SourceText::line_text(int line) const {
    if (line < 1 || static_cast<std::size_t>(line) > line_starts_.size()) return {};
    std::size_t start = line_start(line);
    std::size_t end =
        static_cast<std::size_t>(line) < line_starts_.size() ? line_starts_[static_cast<std::size_t>(line)] - 1 : text_.size();
    std::string_view v(text_.data() + start, end - start);
    if (!v.empty() && v.back() == '\r') v.remove_suffix(1);
    return v;
}

}  // namespace passage::util
