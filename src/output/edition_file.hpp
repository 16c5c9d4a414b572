#pragma once
// A file that a build writes beside the site rather than in it: an offline edition (--epub, --zip).
// Like the site, it is replaced only by a build that passes: its bytes go to "<file>.partial" before
// the site is published, and are renamed over the file once it has been; a build that fails before
// leaves the previous file as it was.
#include <string>
#include <string_view>
#include <vector>

#include "diag/diag.hpp"
#include "fs/fs.hpp"

namespace passage::output {

class EditionFile {
public:
    // `option` names the file in diagnostics ("--epub").
    EditionFile(fs::FileSystem& fs, std::string path, std::string option);
    ~EditionFile();
    EditionFile(const EditionFile&) = delete;
    EditionFile& operator=(const EditionFile&) = delete;

    // Refuses (out-unsafe) a file that lies inside the output folder `out` (which every build
    // replaces), its staging folder, or one of `protected_dirs` (content, templates, assets, cache),
    // or that is a folder; and (out-write) one whose folder does not exist. Checked before the build
    // reads its first input, so that a bad path costs nothing.
    bool check(const std::string& out, const std::vector<std::string>& protected_dirs, diag::Sink& sink) const;
    // Writes the bytes to "<file>.partial" (out-write when the disk refuses).
    bool stage(std::string_view bytes, diag::Sink& sink);
    // Renames the staged file over the file (out-write when the disk refuses).
    bool commit(diag::Sink& sink);

    const std::string& path() const { return path_; }

private:
    fs::FileSystem& fs_;
    std::string path_, partial_, option_;
    bool staged_ = false;
};

}  // namespace passage::output
