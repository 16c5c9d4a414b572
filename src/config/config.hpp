#pragma once
// The config stage: site.json, the site-wide settings of a reference.
#include <optional>
#include <string>

#include "content/corpus.hpp"
#include "diag/diag.hpp"
#include "fs/fs.hpp"

namespace passage::config {

// A base_url as the site uses it: an absolute http(s) URL, ending in '/' (added when missing). nullopt,
// with the reason in *why, for any other.
std::optional<std::string> base_url(const std::string& url, std::string* why);

// Reads `dir`/site.json. A missing content folder or site.json, and every bad field, is an error.
// A non-empty `base_url_override` (--base-url, PASSAGE_BASE_URL) replaces site.json's base_url, which
// is still checked; REQUIRES: it is valid (base_url() gives a value).
content::Site load(const fs::FileSystem& fs, const std::string& dir, diag::Sink& sink, const std::string& base_url_override = {});

}  // namespace passage::config
