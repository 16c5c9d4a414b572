#include "cli/init.hpp"

#include "builtin/builtin.hpp"

namespace passage::cli {

std::optional<std::size_t> write_starter(fs::FileSystem& fs, const std::string& dir, diag::Sink& sink) {
    const auto kind = fs.kind(dir);
    if (kind != fs::Kind::none && (kind != fs::Kind::directory || !fs.list(dir).empty())) {
        sink.error("init-not-empty", dir, {},
                   kind == fs::Kind::directory ? "the folder is not empty; passage init writes only into a new or empty folder"
                                               : "the path is not a folder; passage init writes only into a new or empty folder",
                   "name a folder that does not exist yet, e.g. passage init my-reference");
        return std::nullopt;
    }
    std::size_t written = 0;
    for (const auto& file : builtin::starter()) {
        const std::string path = fs::join(dir, file.path);
        auto error = fs.make_dirs(fs::parent_of(path));
        if (error.empty()) error = fs.write(path, file.bytes);
        if (!error.empty()) {
            sink.error("init-write", path, {}, "cannot write the file: " + error);
            return std::nullopt;
        }
        ++written;
    }
    return written;
}

}  // namespace passage::cli
