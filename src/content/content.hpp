#pragma once
// content::load reads the content folder into a Corpus: every JSON file validated field by field,
// every Markdown body read and checked to be UTF-8. It does not parse Markdown or resolve references.
#include <string>

#include "content/corpus.hpp"
#include "diag/diag.hpp"
#include "fs/fs.hpp"
#include "json/json_reader.hpp"

namespace passage::content {

// The most bytes a Markdown document or a JSON file may have; a larger one is refused before it is
// read (content-too-large). The Markdown stage's own limit (markdown::Limits) is the same.
inline constexpr std::size_t kMaxTextBytes = std::size_t{8} << 20;

// Reads one text file below the folder `root` (fs::FileSystem::read_regular) into the sink's source
// registry. Reports content-symlink, content-special, content-too-large, content-read, utf8-invalid
// and text-control errors, and then returns nullptr.
util::SourcePtr read_source(const fs::FileSystem& fs, const std::string& root, const std::string& path, diag::Sink& sink);

// A JSON metadata file below `root` that must hold an object (json-* and meta-type errors otherwise).
std::optional<json::Document> read_json(const fs::FileSystem& fs, const std::string& root, const std::string& path, diag::Sink& sink);

// The path and the bytes of a file read, hashed (see SourceHash).
SourceHash hash_source(const util::SourceText& source);

// REQUIRES: `dir` is the content folder and `site` its site.json (config::load). Errors go to
// `sink`; the corpus holds what could be read. Documents are read on `jobs` threads; the corpus
// does not depend on their number.
Corpus load(const fs::FileSystem& fs, const std::string& dir, Site site, diag::Sink& sink, unsigned jobs = 1);

}  // namespace passage::content
