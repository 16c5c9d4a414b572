#pragma once
// The markdown stage with the incremental cache. A document's Extract, with what guarding and parsing
// it reported, is kept under a key of its path, its text and the options it is parsed with; a build
// that finds the key takes the extract and gives the diagnostics again instead of parsing.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cache/store.hpp"
#include "diag/diag.hpp"
#include "markdown/markdown.hpp"

namespace passage::markdown {

// guard(), then parse(): an empty tree (with the path) for a text the guard refuses.
Tree parse_guarded(const util::SourceText& source, const Options& options, diag::Sink& sink);

// The key of a document's extract: every input of parse_guarded.
cache::Key extract_key(const util::SourceText& source, const Options& options);

struct Analysed {
    Extract extract;
    cache::Key key;       // extract_key(): later stages fold it into their own keys
    bool parsed = false;  // parsed now (not taken from the store)
};

// The extract of `source`: from the store, its diagnostics given again, or parsed now. When parsed
// now, `tree` holds the parse, for the stages that work on the tree after this one (finding mentions,
// rendering): a document is parsed at most once per build.
Analysed analyse(cache::Store& store, const util::SourceText& source, const Options& options, diag::Sink& sink, std::optional<Tree>& tree);

// The bytes kept for an extract, and back; decode returns nothing for bytes it cannot trust.
std::string encode_extract(const Extract& extract, const std::vector<diag::Diagnostic>& diagnostics);
std::optional<std::pair<Extract, std::vector<diag::Diagnostic>>> decode_extract(std::string_view bytes);

}  // namespace passage::markdown
