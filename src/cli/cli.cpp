#include "cli/cli.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/init.hpp"
#include "config/config.hpp"
#include "diag/diag.hpp"
#include "fs/fs.hpp"
#include "output/lock.hpp"
#include "output/output.hpp"
#include "serve/serve.hpp"
#include "site/site.hpp"
#include "site/theme.hpp"
#include "util/strings.hpp"

#ifndef PASSAGE_VERSION
#define PASSAGE_VERSION "0.0.0"
#endif

namespace passage::cli {

namespace {

constexpr const char* kHelp = R"(passage - builds an annotated reference site from Markdown and JSON

Usage:
  passage build [options]   build the site into the output folder
  passage check [options]   run every check of a build, write nothing
  passage serve [options]   build, serve the site on http://127.0.0.1:8080/, and build
                            again on each change to the content, templates or assets;
                            open pages reload themselves, and show a failed build's errors
  passage init DIR          write a small starter reference into DIR (new or empty)

Options:
  --content DIR       content folder (default: content)
  --templates DIR     templates that replace built-in ones of the same name (default:
                      templates, when it exists; a folder named here must exist)
  --assets DIR        assets that replace built-in ones of the same name or are added,
                      all copied to assets/ in the site (default: assets, when it exists)
  --out DIR           output folder (default: public); replaced whole, atomically.
                      A build locks DIR.lock beside it: a second build into the same
                      folder fails at once (out-locked) instead of waiting
  --cache DIR         keep an incremental cache in DIR (made if missing; not inside the
                      output, content, templates or assets folder): the next build parses
                      and renders again only the documents that changed, and makes only
                      the pages whose inputs did; its output is the same as without a
                      cache. Locked like the output (DIR.lock, cache-locked)
  --base-url URL      the absolute http(s) URL the site is published at, instead of
                      site.json's base_url (default: $PASSAGE_BASE_URL when it is set);
                      serve takes none: its pages are at the address it serves
  --epub FILE         build only: also write the reference as an EPUB 3 book to FILE (the
                      texts, then the entity pages as an appendix), beside the output
                      folder, not in it; replaced only when the build passes
  --zip FILE          build only: also write the built site as one zip to FILE, which
                      works from file:// once unzipped; beside the output folder too
  --strict            treat warnings as errors
  --port N            serve: the port to listen on (default 8080; 0: any free port)
  --bind ADDR         serve: the address to listen on (default 127.0.0.1, this machine
                      only; another address lets other machines read the site)
  --format FORMAT     how to print diagnostics: text (the default, on stderr), json (on
                      stdout), github (GitHub Actions annotations on stdout, text on
                      stderr) or sarif (a SARIF 2.1.0 log on stdout, text on stderr)
  --jobs N            threads to use (default: every core); the output is the same for any N
  --timings           print the time each stage took, and the peak memory after it
  --quiet             print nothing but diagnostics
  --help, -h          show this help
  --version, -V       show the version: passage VERSION

Exit status: 0 success, 1 errors (in the content, or a folder passage may not
write or that another build holds), 2 wrong usage.
)";

struct Args {
    std::string command;
    std::string init_dir;  // passage init's folder
    serve::Settings serve;
    bool serve_named = false;  // --port or --bind given
    bool out_named = false;
    bool base_url_named = false;
    site::Options site;
    bool strict = false, timings = false, quiet = false;
    std::string format = "text";  // text, json, github or sarif
    // Standard output is one document (JSON, SARIF): nothing else may go there.
    bool document_out() const { return format == "json" || format == "sarif"; }
    int build_options = 0;    // how many options of build and check were given (init takes none)
    int edition_options = 0;  // --epub, --zip: build only
};

int usage_error(std::ostream& err, const std::string& msg) {
    err << "passage: " << diag::printable(msg) << "\n"
        << "Try 'passage --help'.\n";
    return 2;
}

// Before the build: the cache folder must not be one of the inputs, and the folders the run writes
// are locked for it (output/lock.hpp), the output by a build, the cache by a build or, shared, by a
// check. False, with the reason in `sink`, when the build must not start.
bool prepare(const fs::FileSystem& disk, const Args& a, diag::Sink& sink, std::vector<output::FolderLock>& locks) {
    const auto& o = a.site;
    if (!site::check_theme_folders(disk, o, sink)) return false;
    if (!o.cache.empty() && !output::check_cache_folder(disk, o.cache, {o.content, o.templates, o.assets}, sink)) return false;
    if (!o.cache.empty() && output::nested(disk, o.cache, o.out)) {  // its lock file would go into the output
        sink.error("out-unsafe", o.out, {},
                   "the cache folder " + o.cache + " would be inside the output folder, which every build replaces",
                   "keep the cache beside the output, e.g. --cache .passage-cache");
        return false;
    }
    // An output folder that would overwrite an input is refused before its lock file is made beside it.
    if (o.write && !output::check_target(disk, o.out, {o.content, o.templates, o.assets}, sink)) return false;
    if (o.write) {
        auto lock = output::FolderLock::take(o.out, output::FolderLock::Mode::exclusive, "out-locked", sink);
        if (!lock) return false;
        locks.push_back(std::move(*lock));
    }
    if (!o.cache.empty()) {
        auto mode = o.write ? output::FolderLock::Mode::exclusive : output::FolderLock::Mode::shared;
        auto lock = output::FolderLock::take(o.cache, mode, "cache-locked", sink);
        if (!lock) return false;
        locks.push_back(std::move(*lock));
    }
    return true;
}

// A path as a shell word to copy: as it is when it holds only characters no shell reads as special,
// else between single quotes.
std::string shell_word(const std::string& path) {
    if (!path.empty() &&
        path.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./+,:@%=-") == std::string::npos)
        return path;
    std::string quoted = "'";
    for (char c : path) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

// passage init: the starter reference, and what to do next.
int init(const Args& a, std::ostream& out, std::ostream& err) {
    fs::RealFileSystem disk;
    diag::Sink sink;
    const auto written = write_starter(disk, a.init_dir, sink);
    if (!written) {
        err << diag::format_all_text(sink);
        return 1;
    }
    if (!a.quiet) {
        const auto dir = diag::printable(a.init_dir);
        out << "wrote a starter reference into " << dir << "/ (" << *written << " files in "
            << diag::printable(fs::join(a.init_dir, "content")) << "/)\n"
            << "next:\n"
            << "  cd " << diag::printable(shell_word(a.init_dir)) << "\n"
            << "  passage build --strict    build the site into public/ (warnings are errors)\n"
            << "  open public/index.html    no server needed\n"
            << "then edit content/ and build again; a file in templates/ or assets/ replaces the built-in one of its name.\n";
    }
    return 0;
}

// passage serve, until SIGINT or SIGTERM.
std::atomic<bool> stop_serving{false};

extern "C" void on_stop_signal(int) {
    stop_serving = true;
}

int serve_until_stopped(const Args& a, std::ostream& out, std::ostream& err) {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
    ::signal(SIGPIPE, SIG_IGN);  // a browser that goes away while it is sent a page
    return serve::run(a.site, a.serve, out, err, stop_serving);
}

}  // namespace

namespace {

int run(int argc, char** argv, std::ostream& out, std::ostream& err, bool whole_program) {
    Args a;
    a.site.exit_after_build = whole_program;
    a.site.version = PASSAGE_VERSION;
    std::vector<std::string> args(argv + 1, argv + argc);
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& s = args[i];
        auto value = [&](std::string& dst) -> bool {
            if (i + 1 >= args.size() || args[i + 1].empty()) return false;
            dst = args[++i];
            return true;
        };
        if (s == "--help" || s == "-h") {
            out << kHelp;
            return 0;
        } else if (s == "--version" || s == "-V") {
            out << "passage " << PASSAGE_VERSION << "\n";
            return 0;
        } else if (s == "--content" || s == "--templates" || s == "--assets" || s == "--out" || s == "--cache") {
            std::string& dst = s == "--content"     ? a.site.content
                               : s == "--templates" ? a.site.templates
                               : s == "--assets"    ? a.site.assets
                               : s == "--cache"     ? a.site.cache
                                                    : a.site.out;
            if (!value(dst)) return usage_error(err, s + " needs a folder");
            if (s == "--templates") a.site.templates_named = true;
            if (s == "--out") a.out_named = true;
            if (s == "--assets") a.site.assets_named = true;
            ++a.build_options;
        } else if (s == "--epub" || s == "--zip") {
            if (!value(s == "--epub" ? a.site.epub : a.site.zip)) return usage_error(err, s + " needs a file");
            ++a.build_options;
            ++a.edition_options;
        } else if (s == "--base-url") {
            if (!value(a.site.base_url)) return usage_error(err, "--base-url needs a URL");
            a.base_url_named = true;
            ++a.build_options;
        } else if (s == "--port") {
            std::string n;
            if (!value(n) || n.find_first_not_of("0123456789") != std::string::npos || n.size() > 5 || std::stoi(n) > 65535)
                return usage_error(err, "--port takes a port number (0 to 65535)");
            a.serve.port = std::stoi(n);
            a.serve_named = true;
            ++a.build_options;
        } else if (s == "--bind") {
            if (!value(a.serve.host)) return usage_error(err, "--bind needs an address, e.g. 127.0.0.1");
            a.serve_named = true;
            ++a.build_options;
        } else if (s == "--format") {
            std::string f;
            if (!value(f) || (f != "text" && f != "json" && f != "github" && f != "sarif"))
                return usage_error(err, "--format takes text, json, github or sarif");
            a.format = f;
            ++a.build_options;
        } else if (s == "--jobs" || s == "-j") {
            std::string n;
            if (!value(n) || n.find_first_not_of("0123456789") != std::string::npos || n.size() > 4 || std::stoi(n) < 1)
                return usage_error(err, "--jobs takes a number of threads (1 or more)");
            a.site.jobs = static_cast<unsigned>(std::stoi(n));
            ++a.build_options;
        } else if (s == "--strict") {
            a.strict = true;
            ++a.build_options;
        } else if (s == "--timings") {
            a.timings = true;
            ++a.build_options;
        } else if (s == "--quiet" || s == "-q") {
            a.quiet = true;
        } else if (!s.empty() && s[0] == '-') {
            return usage_error(err, "unknown option '" + s + "'");
        } else if (a.command.empty()) {
            if (s != "build" && s != "check" && s != "serve" && s != "init")
                return usage_error(err, "unknown command '" + s + "' (commands: build, check, serve, init)");
            a.command = s;
        } else if (a.command == "init" && a.init_dir.empty()) {
            a.init_dir = s;
        } else {
            return usage_error(err, "unexpected argument '" + s + "'");
        }
    }
    if (a.command.empty()) return usage_error(err, "no command given (build, check, serve or init)");
    if (a.command == "init") {
        if (a.init_dir.empty()) return usage_error(err, "init needs a folder: passage init DIR");
        if (a.build_options > 0) return usage_error(err, "init takes a folder and no option but --quiet");
        return init(a, out, err);
    }
    if ((a.command == "check" || a.command == "serve") && a.edition_options > 0)
        return usage_error(err, "--epub and --zip write files: use them with passage build");
    if (!a.site.epub.empty() && fs::normalize(a.site.epub) == fs::normalize(a.site.zip))
        return usage_error(err, "--epub and --zip name the same file");
    // The base_url: --base-url, else the environment's, else site.json's; checked as site.json's is.
    std::string base_url_from = "--base-url";
    if (a.site.base_url.empty() && a.command != "serve") {
        const char* env = std::getenv("PASSAGE_BASE_URL");
        a.site.base_url = env ? env : "";
        base_url_from = "PASSAGE_BASE_URL";
    }
    if (!a.site.base_url.empty()) {
        std::string why;
        auto url = config::base_url(a.site.base_url, &why);
        if (!url) return usage_error(err, base_url_from + " must be an absolute http(s) URL; it is " + why);
        a.site.base_url = *url;
    }
    a.site.write = a.command == "build";
    if (a.serve_named && a.command != "serve") return usage_error(err, "--port and --bind are options of serve");
    if (a.command == "serve") {
        if (a.out_named) return usage_error(err, "serve builds into a temporary folder of its own: it takes no --out");
        if (!a.site.cache.empty()) return usage_error(err, "serve keeps its cache in memory: it takes no --cache");
        if (a.format != "text") return usage_error(err, "serve prints its diagnostics as text: it takes no --format");
        if (a.base_url_named) return usage_error(err, "serve's pages are at the address it serves: it takes no --base-url");
        a.serve.strict = a.strict;
        a.serve.quiet = a.quiet;
        return serve_until_stopped(a, out, err);
    }

    // On a terminal, a build that takes more than a second says which stage it is in.
    bool progress_shown = false;
    auto started = std::chrono::steady_clock::now();
    if (!a.quiet && a.format != "json" && &err == &std::cerr && ::isatty(2)) {
        a.site.progress = [&](const char* stage) {
            if (std::chrono::steady_clock::now() - started < std::chrono::seconds(1)) return;
            std::cerr << "\r\033[Kpassage: " << stage << "..." << std::flush;
            progress_shown = true;
        };
    }
    fs::RealFileSystem disk;
    diag::Sink sink(a.strict);
    const auto build_started = std::chrono::steady_clock::now();
    std::vector<output::FolderLock> locks;
    site::Result result;
    if (prepare(disk, a, sink, locks)) result = site::build(disk, a.site, sink);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - build_started).count();
    if (progress_shown) std::cerr << "\r\033[K" << std::flush;

    if (a.format == "json") {
        out << diag::format_all_json(sink);
    } else {
        if (a.format == "github") out << diag::format_all_github(sink);
        if (a.format == "sarif") out << diag::format_all_sarif(sink, a.site.version);
        err << diag::format_all_text(sink);
    }
    if (a.timings) {
        const double total = wall;
        std::ostringstream t;
        t << std::fixed << std::setprecision(1);
        for (const auto& [stage, secs] : result.timings)
            t << "  " << std::left << std::setw(16) << stage << std::right << std::setw(9) << secs * 1000 << " ms\n";
        t << "  " << std::left << std::setw(16) << "total" << std::right << std::setw(9) << total * 1000 << " ms\n";
        if (const auto& r = result.reuse) {
            t << "cache: " << (r->cache_read ? "read" : "none to read") << "; of " << r->documents << " documents, " << r->parsed
              << " parsed, " << r->mentions_found << " searched for mentions, " << r->bodies_rendered << " bodies rendered; of " << r->pages
              << " pages, " << r->pages_made << " made; of " << r->search_runs << " runs of search records, " << r->runs_indexed
              << " indexed\n";
        }
        t << "peak memory (resident set of the process, MB) after each stage:\n";
        for (const auto& [stage, mb] : result.memory)
            t << "  " << std::left << std::setw(16) << stage << std::right << std::setw(9) << mb << " MB\n";
        (a.document_out() ? err : out) << "timings:\n" << t.str();
    }
    if (!result.ok) return 1;
    if (!a.quiet && !a.document_out()) {
        if (a.command == "build")
            out << "built " << result.pages << " pages (" << result.files << " files) into " << diag::printable(a.site.out) << "/\nopen "
                << diag::printable(fs::join(a.site.out, "index.html")) << "\n";
        else
            out << "checked " << result.pages << " pages: no errors\n";
        for (const auto& e : result.editions)
            out << "wrote " << diag::printable(e.path) << " (" << (e.bytes + 1023) / 1024 << " KiB, " << e.files << " files)\n";
    }
    return 0;
}

}  // namespace

// The program: it exits once the build returns, so the build leaves its memory to the exit.
int run(int argc, char** argv) {
    return run(argc, argv, std::cout, std::cerr, true);
}

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
    return run(argc, argv, out, err, false);
}

}  // namespace passage::cli
