#pragma once
// Helpers shared by the whole-site tests: building into a fresh temporary folder, reading trees.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "content/corpus.hpp"
#include "crossref/crossref.hpp"
#include "diag/diag.hpp"
#include "markdown/markdown.hpp"
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

}  // namespace passage::testing
