#pragma once
// The search stage: passage-level records of the whole reference, written as JavaScript files that
// register their data with a global function, so the index loads from file:// through <script>.
#include <map>
#include <string>
#include <vector>

#include "content/corpus.hpp"
#include "crossref/crossref.hpp"
#include "markdown/markdown.hpp"

namespace passage::search {

struct Record {
    std::string url;    // site-relative, with fragment
    std::string title;  // title path: "Document › Section › ¶12"
    std::string kind;   // paragraph, footnote, instrument, organization, recommendation, annotation, theme
    std::string text;
    std::string year;
    std::vector<std::string> themes;
};

std::vector<Record> records(const content::Corpus& corpus, const std::vector<markdown::Tree>& trees);

// Site-relative path -> file content for the index.
std::map<std::string, std::string> index_files(const std::vector<Record>& records);

// Serializes a JSON value for embedding in a <script> or a .js file: no "</script", no "<!--",
// no U+2028/U+2029 (which end lines in older JavaScript).
std::string script_safe_json(const std::string& dumped);

}  // namespace passage::search
