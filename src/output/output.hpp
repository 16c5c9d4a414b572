#pragma once
// The output stage: the only code that writes the site. It builds the whole site in a staging folder
// beside the target and swaps it in with one atomic rename, so a failed or killed build leaves the
// previous output as it was.
#include <map>
#include <string>
#include <vector>

#include "diag/diag.hpp"
#include "fs/fs.hpp"

namespace passage::output {

// Site-relative path -> bytes. A map, so files are written in a deterministic order.
using Files = std::map<std::string, std::string>;

// The file that marks a folder as passage's own output, so that it may be replaced.
inline constexpr const char* kMarker = ".passage-output";

// Refuses (out-unsafe) an output folder that is, contains or lies inside one of `protected_dirs`, or
// that exists, is not empty and does not carry the marker.
bool check_target(const fs::FileSystem& fs, const std::string& out, const std::vector<std::string>& protected_dirs, diag::Sink& sink);

// REQUIRES: check_target passed. Writes `files` and the marker to "<out>.staging", then swaps it
// with `out`, then removes the old tree. On failure (out-write) the previous `out` is untouched and
// the staging folder is removed.
bool publish(fs::FileSystem& fs, const std::string& out, const Files& files, diag::Sink& sink);

}  // namespace passage::output
