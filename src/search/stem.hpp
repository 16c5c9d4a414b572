#pragma once
// English stemming (Snowball's Porter2, Debian's libstemmer) and the stop words the index leaves out.
// Only the index side stems: the browser maps the surface forms it is given to their stems through
// the index (see search.hpp), so it never needs a stemmer of its own.
#include <memory>
#include <string>
#include <string_view>

struct sb_stemmer;

namespace passage::search {

class Stemmer {
public:
    Stemmer();  // throws std::runtime_error when libstemmer lacks the English algorithm
    ~Stemmer();
    Stemmer(const Stemmer&) = delete;
    Stemmer& operator=(const Stemmer&) = delete;

    // REQUIRES: `folded` is a folded token (see text.hpp). Not thread-safe: one Stemmer per thread.
    std::string stem(std::string_view folded);

private:
    sb_stemmer* impl_;
};

// Folded surface forms too common to index; the browser gets the same list in the manifest.
bool is_stop_word(std::string_view folded);
const char* const* stop_words();  // null-terminated, sorted

}  // namespace passage::search
