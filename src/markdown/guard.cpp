#include "markdown/guard.hpp"

#include <string>
#include <string_view>

namespace passage::markdown {

namespace {

struct Scanner {
    const util::SourceText& src;
    const Limits& limits;
    diag::Sink& sink;

    bool fail(std::size_t offset, const std::string& message, const std::string& hint = {}) {
        sink.error("md-limit", src.path(), src.position_of(offset), message, hint);
        return false;
    }
};

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Counts table cells in a row: pipes that are not escaped and not inside code spans, with the
// optional leading and trailing pipe not making cells of their own.
std::size_t count_cells(std::string_view line) {
    auto s = line;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    if (s.empty()) return 0;
    std::size_t pipes = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\') {
            ++i;
            continue;
        }
        if (s[i] == '|') ++pipes;
    }
    std::size_t cells = pipes + 1;
    if (s.front() == '|') --cells;
    if (s.size() > 1 && s.back() == '|' && cells > 0) --cells;
    return cells == 0 ? 1 : cells;
}

bool is_delimiter_row(std::string_view line) {
    bool dash = false;
    for (char c : line) {
        if (c == '-')
            dash = true;
        else if (c != '|' && c != ':' && c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return dash;
}

}  // namespace

bool guard(const util::SourceText& source, const Limits& limits, diag::Sink& sink) {
    Scanner sc{source, limits, sink};
    const std::string& t = source.text();
    if (t.size() > limits.max_bytes)
        return sc.fail(0,
                       "the document is " + std::to_string(t.size()) + " bytes, more than the limit of " + std::to_string(limits.max_bytes),
                       "split it into several documents");
    if (auto nul = t.find('\0'); nul != std::string::npos) {
        sink.error("md-nul", source.path(), source.position_of(nul), "NUL byte in a text file",
                   "the file is probably not text: check its encoding");
        return false;
    }

    // Per-block counters, reset at blank lines.
    std::size_t brackets = 0, emphasis = 0;
    // Table state: columns of the current table's header, or 0 outside a table.
    std::size_t table_columns = 0, table_fill = 0, table_start = 0;
    std::string_view previous;
    std::size_t previous_start = 0;

    std::size_t pos = 0;
    while (pos <= t.size()) {
        // Lines end in LF, CR LF or a CR alone, as cmark reads them.
        std::size_t end = t.find_first_of("\r\n", pos);
        if (end == std::string::npos) end = t.size();
        std::string_view line(t.data() + pos, end - pos);

        // Leading white space and block-quote markers.
        int indent = 0, quotes = 0;
        std::size_t i = 0;
        for (; i < line.size(); ++i) {
            char c = line[i];
            if (c == ' ')
                ++indent;
            else if (c == '\t')
                indent += 4 - indent % 4;
            else if (c == '>')
                ++quotes;
            else
                break;
            if (indent > limits.max_indent_columns)
                return sc.fail(
                    pos + i, "more than " + std::to_string(limits.max_indent_columns) + " columns of indentation (list nesting too deep)");
            if (quotes > limits.max_quote_depth)
                return sc.fail(pos + i, "block quotes nested deeper than " + std::to_string(limits.max_quote_depth) + " levels");
        }

        if (is_blank(line)) {
            brackets = emphasis = 0;
            table_columns = 0;
        } else {
            // Tables: a delimiter row under a header row starts one.
            if (table_columns == 0 && is_delimiter_row(line) && line.find('-') != std::string_view::npos && !previous.empty() &&
                previous.find('|') != std::string_view::npos) {
                std::size_t cols = count_cells(previous);
                if (cols > limits.max_table_columns)
                    return sc.fail(previous_start, "a table with " + std::to_string(cols) + " columns, more than the limit of " +
                                                       std::to_string(limits.max_table_columns));
                table_columns = cols;
                table_fill = 0;
                table_start = previous_start;
            } else if (table_columns > 0) {
                std::size_t cells = count_cells(line);
                if (cells < table_columns) table_fill += table_columns - cells;
                if (table_fill > limits.max_table_fill)
                    return sc.fail(table_start,
                                   "a table whose rows lack more than " + std::to_string(limits.max_table_fill) + " cells in all",
                                   "give every row as many cells as the header");
            }
            // Inline runs that cmark matches with work that grows faster than the text.
            std::size_t word_at = 0, word_dots = 0;
            for (std::size_t k = i; k < line.size(); ++k) {
                char c = line[k];
                if (c == '[') {
                    if (++brackets > limits.max_brackets_per_block)
                        return sc.fail(pos + k, "more than " + std::to_string(limits.max_brackets_per_block) + " '[' in one paragraph");
                } else if (c == '*' || c == '_' || c == '~') {
                    if (++emphasis > limits.max_emphasis_per_block)
                        return sc.fail(pos + k, "more than " + std::to_string(limits.max_emphasis_per_block) +
                                                    " emphasis delimiters in one paragraph");
                } else if (c == ' ' || c == '\t') {
                    word_at = word_dots = 0;
                } else if (c == '@') {
                    if (++word_at > limits.max_at_per_word)
                        return sc.fail(pos + k, "more than " + std::to_string(limits.max_at_per_word) + " '@' in one word");
                } else if (c == '.') {
                    if (++word_dots > limits.max_dots_per_word)
                        return sc.fail(pos + k, "more than " + std::to_string(limits.max_dots_per_word) + " '.' in one word");
                }
            }
        }
        previous = line;
        previous_start = pos;
        if (end == t.size()) break;
        pos = end + (t[end] == '\r' && end + 1 < t.size() && t[end + 1] == '\n' ? 2 : 1);
    }
    return true;
}

}  // namespace passage::markdown
