#include "edition/edition.hpp"
#include "edition/zip.hpp"

namespace passage::edition {

std::optional<Made> site_archive(const std::vector<std::string>& paths, const SiteReader& read, const std::string& folder,
                                 const std::string& file, diag::Sink& sink) {
    ZipWriter zip;
    for (const auto& path : paths) {
        auto bytes = read(path);
        if (!bytes) {
            sink.error("out-write", file, {}, "cannot read " + path + " back from the site to put it in the archive");
            return std::nullopt;
        }
        if (!zip.add(folder + "/" + path, *bytes)) {
            sink.error("zip-too-large", file, {}, "the site passes the limits of a zip file (65,535 files, 4 GiB)",
                       "publish the site folder itself");
            return std::nullopt;
        }
    }
    const std::size_t files = zip.entries();
    return Made{zip.finish(), files};
}

}  // namespace passage::edition
