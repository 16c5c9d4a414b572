#include "builtin/builtin.hpp"

#include <algorithm>

namespace passage::builtin {

const File* find(std::span<const File> files, std::string_view path) {
    auto it = std::lower_bound(files.begin(), files.end(), path, [](const File& f, std::string_view p) { return f.path < p; });
    return it != files.end() && it->path == path ? &*it : nullptr;
}

std::string_view template_variables() {
    const auto* f = find(docs(), "templates.md");
    return f ? f->bytes : std::string_view();
}

}  // namespace passage::builtin
