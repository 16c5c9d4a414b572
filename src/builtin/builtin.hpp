#pragma once
// The files compiled into the program: the default theme (the repository's templates/*.mustache and
// assets/) and the starter reference that `passage init` writes (src/builtin/starter/). Their bytes are written
// into a C++ source at build time by src/builtin/embed.cmake, so the program needs none of these
// folders at run time. Each list is sorted bytewise by path.
#include <span>
#include <string_view>

namespace passage::builtin {

struct File {
    std::string_view path;   // relative to its folder: "layout.mustache", "passage.css", "content/site.json"
    std::string_view bytes;  // the file as it is in the repository
};

std::span<const File> templates();
std::span<const File> assets();
std::span<const File> starter();
std::span<const File> docs();
// docs/templates.md: the variables each page kind gives its template (templates/variables.hpp).
std::string_view template_variables();
// The frame and the stylesheet of the EPUB edition (src/builtin/edition/).
std::span<const File> edition();

// The file of `files` at `path`, or nullptr.
const File* find(std::span<const File> files, std::string_view path);

}  // namespace passage::builtin
