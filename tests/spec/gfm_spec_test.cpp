// GitHub's GFM spec and extension examples, run through passage's Markdown stage. passage adds
// anchors to headings and renders footnotes itself; with those additions taken out, every example
// that cmark-gfm alone renders as the spec says must come out of passage's stage the same: the
// stage changes nothing it should not. The folder comes from PASSAGE_GFM_SPEC (spec.txt,
// extensions.txt); without it the test says loudly that it did not run.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "markdown/markdown.hpp"

namespace {

struct Example {
    int number = 0;
    std::string markdown, html, kind;
};

std::vector<Example> read_examples(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<Example> out;
    const std::string fence(32, '`');
    std::string line;
    int state = 0;  // 0 outside, 1 markdown, 2 html
    Example ex;
    auto tabs = [](std::string s) {
        for (std::size_t p; (p = s.find("\xE2\x86\x92")) != std::string::npos;) s.replace(p, 3, "\t");
        return s;
    };
    while (std::getline(in, line)) {
        if (state == 0 && line.rfind(fence + " example", 0) == 0) {
            ex = {};
            ex.number = static_cast<int>(out.size()) + 1;
            ex.kind = line.substr(fence.size() + 8);
            state = 1;
        } else if (state == 1 && line == ".") {
            state = 2;
        } else if (state > 0 && line == fence) {
            out.push_back(ex);
            state = 0;
        } else if (state == 1) {
            ex.markdown += tabs(line) + "\n";
        } else if (state == 2) {
            ex.html += tabs(line) + "\n";
        }
    }
    return out;
}

// Takes out what passage adds on purpose: heading ids and their "#" links, and the outline levels
// (the page title is the only <h1>; each heading gets its depth below it, so "#" then "###" give
// h2 then h3). The levels the spec expects are turned into passage's by the same rule, and the
// i-th heading of passage's output must carry exactly that level; it is then given back the
// spec's level, so that anything else that differs still shows.
std::string without_additions(std::string html, const std::string& expected) {
    static const std::regex heading_open(R"(<h([1-6]) id="[^"]*">\n)");
    static const std::regex heading_close(R"(\n? <a class="anchor" href="#[^"]*" aria-label="Link to this section">#</a></h([1-6])>)");
    static const std::regex level7_open(R"(<div role="heading" aria-level="7" class="h7" id="[^"]*">\n)");
    static const std::regex level7_close(R"(\n? <a class="anchor" href="#[^"]*" aria-label="Link to this section">#</a></div>)");
    html = std::regex_replace(html, heading_open, "<h$1>");
    html = std::regex_replace(html, heading_close, "</h$1>");
    html = std::regex_replace(html, level7_open, "<h7>");
    html = std::regex_replace(html, level7_close, "</h7>");
    // The spec's heading levels, in order, and the levels passage gives them.
    static const std::regex any_open(R"(<h([1-7])>)");
    std::vector<int> spec_levels, outline;
    for (std::sregex_iterator m(expected.begin(), expected.end(), any_open), e; m != e; ++m) spec_levels.push_back(std::stoi((*m)[1]));
    std::vector<int> enclosing;
    for (int source : spec_levels) {
        while (!enclosing.empty() && enclosing.back() >= source) enclosing.pop_back();
        enclosing.push_back(source);
        outline.push_back(1 + static_cast<int>(enclosing.size()));
    }
    std::string out;
    std::size_t at = 0, k = 0;
    for (std::sregex_iterator m(html.begin(), html.end(), any_open), e; m != e; ++m, ++k) {
        int level = std::stoi((*m)[1]);
        auto pos = static_cast<std::size_t>(m->position(0));
        out += html.substr(at, pos - at);
        bool as_expected = k < outline.size() && outline[k] == level;
        int back = as_expected ? spec_levels[k] : level;
        out += "<h" + std::to_string(back) + ">";
        at = pos + static_cast<std::size_t>(m->length(0));
        auto close = html.find("</h" + std::to_string(level) + ">", at);
        if (close != std::string::npos) {
            out += html.substr(at, close - at) + "</h" + std::to_string(back) + ">";
            at = close + 5;
        }
    }
    out += html.substr(at);
    return out;
}

std::string passage_stage(const std::string& md) {
    passage::util::SourceText src("example.md", md);
    passage::diag::Sink sink;
    passage::markdown::Options opt;
    opt.raw_html = true;
    auto tree = passage::markdown::parse(src, opt, sink);
    return passage::markdown::render(tree, [](const passage::markdown::Link&) { return std::nullopt; }).body;
}

}  // namespace

TEST_CASE("gfm spec conformance") {
    const char* folder = std::getenv("PASSAGE_GFM_SPEC");
    if (folder == nullptr || *folder == '\0') folder = PASSAGE_GFM_SPEC_DIR;
    if (folder == nullptr || *folder == '\0') {
        FAIL("gfm spec: PASSAGE_GFM_SPEC not given (tests/spec/conformance_main.cpp skips the suite then)");
        return;
    }
    for (const char* name : {"spec.txt", "extensions.txt"}) {
        auto path = std::filesystem::path(folder) / name;
        REQUIRE_MESSAGE(std::filesystem::exists(path), "gfm spec: missing " << path.string());
        auto examples = read_examples(path);
        CHECK(examples.size() > 20);
        int cmark_ok = 0, passage_ok = 0, footnotes = 0;
        for (const auto& ex : examples) {
            if (ex.kind.find("disabled") != std::string::npos) continue;
            // passage renders footnotes itself (labels kept, notes listed by the page template).
            if (ex.markdown.find("[^") != std::string::npos) {
                ++footnotes;
                continue;
            }
            std::string plain = passage::markdown::render_reference(ex.markdown);
            bool reference = plain == ex.html;
            std::string ours = without_additions(passage_stage(ex.markdown), ex.html);
            cmark_ok += reference;
            passage_ok += ours == ex.html;
            if (reference) {
                CHECK_MESSAGE(ours == ex.html, name << " example " << ex.number << "\n--- markdown\n"
                                                    << ex.markdown << "--- expected\n"
                                                    << ex.html << "--- passage\n"
                                                    << ours);
            }
        }
        MESSAGE("gfm spec: " << std::string(name) << ": " << examples.size() << " examples, cmark-gfm alone matches " << cmark_ok
                             << ", passage's stage matches " << passage_ok << ", " << footnotes
                             << " footnote examples left to passage's own footnote tests");
    }
}
