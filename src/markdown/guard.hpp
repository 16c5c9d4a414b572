#pragma once
// A linear pre-scan that refuses Markdown shapes on which Debian's cmark-gfm 0.29.0.gfm.6 (without
// the 2023 security fixes) takes super-linear time or memory, before cmark sees the text. Each limit
// is far above what a real document needs; see docs/limits.md for the measurements behind them.
#include <cstddef>

#include "diag/diag.hpp"
#include "util/source.hpp"

namespace passage::markdown {

struct Limits {
    std::size_t max_bytes = 8u << 20;          // one document
    int max_quote_depth = 32;                   // nested block quotes ('>' markers on one line)
    int max_indent_columns = 128;               // leading white space: bounds list nesting depth
    std::size_t max_table_columns = 128;               // cells in a table's header row
    std::size_t max_table_fill = 10000;         // cells cmark would add to rows shorter than the header
    std::size_t max_brackets_per_block = 4000;  // '[' in one paragraph (link/image bracket matching)
    std::size_t max_emphasis_per_block = 20000; // '*', '_' and '~' in one paragraph (delimiter runs)
    std::size_t max_at_per_word = 32;           // '@' in one word (email autolink scanning)
    std::size_t max_dots_per_word = 512;        // '.' in one word (www autolink scanning)
};

// True when the text may be given to cmark. Otherwise reports an error (code md-limit, md-nul) at the
// first offending character and returns false.
bool guard(const util::SourceText& source, const Limits& limits, diag::Sink& sink);

}  // namespace passage::markdown
