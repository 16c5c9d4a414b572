#pragma once
// `passage init DIR`: the starter reference (the repository's src/builtin/starter/, compiled into the program,
// builtin::starter()) written into a new or empty folder.
#include <cstddef>
#include <optional>
#include <string>

#include "diag/diag.hpp"
#include "fs/fs.hpp"

namespace passage::cli {

// Writes every starter file below `dir` (made if missing) and returns how many. REQUIRES: `dir` does
// not exist or is an empty folder; anything else is refused (init-not-empty) before a file is
// written. A file that cannot be written is an error (init-write). nullopt after an error.
std::optional<std::size_t> write_starter(fs::FileSystem& fs, const std::string& dir, diag::Sink& sink);

}  // namespace passage::cli
