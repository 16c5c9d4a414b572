#include <doctest/doctest.h>

#include "../support.hpp"
#include "markdown/guard.hpp"
#include "markdown/markdown.hpp"

using namespace passage;

namespace {

struct Parsed {
    std::shared_ptr<util::SourceText> src;
    markdown::Tree tree;
    std::vector<diag::Diagnostic> diags;
};

Parsed parse(const std::string& text, markdown::Options opt = {}) {
    auto src = std::make_shared<util::SourceText>("d.md", text);
    diag::Sink sink;
    auto tree = markdown::parse(*src, opt, sink);
    return {src, std::move(tree), sink.sorted()};
}

std::string html_of(markdown::Tree& tree) {
    return markdown::render(tree, [](const markdown::Link&) { return std::nullopt; }).body;
}

bool has_code(const std::vector<diag::Diagnostic>& all, const std::string& code) {
    for (const auto& d : all)
        if (d.code == code) return true;
    return false;
}

}  // namespace

TEST_CASE("numbered paragraphs are anchored by their number and scoped under an annex") {
    markdown::Options opt;
    opt.numbered_paragraphs = true;
    opt.numbering_scopes = {"annex"};
    auto p = parse("1\\. One.\n\n**2.** Two.\n\n## Annex {#annex}\n\n1\\. Annex one.\n", opt);
    CHECK(p.diags.empty());
    CHECK(p.tree.anchors.count("p1"));
    CHECK(p.tree.anchors.count("p2"));
    CHECK(p.tree.anchors.count("annex-p1"));
    auto html = html_of(p.tree);
    CHECK(html.find("<div class=\"np\" id=\"p2\"><a class=\"pilcrow\" href=\"#p2\"") != std::string::npos);
    CHECK(html.find("<div class=\"np\" id=\"annex-p1\">") != std::string::npos);
    CHECK(html.find("<h2 id=\"annex\">\nAnnex\n <a class=\"anchor\" href=\"#annex\"") != std::string::npos);
}

TEST_CASE("a gap in paragraph numbering is a warning unless the source lacks the paragraph") {
    markdown::Options opt;
    opt.numbered_paragraphs = true;
    auto p = parse("1\\. a\n\n3\\. c\n", opt);
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0].code == "np-gap");
    CHECK(p.diags[0].line == 3);
    opt.paragraphs_missing = {2};
    CHECK(parse("1\\. a\n\n3\\. c\n", opt).diags.empty());
}

TEST_CASE("paragraph numbers are not detected unless the document asks for them") {
    auto p = parse("1\\. a\n");
    CHECK_FALSE(p.tree.anchors.count("p1"));
}

TEST_CASE("a heading takes its explicit anchor and drops the marker from its text") {
    auto p = parse("## The GCIM *Report* (2005) {#gcim-report}\n\n# Plain heading\n");
    REQUIRE(p.tree.headings.size() == 2);
    CHECK(p.tree.headings[0].id == "gcim-report");
    CHECK(p.tree.headings[0].text == "The GCIM Report (2005)");
    CHECK(p.tree.headings[1].id == "plain-heading");
    auto html = html_of(p.tree);
    CHECK(html.find("{#") == std::string::npos);
}

TEST_CASE("two equal anchors in one document are an error") {
    auto p = parse("# A {#x}\n\n# B {#x}\n");
    REQUIRE(has_code(p.diags, "anchor-duplicate"));
    CHECK(p.diags[0].line == 3);
}

TEST_CASE("footnotes keep their labels as anchors and numbers") {
    auto p = parse("Text[^7] and[^2] again[^7].\n\n[^2]: Two.\n[^7]: Seven.\n");
    CHECK(p.diags.empty());
    REQUIRE(p.tree.footnotes.size() == 2);
    CHECK(p.tree.footnotes[0].label == "2");
    CHECK(p.tree.footnotes[1].label == "7");
    CHECK(p.tree.footnotes[1].references == 2);
    auto html = markdown::render(p.tree, [](const markdown::Link&) { return std::nullopt; });
    CHECK(html.body.find("<a id=\"fnref-7\" href=\"#fn-7\" data-fn=\"7\" aria-label=\"Note 7\">7</a>") != std::string::npos);
    CHECK(html.body.find("id=\"fnref-7-2\"") != std::string::npos);
    CHECK(html.footnotes.at("7") == "<p>Seven.</p>\n");
    CHECK(html.body.find("Seven") == std::string::npos);
}

TEST_CASE("an unreferenced footnote and a reference without a note are warnings") {
    auto p = parse("Text[^1] and [^9].\n\n[^1]: One.\n[^3]: Three.\n");
    REQUIRE(p.diags.size() == 2);
    CHECK(p.diags[0].code == "fn-undefined");
    CHECK(p.diags[0].column == 14);
    CHECK(p.diags[1].code == "fn-unreferenced");
    CHECK(p.diags[1].line == 4);
}

TEST_CASE("raw HTML is shown as text unless turned on") {
    auto p = parse("a <b>bold</b> <script>alert(1)</script>\n");
    CHECK(has_code(p.diags, "md-raw-html"));
    auto html = html_of(p.tree);
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;") != std::string::npos);
}

TEST_CASE("links are found with their position in characters and their passage") {
    markdown::Options opt;
    opt.numbered_paragraphs = true;
    auto p = parse("1\\. Été [x](instrument:icmw) and\n  more [y](doc:a#p1)\n", opt);
    REQUIRE(p.tree.links.size() == 2);
    CHECK(p.tree.links[0].url == "instrument:icmw");
    CHECK(p.tree.links[0].pos.line == 1);
    CHECK(p.tree.links[0].pos.column == 13);
    CHECK(p.tree.links[1].pos.line == 2);
    CHECK(p.tree.links[1].pos.column == 12);
    CHECK(p.tree.passages[p.tree.links[0].passage].anchor == "p1");
}

TEST_CASE("resolved links become links to their targets with a class") {
    auto p = parse("See [the Convention](instrument:icmw).\n");
    auto html = markdown::render(p.tree, [](const markdown::Link& l) -> std::optional<markdown::Resolved> {
        if (l.url != "instrument:icmw") return std::nullopt;
        return markdown::Resolved{"../instruments/icmw.html", "ref ref-instrument", "ICMW \"1990\""};
    });
    CHECK(html.body ==
          "<p>See <a href=\"../instruments/icmw.html\" class=\"ref ref-instrument\" title=\"ICMW &quot;1990&quot;\">the "
          "Convention</a>.</p>\n");
}

TEST_CASE("mentions split a text run into text and links") {
    auto p = parse("The ILO and the IOM.\n");
    REQUIRE(p.tree.text_runs.size() == 1);
    auto& run = p.tree.text_runs[0];
    CHECK(markdown::text_of(run) == "The ILO and the IOM.");
    markdown::link_mentions(run, {{4, 7, {"ilo.html", "ref", ""}}, {16, 19, {"iom.html", "ref", ""}}});
    CHECK(html_of(p.tree) == "<p>The <a href=\"ilo.html\" class=\"ref\">ILO</a> and the <a href=\"iom.html\" class=\"ref\">IOM</a>.</p>\n");
}

TEST_CASE("emphasis in a note is a cited title: its text is no run for mentions, the rest of the note is") {
    auto p = parse("The ICMW *in the text*.[^1]\n\n[^1]: Lyon, B, *The Unsigned ICMW*, see [the *ICMW*](instrument:icmw) and the ICMW.\n");
    std::vector<std::string> runs;
    for (const auto& r : p.tree.text_runs) runs.emplace_back(markdown::text_of(r));
    // Emphasis in running text stays a run; in the note only the title and the link's text are left out.
    CHECK(runs == std::vector<std::string>{"The ICMW ", "in the text", ".", "Lyon, B, ", ", see ", " and the ICMW."});
    REQUIRE(p.tree.links.size() == 1);
    CHECK(p.tree.links[0].url == "instrument:icmw");
    CHECK(p.tree.passages[p.tree.links[0].passage].anchor == "fn-1");
}

TEST_CASE("passages carry plain text without footnote numbers") {
    markdown::Options opt;
    opt.numbered_paragraphs = true;
    auto p = parse("# Intro {#intro}\n\n1\\. Some *emphasis*[^1] here.\n\nMore of it.\n\n[^1]: A note.\n", opt);
    REQUIRE(p.tree.passages.size() == 3);
    CHECK(p.tree.passages[0].kind == markdown::PassageKind::heading);
    CHECK(p.tree.passages[1].anchor == "p1");
    CHECK(p.tree.passages[1].text == "1. Some emphasis here. More of it.");
    CHECK(p.tree.passages[1].section == "intro");
    CHECK(p.tree.passages[2].anchor == "fn-1");
    CHECK(p.tree.passages[2].text == "A note.");
}

TEST_CASE("a passage's text joins inlines to the text around them and starts a block after a space") {
    markdown::Options opt;
    opt.numbered_paragraphs = true;
    auto p = parse("1\\. ([Alpha](https://example.org/)) a*b*c and `x`\n\n> quoted\n> - one\n> - two\n", opt);
    REQUIRE(p.tree.passages.size() == 1);
    CHECK(p.tree.passages[0].text == "1. (Alpha) abc and x quoted one two");
}

TEST_CASE("the guard reports the first offending character") {
    diag::Sink sink;
    util::SourceText src("g.md", "ok\n" + std::string(40, '>') + " deep\n");
    CHECK_FALSE(markdown::guard(src, {}, sink));
    auto all = sink.sorted();
    REQUIRE(all.size() == 1);
    CHECK(all[0].code == "md-limit");
    CHECK(all[0].line == 2);
    CHECK(all[0].column == 33);
}

TEST_CASE("the guard lets ordinary documents through") {
    diag::Sink sink;
    util::SourceText src(
        "g.md", "# T\n\n| a | b |\n|---|---|\n| 1 |\n\n> quote\n> > nested\n\n- a\n  - b\n    - c\n\nmail@example.org www.example.org\n");
    CHECK(markdown::guard(src, {}, sink));
    CHECK_FALSE(sink.has_errors());
}

TEST_CASE("the guard refuses a table whose rows lack too many cells") {
    diag::Sink sink;
    markdown::Limits limits;
    limits.max_table_fill = 10;
    util::SourceText src("g.md", "| a | b | c |\n|---|---|---|\nx\nx\nx\nx\nx\nx\n");
    CHECK_FALSE(markdown::guard(src, limits, sink));
    CHECK(sink.sorted()[0].line == 1);
}

TEST_CASE("references and mentions in table cells stay links") {
    auto p = parse("| a | b |\n|---|---|\n| [x](instrument:icmw) | The ILO |\n");
    REQUIRE(p.tree.text_runs.size() >= 1);
    for (auto& run : p.tree.text_runs)
        if (markdown::text_of(run) == "The ILO") markdown::link_mentions(run, {{4, 7, {"ilo.html", "ref", "ILO"}}});
    auto html = markdown::render(p.tree, [](const markdown::Link&) -> std::optional<markdown::Resolved> {
        return markdown::Resolved{"icmw.html", "ref", "ICMW"};
    });
    CHECK(html.body.find("<td><a href=\"icmw.html\" title=\"ICMW\">x</a></td>") != std::string::npos);
    CHECK(html.body.find("<td>The <a href=\"ilo.html\" title=\"ILO\">ILO</a></td>") != std::string::npos);
}

TEST_CASE("a javascript:, vbscript:, data: or file: link is an error url-unsafe at its destination, and its URL is dropped") {
    auto p = parse("Text.\n\nSee [this](javascript:alert(1)) and [that](<VBScript:msgbox>).\n");
    CHECK(testing::located(p.diags, "url-unsafe") == "3:12 a link to a javascript: URL; 3:45 a link to a vbscript: URL");
    CHECK(p.tree.links.empty());  // no later stage sees them
    CHECK(html_of(p.tree).find("script") == std::string::npos);
}

TEST_CASE("an image from a data: or javascript: URL is an error url-unsafe; relative and http(s) images are not") {
    auto p = parse(
        "![chart](data:image/svg+xml;base64,PHN2Zz4=)\n\n![ok](chart.png) ![ok](https://example.org/a.png)\n\n![x](JAVASCRIPT:alert(1))\n");
    CHECK(testing::located(p.diags, "url-unsafe") == "1:10 an image from a data: URL; 5:6 an image from a javascript: URL");
    auto html = html_of(p.tree);
    CHECK(html.find("base64") == std::string::npos);
    CHECK(html.find("<img src=\"chart.png\" alt=\"ok\" />") != std::string::npos);
}

TEST_CASE("an unsafe link in Markdown kept inside JSON is reported at the field") {
    markdown::Options opt;
    opt.fixed_location = std::make_pair(std::string("c/organizations/iom.json"), util::Position{4, 18});
    auto p = parse("An [organization](javascript:alert(1)).", opt);
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0].code == "url-unsafe");
    CHECK(p.diags[0].file == "c/organizations/iom.json");
    CHECK(p.diags[0].line == 4);
    CHECK(p.diags[0].column == 18);
}

TEST_CASE("a footnote reference in a table cell is a working note reference") {
    auto p = parse("| a | b |\n|---|---|\n| x[^1] | y |\n\n[^1]: The note.\n");
    CHECK(p.diags.empty());
    REQUIRE(p.tree.footnotes.size() == 1);
    CHECK(p.tree.footnotes[0].references == 1);
    CHECK(p.tree.anchors.count("fnref-1"));
    auto html = markdown::render(p.tree, [](const markdown::Link&) { return std::nullopt; });
    CHECK(
        html.body.find("<td>x<sup class=\"fnref\"><a id=\"fnref-1\" href=\"#fn-1\" data-fn=\"1\" aria-label=\"Note 1\">1</a></sup></td>") !=
        std::string::npos);
    CHECK(html.footnotes.at("1") == "<p>The note.</p>\n");
}

TEST_CASE("a footnote reference in an image's alt text or a link's text goes right after it") {
    auto p = parse(
        "See ![a chart[^1] and more[^2]](chart.png) and [a page[^3]](https://example.org/).\n\n[^1]: One.\n[^2]: Two.\n[^3]: Three.\n");
    CHECK(p.diags.empty());
    for (const auto& f : p.tree.footnotes) CHECK(f.references == 1);
    auto html = html_of(p.tree);
    auto img = html.find("<img src=\"chart.png\"");
    CAPTURE(html);
    auto one = html.find("id=\"fnref-1\""), two = html.find("id=\"fnref-2\"");
    REQUIRE(img != std::string::npos);
    CHECK(img < one);
    CHECK(one < two);
    CHECK(html.find("<a href=\"https://example.org/\">a page</a><sup class=\"fnref\"><a id=\"fnref-3\"") != std::string::npos);
}

TEST_CASE("a document with CR-only line endings gets its diagnostics at the right line") {
    auto p = parse("# Title\r\rText with a note[^9].\r\r## Title\r");
    REQUIRE(p.diags.size() == 1);
    CHECK(p.diags[0].code == "fn-undefined");
    CHECK(p.diags[0].line == 3);
    CHECK(p.diags[0].column == 17);
    CHECK(p.tree.headings.at(1).pos.line == 5);
}

TEST_CASE("the guard reads CR-only line endings as lines: each paragraph is counted on its own") {
    std::string text;
    for (int i = 0; i < 4; ++i) text += std::string(3000, '[') + "\r\r";
    util::SourceText src("d.md", text);
    diag::Sink sink;
    CHECK(markdown::guard(src, {}, sink));
    util::SourceText crlf("d.md", std::string(3000, '[') + "\r\n" + std::string(3000, '['));
    CHECK_FALSE(markdown::guard(crlf, {}, sink));  // one paragraph of two lines
}

TEST_CASE("a body rendered in pieces, cut at each numbered paragraph's end, is the body rendered whole") {
    std::vector<std::pair<std::string, markdown::Options>> texts;
    markdown::Options numbered;
    numbered.numbered_paragraphs = true;
    numbered.numbering_scopes = {"annex"};
    texts.push_back(
        {"1\\. One.\n\n- a list\n- of two\n\n2\\. Two, with a note.[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
         "```\ncode\n```\n\n## Annex {#annex}\n\n1\\. Annex one.\n\n> quoted\n\n[^1]: The note.\n",
         numbered});
    texts.push_back({"No numbered paragraph here.\n\nTwo paragraphs.\n", numbered});
    texts.push_back({"", numbered});
    // The bundled texts, each with the options its metadata asks for.
    const auto loaded = testing::load_content(testing::source_dir() / "content");
    for (const auto& d : loaded.corpus.documents) texts.push_back({d.body->text(), site::markdown_options(loaded.corpus, d)});
    for (const auto& entry : texts) {
        const auto& [text, options] = entry;
        CAPTURE(entry.first.substr(0, 60));
        util::SourceText src("d.md", text);
        diag::Sink sink;
        auto whole = markdown::parse(src, options, sink);
        auto cut = markdown::parse(src, options, sink);
        const auto html = markdown::render(whole, [](const markdown::Link&) { return std::nullopt; });
        const auto pieces = markdown::render_pieces(cut, [](const markdown::Link&) { return std::nullopt; });
        REQUIRE(pieces.pieces.size() == pieces.numbered.size() + 1);
        std::string joined;
        for (const auto& p : pieces.pieces) joined += p;
        CHECK(joined == html.body);
        CHECK(pieces.footnotes == html.footnotes);
        for (std::size_t k = 0; k < pieces.numbered.size(); ++k) CHECK(pieces.pieces[k + 1].starts_with("</div>"));
    }
}

namespace {

// "anchor | label" of every passage that is not a heading.
std::vector<std::string> passage_anchors(const markdown::Tree& tree) {
    std::vector<std::string> out;
    for (const auto& p : tree.passages)
        if (p.kind != markdown::PassageKind::heading) out.push_back(p.anchor + " | " + p.label);
    return out;
}

}  // namespace

TEST_CASE("paragraphs without a number get anchors by section and place, stable under edits elsewhere") {
    markdown::Options opt;
    opt.passage_anchors = true;
    const std::string intro = "Before any heading.\n\n## Introduction\n\nOne.\n\n- a list item\n- another\n\n> A quote.\n\n";
    const std::string rest = "## Conclusion\n\nLast.[^1]\n\n[^1]: A note.\n";
    auto p = parse(intro + rest, opt);
    CHECK(p.diags.empty());
    CHECK(passage_anchors(p.tree) ==
          std::vector<std::string>{"para-1 | para. 1", "introduction-para-1 | Introduction, para. 1",
                                   "introduction-para-2 | Introduction, para. 2", "introduction-para-2 | Introduction, para. 2",
                                   "introduction-para-3 | Introduction, para. 3",
                                   "conclusion-para-1 | Conclusion, para. 1", "fn-1 | note 1"});
    for (const char* id : {"para-1", "introduction-para-3", "conclusion-para-1"}) CHECK(p.tree.anchors.count(id));
    auto html = html_of(p.tree);
    CAPTURE(html);
    CHECK(html.find("<div class=\"pp\" id=\"introduction-para-1\"><a class=\"pilcrow\" href=\"#introduction-para-1\" "
                    "aria-label=\"Permalink to introduction-para-1\">¶</a>\n<p>One.</p>\n</div>") != std::string::npos);
    // The list is one passage, and stays tight.
    CHECK(html.find("<div class=\"pp\" id=\"introduction-para-2\"><a class=\"pilcrow\" href=\"#introduction-para-2\" "
                    "aria-label=\"Permalink to introduction-para-2\">¶</a>\n<ul>\n<li>a list item</li>") != std::string::npos);

    // A paragraph added to the introduction moves no anchor of the conclusion.
    auto edited = parse(intro + "Two.\n\n" + rest, opt);
    CHECK(edited.tree.anchors.count("introduction-para-4"));
    CHECK(passage_anchors(edited.tree)[6] == "conclusion-para-1 | Conclusion, para. 1");
}

TEST_CASE("a passage anchor the author already gave to a heading leaves that paragraph to its section") {
    markdown::Options opt;
    opt.passage_anchors = true;
    auto p = parse("## Intro\n\nFirst.\n\nSecond.\n\n## Other {#intro-para-2}\n\nThird.\n", opt);
    CHECK(p.diags.empty());
    CHECK(passage_anchors(p.tree) == std::vector<std::string>{"intro-para-1 | Intro, para. 1", "intro | Intro", "intro-para-2-para-1 | Other, para. 1"});
    CHECK(html_of(p.tree).find("<div class=\"pp\" id=\"intro-para-2\">") == std::string::npos);
}

TEST_CASE("Markdown kept in metadata gets no passage anchors (it is shown inside other pages)") {
    auto p = parse("## Intro\n\nFirst.\n");
    CHECK(passage_anchors(p.tree) == std::vector<std::string>{"intro | Intro"});
    CHECK(html_of(p.tree).find("class=\"pp\"") == std::string::npos);
}
