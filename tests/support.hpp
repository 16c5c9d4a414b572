#pragma once
// What the tests share: building into a fresh temporary folder, reading trees, running programs; and
// the conveniences over the stages' interfaces that only tests use (a site held in memory published
// or link-checked at once, a text tokenized whole), kept here rather than in src/.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "content/corpus.hpp"
#include "crossref/crossref.hpp"
#include "diag/diag.hpp"
#include "markdown/markdown.hpp"
#include "output/output.hpp"
#include "render/feeds.hpp"
#include "search/text.hpp"
#include "site/documents.hpp"
#include "site/site.hpp"

namespace passage::testing {

// A temporary folder removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// Every regular file below `root`, by relative path.
std::map<std::string, std::string> read_tree(const std::filesystem::path& root);
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& data);

// The parts joined with "; ", for comparing lists in one readable line.
std::string join(const std::vector<std::string>& parts);
// "line:column message" of every diagnostic with `code`, joined.
std::string located(const std::vector<diag::Diagnostic>& all, const std::string& code);

// The project's own folders.
std::filesystem::path source_dir();
// The passage program the tests were built with.
std::filesystem::path passage_binary();

// A program run as a process of its own, its standard output and error kept.
struct Process {
    int pid = -1;
    std::filesystem::path out, err;  // files holding its standard output and error
};
struct Finished {
    int status = -1;  // the exit status, or 128 + the signal that ended it
    std::string out, err;
};
// Starts `program` with `args` (without waiting), its output going to files in `scratch`.
Process start(const std::filesystem::path& program, const std::vector<std::string>& args, const std::filesystem::path& scratch);
Finished wait(const Process& p);
// start() then wait().
Finished run_program(const std::filesystem::path& program, const std::vector<std::string>& args, const std::filesystem::path& scratch);

struct Built {
    site::Result result;
    std::string diagnostics;  // as printed in text form
    std::vector<diag::Diagnostic> list;
};

// A content folder read by the loader and each document parsed by the Markdown stage, with the
// options its metadata asks for, as a build does; diagnostics are dropped.
struct Loaded {
    content::Corpus corpus;
    std::vector<markdown::Tree> trees;  // trees[i] is corpus.documents[i]'s
};
Loaded load_content(const std::filesystem::path& content);

// Builds `content` with the project's templates and assets into `out`, with the incremental cache in
// `cache` when it is not empty.
Built build_site(const std::filesystem::path& content, const std::filesystem::path& out, bool strict = true, bool write = true,
                 unsigned jobs = 0, const std::filesystem::path& cache = {});

// The corpus linked as a build links it, without a cache: each document's extract, mentions and
// body, and the graph.
struct Linked {
    std::shared_ptr<const crossref::Names> names;
    site::Documents documents;
    crossref::Graph graph;
};
Linked link(const content::Corpus& corpus, diag::Sink& sink, unsigned jobs = 1);

// Every edge of the graph as strings, in the graph's order.
std::vector<crossref::Edge> edges_of(const crossref::Graph& graph);

// A site held in memory, published at `out` through an output::Staging: check_target (with no
// protected folder), then every file of `files`, then the swap. On failure (out-unsafe, out-write)
// the previous `out` is untouched and the staging folder is removed.
bool publish(fs::FileSystem& fs, const std::string& out, const output::Files& files, diag::Sink& sink);

// output::check_links over a site held in memory: every file listed, every .html file scanned.
bool check_links(const output::Files& files, diag::Sink& sink);

// With a base_url, what a build does to the css and js files of the site: renames them by their
// hash (render::hashed_asset_names) and the names pages give them.
void hash_asset_names(const content::Site& site, render::FileMap& files, std::vector<render::Page>& pages);

// Every token of `text` (search::next_token until none is left).
std::vector<search::Token> tokenize(std::string_view text, search::FoldTable* table = nullptr);
// Their folded forms only.
std::vector<std::string> folded_words(std::string_view text);

}  // namespace passage::testing
