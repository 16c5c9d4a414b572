#include "support.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cache/store.hpp"

#include <atomic>
#include <fstream>
#include <sstream>

#include "config/config.hpp"
#include "content/content.hpp"
#include "output/links.hpp"

namespace passage::testing {

namespace stdfs = std::filesystem;

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    path_ = stdfs::temp_directory_path() / ("passage-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    stdfs::remove_all(path_);
    stdfs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    stdfs::remove_all(path_, ec);
}

std::string read_file(const stdfs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const stdfs::path& path, const std::string& data) {
    stdfs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << data;
}

std::map<std::string, std::string> read_tree(const stdfs::path& root) {
    std::map<std::string, std::string> out;
    if (!stdfs::exists(root)) return out;
    for (const auto& e : stdfs::recursive_directory_iterator(root))
        if (e.is_regular_file()) out[stdfs::relative(e.path(), root).generic_string()] = read_file(e.path());
    return out;
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
}

std::string located(const std::vector<diag::Diagnostic>& all, const std::string& code) {
    std::vector<std::string> found;
    for (const auto& d : all)
        if (d.code == code) found.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + " " + d.message);
    return join(found);
}

stdfs::path source_dir() {
    return PASSAGE_SOURCE_DIR;
}

stdfs::path passage_binary() {
    return PASSAGE_BINARY;
}

Process start(const stdfs::path& program, const std::vector<std::string>& args, const stdfs::path& scratch) {
    static std::atomic<int> counter{0};
    const int n = counter++;
    Process p;
    stdfs::create_directories(scratch);
    p.out = scratch / ("process-" + std::to_string(n) + ".out");
    p.err = scratch / ("process-" + std::to_string(n) + ".err");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, p.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, p.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<std::string> all{program.string()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    if (posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    p.pid = pid;
    return p;
}

Finished wait(const Process& p) {
    Finished f;
    int status = 0;
    if (p.pid > 0 && ::waitpid(p.pid, &status, 0) == p.pid)
        f.status = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
    f.out = read_file(p.out);
    f.err = read_file(p.err);
    return f;
}

Finished run_program(const stdfs::path& program, const std::vector<std::string>& args, const stdfs::path& scratch) {
    return wait(start(program, args, scratch));
}

Loaded load_content(const stdfs::path& content) {
    fs::RealFileSystem disk;
    diag::Sink sink;
    Loaded l;
    l.corpus = content::load(disk, content.string(), config::load(disk, content.string(), sink), sink);
    for (const auto& d : l.corpus.documents) {
        l.trees.push_back(markdown::parse(*d.body, site::markdown_options(l.corpus, d), sink));
    }
    return l;
}

Built build_site(const stdfs::path& content, const stdfs::path& out, bool strict, bool write, unsigned jobs, const stdfs::path& cache) {
    fs::RealFileSystem disk;
    diag::Sink sink(strict);
    site::Options o;
    o.content = content.string();
    o.templates = (source_dir() / "templates").string();
    o.assets = (source_dir() / "assets").string();
    o.out = out.string();
    o.write = write;
    o.version = "test";
    o.jobs = jobs;
    o.cache = cache.string();
    Built b;
    b.result = site::build(disk, o, sink);
    b.diagnostics = diag::format_all_text(sink);
    b.list = sink.sorted();
    return b;
}

Linked link(const content::Corpus& corpus, diag::Sink& sink, unsigned jobs) {
    Linked l;
    l.names = std::make_shared<const crossref::Names>(corpus, sink);
    cache::NullStore none;
    l.documents = site::process_documents(corpus, *l.names, none, jobs, sink);
    l.graph = crossref::build(corpus, l.names, l.documents.extracts, l.documents.mentions, sink, jobs);
    return l;
}

std::vector<crossref::Edge> edges_of(const crossref::Graph& graph) {
    std::vector<crossref::Edge> out;
    for (std::size_t i = 0; i < graph.arcs().size(); ++i) out.push_back(graph.edge(i));
    return out;
}

bool publish(fs::FileSystem& fs, const std::string& out, const output::Files& files, diag::Sink& sink) {
    output::Staging staging(fs, out);
    if (staging.open({}))
        for (const auto& [path, data] : files) staging.write(path, data);
    return staging.commit(sink);
}

bool check_links(const output::Files& files, diag::Sink& sink) {
    output::LinkIndex pages;
    std::vector<std::string> paths;
    for (const auto& [path, data] : files) {
        paths.push_back(path);
        if (path.size() > 5 && path.ends_with(".html")) pages[path] = output::scan_links(data);
    }
    return output::check_links(pages, paths, sink);
}

void hash_asset_names(const content::Site& site, render::FileMap& files, std::vector<render::Page>& pages) {
    auto renamed = render::hashed_asset_names(site, files);
    render::rename_files(files, renamed);
    for (auto& p : pages) render::rename_assets_in(p.model, renamed);
}

std::vector<search::Token> tokenize(std::string_view text, search::FoldTable* table) {
    std::vector<search::Token> out;
    search::Token t;
    for (std::size_t at = 0; search::next_token(text, at, t, table);) out.push_back(t);
    return out;
}

std::vector<std::string> folded_words(std::string_view text) {
    std::vector<std::string> out;
    for (auto& t : tokenize(text)) out.push_back(std::move(t.folded));
    return out;
}

}  // namespace passage::testing
