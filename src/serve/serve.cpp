#include "serve/serve.hpp"

#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <iomanip>
#include <sstream>
#include <thread>

#include "cache/store.hpp"
#include "diag/diag.hpp"
#include "fs/fs.hpp"
#include "serve/server.hpp"
#include "serve/watch.hpp"
#include "site/theme.hpp"

namespace passage::serve {

namespace {

// A folder of our own under $TMPDIR (or /tmp), removed when serve ends.
class TemporaryFolder {
public:
    TemporaryFolder() {
        const char* tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/passage-serve-XXXXXX";
        if (::mkdtemp(pattern.data())) path_ = pattern;
    }
    ~TemporaryFolder() {
        std::error_code ec;
        if (!path_.empty()) std::filesystem::remove_all(path_, ec);
    }
    TemporaryFolder(const TemporaryFolder&) = delete;
    TemporaryFolder& operator=(const TemporaryFolder&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

std::string milliseconds(std::chrono::steady_clock::duration d) {
    std::ostringstream s;
    s << std::chrono::duration_cast<std::chrono::milliseconds>(d).count() << " ms";
    return s.str();
}

// "content/documents/a.md", or "content/documents/a.md and 3 more files".
std::string changed_files(const std::vector<std::string>& changed) {
    std::string text = diag::printable(changed.front());
    if (changed.size() > 1) text += " and " + std::to_string(changed.size() - 1) + " more";
    return text;
}

}  // namespace

int run(site::Options options, const Settings& settings, std::ostream& out, std::ostream& err, const std::atomic<bool>& stop) {
    {
        diag::Sink sink;
        if (!site::check_theme_folders(fs::RealFileSystem(), options, sink)) {
            err << diag::format_all_text(sink);
            return 1;
        }
    }
    TemporaryFolder folder;
    if (folder.path().empty()) {
        err << "passage: serve: cannot make a temporary folder for the site\n";
        return 1;
    }
    options.out = folder.path() + "/site";
    options.write = true;
    options.cache.clear();
    options.exit_after_build = false;
    cache::MemoryStore store;
    options.store = &store;

    Live live;
    Server server(options.out, live);
    std::string why;
    const auto port = server.bind(settings.host, settings.port, why);
    if (!port) {
        err << "passage: serve: " << diag::printable(why) << (settings.port != 0 ? " (another port: --port N; any free one: --port 0)" : "")
            << "\n";
        return 1;
    }
    // The site is built for the address it is served at, whatever site.json says: its canonical
    // links lead here, and 404.html's <base> (the path of the base URL) is "/", as served.
    const std::string host = settings.host.find(':') != std::string::npos ? "[" + settings.host + "]" : settings.host;
    options.base_url = "http://" + host + ":" + std::to_string(*port) + "/";
    Watcher watcher({options.content, options.templates, options.assets});
    if (!watcher.ok()) {
        err << "passage: serve: cannot watch the folders for changes (inotify)\n";
        return 1;
    }

    fs::RealFileSystem disk;
    auto build = [&]() {
        live.building();
        diag::Sink sink(settings.strict);
        const auto started = std::chrono::steady_clock::now();
        const auto result = site::build(disk, options, sink);
        const auto took = std::chrono::steady_clock::now() - started;
        const std::string report = diag::format_all_text(sink);
        err << report;
        if (result.ok) {
            live.published();
            if (!settings.quiet) out << "built " << result.pages << " pages in " << milliseconds(took) << "\n" << std::flush;
        } else {
            live.failed(report);
            if (!settings.quiet) out << "the build failed (" << milliseconds(took) << "); still serving the last site that built\n" << std::flush;
        }
    };
    build();

    std::thread serving([&] { server.run(); });
    out << "serving http://" << host << ":" << *port << "/ (Ctrl-C to stop)\n";
    if (!settings.quiet) {
        out << "watching";
        for (const auto& dir : watcher.watched()) out << " " << diag::printable(dir) << "/";
        out << "\n";
    }
    out << std::flush;

    while (!stop) {
        const auto changed = watcher.wait(std::chrono::milliseconds(30), std::chrono::hours(1), stop);
        if (changed.empty()) continue;
        if (!settings.quiet) out << "changed: " << changed_files(changed) << "\n" << std::flush;
        build();
    }
    server.stop();
    serving.join();
    if (!settings.quiet) out << "stopped\n" << std::flush;
    return 0;
}

}  // namespace passage::serve
