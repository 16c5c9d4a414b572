// The byte formats of what each stage keeps in the incremental cache (markdown/memo, crossref/memo,
// render/body, search/memo, output/page_memo, diag): what is encoded decodes to the same; bytes cut
// short are refused; bytes damaged anywhere are refused or decode to something safe to use.
#include <doctest/doctest.h>

#include <functional>
#include <string>

#include "../support.hpp"
#include "config/config.hpp"
#include "content/content.hpp"
#include "crossref/memo.hpp"
#include "markdown/memo.hpp"
#include "output/page_memo.hpp"
#include "render/render.hpp"
#include "search/memo.hpp"
#include "util/codec.hpp"

using namespace passage;

namespace {

// The bundled reference, linked: real extracts, mentions and bodies to encode.
const testing::Linked& reference() {
    static auto linked = [] {
        static fs::RealFileSystem disk;
        static diag::Sink sink;
        static content::Corpus corpus;
        const std::string dir = (testing::source_dir() / "content").string();
        corpus = content::load(disk, dir, config::load(disk, dir, sink), sink);
        return testing::link(corpus, sink);
    }();
    return linked;
}

std::vector<diag::Diagnostic> some_diagnostics() {
    return {{diag::Severity::warning, "fn-undefined", "content/documents/a.md", 3, 14, "footnote [^9] is referenced but never defined",
             "add it"},
            {diag::Severity::note, "alias-unused", "content/instruments/x.json", 0, 0, "alias \"X\" occurs in no document", ""}};
}

// Every prefix of `bytes` shorter than it is refused; every byte changed in turn is refused or
// decodes to something `safe` accepts. Returns how many damaged ones were refused.
template <typename Decode, typename Safe>
std::size_t check_damage(const std::string& bytes, Decode decode, Safe safe) {
    for (std::size_t n = 0; n < bytes.size(); ++n)
        CHECK_MESSAGE(!decode(std::string_view(bytes).substr(0, n)), "cut at byte " << n << " and taken");
    std::size_t refused = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        auto damaged = bytes;
        damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
        auto back = decode(damaged);
        if (!back)
            ++refused;
        else
            safe(*back);
    }
    return refused;
}

}  // namespace

TEST_CASE("a document's extract decodes to what was encoded, and damaged bytes are refused or safe") {
    const auto& extracts = reference().documents.extracts;
    REQUIRE(extracts.size() == 5);
    for (const auto& x : extracts) {
        CAPTURE(x.path);
        const auto bytes = markdown::encode_extract(x, some_diagnostics());
        auto back = markdown::decode_extract(bytes);
        REQUIRE(back);
        CHECK(back->first == x);
        CHECK(back->second.size() == 2);
        CHECK(back->second[0].message == some_diagnostics()[0].message);
    }
    // A small one, damaged at every byte.
    const auto bytes = markdown::encode_extract(extracts[3], some_diagnostics());  // iom-health-2013, the shortest
    check_damage(bytes, markdown::decode_extract, [](const auto& e) {
        for (const auto& l : e.first.links) CHECK(l.passage < e.first.passages.size());
    });
}

TEST_CASE("a document's mentions decode to what was encoded, and damaged bytes are refused or safe") {
    const auto& all = reference().documents.mentions;
    for (const auto& m : all) {
        auto back = crossref::decode_mentions(crossref::encode_mentions(m, some_diagnostics()));
        REQUIRE(back);
        CHECK(back->first == m);
    }
    const auto bytes = crossref::encode_mentions(all[3], {});
    REQUIRE(all[3].runs.size() > 2);
    check_damage(bytes, crossref::decode_mentions, [](const auto& m) {
        for (const auto& [run, list] : m.first.runs)
            for (const auto& x : list) CHECK(x.begin <= x.end);
    });
}

TEST_CASE("a document's body decodes to what was encoded, and damaged bytes are refused or safe") {
    const auto& bodies = reference().documents.bodies;
    for (const auto& b : bodies) {
        auto back = render::decode_body(render::encode_body(b));
        REQUIRE(back);
        CHECK(*back == b);
    }
    render::Body small{{"<p>a</p>", "</div>\n<p>b</p>"}, {"p1"}, {{"1", "<p>note</p>"}}};
    check_damage(render::encode_body(small), render::decode_body,
                 [](const render::Body& b) { CHECK(b.pieces.size() == b.numbered.size() + 1); });
}

TEST_CASE("a run of search records decodes to what was encoded, and damaged bytes are refused or stay in bounds") {
    std::vector<search::Record> records;
    for (int i = 0; i < 6; ++i) {
        search::Record r;
        r.url = "d.html#p" + std::to_string(i);
        r.path = {"Ébauche du traité", "¶" + std::to_string(i)};
        r.names = {i == 0 ? "Convention on Migrant Workers" : ""};
        r.headings = {"Chapter I", "Protection of the rights of migrants"};
        for (int k = 0; k < 50; ++k) r.text += "word" + std::to_string((i * 7 + k) % 13) + (k % 4 ? " " : " de l’État ");
        records.push_back(r);
    }
    struct Collect final : search::RunMemo {
        std::vector<search::Run> runs;
        std::optional<search::Run> recall(const util::Hash128&) override { return std::nullopt; }
        void keep(const util::Hash128&, const search::Run& run) override { runs.push_back(run); }
    } c;
    search::build_index(records, {}, 1, {.memo = &c});
    REQUIRE(c.runs.size() == 1);
    const auto& run = c.runs[0];
    REQUIRE(run.stems.size() > 10);
    REQUIRE(!run.fold.empty());
    const auto bytes = search::encode_run(run);
    auto back = search::decode_run(bytes);
    REQUIRE(back);
    CHECK(*back == run);
    const auto refused = check_damage(bytes, search::decode_run, [](const search::Run& r) {
        for (const auto& st : r.stems)
            for (const auto& o : st.occ) {
                CHECK(o.record < r.lengths.size());
                CHECK(o.first + o.count <= st.positions.size());
                CHECK(o.count <= search::kMaxPositions);
            }
        for (const auto& [surface, stem] : r.surfaces) CHECK(stem < r.stems.size());
    });
    CHECK(refused > bytes.size() / 4);
}

TEST_CASE("what a build keeps of a page decodes to what was encoded, and damaged bytes are refused or safe") {
    output::PageMemo::Entry e;
    e.inputs = util::Hasher("x").value128();
    e.checksum = 0x1234567890ULL;
    e.stamp = 42;
    e.links = output::scan_links("<p id=\"a\"><a href=\"../b.html#c\" id=\"z\">x</a><img src=\"i.png\"></p>");
    e.diagnostics = some_diagnostics();
    const auto bytes = output::PageMemo::encode(e);
    auto back = output::PageMemo::decode(bytes);
    REQUIRE(back);
    CHECK(*back == e);
    check_damage(bytes, output::PageMemo::decode,
                 [](const output::PageMemo::Entry& x) { CHECK(std::is_sorted(x.links.ids.begin(), x.links.ids.end())); });
}

TEST_CASE("diagnostics kept with a result decode to what was written, and a damaged severity is refused") {
    util::Writer w;
    diag::write(w, some_diagnostics());
    const auto bytes = w.take();
    util::Reader r(bytes);
    auto back = diag::read(r);
    CHECK(r.finished());
    REQUIRE(back.size() == 2);
    CHECK(back[1].code == "alias-unused");
    CHECK(back[0].column == 14);
    auto damaged = bytes;
    damaged[1] = 7;  // the first severity: not one of the three
    util::Reader d(damaged);
    diag::read(d);
    CHECK_FALSE(d.ok());
}
