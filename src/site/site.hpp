#pragma once
// The orchestrator: the pipeline of stages, in order, each timed.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diag/diag.hpp"
#include "fs/fs.hpp"

namespace passage::cache {
class Store;
}

namespace passage::site {

struct Options {
    std::string content = "content";
    // The theme: the built-in templates and assets (src/builtin), each replaced by the file of the
    // same name in these folders. A folder that does not exist replaces nothing, unless the user
    // named it (`*_named`, set by --templates and --assets): then it is an error (check_theme_folders).
    std::string templates = "templates";
    std::string assets = "assets";
    bool templates_named = false, assets_named = false;
    std::string out = "public";
    // When not empty, replaces site.json's base_url (--base-url, PASSAGE_BASE_URL). REQUIRES: an
    // absolute http(s) URL (config::base_url gives a value).
    std::string base_url;
    // The incremental cache's folder, or "" for none. Read by build and check, written only by a
    // build that published the site.
    std::string cache;
    // A store of the caller's to use instead (passage serve keeps one in memory); not owned.
    cache::Store* store = nullptr;
    // The offline editions: files written beside the site when not empty (--epub, --zip). REQUIRES:
    // `write`.
    std::string epub, zip;
    bool write = true;  // false for `passage check`
    unsigned jobs = 0;  // threads; 0 = every core. The output does not depend on it.
    // Called as each stage starts (for a progress display); may be empty.
    std::function<void(const char* stage)> progress;
    std::string version;
    // Set by the program, which exits when build returns: what the build made is then left to the
    // process exit instead of being freed (util/teardown.hpp).
    bool exit_after_build = false;
};

struct Result {
    bool ok = false;
    std::size_t pages = 0;
    std::size_t files = 0;
    std::vector<std::pair<std::string, double>> timings;  // stage -> seconds
    std::vector<std::pair<std::string, double>> memory;   // stage -> the process's peak resident set (MB) once it ended
    // With a cache: how many documents were parsed, searched for mentions and had their body
    // rendered, how many pages were made and how many runs of search records were indexed (the
    // others came from the cache), out of how many.
    struct Reuse {
        bool cache_read = false;
        std::size_t documents = 0, parsed = 0, mentions_found = 0, bodies_rendered = 0;
        std::size_t pages = 0, pages_made = 0;          // made: view model made and templated (the others linked)
        std::size_t search_runs = 0, runs_indexed = 0;  // runs of search records (search::Run), and those indexed again
        std::size_t pages_link_checked = 0;             // HTML files whose links were checked (the others' resolved in the last build)
    };
    std::optional<Reuse> reuse;
    // The offline editions written: the file, its size in bytes and how many files it holds.
    struct Edition {
        std::string path;
        std::size_t bytes = 0, files = 0;
    };
    std::vector<Edition> editions;
};

// Runs the pipeline. Diagnostics go to `sink` (strict mode is the sink's). With `write`, the output
// folder is replaced only when the build has no error.
Result build(fs::FileSystem& fs, const Options& options, diag::Sink& sink);

}  // namespace passage::site
