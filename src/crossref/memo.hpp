#pragma once
// Finding a document's mentions with the incremental cache: what find_mentions gives for a document,
// with what it reported, is kept under a key of the document's extract, its id, mention policy and
// context aliases (with what each names), and every name of every instrument and organization
// (Names::aliases_fingerprint).
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "cache/store.hpp"
#include "crossref/crossref.hpp"

namespace passage::crossref {

cache::Key mentions_key(const content::Corpus& corpus, const Names& names, const content::Document& d, const cache::Key& extract_key);

struct Found {
    DocumentMentions mentions;
    cache::Key key;         // mentions_key(), with the store (later stages fold it into theirs)
    bool searched = false;  // found now (not taken from the store)
};

// The mentions of document `d`, from the store or found now in the tree `tree()` gives (a document
// whose extract came from the store is parsed only when its mentions must be found again).
Found mentions_of(cache::Store& store, const content::Corpus& corpus, const Names& names, const content::Document& d,
                  const markdown::Extract& extract, const cache::Key& extract_key, const std::function<const markdown::Tree&()>& tree,
                  diag::Sink& sink);

std::string encode_mentions(const DocumentMentions& m, const std::vector<diag::Diagnostic>& diagnostics);
std::optional<std::pair<DocumentMentions, std::vector<diag::Diagnostic>>> decode_mentions(std::string_view bytes);

}  // namespace passage::crossref
