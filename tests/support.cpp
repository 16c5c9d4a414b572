#include "support.hpp"

#include <atomic>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "config/config.hpp"
#include "content/content.hpp"

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

stdfs::path source_dir() { return PASSAGE_SOURCE_DIR; }

Loaded load_content(const stdfs::path& content) {
    fs::RealFileSystem disk;
    diag::Sink sink;
    Loaded l;
    l.corpus = content::load(disk, content.string(), config::load(disk, content.string(), sink), sink);
    for (const auto& d : l.corpus.documents) {
        markdown::Options opt;
        opt.numbered_paragraphs = d.numbered_paragraphs;
        opt.numbering_scopes = d.numbering_scopes;
        opt.paragraphs_missing = d.gaps.paragraphs_missing;
        l.trees.push_back(markdown::parse(*d.body, opt, sink));
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

}  // namespace passage::testing
