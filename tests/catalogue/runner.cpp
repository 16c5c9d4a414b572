// Runs one case of the bad-input catalogue (tests/catalogue/cases.json; see tests/catalogue/README.md)
// against the passage program, the way a user would meet it:
//   1. copies the base site (tests/catalogue/base/content, the project's templates and assets) into a
//      fresh folder and builds it: the previous good output (and, for a cache case, a warm cache);
//   2. applies the case's change (files written, removed, made links, FIFOs, devices; the cache's
//      files damaged; a folder locked by another process);
//   3. builds again and checks the exit status, that the expected diagnostic code is there (at its
//      file:line:col when given), and that a failed build left the previous output byte for byte as
//      it was, with no staging folder beside it; for a successful cache case, that the output is the
//      one a build without the cache makes.
// Usage: passage_catalogue CATALOGUE_DIR CASE_NAME. Exit status 0 when the case holds, 1 when it does
// not (saying why), 77 when it cannot be set up here (a device node needs CAP_MKNOD).
#include <fcntl.h>
#include <grp.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "../support.hpp"
#include "output/lock.hpp"

namespace stdfs = std::filesystem;
using nlohmann::json;
using passage::testing::read_file;
using passage::testing::read_tree;
using passage::testing::write_file;

namespace {

constexpr int kSkip = 77;

struct Failure {
    std::string why;
};

[[noreturn]] void fail(const std::string& why) {
    throw Failure{why};
}

struct Outcome {
    int status = -1;
    std::string out, err;
};

// Runs passage in `dir` with `args`; as the user nobody when `drop` and this process is root (so that
// a file without read permission is unreadable to it, as to anyone but root).
Outcome run_passage(const stdfs::path& dir, const std::vector<std::string>& args, bool drop) {
    const auto out = dir / ".run.out", err = dir / ".run.err";
    std::vector<std::string> all{passage::testing::passage_binary().string()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = ::fork();
    if (pid == 0) {
        int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int in = ::open("/dev/null", O_RDONLY);
        if (o < 0 || e < 0 || in < 0 || ::dup2(in, 0) < 0 || ::dup2(o, 1) < 0 || ::dup2(e, 2) < 0 || ::chdir(dir.c_str()) != 0)
            ::_exit(126);
        if (drop && ::geteuid() == 0 && (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(126);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    int status = 0;
    Outcome r;
    if (pid > 0 && ::waitpid(pid, &status, 0) == pid)
        r.status = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    stdfs::remove(out);
    stdfs::remove(err);
    return r;
}

std::vector<std::string> base_args(const json& c, bool with_cache) {
    std::vector<std::string> a = {"build", "--content", "content", "--templates", "templates", "--assets", "assets", "--out", "public"};
    if (with_cache) a.insert(a.end(), {"--cache", "cache"});
    if (!c.value("text", false)) a.insert(a.end(), {"--format", "json"});
    return a;
}

// Every regular file below `dir`.
std::vector<stdfs::path> files_below(const stdfs::path& dir) {
    std::vector<stdfs::path> out;
    std::error_code ec;
    for (const auto& e : stdfs::recursive_directory_iterator(dir))
        if (e.is_symlink(ec) == false && e.is_regular_file(ec)) out.push_back(e.path());
    return out;
}

// The repeated `unit`, `bytes` long.
std::string fill(const std::string& unit, std::size_t bytes) {
    std::string s;
    s.reserve(bytes);
    while (s.size() < bytes) s += unit;
    s.resize(bytes);
    return s;
}

// Applies one step of a case's change in `dir`. Holds locks in `held` (file descriptors).
void apply(const json& step, const stdfs::path& dir, std::vector<int>& held) {
    auto path = [&](const char* key) { return dir / step.at(key).get<std::string>(); };
    if (step.contains("write") && step.contains("hex")) {  // bytes that are not UTF-8, which JSON cannot hold
        std::string bytes, hex = step.at("hex").get<std::string>();
        for (std::size_t i = 0; i + 1 < hex.size(); i += 2) bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
        write_file(path("write"), bytes);
    } else if (step.contains("write")) {
        write_file(path("write"), step.at("text").get<std::string>());
    } else if (step.contains("append")) {
        write_file(path("append"), read_file(path("append")) + step.at("text").get<std::string>());
    } else if (step.contains("replace")) {
        auto p = path("replace");
        auto text = read_file(p);
        auto from = step.at("from").get<std::string>();
        auto at = text.find(from);
        if (at == std::string::npos) fail("step " + step.dump() + ": the text to replace is not in the base site");
        write_file(p, text.replace(at, from.size(), step.at("to").get<std::string>()));
    } else if (step.contains("fill")) {
        auto p = path("fill");
        write_file(p, step.value("prefix", "") + fill(step.at("text").get<std::string>(), step.at("bytes").get<std::size_t>()) +
                          step.value("suffix", ""));
    } else if (step.contains("sparse")) {
        auto p = path("sparse");
        write_file(p, "");
        stdfs::resize_file(p, step.at("bytes").get<std::uintmax_t>());
    } else if (step.contains("remove")) {
        stdfs::remove_all(path("remove"));
    } else if (step.contains("mkdir")) {
        stdfs::create_directories(path("mkdir"));
    } else if (step.contains("symlink")) {
        auto p = path("symlink");
        stdfs::remove_all(p);
        stdfs::create_directories(p.parent_path());
        stdfs::create_symlink(step.at("to").get<std::string>(), p);
    } else if (step.contains("fifo")) {
        auto p = path("fifo");
        stdfs::remove_all(p);
        stdfs::create_directories(p.parent_path());
        if (::mkfifo(p.c_str(), 0644) != 0) fail("mkfifo " + p.string() + ": " + std::strerror(errno));
    } else if (step.contains("device")) {
        auto p = path("device");
        stdfs::remove_all(p);
        stdfs::create_directories(p.parent_path());
        if (::mknod(p.c_str(), S_IFCHR | 0644, makedev(1, 5)) != 0) {  // what /dev/zero is
            std::cout << "cannot make a device node here (" << std::strerror(errno) << "): the case needs CAP_MKNOD\n";
            std::exit(kSkip);
        }
    } else if (step.contains("chmod")) {
        stdfs::permissions(path("chmod"), static_cast<stdfs::perms>(step.at("mode").get<int>()));
    } else if (step.contains("lock")) {
        // Another build holding the folder: an exclusive flock on its lock file, kept until the end.
        auto lock = passage::output::FolderLock::path_for(path("lock").string());
        int fd = ::open(lock.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC, 0666);
        if (fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) != 0) fail("cannot lock " + lock);
        held.push_back(fd);
    } else if (step.contains("each_cache_file")) {
        // The cache as a store of files whose names and formats are its own: each file damaged alike.
        const auto how = step.at("each_cache_file").get<std::string>();
        auto files = files_below(dir / "cache");
        if (files.empty()) fail("the warm cache holds no file");
        for (const auto& f : files) {
            auto bytes = read_file(f);
            if (how == "truncate") {
                stdfs::resize_file(f, bytes.size() / 2);
            } else if (how == "empty") {
                stdfs::resize_file(f, 0);
            } else if (how == "garbage") {
                std::string g(bytes.size(), '\0');
                for (std::size_t i = 0; i < g.size(); ++i) g[i] = static_cast<char>((i * 2654435761u) >> 13);
                write_file(f, g);
            } else if (how == "flip-last-byte") {
                if (!bytes.empty()) bytes.back() = static_cast<char>(bytes.back() ^ 0x5A);
                write_file(f, bytes);
            } else if (how == "doubled") {
                write_file(f, bytes + bytes);
            } else if (how == "directory") {
                stdfs::remove(f);
                stdfs::create_directory(f);
            } else if (how == "fifo") {
                stdfs::remove(f);
                if (::mkfifo(f.c_str(), 0644) != 0) fail("mkfifo");
            } else if (how == "symlink") {
                stdfs::remove(f);
                stdfs::create_symlink("/etc/passwd", f);
            } else if (how == "remove") {
                stdfs::remove(f);
            } else {
                fail("unknown each_cache_file " + how);
            }
        }
    } else {
        fail("unknown step " + step.dump());
    }
}

// "file:line:col" (or "file", or "file:line") of a diagnostic as the case writes it.
std::string where(const json& d, const std::string& wanted) {
    std::string w = d.value("file", "");
    auto parts = std::count(wanted.begin(), wanted.end(), ':');
    if (parts >= 1) w += ":" + std::to_string(d.value("line", 0));
    if (parts >= 2) w += ":" + std::to_string(d.value("column", 0));
    return w;
}

bool code_matches(const std::string& code, const std::string& pattern) {
    if (!pattern.empty() && pattern.back() == '*') return code.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
    return code == pattern;
}

void check_diagnostics(const json& c, const Outcome& r) {
    const std::string shown = r.out + r.err;
    if (c.contains("excludes")) {
        for (const auto& x : c.at("excludes"))
            if (shown.find(x.get<std::string>()) != std::string::npos) fail("the output shows " + x.dump() + ", which it must not");
    }
    if (c.contains("output_max") && shown.size() > c.at("output_max").get<std::size_t>())
        fail("the diagnostics are " + std::to_string(shown.size()) + " bytes, more than " + c.at("output_max").dump());
    if (!c.contains("code")) return;
    const auto code = c.at("code").get<std::string>();
    const auto at = c.value("at", "");
    if (c.value("text", false) || r.status == 2) {
        // Text form: "path:line:col: severity[code]: ...".
        auto pattern = (at.empty() ? "" : at + ": ") + c.value("severity", "error") + "[" + code + "]";
        if (code.back() == '*') pattern = "[" + code.substr(0, code.size() - 1);
        if (shown.find(pattern) == std::string::npos) fail("no \"" + pattern + "\" in what passage printed:\n" + shown.substr(0, 3000));
        return;
    }
    json all;
    try {
        all = json::parse(r.out);
    } catch (const std::exception&) {
        fail("the standard output is not the JSON array of diagnostics");
    }
    for (const auto& d : all) {
        if (!code_matches(d.value("code", ""), code)) continue;
        if (c.contains("severity") && d.value("severity", "") != c.at("severity").get<std::string>()) continue;
        if (!at.empty() && where(d, at) != at) continue;
        return;
    }
    std::string printed;
    for (const auto& d : all)
        printed +=
            "\n  " + d.value("severity", "") + "[" + d.value("code", "") + "] at " + where(d, "f:l:c") + ": " + d.value("message", "");
    fail("no diagnostic " + code + (at.empty() ? "" : " at " + at) +
         (c.contains("severity") ? " (" + c.at("severity").get<std::string>() + ")" : "") + "; passage printed:" + printed);
}

void run_case(const json& c, const stdfs::path& catalogue, const stdfs::path& dir) {
    const bool cache = c.value("cache", false);
    const auto src = passage::testing::source_dir();
    stdfs::copy(catalogue / "base/content", dir / "content", stdfs::copy_options::recursive);
    stdfs::copy(src / "templates", dir / "templates", stdfs::copy_options::recursive);
    stdfs::copy(src / "assets", dir / "assets", stdfs::copy_options::recursive);
    // The previous good build (and the warm cache).
    auto first = run_passage(dir, base_args(json::object(), cache), false);
    if (first.status != 0) fail("the base site does not build: " + first.out + first.err);
    const auto before = read_tree(dir / "public");

    std::vector<int> held;
    for (const auto& step : c.value("steps", json::array())) apply(step, dir, held);
    std::vector<std::string> args;
    if (c.contains("argv")) {
        for (const auto& a : c.at("argv")) args.push_back(a.get<std::string>());
    } else {
        args = base_args(c, cache);
        for (const auto& a : c.value("args", json::array())) args.push_back(a.get<std::string>());
    }
    const bool staging_before = stdfs::exists(dir / "public.staging");  // a foreign one in the way stays
    auto r = run_passage(dir, args, c.value("as_nobody", false));
    for (int fd : held) ::close(fd);
    // Whatever the case did to permissions, the folder must be removable afterwards.
    std::error_code ignored;
    for (const auto& e : stdfs::recursive_directory_iterator(dir, ignored))
        if (!e.is_symlink(ignored)) stdfs::permissions(e.path(), stdfs::perms::owner_all, stdfs::perm_options::add, ignored);

    const int status = c.at("status").get<int>();
    if (r.status != status)
        fail("exit status " + std::to_string(r.status) + ", expected " + std::to_string(status) + "\n--- stdout\n" + r.out.substr(0, 4000) +
             "\n--- stderr\n" + r.err.substr(0, 4000));
    check_diagnostics(c, r);
    if (status != 0 && c.value("intact", true)) {
        if (read_tree(dir / "public") != before) fail("a failed build changed the previous output");
        if (!staging_before && stdfs::exists(dir / "public.staging")) fail("a failed build left its staging folder");
    }
    if (c.contains("contains")) {
        const auto& want = c.at("contains");
        auto text = read_file(dir / want.at("path").get<std::string>());
        if (text.find(want.at("text").get<std::string>()) == std::string::npos)
            fail(want.at("path").get<std::string>() + " does not contain " + want.at("text").dump());
    }
    if (c.value("same_as_cold", false)) {
        std::vector<std::string> cold = {"build",    "--content", "content", "--templates", "templates",
                                         "--assets", "assets",    "--out",   "cold"};
        if (run_passage(dir, cold, false).status != 0) fail("the cold build failed");
        if (read_tree(dir / "public") != read_tree(dir / "cold")) fail("the output differs from that of a build without the cache");
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: passage_catalogue CATALOGUE_DIR CASE_NAME\n";
        return 2;
    }
    const stdfs::path catalogue = argv[1];
    const std::string name = argv[2];
    json cases = json::parse(read_file(catalogue / "cases.json"));
    const json* found = nullptr;
    for (const auto& c : cases)
        if (c.at("name").get<std::string>() == name) found = &c;
    if (!found) {
        std::cerr << "no case named \"" << name << "\"\n";
        return 1;
    }
    passage::testing::TempDir tmp;
    const auto dir = tmp.path() / "case";
    stdfs::create_directories(dir);
    // The user nobody of as_nobody cases reads and writes in it.
    stdfs::permissions(tmp.path(), stdfs::perms::all);
    stdfs::permissions(dir, stdfs::perms::all);
    try {
        run_case(*found, catalogue, dir);
    } catch (const Failure& f) {
        std::cout << "case \"" << name << "\" does not hold: " << f.why << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cout << "case \"" << name << "\" could not run: " << e.what() << "\n";
        return 1;
    }
    std::cout << "case \"" << name << "\" holds\n";
    return 0;
}
