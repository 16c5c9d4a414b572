#pragma once
// The command line: `passage build`, `passage check` and `passage init`.
#include <iosfwd>

namespace passage::cli {

// Exit codes: 0 success, 1 content errors, 2 usage errors.
int run(int argc, char** argv);
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace passage::cli
