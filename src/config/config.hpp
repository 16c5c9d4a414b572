#pragma once
// The config stage: site.json, the site-wide settings of a reference.
#include <string>

#include "content/corpus.hpp"
#include "diag/diag.hpp"
#include "fs/fs.hpp"

namespace passage::config {

// Reads `dir`/site.json. A missing content folder or site.json, and every bad field, is an error.
content::Site load(const fs::FileSystem& fs, const std::string& dir, diag::Sink& sink);

}  // namespace passage::config
