// Cross-reference golden files: tests/spec/crossref/*.spec. Each file holds one case in sections:
//   === entities      one entity a line:  instrument ID: alias; alias ...   or  org ID: alias; ...
//   === context       (optional) phrase = reference, the document's context aliases
//   === markdown      the document (numbered paragraphs on)
//   === links         expected: one line per link in reading order, "text -> target"
//   === diagnostics   expected: "line:col: severity[code]: message", or nothing
// PASSAGE_BLESS=1 rewrites the two expected sections from what the code does; review the diff.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../support.hpp"
#include "config/config.hpp"
#include "content/content.hpp"
#include "crossref/crossref.hpp"
#include "util/strings.hpp"

using namespace passage;
namespace stdfs = std::filesystem;

namespace {

std::map<std::string, std::string> sections(const std::string& text, std::vector<std::string>& order) {
    std::map<std::string, std::string> out;
    std::string current;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("=== ", 0) == 0) {
            current = line.substr(4);
            order.push_back(current);
            out[current];
            continue;
        }
        if (!current.empty()) out[current] += line + "\n";
    }
    return out;
}

std::string run_case(const std::map<std::string, std::string>& s, std::string& diagnostics) {
    fs::MemoryFileSystem fs;
    fs.add_file("c/site.json", R"({"title": "T"})");
    std::istringstream ents(s.count("entities") ? s.at("entities") : "");
    for (std::string line; std::getline(ents, line);) {
        if (util::trim(line).empty()) continue;
        auto colon = line.find(':');
        auto head = util::split(std::string(util::trim(line.substr(0, colon))), ' ');
        nlohmann::json aliases = nlohmann::json::array();
        for (auto& a : util::split(line.substr(colon + 1), ';'))
            if (!util::trim(a).empty()) aliases.push_back(std::string(util::trim(a)));
        if (head[0] == "instrument")
            fs.add_file("c/instruments/" + head[1] + ".json",
                        nlohmann::json{{"title", "Instrument " + head[1]}, {"kind", "convention"}, {"aliases", aliases}}.dump());
        else
            fs.add_file("c/organizations/" + head[1] + ".json",
                        nlohmann::json{{"name", "Organization " + head[1]}, {"kind", "forum"}, {"aliases", aliases}}.dump());
    }
    nlohmann::json meta = {{"title", "D"}, {"date", "2004"}, {"kind", "note"}, {"numbered_paragraphs", true}};
    if (s.count("context")) {
        std::istringstream ctx(s.at("context"));
        for (std::string line; std::getline(ctx, line);) {
            auto eq = line.find('=');
            if (eq == std::string::npos) continue;
            meta["context_aliases"][std::string(util::trim(line.substr(0, eq)))] = std::string(util::trim(line.substr(eq + 1)));
        }
    }
    fs.add_file("c/documents/d.json", meta.dump());
    fs.add_file("c/documents/d.md", s.count("markdown") ? s.at("markdown") : "");

    diag::Sink sink;
    auto site = config::load(fs, "c", sink);
    auto corpus = content::load(fs, "c", site, sink);
    auto linked = testing::link(corpus, sink);
    const auto& graph = linked.graph;
    // The trees again, for the positions of the text runs the mentions are in.
    std::vector<markdown::Tree> trees;
    for (const auto& d : corpus.documents) {
        diag::Sink again;
        trees.push_back(markdown::parse(*d.body, site::markdown_options(corpus, d), again));
    }
    for (const auto& d : sink.sorted()) {
        if (d.code == "entity-uncited") continue;  // the small entity sets are not all cited, on purpose
        diagnostics += (d.file == "c/documents/d.md" ? "" : d.file + ":") + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
                       diag::severity_name(d.severity) + "[" + d.code + "]: " + d.message + "\n";
    }
    // Links in reading order: explicit ones by their destination, mentions by their text.
    std::vector<std::pair<std::pair<int, int>, std::string>> lines;
    if (!trees.empty()) {
        auto& tree = trees[0];
        for (const auto& l : tree.links) {
            auto t = graph.resolve(l.url, "d", "", {}, nullptr);
            lines.push_back({{l.pos.line, l.pos.column}, "[" + l.url + "] -> " + (t ? t->path : std::string("(unresolved)"))});
        }
        for (const auto& [run, list] : linked.documents.mentions[0].runs) {
            auto text = markdown::text_of(tree.text_runs[run]);
            for (const auto& m : list)
                lines.push_back({{tree.text_runs[run].pos.line, tree.text_runs[run].pos.column + static_cast<int>(m.begin)},
                                 std::string(text.substr(m.begin, m.end - m.begin)) + " -> " + m.target.href});
        }
    }
    std::stable_sort(lines.begin(), lines.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string out;
    for (const auto& [_, l] : lines) out += l + "\n";
    return out;
}

}  // namespace

TEST_CASE("cross-reference golden files") {
    bool bless = std::getenv("PASSAGE_BLESS") != nullptr;
    auto dir = stdfs::path(PASSAGE_SOURCE_DIR) / "tests" / "spec" / "crossref";
    std::vector<stdfs::path> files;
    for (const auto& e : stdfs::directory_iterator(dir))
        if (e.path().extension() == ".spec") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    CHECK(files.size() >= 8);
    for (const auto& f : files) {
        CAPTURE(f.filename().string());
        std::ifstream in(f);
        std::string text((std::istreambuf_iterator<char>(in)), {});
        std::vector<std::string> order;
        auto s = sections(text, order);
        std::string diagnostics;
        std::string links = run_case(s, diagnostics);
        if (bless) {
            s["links"] = links;
            s["diagnostics"] = diagnostics;
            for (const char* k : {"links", "diagnostics"})
                if (std::find(order.begin(), order.end(), k) == order.end()) order.push_back(k);
            std::ofstream out(f);
            for (const auto& k : order) {
                out << "=== " << k << "\n" << s[k];
            }
            continue;
        }
        CHECK(links == s["links"]);
        CHECK(diagnostics == s["diagnostics"]);
    }
}
