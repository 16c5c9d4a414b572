#include <doctest/doctest.h>

#include <sstream>

#include "../support.hpp"
#include "cli/cli.hpp"
#include "cli/init.hpp"
#include "output/lock.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

using namespace passage;

namespace {

struct Run {
    int code;
    std::string out, err;
};

Run run(std::vector<std::string> args) {
    args.insert(args.begin(), "passage");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    std::ostringstream out, err;
    int code = cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
    return {code, out.str(), err.str()};
}

std::vector<std::string> folders(const std::filesystem::path& content, const std::filesystem::path& out) {
    auto src = testing::source_dir();
    return {"--content", content.string(), "--templates", (src / "templates").string(), "--assets", (src / "assets").string(),
            "--out", out.string()};
}

}  // namespace

TEST_CASE("help and version exit 0 and say what the program does") {
    auto h = run({"--help"});
    CHECK(h.code == 0);
    CHECK(h.out.find("passage build [options]") != std::string::npos);
    CHECK(h.out.find("--strict") != std::string::npos);
    auto v = run({"--version"});
    CHECK(v.code == 0);
    CHECK(v.out == std::string("passage ") + PASSAGE_VERSION + "\n");
    auto short_form = run({"-V"});
    CHECK(short_form.code == 0);
    CHECK(short_form.out == v.out);
    CHECK(short_form.err == "");
    CHECK(run({"-h"}).out == h.out);
}

TEST_CASE("usage errors exit 2 with a hint") {
    for (auto args : std::vector<std::vector<std::string>>{{}, {"bild"}, {"build", "--frobnicate"}, {"build", "--format", "xml"}, {"build", "--out"}, {"build", "--cache"}, {"build", "--jobs", "0"}, {"build", "--jobs", "x"}}) {
        auto r = run(args);
        CHECK(r.code == 2);
        CHECK(r.err.find("Try 'passage --help'.") != std::string::npos);
    }
}

TEST_CASE("a build with a broken reference exits 1 and writes nothing") {
    testing::TempDir tmp;
    auto args = folders(testing::source_dir() / "tests/sites/broken-reference/content", tmp.path() / "public");
    args.insert(args.begin(), "build");
    auto r = run(args);
    CHECK(r.code == 1);
    CHECK(r.err.find("error[ref-unknown]: unknown instrument \"icmv\"") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(tmp.path() / "public"));
}

TEST_CASE("diagnostics as JSON go to standard output") {
    testing::TempDir tmp;
    auto args = folders(testing::source_dir() / "tests/sites/broken-reference/content", tmp.path() / "public");
    args.insert(args.begin(), {"check", "--format", "json"});
    auto r = run(args);
    CHECK(r.code == 1);
    auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.is_array());
    CHECK(j.size() == 2);
    CHECK(j[0]["code"] == "ref-unknown");
}

TEST_CASE("check writes nothing and build writes the site and tells where it is") {
    testing::TempDir tmp;
    auto args = folders(testing::source_dir() / "tests/sites/minimal/content", tmp.path() / "public");
    args.insert(args.begin(), "check");
    auto c = run(args);
    CHECK(c.code == 0);
    CHECK_FALSE(std::filesystem::exists(tmp.path() / "public"));
    args[0] = "build";
    args.push_back("--timings");
    auto b = run(args);
    CHECK(b.code == 0);
    CHECK(b.out.find("open " + (tmp.path() / "public" / "index.html").string()) != std::string::npos);
    CHECK(b.out.find("markdown") != std::string::npos);
    CHECK(std::filesystem::exists(tmp.path() / "public" / "index.html"));
}

TEST_CASE("strict mode turns warnings into a failed build") {
    testing::TempDir tmp;
    auto content = tmp.path() / "content";
    testing::write_file(content / "site.json", R"({"title": "T", "colour": "red"})");
    auto args = folders(content, tmp.path() / "public");
    args.insert(args.begin(), "check");
    CHECK(run(args).code == 0);
    args.push_back("--strict");
    auto r = run(args);
    CHECK(r.code == 1);
    CHECK(r.err.find("error[meta-unknown-field]") != std::string::npos);
}

TEST_CASE("the output may not be the content folder") {
    auto content = testing::source_dir() / "tests/sites/minimal/content";
    auto args = folders(content, content);
    args.insert(args.begin(), "build");
    auto r = run(args);
    CHECK(r.code == 1);
    CHECK(r.err.find("error[out-unsafe]") != std::string::npos);
}

TEST_CASE("--cache keeps a cache that the next build reads, and --timings says how much it reused") {
    testing::TempDir tmp;
    auto args = folders(testing::source_dir() / "tests/sites/minimal/content", tmp.path() / "public");
    args.insert(args.begin(), "build");
    args.insert(args.end(), {"--cache", (tmp.path() / "cache").string(), "--timings"});
    auto first = run(args);
    CHECK(first.code == 0);
    CHECK(first.out.find("cache: none to read") != std::string::npos);
    CHECK(std::filesystem::is_directory(tmp.path() / "cache"));
    auto second = run(args);
    CHECK(second.code == 0);
    CHECK(second.out.find("cache: read; of 1 documents, 0 parsed, 0 searched for mentions, 0 bodies rendered") != std::string::npos);
    CHECK(run({"--help"}).out.find("--cache DIR") != std::string::npos);
}

TEST_CASE("a build into an output folder another build holds fails at once with out-locked and leaves it untouched") {
    testing::TempDir tmp;
    auto out = tmp.path() / "public";
    auto args = folders(testing::source_dir() / "tests/sites/minimal/content", out);
    args.insert(args.begin(), "build");
    REQUIRE(run(args).code == 0);
    const auto before = testing::read_tree(out);
    {
        diag::Sink sink;
        auto held = output::FolderLock::take((out.string() + "/"), output::FolderLock::Mode::exclusive, "out-locked", sink);
        REQUIRE(held);
        CHECK(std::filesystem::exists(tmp.path() / "public.lock"));  // beside the folder, never in it
        auto r = run(args);
        CHECK(r.code == 1);
        CHECK(r.err.find(out.string() + ": error[out-locked]: another passage build is using the folder " + out.string()) !=
              std::string::npos);
        CHECK(testing::read_tree(out) == before);
        CHECK_FALSE(std::filesystem::exists(tmp.path() / "public.staging"));
        // A check writes no output: it does not need the output's lock.
        args[0] = "check";
        CHECK(run(args).code == 0);
        args[0] = "build";
    }
    CHECK(run(args).code == 0);  // the lock goes with the build that held it
    CHECK_FALSE(std::filesystem::exists(out / "public.lock"));
}

TEST_CASE("a build whose cache folder another build holds fails with cache-locked; checks share it") {
    testing::TempDir tmp;
    auto cache = tmp.path() / "cache";
    auto args = folders(testing::source_dir() / "tests/sites/minimal/content", tmp.path() / "public");
    args.insert(args.begin(), "build");
    args.insert(args.end(), {"--cache", cache.string()});
    diag::Sink sink;
    {
        auto reading = output::FolderLock::take(cache.string(), output::FolderLock::Mode::shared, "cache-locked", sink);
        REQUIRE(reading);
        auto r = run(args);
        CHECK(r.code == 1);
        CHECK(r.err.find("error[cache-locked]") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(tmp.path() / "public"));
        args[0] = "check";
        CHECK(run(args).code == 0);  // a shared lock beside another shared one
        args[0] = "build";
    }
    CHECK(run(args).code == 0);
}

TEST_CASE("every spelling of one folder names one lock file beside it") {
    testing::TempDir tmp;
    const auto expected = (std::filesystem::canonical(tmp.path()) / "public.lock").string();
    CHECK(output::FolderLock::path_for((tmp.path() / "public").string()) == expected);
    CHECK(output::FolderLock::path_for((tmp.path() / "public/").string()) == expected);
    CHECK(output::FolderLock::path_for((tmp.path() / "x/../public/.").string()) == expected);
    CHECK(output::FolderLock::path_for("/").empty());
}

TEST_CASE("two passage processes building into one folder: one builds, the other fails with out-locked, and the site is whole") {
    testing::TempDir tmp;
    auto out = tmp.path() / "public";
    auto src = testing::source_dir();
    std::vector<std::string> args = {"build",
                                     "--content",
                                     (src / "content").string(),
                                     "--templates",
                                     (src / "templates").string(),
                                     "--assets",
                                     (src / "assets").string(),
                                     "--out",
                                     out.string(),
                                     "--jobs",
                                     "1"};
    auto first = testing::start(testing::passage_binary(), args, tmp.path() / "logs");
    // The second starts once the first is writing its staging folder, so holds the lock.
    for (int i = 0; i < 6000 && !std::filesystem::exists(tmp.path() / "public.staging"); ++i) ::usleep(1000);
    auto second = testing::run_program(testing::passage_binary(), args, tmp.path() / "logs");
    auto one = testing::wait(first);
    CHECK(one.status == 0);
    CHECK(second.status == 1);
    CHECK(second.err.find("error[out-locked]") != std::string::npos);
    // The published folder is the first build's whole site.
    auto again = tmp.path() / "again";
    args[args.size() - 3] = again.string();
    REQUIRE(testing::run_program(testing::passage_binary(), args, tmp.path() / "logs").status == 0);
    CHECK(testing::read_tree(out) == testing::read_tree(again));
}

TEST_CASE("a cache folder inside the content, templates or assets folder is refused with cache-unsafe") {
    testing::TempDir tmp;
    auto content = tmp.path() / "content";
    std::filesystem::copy(testing::source_dir() / "tests/sites/minimal/content", content, std::filesystem::copy_options::recursive);
    const auto before = testing::read_tree(content);
    auto args = folders(content, tmp.path() / "public");
    args.insert(args.begin(), "build");
    for (const auto& cache : {content, content / "cache", tmp.path()}) {
        auto with = args;
        with.insert(with.end(), {"--cache", cache.string()});
        auto r = run(with);
        CHECK(r.code == 1);
        CHECK(r.err.find("error[cache-unsafe]: the cache folder would be written into the folder " + content.string()) !=
              std::string::npos);
    }
    CHECK(testing::read_tree(content) == before);
    CHECK_FALSE(std::filesystem::exists(tmp.path() / "public"));
}

TEST_CASE(
    "javascript: links in Markdown kept in JSON fields (summary, description, annotation) fail the build with url-unsafe at the field") {
    testing::TempDir tmp;
    auto content = tmp.path() / "content";
    std::filesystem::copy(testing::source_dir() / "tests/sites/minimal/content", content, std::filesystem::copy_options::recursive);
    testing::write_file(content / "organizations/unga.json",
                        "{\"name\": \"United Nations General Assembly\", \"kind\": \"un-body\",\n"
                        " \"description\": \"See [the site](javascript:alert(document.domain)).\"}");
    testing::write_file(
        content / "documents/note.json",
        R"x({"title": "A short note", "date": "2004-01-16", "kind": "note", "numbered_paragraphs": true, "themes": ["rights"], "summary": "![x](data:image/png;base64,AAAA)"})x");
    auto args = folders(content, tmp.path() / "public");
    args.insert(args.begin(), {"build", "--format", "json"});
    auto r = run(args);
    CHECK(r.code == 1);
    auto j = nlohmann::json::parse(r.out);
    std::vector<std::string> found;
    for (const auto& d : j)
        if (d["code"] == "url-unsafe")
            found.push_back(std::filesystem::path(d["file"].get<std::string>()).filename().string() + ":" +
                            std::to_string(d["line"].get<int>()) + ":" + std::to_string(d["column"].get<int>()));
    CHECK(testing::join(found) == "note.json:1:127; unga.json:2:17");
    CHECK_FALSE(std::filesystem::exists(tmp.path() / "public"));
}

TEST_CASE("an output folder refused as unsafe gets no lock file beside it") {
    testing::TempDir tmp;
    auto content = tmp.path() / "content";
    std::filesystem::copy(testing::source_dir() / "tests/sites/minimal/content", content, std::filesystem::copy_options::recursive);
    auto args = folders(content, content / "documents");
    args.insert(args.begin(), "build");
    auto r = run(args);
    CHECK(r.code == 1);
    CHECK(r.err.find("error[out-unsafe]") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(content / "documents.lock"));
}

TEST_CASE("a usage error shows the argument it names with its control characters escaped") {
    auto r = run({"build", "--\x1b]0;pwned\x07"});
    CHECK(r.code == 2);
    CHECK(r.err.find('\x1b') == std::string::npos);
    CHECK(r.err.find("passage: unknown option '--\\x1b]0;pwned\\x07'") != std::string::npos);
}

TEST_CASE("passage build in a folder that holds only content/ builds with the built-in theme") {
    testing::TempDir tmp;
    auto project = tmp.path() / "project";
    std::filesystem::create_directories(project);
    std::filesystem::copy(testing::source_dir() / "tests/sites/minimal/content", project / "content",
                          std::filesystem::copy_options::recursive);
    auto r = testing::run_program(
        "/bin/sh", {"-c", "cd \"$1\" && exec \"$2\" build --strict", "sh", project.string(), testing::passage_binary().string()},
        tmp.path());
    CHECK(r.status == 0);
    CHECK(r.err == "");
    CHECK(std::filesystem::exists(project / "public" / "assets" / "passage.css"));
    CHECK(std::filesystem::exists(project / "public" / "index.html"));
}

TEST_CASE("a templates or assets folder named on the command line that does not exist is one error, before anything is written") {
    testing::TempDir tmp;
    auto content = testing::source_dir() / "tests/sites/minimal/content";
    auto out = tmp.path() / "public";
    for (const std::string flag : {"--templates", "--assets"}) {
        CAPTURE(flag);
        auto missing = (tmp.path() / "missing").string();
        auto r = run({"build", "--content", content.string(), flag, missing, "--out", out.string()});
        CHECK(r.code == 1);
        const std::string code = flag == "--templates" ? "tpl-missing" : "asset-missing";
        const std::string first_line =
            missing + ": error[" + code + "]: the " + flag.substr(2) + " folder given with " + flag + " does not exist\n";
        CHECK(r.err.rfind(first_line, 0) == 0);
        CHECK(r.err.find("1 error") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(out));
        CHECK_FALSE(std::filesystem::exists(tmp.path() / "public.lock"));
        // A file is no folder either.
        testing::write_file(tmp.path() / "a-file", "x");
        auto file = run({"check", "--content", content.string(), flag, (tmp.path() / "a-file").string()});
        CHECK(file.code == 1);
        CHECK(file.err.find("error[" + code + "]: the " + flag.substr(2) + " folder given with " + flag + " is not a folder") !=
              std::string::npos);
    }
}

TEST_CASE("passage init writes a starter reference that a strict build makes without a diagnostic, and says what to do next") {
    testing::TempDir tmp;
    auto project = tmp.path() / "my reference";
    auto r = run({"init", project.string()});
    CHECK(r.code == 0);
    CHECK(r.err == "");
    CHECK(r.out.find("cd '" + project.string() + "'\n") != std::string::npos);
    CHECK(r.out.find("passage build --strict") != std::string::npos);
    // What was written is the repository's src/builtin/starter/, file for file.
    CHECK(testing::read_tree(project) == testing::read_tree(testing::source_dir() / "src" / "builtin" / "starter"));
    CHECK(std::filesystem::exists(project / "content" / "site.json"));
    auto b = testing::run_program(
        "/bin/sh", {"-c", "cd \"$1\" && exec \"$2\" build --strict", "sh", project.string(), testing::passage_binary().string()},
        tmp.path());
    CHECK(b.status == 0);
    CHECK(b.err == "");
    for (const char* page : {"documents/report.html", "documents/commentary.html", "instruments/model-convention.html",
                             "organizations/example-assembly.html", "recommendations/first-steps.html", "themes/getting-started.html"}) {
        CAPTURE(page);
        CHECK(std::filesystem::exists(project / "public" / page));
    }
    // An empty folder will do too.
    std::filesystem::create_directories(tmp.path() / "empty");
    CHECK(run({"init", (tmp.path() / "empty").string(), "--quiet"}).code == 0);
    CHECK(std::filesystem::exists(tmp.path() / "empty" / "content" / "documents" / "report.md"));
}

TEST_CASE("passage init refuses a folder that is not empty, and writes nothing into it") {
    testing::TempDir tmp;
    testing::write_file(tmp.path() / "notes.txt", "mine");
    auto r = run({"init", tmp.path().string()});
    CHECK(r.code == 1);
    CHECK(r.err.rfind(tmp.path().string() + ": error[init-not-empty]: the folder is not empty", 0) == 0);
    CHECK(testing::read_tree(tmp.path()) == std::map<std::string, std::string>{{"notes.txt", "mine"}});
    auto file = run({"init", (tmp.path() / "notes.txt").string()});
    CHECK(file.code == 1);
    CHECK(file.err.find("error[init-not-empty]: the path is not a folder") != std::string::npos);
}

TEST_CASE("passage init needs one folder and takes no build option") {
    for (auto args :
         std::vector<std::vector<std::string>>{{"init"}, {"init", "a", "b"}, {"init", "a", "--strict"}, {"init", "--out", "x", "a"}}) {
        CAPTURE(testing::join(args));
        auto r = run(args);
        CHECK(r.code == 2);
        CHECK(r.err.find("Try 'passage --help'.") != std::string::npos);
    }
    CHECK(run({"--help"}).out.find("passage init DIR") != std::string::npos);
}

namespace {
// PASSAGE_BASE_URL set for the life of the object.
struct BaseUrlVariable {
    explicit BaseUrlVariable(const char* value) { ::setenv("PASSAGE_BASE_URL", value, 1); }
    ~BaseUrlVariable() { ::unsetenv("PASSAGE_BASE_URL"); }
};
}  // namespace

TEST_CASE("--base-url replaces site.json's base_url, and so does PASSAGE_BASE_URL, the flag first") {
    testing::TempDir tmp;
    auto out = tmp.path() / "public";
    auto build = [&](std::vector<std::string> extra) {
        auto args = folders(testing::source_dir() / "tests/sites/with-base-url/content", out);
        args.insert(args.begin(), "build");
        args.insert(args.end(), extra.begin(), extra.end());
        auto r = run(args);
        CHECK(r.code == 0);
        CHECK(r.err == "");
        return testing::read_file(out / "sitemap.xml");
    };
    CHECK(build({}).find("<loc>https://example.org/ref/annotations.html</loc>") != std::string::npos);
    CHECK(build({"--base-url", "https://example.net/sub"}).find("<loc>https://example.net/sub/annotations.html</loc>") !=
          std::string::npos);
    CHECK(testing::read_file(out / "index.html").find("href=\"https://example.net/sub/\"") != std::string::npos);
    {
        BaseUrlVariable env("https://from-the-environment.example/");
        CHECK(build({}).find("<loc>https://from-the-environment.example/annotations.html</loc>") != std::string::npos);
        CHECK(build({"--base-url", "https://example.net/"}).find("<loc>https://example.net/annotations.html</loc>") != std::string::npos);
    }
    // A site.json without a base_url gets the feeds with one.
    auto args = folders(testing::source_dir() / "tests/sites/minimal/content", tmp.path() / "minimal");
    args.insert(args.begin(), "build");
    args.insert(args.end(), {"--base-url", "http://localhost:8000/"});
    CHECK(run(args).code == 0);
    CHECK(std::filesystem::exists(tmp.path() / "minimal" / "feed.xml"));
}

TEST_CASE("a --base-url or PASSAGE_BASE_URL that is not an absolute http(s) URL is a usage error") {
    auto content = (testing::source_dir() / "tests/sites/minimal/content").string();
    for (const char* bad : {"ftp://example.org/", "/sub/path/", "javascript:alert(1)", "example.org"}) {
        CAPTURE(bad);
        auto r = run({"check", "--content", content, "--base-url", bad});
        CHECK(r.code == 2);
        CHECK(r.err.rfind("passage: --base-url must be an absolute http(s) URL; it is ", 0) == 0);
        BaseUrlVariable env(bad);
        auto e = run({"check", "--content", content});
        CHECK(e.code == 2);
        CHECK(e.err.rfind("passage: PASSAGE_BASE_URL must be an absolute http(s) URL; it is ", 0) == 0);
    }
    CHECK(run({"check", "--content", content, "--base-url"}).code == 2);
}

TEST_CASE("a build with the cache after --base-url changed writes what a build without the cache writes") {
    testing::TempDir tmp;
    auto content = testing::source_dir() / "tests/sites/minimal/content";
    auto build = [&](const std::filesystem::path& out, const std::string& url, bool cache) {
        auto args = folders(content, out);
        args.insert(args.begin(), "build");
        args.insert(args.end(), {"--base-url", url});
        if (cache) args.insert(args.end(), {"--cache", (tmp.path() / "cache").string()});
        REQUIRE(run(args).code == 0);
    };
    build(tmp.path() / "warm", "https://one.example/", true);
    build(tmp.path() / "warm", "https://two.example/", true);
    build(tmp.path() / "cold", "https://two.example/", false);
    CHECK(testing::read_tree(tmp.path() / "warm") == testing::read_tree(tmp.path() / "cold"));
    CHECK(testing::read_file(tmp.path() / "warm" / "index.html").find("https://two.example/") != std::string::npos);
}

TEST_CASE("the README shows the commands and options that --help shows, as it shows them") {
    auto help = run({"--help"}).out;
    auto readme = testing::read_file(testing::source_dir() / "README.md");
    std::istringstream lines(help);
    int shown = 0;
    bool in_command = false;  // the lines of a command's text, after its first
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("  passage ", 0) == 0) in_command = true;
        if (line.rfind("  --", 0) == 0 || line.empty()) in_command = false;
        if (line.rfind("  passage ", 0) != 0 && line.rfind("  --", 0) != 0 && line.rfind("                      ", 0) != 0) continue;
        // The README's block has the commands two spaces further left, the options as they are.
        auto as_in_readme = in_command ? line.substr(2) : line;
        CAPTURE(as_in_readme);
        CHECK(readme.find("\n" + as_in_readme + "\n") != std::string::npos);
        ++shown;
    }
    CHECK(shown > 20);
}

TEST_CASE("serve: its options, and those it does not take, are usage errors with a reason") {
    struct Case {
        std::vector<std::string> args;
        std::string says;
    };
    for (const auto& c : std::vector<Case>{
             {{"serve", "--port", "x"}, "--port takes a port number (0 to 65535)"},
             {{"serve", "--port", "65536"}, "--port takes a port number (0 to 65535)"},
             {{"serve", "--port"}, "--port takes a port number"},
             {{"serve", "--bind"}, "--bind needs an address"},
             {{"serve", "--out", "public"}, "serve builds into a temporary folder of its own: it takes no --out"},
             {{"serve", "--cache", "c"}, "serve keeps its cache in memory: it takes no --cache"},
             {{"serve", "--format", "json"}, "serve prints its diagnostics as text: it takes no --format"},
             {{"serve", "--base-url", "https://example.org/"}, "serve's pages are at the address it serves: it takes no --base-url"},
             {{"serve", "--epub", "x.epub"}, "--epub and --zip write files: use them with passage build"},
             {{"build", "--port", "8080"}, "--port and --bind are options of serve"},
             {{"check", "--bind", "0.0.0.0"}, "--port and --bind are options of serve"},
         }) {
        CAPTURE(testing::join(c.args));
        auto r = run(c.args);
        CHECK(r.code == 2);
        CHECK(r.err.find(c.says) != std::string::npos);
    }
}

TEST_CASE("serve: a port that is taken is an error that says so, before any build") {
    // A listening socket on a free port of 127.0.0.1.
    const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(sock >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(sock, 1) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(sock, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    const std::string port = std::to_string(ntohs(addr.sin_port));

    auto r = run({"serve", "--port", port, "--content", (testing::source_dir() / "content").string()});
    ::close(sock);
    CHECK(r.code == 1);
    CHECK(r.err.find("passage: serve: cannot listen on 127.0.0.1:" + port + ": Address already in use (another port: --port N") == 0);
    CHECK(r.out == "");
}
