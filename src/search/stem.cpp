#include "search/stem.hpp"

#include <algorithm>
#include <iterator>
#include <stdexcept>

#include <libstemmer.h>

namespace passage::search {

namespace {

// Sorted. Kept short: words of a phrase ("trafficking in persons") still count for positions.
constexpr const char* kStopWords[] = {"a",     "an",   "and",  "are",   "as",   "at",  "be",   "been",  "but",   "by",   "for",
                                      "from",  "had",  "has",  "have",  "he",   "in",  "is",   "it",    "its",   "not",  "of",
                                      "on",    "or",   "s",    "she",   "such", "t",   "that", "the",   "their", "them", "there",
                                      "these", "they", "this", "those", "to",   "was", "were", "which", "will",  "with", nullptr};

}  // namespace

Stemmer::Stemmer() : impl_(sb_stemmer_new("english", "UTF_8")) {
    if (!impl_) throw std::runtime_error("libstemmer has no English stemmer");
}

Stemmer::~Stemmer() {
    sb_stemmer_delete(impl_);
}

std::string Stemmer::stem(std::string_view folded) {
    const sb_symbol* r = sb_stemmer_stem(impl_, reinterpret_cast<const sb_symbol*>(folded.data()), static_cast<int>(folded.size()));
    if (!r) return std::string(folded);
    return std::string(reinterpret_cast<const char*>(r), static_cast<std::size_t>(sb_stemmer_length(impl_)));
}

bool is_stop_word(std::string_view folded) {
    if (folded.size() > 5) return false;  // the longest stop words have five letters
    auto end = std::prev(std::end(kStopWords));
    return std::binary_search(std::begin(kStopWords), end, folded,
                              [](auto a, auto b) { return std::string_view(a) < std::string_view(b); });
}

const char* const* stop_words() {
    return kStopWords;
}

}  // namespace passage::search
