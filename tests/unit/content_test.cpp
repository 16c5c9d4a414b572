#include <doctest/doctest.h>

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
