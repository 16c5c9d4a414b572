#include "output/edition_file.hpp"

#include "output/output.hpp"

namespace passage::output {

namespace {
std::string name_of(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}
}  // namespace

EditionFile::EditionFile(fs::FileSystem& fs, std::string path, std::string option)
    : fs_(fs), path_(std::move(path)), partial_(path_ + ".partial"), option_(std::move(option)) {}

EditionFile::~EditionFile() {
    if (staged_) fs_.remove_all(partial_);
}

bool EditionFile::check(const std::string& out, const std::vector<std::string>& protected_dirs, diag::Sink& sink) const {
    const std::string target = fs::normalize(out);
    for (const auto& dir : {target, target + ".staging"}) {
        if (nested(fs_, path_, dir)) {
            sink.error("out-unsafe", path_, {},
                       "the file of " + option_ + " would be inside the output folder " + out + ", which every build replaces",
                       "write it beside the output folder, e.g. " + option_ + " " + fs::join(fs::parent_of(target), name_of(path_)));
            return false;
        }
    }
    for (const auto& dir : protected_dirs) {
        if (dir.empty() || fs_.kind(dir) == fs::Kind::none || !nested(fs_, path_, dir)) continue;
        sink.error("out-unsafe", path_, {}, "the file of " + option_ + " would be written into the folder " + dir,
                   "write it beside the output folder");
        return false;
    }
    const auto kind = fs_.kind(path_);
    if (kind == fs::Kind::directory || kind == fs::Kind::other) {
        sink.error("out-unsafe", path_, {},
                   "the file of " + option_ + " is " + (kind == fs::Kind::directory ? "a folder" : "not a regular file"),
                   "name a file, e.g. " + option_ + " " + fs::join(path_, option_ == "--epub" ? "reference.epub" : "reference.zip"));
        return false;
    }
    const std::string folder = fs::parent_of(fs::normalize(path_));
    if (fs_.kind(folder) != fs::Kind::directory) {
        sink.error("out-write", path_, {}, "the folder of the file of " + option_ + " does not exist, or is not a folder",
                   "create the folder " + folder + " first");
        return false;
    }
    return true;
}

bool EditionFile::stage(std::string_view bytes, diag::Sink& sink) {
    // Only a file of ours, or nothing, may be in the way: what else is there stays as it is.
    const auto kind = fs_.kind(partial_);
    if ((kind != fs::Kind::none && kind != fs::Kind::file) || fs_.is_symlink(partial_)) {
        sink.error("out-write", path_, {}, "cannot write the file of " + option_ + ": " + partial_ + " is in the way",
                   "remove " + partial_);
        return false;
    }
    staged_ = true;
    if (auto error = fs_.write(partial_, bytes); !error.empty()) {
        sink.error("out-write", path_, {}, "cannot write the file of " + option_ + ": " + error);
        return false;
    }
    return true;
}

bool EditionFile::commit(diag::Sink& sink) {
    if (auto error = fs_.rename(partial_, path_); !error.empty()) {
        sink.error("out-write", path_, {}, "cannot write the file of " + option_ + ": " + error);
        return false;
    }
    staged_ = false;
    return true;
}

}  // namespace passage::output
