// bench/micro: the fast loops of src/ timed against the plain loops they stand for, on real text.
//
//   build-micro/passage_micro [FOLDER...]
//
// Each FOLDER is one input (default: content): its .md, .json and .html files, read in path order.
// For each fast loop of src/ and its plain version (tests/reference_loops.hpp, or the same code
// without its fast tables) the program runs both on the same input, alternately, and prints the
// best of several rounds of each and the ratio plain / fast. bench/README.md says how to build and run it,
// and what it measured.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "crossref/matcher.hpp"
#include "search/text.hpp"
#include "reference_loops.hpp"

using namespace passage;
namespace stdfs = std::filesystem;

namespace {

struct Input {
    std::string name;
    std::vector<std::string> files;  // .md, .json and .html
    std::vector<std::string> texts;  // .md only
    std::vector<crossref::Alias> aliases;  // of instruments/*.json and organizations/*.json
    std::size_t bytes = 0;
};

std::string read(const stdfs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The names of an instrument or organization, as crossref::Names gives them to the matcher.
void add_aliases(const std::string& json, const std::string& target, std::vector<crossref::Alias>& out) {
    const auto j = nlohmann::json::parse(json, nullptr, false);
    if (!j.is_object()) return;
    for (const char* field : {"title", "short_title", "name", "short_name"})
        if (j.contains(field) && j[field].is_string()) out.push_back({j[field].get<std::string>(), target});
    if (j.contains("aliases") && j["aliases"].is_array())
        for (const auto& a : j["aliases"])
            if (a.is_string()) out.push_back({a.get<std::string>(), target});
}

Input read_input(const stdfs::path& folder) {
    Input in;
    in.name = folder.string();
    std::vector<stdfs::path> paths;
    for (const auto& e : stdfs::recursive_directory_iterator(folder))
        if (e.is_regular_file()) paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
        const auto ext = p.extension();
        if (ext != ".md" && ext != ".json" && ext != ".html") continue;
        in.files.push_back(read(p));
        in.bytes += in.files.back().size();
        if (ext == ".md") in.texts.push_back(in.files.back());
        const auto kind = p.parent_path().filename();
        if (ext == ".json" && (kind == "instruments" || kind == "organizations"))
            add_aliases(in.files.back(), kind.string() + ":" + p.stem().string(), in.aliases);
    }
    return in;
}

std::size_t g_sink = 0;  // every result is added to it, so that no work is optimised away

// The best time of `rounds` runs of each of `fast` and `plain`, run alternately; prints them and
// plain / fast.
void compare(const char* what, int rounds, const std::function<std::size_t()>& fast, const std::function<std::size_t()>& plain) {
    using clock = std::chrono::steady_clock;
    double best[2] = {1e300, 1e300};
    std::size_t results[2] = {0, 0};
    for (int r = 0; r < rounds; ++r)
        for (int v = 0; v < 2; ++v) {
            const auto start = clock::now();
            results[v] = v == 0 ? fast() : plain();
            best[v] = std::min(best[v], std::chrono::duration<double, std::milli>(clock::now() - start).count());
            g_sink += results[v];
        }
    std::printf("  %-34s fast %9.3f ms   plain %9.3f ms   plain/fast %5.2f%s\n", what, best[0], best[1], best[1] / best[0],
                results[0] == results[1] ? "" : "   RESULTS DIFFER");
}

// --- the pairs ------------------------------------------------------------------------------

void run(const Input& in, int rounds) {
    std::printf("%s: %zu files, %.1f MB (%zu Markdown texts, %zu aliases)\n", in.name.c_str(), in.files.size(), in.bytes / 1e6,
                in.texts.size(), in.aliases.size());

    // The search index tokenizes every passage.
    compare("search next_token, per text", rounds, [&] {
        std::size_t n = 0;
        search::FoldTable table;
        search::Token token;
        for (const auto& t : in.texts)
            for (std::size_t at = 0; search::next_token(t, at, token, &table);) n += token.folded.size();
        return n;
    }, [&] {
        std::size_t n = 0;
        search::FoldTable table;
        search::Token token;
        for (const auto& t : in.texts)
            for (std::size_t at = 0; reference::next_token(t, at, token, table);) n += token.folded.size();
        return n;
    });

    // Mentions: every alias searched in every text, with and without the dense rows of the shallow
    // nodes of the automaton.
    const auto fast = crossref::Matcher::build(in.aliases);
    const auto plain = crossref::Matcher::build(in.aliases, nullptr, 0);
    compare("Matcher::find, per text", rounds, [&] {
        std::size_t n = 0;
        for (const auto& t : in.texts) n += fast.find(t).size();
        return n;
    }, [&] {
        std::size_t n = 0;
        for (const auto& t : in.texts) n += plain.find(t).size();
        return n;
    });
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<stdfs::path> folders;
    for (int i = 1; i < argc; ++i) folders.emplace_back(argv[i]);
    if (folders.empty()) folders.emplace_back("content");
    for (const auto& f : folders) {
        if (!stdfs::is_directory(f)) {
            std::fprintf(stderr, "passage_micro: %s is not a folder\n", f.string().c_str());
            return 2;
        }
        run(read_input(f), 7);
    }
    return g_sink == 42 ? 1 : 0;  // never: only so that the sink is used
}
