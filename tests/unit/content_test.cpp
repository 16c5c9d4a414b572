#include <doctest/doctest.h>

#include "../support.hpp"
#include "config/config.hpp"
#include "content/content.hpp"

using namespace passage;

namespace {

struct Loaded {
    content::Corpus corpus;
    std::vector<diag::Diagnostic> diags;
};

Loaded load(fs::MemoryFileSystem& fs) {
    diag::Sink sink;
    auto site = config::load(fs, "c", sink);
    Loaded out{content::load(fs, "c", site, sink), sink.sorted()};
    return out;
}

fs::MemoryFileSystem minimal() {
    fs::MemoryFileSystem fs;
    fs.add_file("c/site.json", R"({"title": "T"})");
    fs.add_file("c/documents/a.md", "# A\n\ntext\n");
    fs.add_file("c/documents/a.json", R"({"title": "A", "date": "2004-01-16", "kind": "note"})");
    return fs;
}

const diag::Diagnostic* find(const std::vector<diag::Diagnostic>& all, const std::string& code) {
    for (const auto& d : all)
        if (d.code == code) return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("a minimal content folder loads without diagnostics") {
    auto fs = minimal();
    auto r = load(fs);
    CHECK(r.diags.empty());
    REQUIRE(r.corpus.documents.size() == 1);
    CHECK(r.corpus.documents[0].title == "A");
    CHECK(r.corpus.site.title == "T");
}

TEST_CASE("a missing required field names its JSON pointer and points at the object") {
    auto fs = minimal();
    fs.add_file("c/documents/a.json", "{\n  \"title\": \"A\",\n  \"kind\": \"note\"\n}");
    auto r = load(fs);
    auto* d = find(r.diags, "meta-missing");
    REQUIRE(d);
    CHECK(d->file == "c/documents/a.json");
    CHECK(d->message == "missing required field \"/date\"");
    CHECK(d->line == 1);
    CHECK(d->column == 1);
}

TEST_CASE("a field of the wrong type is reported at its key") {
    auto fs = minimal();
    fs.add_file("c/instruments/icmw.json", "{\"title\": \"T\", \"kind\": \"convention\",\n   \"adopted\": 1990}");
    auto r = load(fs);
    auto* d = find(r.diags, "meta-type");
    REQUIRE(d);
    CHECK(d->file == "c/instruments/icmw.json");
    CHECK(d->message == "\"/adopted\" must be a string, found a number");
    CHECK(d->line == 2);
    CHECK(d->column == 4);
}

TEST_CASE("a malformed date is an error") {
    auto fs = minimal();
    fs.add_file("c/documents/a.json", R"({"title": "A", "date": "16 January 2004", "kind": "note"})");
    auto r = load(fs);
    auto* d = find(r.diags, "meta-date");
    REQUIRE(d);
    CHECK(d->line == 1);
    CHECK(d->column == 16);  // the key of the field
}

TEST_CASE("a date that does not exist is an error but a leap day is not") {
    auto fs = minimal();
    fs.add_file("c/documents/a.json", R"({"title": "A", "date": "2005-02-30", "kind": "note"})");
    CHECK(find(load(fs).diags, "meta-date"));
    fs.add_file("c/documents/a.json", R"({"title": "A", "date": "2004-02-29", "kind": "note"})");
    CHECK(load(fs).diags.empty());
    fs.add_file("c/documents/a.json", R"({"title": "A", "date": "1900-02-29", "kind": "note"})");
    CHECK(find(load(fs).diags, "meta-date"));
}

TEST_CASE("an unknown field is a warning with a did-you-mean") {
    auto fs = minimal();
    fs.add_file("c/documents/a.json", R"({"title": "A", "date": "2004", "kind": "note", "sumary": "x"})");
    auto r = load(fs);
    auto* d = find(r.diags, "meta-unknown-field");
    REQUIRE(d);
    CHECK(d->severity == diag::Severity::warning);
    CHECK(d->suggestion == "did you mean \"summary\"?");
}

TEST_CASE("a document without metadata and metadata without a document are errors") {
    auto fs = minimal();
    fs.add_file("c/documents/b.md", "text");
    fs.add_file("c/documents/c.json", "{}");
    auto r = load(fs);
    int missing = 0;
    for (const auto& d : r.diags) missing += d.code == "content-missing";
    CHECK(missing == 2);
}

TEST_CASE("a file name that is not a valid id is an error with a suggestion") {
    auto fs = minimal();
    fs.add_file("c/organizations/Bad Name.json", R"({"name": "x", "kind": "forum"})");
    auto r = load(fs);
    auto* d = find(r.diags, "content-bad-id");
    REQUIRE(d);
    CHECK(d->suggestion == "rename the file to \"bad-name\"");
}

TEST_CASE("invalid UTF-8 is an error at its position") {
    auto fs = minimal();
    fs.add_file("c/documents/a.md", "ok\nab\xC3(\n");
    auto r = load(fs);
    auto* d = find(r.diags, "utf8-invalid");
    REQUIRE(d);
    CHECK(d->line == 2);
    CHECK(d->column == 3);
}

TEST_CASE("a missing content folder or site.json is an error") {
    fs::MemoryFileSystem empty;
    auto r = load(empty);
    REQUIRE(find(r.diags, "content-missing"));
    auto fs = minimal();
    fs.remove_all("c/site.json");
    auto r2 = load(fs);
    REQUIRE(find(r2.diags, "content-missing"));
    CHECK(find(r2.diags, "content-missing")->file == "c/site.json");
}

TEST_CASE("recommendation items get dotted numbers for sub-items") {
    auto fs = minimal();
    fs.add_file("c/recommendations/s.json",
                R"({"title": "S", "document": "a", "items": [{"n": "1", "text": "x", "items": [{"n": "2", "text": "y"}]}]})");
    auto r = load(fs);
    CHECK(r.diags.empty());
    REQUIRE(r.corpus.recommendations.size() == 1);
    CHECK(r.corpus.recommendations[0].items[0].items[0].number == "1.2");
}

TEST_CASE("two items of one list with the same number are an error rec-duplicate at the second, with a note at the first") {
    auto fs = minimal();
    fs.add_file("c/recommendations/s.json",
                "{\"title\": \"S\", \"document\": \"a\", \"items\": [\n"
                "  {\"n\": \"1\", \"text\": \"x\", \"items\": [{\"n\": \"1\", \"text\": \"a\"}, {\"n\": \"1\", \"text\": \"b\"}]},\n"
                "  {\"n\": \"2\", \"text\": \"y\"},\n"
                "  {\"n\": \"1\", \"text\": \"z\"}]}\n");
    auto r = load(fs);
    std::vector<std::string> found;
    for (const auto& d : r.diags)
        found.push_back(d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + " " + diag::severity_name(d.severity) +
                        "[" + d.code + "] " + d.message);
    CHECK(testing::join(found) ==
          "c/recommendations/s.json:2:9 note[rec-duplicate] the first item numbered \"1\"; "
          "c/recommendations/s.json:2:43 note[rec-duplicate] the first item numbered \"1.1\"; "
          "c/recommendations/s.json:2:68 error[rec-duplicate] two items of this set are numbered \"1.1\" (the first at 2:43); a number "
          "must name one item; "
          "c/recommendations/s.json:4:9 error[rec-duplicate] two items of this set are numbered \"1\" (the first at 2:9); a number must "
          "name one item");
    // The same number in two lists (item 1 and sub-item 2.1, written "1") is no duplicate.
    auto ok = minimal();
    ok.add_file(
        "c/recommendations/s.json",
        R"({"title": "S", "document": "a", "items": [{"n": "1", "text": "x"}, {"n": "2", "text": "y", "items": [{"n": "1", "text": "z"}]}]})");
    CHECK(load(ok).diags.empty());
}

TEST_CASE("documents are ordered by order then date then id") {
    auto fs = minimal();
    fs.add_file("c/documents/b.md", "x");
    fs.add_file("c/documents/b.json", R"({"title": "B", "date": "2001", "kind": "note"})");
    fs.add_file("c/documents/c.md", "x");
    fs.add_file("c/documents/c.json", R"({"title": "C", "date": "2010", "kind": "note", "order": 1})");
    auto r = load(fs);
    REQUIRE(r.corpus.documents.size() == 3);
    CHECK(r.corpus.documents[0].id == "c");
    CHECK(r.corpus.documents[1].id == "b");
    CHECK(r.corpus.documents[2].id == "a");
}

TEST_CASE("options.search_head is a whole number from 1; a bad one is an error at its key") {
    auto fs = minimal();
    fs.add_file("c/site.json", R"({"title": "T", "options": {"search_head": 25}})");
    auto r = load(fs);
    CHECK(r.corpus.site.search_head == 25);
    CHECK(find(r.diags, "meta-value") == nullptr);
    for (const char* bad : {"0", "2.5", "-3"}) {
        CAPTURE(bad);
        fs.add_file("c/site.json", std::string(R"({"title": "T",)") + "\n" + R"(  "options": {"search_head": )" + bad + "}}");
        auto b = load(fs);
        const auto* d = find(b.diags, "meta-value");
        REQUIRE(d);
        CHECK(d->line == 2);
        CHECK(d->column == 15);  // the key, as for every value error
        CHECK(b.corpus.site.search_head == 1000);
    }
}

TEST_CASE("a javascript: URL in a document's source.url is refused with url-unsafe at the value") {
    auto fs = minimal();
    fs.add_file(
        "c/documents/a.json",
        "{\"title\": \"A\", \"date\": \"2004\", \"kind\": \"note\",\n \"source\": {\"url\": \"javascript:alert(document.cookie)\"}}");
    auto r = load(fs);
    auto* d = find(r.diags, "url-unsafe");
    REQUIRE(d);
    CHECK(d->severity == diag::Severity::error);
    CHECK(d->file == "c/documents/a.json");
    CHECK(d->line == 2);
    CHECK(d->column == 20);  // the value, where the URL is written
    CHECK(d->message == "\"/source/url\" is a javascript: URL: only http:, https:, mailto: and relative URLs may be links");
    REQUIRE(r.corpus.documents.size() == 1);
    CHECK(r.corpus.documents[0].source.url.empty());  // later stages never see it
}

TEST_CASE("an organization's url and an instrument's record[].url refuse every scheme but http, https and mailto") {
    auto fs = minimal();
    fs.add_file("c/organizations/iom.json", R"x({"name": "IOM", "kind": "un-body", "url": " JaVaScRiPt:alert(1)"})x");
    fs.add_file(
        "c/instruments/icmw.json",
        R"x({"title": "T", "kind": "convention", "record": [{"label": "ok", "url": "https://treaties.un.org/"}, {"label": "bad", "url": "data:text/html,<script>alert(1)</script>"}]})x");
    auto r = load(fs);
    std::vector<std::string> where;
    for (const auto& d : r.diags)
        if (d.code == "url-unsafe") where.push_back(d.file + ":" + std::to_string(d.column));
    CHECK(testing::join(where) == "c/instruments/icmw.json:125; c/organizations/iom.json:43");
    REQUIRE(r.corpus.organizations.size() == 1);
    CHECK(r.corpus.organizations[0].url.empty());
    REQUIRE(r.corpus.instruments.size() == 1);
    CHECK(r.corpus.instruments[0].record[0].url == "https://treaties.un.org/");
    CHECK(r.corpus.instruments[0].record[1].url.empty());
}

TEST_CASE("a base_url that is not an absolute http(s) URL is refused with meta-url") {
    auto fs = minimal();
    fs.add_file("c/site.json", R"x({"title": "T", "base_url": "javascript://x/%0aalert(1)"})x");
    auto r = load(fs);
    REQUIRE(find(r.diags, "meta-url"));
    CHECK(r.corpus.site.base_url.empty());
}

TEST_CASE("a symbolic link in content/ is refused with content-symlink and never read") {
    auto fs = minimal();
    fs.add_file("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");
    fs.add_symlink("c/documents/b.md", "etc/passwd");
    fs.add_file("c/documents/b.json", R"({"title": "B", "date": "2004", "kind": "note"})");
    fs.add_symlink("c/instruments/x.json", "etc/passwd");
    auto r = load(fs);
    std::vector<std::string> files;
    for (const auto& d : r.diags) {
        if (d.code == "content-symlink") files.push_back(d.file);
        CHECK(d.message.find("root:") == std::string::npos);
    }
    CHECK(files == std::vector<std::string>{"c/documents/b.md", "c/instruments/x.json"});
    CHECK(r.corpus.documents.size() == 1);  // a only
    CHECK(r.corpus.instruments.empty());
}

TEST_CASE("a content folder that is a symbolic link is refused once with content-symlink") {
    auto fs = minimal();
    fs.add_file("elsewhere/x.json", R"({"title": "X", "kind": "convention"})");
    fs.add_symlink("c/instruments", "elsewhere");
    auto r = load(fs);
    auto* d = find(r.diags, "content-symlink");
    REQUIRE(d);
    CHECK(d->file == "c/instruments");
    CHECK(r.corpus.instruments.empty());
}

TEST_CASE("a FIFO or a device in content/ is refused with content-special") {
    auto fs = minimal();
    fs.add_special("c/documents/b.md");
    fs.add_file("c/documents/b.json", R"({"title": "B", "date": "2004", "kind": "note"})");
    fs.add_special("c/organizations/zero.json");
    auto r = load(fs);
    int special = 0;
    for (const auto& d : r.diags) special += d.code == "content-special";
    CHECK(special == 2);
}

TEST_CASE("a document larger than 8 MiB is refused with content-too-large before it is read") {
    auto fs = minimal();
    fs.add_file("c/documents/a.md", std::string(content::kMaxTextBytes + 1, 'x'));
    auto r = load(fs);
    auto* d = find(r.diags, "content-too-large");
    REQUIRE(d);
    CHECK(d->file == "c/documents/a.md");
    CHECK(r.corpus.documents.empty());
}

TEST_CASE("an empty document is a warning content-empty naming its file") {
    auto fs = minimal();
    fs.add_file("c/documents/a.md", "\xEF\xBB\xBF \n\n\t\r\n");
    auto r = load(fs);
    auto* d = find(r.diags, "content-empty");
    REQUIRE(d);
    CHECK(d->severity == diag::Severity::warning);
    CHECK(d->file == "c/documents/a.md");
    CHECK(r.corpus.documents.size() == 1);
}

TEST_CASE("a control character or a noncharacter in a Markdown file is an error text-control at its position") {
    for (const auto& [text, character] : std::vector<std::pair<std::string, std::string>>{{"ok\nab\x1b[31mred\n", "U+001B"},
                                                                                     {"ok\nab\x7f\n", "U+007F"},
                                                                                     {"ok\nab\xC2\x85\n", "U+0085"},
                                                                                     {"ok\nab\xEF\xB7\x90\n", "U+FDD0"},
                                                                                     {"ok\nab\xF4\x8F\xBF\xBF\n", "U+10FFFF"},
                                                                                     {"ok\nab\x0c\n", "U+000C"}}) {
        const std::string name = character;  // clang 14 cannot capture a structured binding (CAPTURE does)
        CAPTURE(name);
        auto fs = minimal();
        fs.add_file("c/documents/a.md", text);
        auto r = load(fs);
        auto* d = find(r.diags, "text-control");
        REQUIRE(d);
        CHECK(d->line == 2);
        CHECK(d->column == 3);
        CHECK(d->message.find(name) != std::string::npos);
        CHECK(r.corpus.documents.empty());  // it never reaches the HTML or the search index
    }
}

TEST_CASE("a raw control character in a JSON file is an error text-control") {
    auto fs = minimal();
    fs.add_file("c/documents/a.json", "{\"title\": \"A\x7f\", \"date\": \"2004\", \"kind\": \"note\"}");
    auto r = load(fs);
    auto* d = find(r.diags, "text-control");
    REQUIRE(d);
    CHECK(d->column == 13);
}

TEST_CASE("a theme parent cycle is an error ref-cycle naming the cycle; so are organization and instrument parent cycles") {
    auto fs = minimal();
    fs.add_file("c/themes.json", R"({"themes": [{"id": "a", "title": "A", "parent": "c"}, {"id": "b", "title": "B", "parent": "a"},
        {"id": "c", "title": "C", "parent": "b"}, {"id": "d", "title": "D", "parent": "a"}, {"id": "e", "title": "E", "parent": "e"}]})");
    fs.add_file("c/organizations/x.json", R"({"name": "X", "kind": "forum", "parent": "y"})");
    fs.add_file("c/organizations/y.json", R"({"name": "Y", "kind": "forum", "parent": "x"})");
    fs.add_file("c/instruments/p.json", R"({"title": "P", "kind": "protocol", "parent": "p"})");
    auto r = load(fs);
    std::vector<std::string> cycles;
    for (const auto& d : r.diags)
        if (d.code == "ref-cycle") cycles.push_back(d.file + ":" + std::to_string(d.line) + ": " + d.message);
    CHECK(testing::join(cycles) ==
          "c/instruments/p.json:1: instrument parents form a cycle: p \u2192 p; "
          "c/organizations/x.json:1: organization parents form a cycle: x \u2192 y \u2192 x; "
          "c/themes.json:1: theme parents form a cycle: a \u2192 c \u2192 b \u2192 a; "
          "c/themes.json:2: theme parents form a cycle: e \u2192 e");
}

TEST_CASE("a fact's number keeps its digits as written, past 2^53 and 2^64") {
    auto fs = minimal();
    fs.add_file("c/instruments/icmw.json", R"({"title": "T", "kind": "convention", "facts": [
        {"fact": "a", "value": 9007199254740993}, {"fact": "b", "value": 123456789012345678901234567890},
        {"fact": "c", "value": 1.10}, {"fact": "d", "value": -0}, {"fact": "e", "value": "23"}]})");
    auto r = load(fs);
    CHECK(r.diags.empty());
    REQUIRE(r.corpus.instruments.size() == 1);
    std::vector<std::string> values;
    for (const auto& f : r.corpus.instruments[0].facts) values.push_back(f.value);
    CHECK(testing::join(values) == "9007199254740993; 123456789012345678901234567890; 1.10; -0; 23");
}

TEST_CASE("a whole number that does not fit is refused, never read as another number") {
    auto fs = minimal();
    fs.add_file("c/documents/a.json",
                R"({"title": "A", "date": "2004", "kind": "note", "source_gaps": {"paragraphs_missing": [4294967297, 2.5, -1]}})");
    auto r = load(fs);
    int refused = 0;
    for (const auto& d : r.diags) refused += d.code == "meta-type";
    CHECK(refused == 2);
    REQUIRE(r.corpus.documents.size() == 1);
    CHECK(r.corpus.documents[0].gaps.paragraphs_missing == std::vector<int>{-1});
}
