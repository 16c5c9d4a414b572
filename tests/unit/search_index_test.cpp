// Unit tests for the search index (src/search/index.hpp, emit.cpp, records.cpp): records from parsed
// documents, BM25F weights, positions, sharding, determinism and script-safe output.

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "content/corpus.hpp"
#include "diag/diag.hpp"
#include "markdown/markdown.hpp"
#include "search/index.hpp"
#include "search/search.hpp"

namespace {

namespace ps = passage::search;
using nlohmann::json;

ps::Record record(std::string url, std::string kind, std::vector<std::string> names, std::string text) {
    ps::Record r;
    r.url = std::move(url);
    r.path = names.empty() ? std::vector<std::string>{r.url} : std::vector<std::string>{names[0]};
    r.kind = std::move(kind);
    r.names = std::move(names);
    r.text = std::move(text);
    return r;
}

// The name and the JSON a file registers: passageSearchRegister("name",{...});
std::pair<std::string, json> registered(const std::string& js) {
    const std::string head = "passageSearchRegister(\"";
    REQUIRE(js.rfind(head, 0) == 0);
    REQUIRE(js.size() > 4);
    REQUIRE(js.substr(js.size() - 3) == ");\n");
    auto quote = js.find('"', head.size());
    REQUIRE(js[quote + 1] == ',');
    return {js.substr(head.size(), quote - head.size()), json::parse(js.substr(quote + 2, js.size() - 3 - quote - 2))};
}

const ps::Term* term(const ps::Index& index, const std::string& surface) {
    auto it = index.surfaces.find(surface);
    return it == index.surfaces.end() ? nullptr : &index.terms[it->second];
}

// The positions of the first posting of the word's term.
std::vector<std::uint32_t> positions(const ps::Index& index, const std::string& surface) {
    const auto* t = term(index, surface);
    REQUIRE(t != nullptr);
    REQUIRE(!t->postings.empty());
    auto span = t->positions_of(t->postings[0]);
    return {span.begin(), span.end()};
}

// Numbers packed by emit.cpp: 5 bits per character, low bits first, +32 when more follow.
std::vector<std::uint32_t> unpack(const std::string& s) {
    const std::string digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    std::vector<std::uint32_t> out;
    std::uint32_t v = 0, shift = 0;
    for (char c : s) {
        auto d = static_cast<std::uint32_t>(digits.find(c));
        REQUIRE(d < 64);
        v |= (d & 31) << shift;
        if (d & 32) {
            shift += 5;
        } else {
            out.push_back(v);
            v = 0;
            shift = 0;
        }
    }
    CHECK(shift == 0);
    return out;
}

// The file of term shard `i` and of record chunk `i`, as the manifest names them.
std::string shard_file(const std::map<std::string, std::string>& files, std::size_t i) {
    auto manifest = registered(files.at("search/manifest.js")).second;
    return files.at("search/t" + std::to_string(manifest["shards"].at(i)[1].get<std::uint32_t>()) + ".js");
}
std::string chunk_file(const std::map<std::string, std::string>& files, std::size_t i) {
    auto manifest = registered(files.at("search/manifest.js")).second;
    return files.at("search/r" + std::to_string(manifest["chunk_ids"].at(i).get<std::uint32_t>()) + ".js");
}

// Every record of every chunk, read as search-engine.js reads them: key (group * stride + place) ->
// URL. Checks that the manifest's chunk starts are the chunks' first records.
std::map<std::uint64_t, std::string> chunk_records(const std::map<std::string, std::string>& files) {
    auto manifest = registered(files.at("search/manifest.js")).second;
    const std::uint64_t stride = manifest["stride"];
    const auto starts = unpack(manifest["chunks"]);
    REQUIRE(starts.size() == 2 * manifest["chunk_ids"].size());
    std::map<std::uint64_t, std::string> out;
    std::uint64_t group = 0;
    for (std::size_t c = 0; 2 * c < starts.size(); ++c) {
        group += starts[2 * c];
        auto chunk = registered(chunk_file(files, c)).second;
        CHECK(chunk["first"] == json::array({group, starts[2 * c + 1]}));
        const auto sizes = unpack(chunk["sizes"]);
        std::size_t g = 0, in_group = 0;
        std::uint64_t place = chunk["first"][1];
        for (const auto& r : chunk["records"]) {
            while (g < sizes.size() && in_group == sizes[g]) {
                ++g;
                in_group = 0;
                place = 0;
            }
            REQUIRE(g < sizes.size());
            const auto& page = chunk["pages"][r[0].get<std::size_t>()];
            const std::uint64_t key = (chunk["first"][0].get<std::uint64_t>() + g) * stride + place;
            CHECK(out.emplace(key, page[0].get<std::string>() + r[1].get<std::string>()).second);
            ++in_group;
            ++place;
        }
        CHECK(g + 1 == sizes.size());
        CHECK(in_group == sizes.back());
    }
    return out;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

TEST_CASE("search index: the surface forms of a word share one stem whose postings name both records") {
    auto index = ps::build_index(
        {record("a.html", "theme", {"Migrants"}, "Several migrants."), record("b.html", "theme", {"Other"}, "One migrant.")});
    const auto* t = term(index, "migrants");
    REQUIRE(t != nullptr);
    CHECK(t == term(index, "migrant"));
    CHECK(t->stem == "migrant");
    CHECK(t->surfaces == std::vector<std::string>{"migrant", "migrants"});
    REQUIRE(t->postings.size() == 2);
    CHECK(t->postings[0].record == 0);
    CHECK(t->postings[1].record == 1);
}

TEST_CASE("search index: a word in a record's name weighs more than the same word in a text") {
    auto index = ps::build_index({record("a.html", "instrument", {"Palermo Convention"}, "A treaty."),
                                  record("b.html", "organization", {"Office"}, "It services the Palermo Convention."),
                                  record("c.html", "theme", {"Unrelated"}, "Nothing here.")});
    const auto* t = term(index, "palermo");
    REQUIRE(t != nullptr);
    REQUIRE(t->postings.size() == 2);
    CHECK(t->postings[0].weight > t->postings[1].weight);
    CHECK(t->postings[1].weight >= 1);
}

TEST_CASE("search index: stop words are not indexed but keep their positions") {
    auto index = ps::build_index({record("a.html", "theme", {}, "Trafficking in persons and the smuggling")});
    CHECK(term(index, "in") == nullptr);
    CHECK(term(index, "the") == nullptr);
    // The names field is empty: the text starts at position 0.
    CHECK(positions(index, "trafficking") == std::vector<std::uint32_t>{0});
    CHECK(positions(index, "persons") == std::vector<std::uint32_t>{2});
    CHECK(positions(index, "smuggling") == std::vector<std::uint32_t>{5});
}

TEST_CASE("search index: a repeated name or heading value indexes as if it were tokenized again") {
    // The indexer keeps the tokens of recent name and heading values and replays them when a value
    // comes again. The same records with every repeat spelt differently (extra spaces, other case:
    // the same tokens, but not the same string, so nothing is replayed) must give the same index.
    auto records = [](bool respell) {
        int k = 0;
        auto v = [&](const std::string& s) { return respell ? std::string(static_cast<std::size_t>(k++), ' ') + s : s; };
        std::vector<ps::Record> out;
        for (int i = 0; i < 12; ++i) {
            ps::Record r = record("d.html#p" + std::to_string(i), "paragraph", {}, "Text " + std::to_string(i) + " of the Convention.");
            // Two headings every record shares, one of them twice, an empty one, and a heading
            // per record, so that more than eight values go by between two repeats.
            r.headings = {v("Part I: the Convention"), v("Migrant workers"), v("Part I: the Convention"), v(""),
                          v("Section " + std::to_string(i))};
            if (i % 3 == 0) r.names = {v("Migrant workers"), v("the Convention")};  // a heading value as a name
            out.push_back(std::move(r));
        }
        ps::Record many = record("e.html", "theme", {}, "");
        for (int i = 0; i < 40; ++i) many.headings.push_back(v(i % 2 ? "Convention" : "CONVENTION"));  // past kMaxPositions
        out.push_back(std::move(many));
        return out;
    };
    auto replayed = ps::build_index(records(false)), tokenized = ps::build_index(records(true));
    REQUIRE(replayed.terms.size() == tokenized.terms.size());
    for (std::size_t i = 0; i < replayed.terms.size(); ++i) {
        const auto &a = replayed.terms[i], &b = tokenized.terms[i];
        CAPTURE(a.stem);
        CHECK(a.stem == b.stem);
        CHECK(a.surfaces == b.surfaces);
        CHECK(a.positions == b.positions);
        REQUIRE(a.postings.size() == b.postings.size());
        for (std::size_t k = 0; k < a.postings.size(); ++k) {
            CHECK(a.postings[k].record == b.postings[k].record);
            CHECK(a.postings[k].weight == b.postings[k].weight);
            CHECK(a.postings[k].first_position == b.postings[k].first_position);
            CHECK(a.postings[k].position_count == b.postings[k].position_count);
        }
    }
    CHECK(replayed.surfaces == tokenized.surfaces);
    // And the replayed tokens land where they should. Record 1 has no names, so its first heading
    // starts at 0 ("part" 0, "i" 1, "the" 2, "convention" 3); each value is followed by a gap of
    // 8: "Migrant workers" at 12, the first heading again at 22 (its "convention" at 25), the
    // empty one at 34, "Section 1" at 42, and the text at 52 ("text", "1", "of", "the",
    // "convention" at 56).
    const auto* convention = term(replayed, "convention");
    REQUIRE(convention != nullptr);
    auto of_record = [&](std::uint32_t record) {
        for (const auto& p : convention->postings)
            if (p.record == record) {
                auto span = convention->positions_of(p);
                return std::vector<std::uint32_t>(span.begin(), span.end());
            }
        return std::vector<std::uint32_t>{};
    };
    CHECK(of_record(1) == std::vector<std::uint32_t>{3, 25, 56});
    CHECK(of_record(12).size() == ps::kMaxPositions);
}

TEST_CASE("search index: no phrase spans two names of a record") {
    auto index = ps::build_index({record("a.html", "instrument", {"Migrant Workers", "Convention"}, "")});
    auto workers = positions(index, "workers").at(0);
    auto convention = positions(index, "convention").at(0);
    CHECK(convention - workers > 1);
}

TEST_CASE("search index files: the same records give the same bytes") {
    ps::Input in;
    for (int i = 0; i < 200; ++i)
        in.records.push_back(record("p" + std::to_string(i) + ".html", "paragraph", {"Title " + std::to_string(i)},
                                    "migration governance word" + std::to_string(i % 37) + " Belém"));
    auto a = ps::index_files(in), b = ps::index_files(in);
    CHECK(a == b);
    // Several threads, and parts small enough that the merge of their postings is exercised.
    for (int i = 0; i < 3000; ++i)
        in.records.push_back(
            record("q" + std::to_string(i) + ".html", "paragraph", {}, "word" + std::to_string(i % 53) + " migrants migrant"));
    ps::Options threads;
    threads.jobs = 3;
    CHECK(ps::index_files(in) == ps::index_files(in, threads));
}

TEST_CASE("search index files: a hostile title and line separators give script-safe files") {
    ps::Input in;
    auto r = record("documents/x.html", "document", {"</script><script>alert(1)</script>"},
                    "One\u2028two\u2029three <!-- four --> & </SCRIPT >");
    r.path = {"</script><script>alert(1)</script>", "<!--"};
    in.records.push_back(r);
    in.themes = {{"t", "</script>"}};
    auto files = ps::index_files(in);
    REQUIRE(files.count("search/manifest.js") == 1);
    for (const auto& file : files) {
        const auto& [path, js] = file;
        CAPTURE(file.first);
        CHECK(std::all_of(js.begin(), js.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80 && c != '<' && c != '>'; }));
        CHECK(lower(js).find("</script") == std::string::npos);
        CHECK(js.find("<!--") == std::string::npos);
        CHECK(js.find("-->") == std::string::npos);
        auto [name, data] = registered(js);
        CHECK(path == "search/" + name + ".js");
    }
    auto [name, chunk] = registered(chunk_file(files, 0));
    CHECK(chunk["pages"][0] == json::array({"documents/x.html", "</script><script>alert(1)</script>"}));
    CHECK(chunk["records"][0][0] == 0);
    CHECK(chunk["records"][0][2] == json::array({"<!--"}));
    CHECK(chunk["records"][0][3] == "One\u2028two\u2029three <!-- four --> & </SCRIPT >");
}

TEST_CASE("search index files: shards split the sorted words in ranges near their target size") {
    ps::Input in;
    for (int i = 0; i < 400; ++i) {
        std::string text;
        for (int k = 0; k < 12; ++k) text += "w" + std::to_string((i * 7 + k * 13) % 1000) + "x ";
        in.records.push_back(record("p" + std::to_string(i) + ".html", "paragraph", {}, text));
    }
    ps::Options opt;
    opt.shard_bytes = 4096;
    opt.chunk_bytes = 4096;
    auto files = ps::index_files(in, opt);
    auto [mname, manifest] = registered(files.at("search/manifest.js"));
    auto shards = manifest["shards"];
    REQUIRE(shards.size() > 3);
    CHECK(shards[0][0] == "");
    std::set<std::string> seen;
    std::string previous_first;
    for (std::size_t s = 0; s < shards.size(); ++s) {
        std::string first = shards[s][0];
        if (s > 0) CHECK(previous_first < first);
        previous_first = first;
        const auto js = shard_file(files, s);
        CHECK(js.size() < 2 * 4096);
        auto [name, shard] = registered(js);
        std::string last;
        for (const auto& w : shard["words"]) {
            std::string word = w[0];
            CHECK(word >= first);
            if (s + 1 < shards.size()) CHECK(word < shards[s + 1][0].get<std::string>());
            CHECK(last < word);
            last = word;
            CHECK(seen.insert(word).second);
            auto t = shard["terms"][w[1].get<std::size_t>()];
            CHECK(std::find(t[1].begin(), t[1].end(), word) != t[1].end());
        }
    }
    CHECK(seen.size() == 1000);
    // Records: chunks in order, each record once (each is a group of its own: its page is its own).
    std::size_t records = 0, start = 0, c = 0;
    const auto starts = unpack(manifest["chunks"]);
    REQUIRE(starts.size() % 2 == 0);
    for (std::size_t k = 0; k < starts.size(); k += 2) {
        start += starts[k];
        CHECK(starts[k + 1] == 0);  // the place of the chunk's first record in its group
        auto [name, chunk] = registered(chunk_file(files, c++));
        CHECK(chunk["first"] == json::array({start, 0}));
        CHECK(start == records);
        CHECK(unpack(chunk["sizes"]) == std::vector<std::uint32_t>(chunk["records"].size(), 1));
        CHECK(chunk.dump().size() < 2 * 4096);
        records += chunk["records"].size();
    }
    CHECK(c > 3);
    CHECK(records == 400);
    // Facets: every record has a profile in the file of its range of groups; nothing per record in
    // the manifest.
    std::size_t faceted = 0, groups = 0;
    for (std::size_t f = 0; files.count("search/f" + std::to_string(f) + ".js"); ++f) {
        auto [name, facets] = registered(files.at("search/f" + std::to_string(f) + ".js"));
        CHECK(facets["first"] == groups);
        auto rp = unpack(facets["rp"]);
        for (auto p : rp) CHECK(p < facets["profiles"].size());
        const auto sizes = unpack(facets["sizes"]);
        std::size_t in_groups = 0;
        for (auto n : sizes) in_groups += n;
        CHECK(in_groups == rp.size());
        faceted += rp.size();
        groups += sizes.size();
    }
    CHECK(faceted == 400);
    CHECK(groups == 400);
    CHECK(files.at("search/manifest.js").size() < 2048);
}

TEST_CASE("search index files: the number of files stays bounded however small the targets") {
    ps::Input in;
    for (int i = 0; i < 300; ++i)
        in.records.push_back(record("p" + std::to_string(i) + ".html", "paragraph", {}, "word" + std::to_string(i)));
    ps::Options opt;
    opt.shard_bytes = 64;
    opt.chunk_bytes = 64;
    opt.max_files = 20;
    auto files = ps::index_files(in, opt);
    CHECK(files.size() <= 22 + 22);  // shards, chunks and facets, plus the manifest, the labels and the vocabulary
}

TEST_CASE("search index files: postings decode to the records and positions of the index") {
    ps::Input in;
    in.records = {record("a.html", "theme", {}, "alpha beta alpha"), record("b.html", "theme", {}, "gamma"),
                  record("c.html", "theme", {}, "beta alpha")};
    auto files = ps::index_files(in);
    auto [name, shard] = registered(shard_file(files, 0));
    std::vector<std::uint32_t> alpha;
    for (const auto& t : shard["terms"])
        if (t[0] == "alpha") alpha = unpack(t[2]);
    // group delta, place, weight, count, positions (delta-coded): record 0 (group 0) at 0 and 2,
    // record 2 (group 2) at 1.
    REQUIRE(alpha.size() == 11);
    CHECK(alpha[0] == 0);
    CHECK(alpha[1] == 0);
    CHECK(alpha[3] == 2);
    CHECK(alpha[4] == 0);
    CHECK(alpha[5] == 2);
    CHECK(alpha[6] == 2);
    CHECK(alpha[7] == 0);
    CHECK(alpha[9] == 1);
    CHECK(alpha[10] == 1);
}

TEST_CASE("search records: passages of a document carry their anchors and title paths") {
    passage::content::Corpus corpus;
    passage::content::Document d;
    d.id = "doc";
    d.title = "The Document";
    d.short_title = "Doc 2004";
    d.date = "2004-01-16";
    d.themes = {{"rights", {}}};
    corpus.documents.push_back(d);
    corpus.themes.push_back({"rights", "Rights", "About rights.", std::nullopt, {}});
    passage::util::SourceText src("doc.md",
                                  "Intro.\n\n# Part one {#one}\n\n**1.** First numbered.[^1]\n\n**2.** Second numbered.\n\n## Sub\n\nPlain "
                                  "a.\n\nPlain b.\n\n[^1]: A note.\n");
    passage::markdown::Options opt;
    opt.numbered_paragraphs = true;
    passage::diag::Sink sink;
    std::vector<passage::markdown::Extract> extracts;
    extracts.push_back(passage::markdown::extract_of(passage::markdown::parse(src, opt, sink)));
    auto in = ps::records(corpus, extracts);
    std::vector<std::string> urls;
    for (const auto& r : in.records) urls.push_back(r.url);
    CHECK(urls == std::vector<std::string>{"documents/doc.html", "documents/doc.html", "documents/doc.html#p1", "documents/doc.html#p2",
                                           "documents/doc.html#sub", "documents/doc.html#fn-1", "themes/rights.html"});
    const auto& p1 = in.records[2];
    CHECK(p1.kind == "paragraph");
    // A passage's title path is short: the document's short title and the passage.
    CHECK(in.records[0].path == std::vector<std::string>{"The Document"});
    CHECK(in.records[1].path == std::vector<std::string>{"Doc 2004"});
    CHECK(p1.path == std::vector<std::string>{"Doc 2004", "¶1"});
    CHECK(p1.headings == std::vector<std::string>{"Part one"});
    CHECK(p1.year == "2004");
    CHECK(p1.themes == std::vector<std::string>{"rights"});
    CHECK(in.records[5].kind == "footnote");
    CHECK(in.records[5].path == std::vector<std::string>{"Doc 2004", "note 1"});
    // Two unnumbered paragraphs under one heading share its anchor: one record.
    CHECK(in.records[4].text == "Plain a. Plain b.");
    CHECK(in.records[4].path == std::vector<std::string>{"Doc 2004", "Sub"});
    CHECK(in.records[4].headings == std::vector<std::string>{"Part one", "Sub"});
    CHECK(in.themes == std::vector<std::pair<std::string, std::string>>{{"rights", "Rights"}});
}

TEST_CASE("search records: recommendation items link to their item anchors") {
    passage::content::Corpus corpus;
    passage::content::RecSet s;
    s.id = "set";
    s.title = "A Set";
    passage::content::RecItem item;
    item.n = "3";
    item.number = "3";
    item.text = "Do this.";
    passage::content::RecItem sub;
    sub.n = "2";
    sub.number = "3.2";
    sub.title = "Detail";
    sub.text = "And that.";
    item.items.push_back(sub);
    s.items.push_back(item);
    corpus.recommendations.push_back(s);
    auto in = ps::records(corpus, {});
    REQUIRE(in.records.size() == 3);
    CHECK(in.records[0].url == "recommendations/set.html");
    CHECK(in.records[1].url == "recommendations/set.html#item-3");
    CHECK(in.records[2].url == "recommendations/set.html#item-3-2");
    CHECK(in.records[2].path == std::vector<std::string>{"A Set", "item 3.2: Detail"});
    CHECK(in.records[2].kind == "recommendation");
}

TEST_CASE("search index files: records of one page share its URL and title in their chunk") {
    ps::Input in;
    auto a = record("documents/d.html", "document", {"The Title"}, "About it.");
    auto b = record("documents/d.html#p1", "paragraph", {}, "First.");
    b.path = {"The Title", "Part", "¶1"};
    auto c = record("themes/t.html", "theme", {}, "A theme.");
    c.path = {};
    in.records = {a, b, c};
    auto files = ps::index_files(in);
    auto [name, chunk] = registered(chunk_file(files, 0));
    CHECK(chunk["first"] == json::array({0, 0}));
    CHECK(unpack(chunk["sizes"]) == std::vector<std::uint32_t>{2, 1});  // a page's records are one group
    CHECK(chunk["pages"] == json::parse(R"([["documents/d.html", "The Title"], ["themes/t.html", null]])"));
    CHECK(chunk["records"] ==
          json::parse(R"([[0, "", [], "About it.", 0], [0, "#p1", ["Part", "¶1"], "First.", 1], [1, "", [], "A theme.", 6]])"));
}

TEST_CASE("search index files: a word in more records than the head keeps its best-weighted ones in its shard") {
    // "alpha" in 12 records, once or twice and in texts of several lengths: weights differ, and some
    // are equal (the earlier record goes first among equal weights).
    ps::Input in;
    for (int r = 0; r < 12; ++r) {
        std::string text = r % 3 == 0 ? "alpha alpha" : "alpha";
        for (int k = 0; k < r % 4; ++k) text += " filler";
        in.records.push_back(record("r" + std::to_string(r) + ".html", "theme", {}, text));
    }
    auto index = ps::build_index(in.records);
    const auto* alpha = term(index, "alpha");
    REQUIRE(alpha != nullptr);
    REQUIRE(alpha->postings.size() == 12);
    std::vector<ps::Posting> ranked = alpha->postings;
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.weight > b.weight; });
    std::set<std::uint32_t> weights;
    for (const auto& p : ranked) weights.insert(p.weight);
    REQUIRE(weights.size() > 1);  // the weights differ
    // A head that ends inside a run of equal weights, so that the order among them decides.
    std::size_t head = 1;
    while (head < ranked.size() && ranked[head - 1].weight != ranked[head].weight) ++head;
    REQUIRE(head < ranked.size());
    std::vector<std::uint32_t> best, rest;
    for (std::size_t i = 0; i < ranked.size(); ++i) (i < head ? best : rest).push_back(ranked[i].record);
    std::sort(best.begin(), best.end());
    std::sort(rest.begin(), rest.end());

    // The records of packed postings: group delta, place, weight, count, then `count` positions
    // (each record here is a group of its own, at place 0).
    auto records_of = [](const std::vector<std::uint32_t>& packed) {
        std::vector<std::uint32_t> out;
        std::uint32_t record = 0;
        for (std::size_t i = 0; i + 3 < packed.size(); i += 4 + packed[i + 3]) {
            CHECK(packed[i + 1] == 0);
            out.push_back(record += packed[i]);
        }
        return out;
    };
    auto files = ps::index_files(in, {.head_postings = head});
    auto [name, shard] = registered(shard_file(files, 0));
    bool found = false;
    for (const auto& t : shard["terms"]) {
        if (t[0] != "alpha") continue;
        found = true;
        CHECK(records_of(unpack(t[2])) == best);
        CHECK(t[3] == 12);
        auto [tail_name, tail] = registered(files.at("search/x" + std::to_string(t[4].get<int>()) + ".js"));
        CHECK(records_of(unpack(tail.get<std::string>())) == rest);
    }
    CHECK(found);
}

TEST_CASE("search index files: a passage added to one document changes few files") {
    // 300 pages of 4 passages each, over a vocabulary of 2000 words; then one passage more on page 150.
    auto word = [](int k) { return "w" + std::to_string(k) + "z"; };
    ps::Input in;
    for (int page = 0; page < 300; ++page)
        for (int p = 0; p < 4; ++p) {
            std::string text;
            for (int k = 0; k < 20; ++k) text += word((page * 131 + p * 17 + k * 29) % 2000) + " ";
            in.records.push_back(record("d" + std::to_string(page) + ".html" + (p ? "#p" + std::to_string(p) : ""), "paragraph", {}, text));
        }
    ps::Options opt;
    opt.shard_bytes = 2048;
    opt.chunk_bytes = 2048;
    opt.facet_groups = 64;
    opt.head_postings = 40;
    const auto before = ps::index_files(in, opt);
    auto added = record("d150.html#p4", "paragraph", {}, word(7) + " " + word(1500) + " " + word(1999) + " newword");
    in.records.insert(in.records.begin() + 150 * 4 + 4, added);
    const auto after = ps::index_files(in, opt);

    std::vector<std::string> changed;
    for (const auto& [path, js] : after)
        if (auto it = before.find(path); it == before.end() || it->second != js) changed.push_back(path);
    for (const auto& [path, js] : before)
        if (!after.count(path)) changed.push_back(path);
    std::string changed_list;
    for (const auto& p : changed) changed_list += p + " ";
    CAPTURE(changed_list);
    REQUIRE(before.size() > 100);
    // The manifest (the number of records), the chunk and the facets of page 150, and the shards of
    // the four words (their neighbours at most, where a cut moved): a few files of over a hundred.
    CHECK(std::count(changed.begin(), changed.end(), "search/manifest.js") == 1);
    CHECK(changed.size() <= 12);
    // What the browser reads of the record is where it was put: group 150, place 4.
    auto manifest = registered(after.at("search/manifest.js")).second;
    CHECK(manifest["stride"] == 8);
    CHECK(manifest["records"] == 1201);
    std::size_t s = 0;
    while (s + 1 < manifest["shards"].size() && manifest["shards"][s + 1][0].get<std::string>() <= "newword") ++s;
    auto shard = registered(shard_file(after, s)).second;
    std::optional<json> entry;
    for (const auto& w : shard["words"])
        if (w[0] == "newword") entry = shard["terms"][w[1].get<std::size_t>()];
    REQUIRE(entry.has_value());
    const auto postings = unpack((*entry)[2]);
    REQUIRE(postings.size() == 5);  // group, place, weight, one position, the position
    CHECK(postings[0] == 150);
    CHECK(postings[1] == 4);
    CHECK(postings[3] == 1);
    CHECK(postings[4] == 3);
    const auto urls = chunk_records(after);
    CHECK(urls.size() == 1201);
    CHECK(urls.at(150 * 8 + 4) == "d150.html#p4");
    CHECK(urls.at(150 * 8 + 3) == "d150.html#p3");
    CHECK(urls.at(151 * 8) == "d151.html");
}

TEST_CASE("search index files: a long page's records are cut into chunks of about the target size") {
    ps::Input in;
    in.records.push_back(record("short.html", "paragraph", {}, "a short page"));
    for (int p = 0; p < 300; ++p)
        in.records.push_back(record("long.html" + (p ? "#p" + std::to_string(p) : std::string()), "paragraph", {},
                                    "passage " + std::to_string(p) + " of a long document, with words enough to weigh a little"));
    in.records.push_back(record("after.html", "paragraph", {}, "the page after"));
    ps::Options opt;
    opt.chunk_bytes = 1024;
    const auto files = ps::index_files(in, opt);
    auto manifest = registered(files.at("search/manifest.js")).second;
    CHECK(manifest["stride"] == 512);
    REQUIRE(manifest["chunk_ids"].size() > 6);  // the long page alone is some 20 KB of records
    for (std::size_t c = 0; c < manifest["chunk_ids"].size(); ++c) CHECK(chunk_file(files, c).size() < 2 * 1024 + 200);
    const auto urls = chunk_records(files);
    REQUIRE(urls.size() == in.records.size());
    CHECK(urls.at(0) == "short.html");
    for (int p = 0; p < 300; ++p) CHECK(urls.at(512 + p) == in.records[1 + p].url);
    CHECK(urls.at(2 * 512) == "after.html");
}

TEST_CASE("search index: average field lengths are rounded to the nearest power of 2^(1/8), by multiplications alone") {
    CHECK(ps::quantized_length(0.0) == 1.0);
    CHECK(ps::quantized_length(1.0) == 1.0);
    CHECK(ps::quantized_length(1.04) == 1.0);                            // below 2^(1/16) = 1.0443
    CHECK(ps::quantized_length(1.05) == doctest::Approx(1.0905077327));  // above it: 2^(1/8)
    CHECK(ps::quantized_length(2.0) == doctest::Approx(2.0).epsilon(1e-12));
    CHECK(ps::quantized_length(100.0) == doctest::Approx(98.7015).epsilon(1e-5));   // 2^(53/8)
    CHECK(ps::quantized_length(103.0) == doctest::Approx(98.7015).epsilon(1e-5));   // below 2^(53.5/8) = 103.07
    CHECK(ps::quantized_length(103.1) == doctest::Approx(107.6347).epsilon(1e-5));  // 2^(54/8)
    // Lengths within a step's reach give one value: an edit that moves the average a little moves no weight.
    CHECK(ps::quantized_length(99.5) == ps::quantized_length(101.0));
}

namespace {

// A memo in memory, as the incremental cache is on disk, counting what it was asked.
struct TestMemo final : ps::RunMemo {
    std::map<passage::util::Hash128, ps::Run> runs, kept;
    std::size_t recalled = 0, indexed = 0;
    std::optional<ps::Run> recall(const passage::util::Hash128& key) override {
        auto it = runs.find(key);
        if (it == runs.end()) return std::nullopt;
        ++recalled;
        kept[key] = it->second;
        return it->second;
    }
    void keep(const passage::util::Hash128& key, const ps::Run& run) override {
        ++indexed;
        kept[key] = run;
    }
    // The next build's memo: what this one kept.
    TestMemo next() const {
        TestMemo m;
        m.runs = kept;
        return m;
    }
};

// The two indexes hold the same terms, surfaces, postings, positions and folding table.
void check_same(const ps::Index& a, const ps::Index& b) {
    REQUIRE(a.terms.size() == b.terms.size());
    CHECK(a.surfaces == b.surfaces);
    CHECK(a.fold == b.fold);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < a.terms.size(); ++i) {
        const auto &x = a.terms[i], &y = b.terms[i];
        bool same = x.stem == y.stem && x.surfaces == y.surfaces && x.postings.size() == y.postings.size();
        for (std::size_t k = 0; same && k < x.postings.size(); ++k) {
            const auto &p = x.postings[k], &q = y.postings[k];
            auto pp = x.positions_of(p), qp = y.positions_of(q);
            same = p.record == q.record && p.weight == q.weight && std::equal(pp.begin(), pp.end(), qp.begin(), qp.end());
        }
        if (!same && ++differ <= 3) MESSAGE("term differs: " << x.stem << " / " << y.stem);
    }
    CHECK(differ == 0);
}

// 200 pages of 5 records, with names, headings, repeated headings and non-ASCII words.
std::vector<ps::Record> run_corpus() {
    std::vector<ps::Record> out;
    auto word = [](int k) { return (k % 7 == 0 ? "réfugié" : "w") + std::to_string(k % 900) + (k % 5 ? "s" : "ing"); };
    for (int page = 0; page < 200; ++page)
        for (int p = 0; p < 5; ++p) {
            std::string text;
            for (int k = 0; k < 25; ++k) text += word(page * 37 + p * 11 + k * 13) + (k % 6 ? " " : " of the ");
            auto r = record("d" + std::to_string(page) + ".html" + (p ? "#p" + std::to_string(p) : ""), "paragraph",
                            p ? std::vector<std::string>{} : std::vector<std::string>{"Document " + word(page)}, text);
            r.headings = {"Part " + std::to_string(page % 3), "Section " + word(page + p / 2)};
            out.push_back(std::move(r));
        }
    return out;
}

}  // namespace

TEST_CASE("search index: runs taken from the memo index as runs tokenized now, and an edit indexes one run again") {
    auto records = run_corpus();
    const ps::RunOptions small{.run_records = 60};
    const auto plain = ps::build_index(records);

    TestMemo first;
    auto with_memo = ps::build_index(records, {}, 2, {.run_records = 60, .memo = &first});
    check_same(plain, with_memo);
    check_same(plain, ps::build_index(records, {}, 3, small));  // the run size changes nothing either
    CHECK(first.recalled == 0);
    REQUIRE(first.indexed >= 8);  // about 1000 / 60 runs
    CHECK(first.indexed <= 40);

    SUBCASE("nothing changed: every run is recalled") {
        auto memo = first.next();
        check_same(plain, ps::build_index(records, {}, 2, {.run_records = 60, .memo = &memo}));
        CHECK(memo.indexed == 0);
        CHECK(memo.recalled == first.indexed);
    }
    SUBCASE("one record's text changed: its run alone is indexed again") {
        records[503].text += " amended wording";
        auto memo = first.next();
        check_same(ps::build_index(records), ps::build_index(records, {}, 2, {.run_records = 60, .memo = &memo}));
        CHECK(memo.indexed == 1);
        CHECK(memo.recalled == first.indexed - 1);
    }
    SUBCASE("a heading changed, or a record was added: the runs after it are renumbered, not indexed again") {
        records[250].headings[1] = "Another heading";
        auto added = records[700];
        added.url = "d140.html#p9";
        added.text = "a passage added";
        records.insert(records.begin() + 705, added);
        auto memo = first.next();
        check_same(ps::build_index(records), ps::build_index(records, {}, 2, {.run_records = 60, .memo = &memo}));
        CHECK(memo.indexed <= 6);  // the two runs changed, and those near a cut that moved
        CHECK(memo.recalled + memo.indexed >= first.indexed - 2);
    }
    SUBCASE("a run the memo holds for a key but of another size is indexed again") {
        auto memo = first.next();
        for (auto& [key, run] : memo.runs) run.lengths.pop_back();
        check_same(plain, ps::build_index(records, {}, 1, {.run_records = 60, .memo = &memo}));
        CHECK(memo.indexed == first.indexed);
    }
}

TEST_CASE("search index files: a posting says whether the word is in the record's title and whether the record is a footnote") {
    ps::Input in;
    auto entity = record("organizations/rcp.html", "organization", {"Regional consultative processes", "RCPs"}, "Informal regional fora.");
    auto member = record("organizations/budapest.html", "organization", {"Budapest Process"}, "A regional process.");
    member.headings = {"Regional consultative processes"};
    auto note = record("documents/d.html#fn-1", "footnote", {}, "Regional fora, see above.");
    in.records = {entity, member, note};
    const auto index = ps::build_index(in.records);
    std::map<std::uint32_t, std::pair<bool, bool>> regional;  // record -> title, note
    for (const auto& p : term(index, "regional")->postings) regional[p.record] = {p.title, p.note};
    CHECK(regional == std::map<std::uint32_t, std::pair<bool, bool>>{{0, {true, false}}, {1, {false, false}}, {2, {false, true}}});
    // An alias is a name, not the title.
    CHECK_FALSE(term(index, "rcps")->postings[0].title);
    // In the shard: weight * 4 + 1 (title) + 2 (footnote).
    auto files = ps::index_files(in);
    std::vector<std::uint32_t> packed;
    for (std::size_t s = 0; packed.empty(); ++s) {
        auto [name, shard] = registered(shard_file(files, s));
        for (const auto& t : shard["terms"])
            if (t[0] == "region") packed = unpack(t[2]);
    }
    // Per record: group delta, place, weight and flags, count, positions.
    std::vector<std::uint32_t> flags;
    for (std::size_t i = 0; i + 3 < packed.size(); i += 4 + packed[i + 3]) flags.push_back(packed[i + 2] % 4);
    CHECK(flags == std::vector<std::uint32_t>{1, 0, 2});
}

TEST_CASE("search index files: the vocabulary lists the words of each length with their records, digits left out") {
    ps::Input in;
    in.records = {record("a.html", "theme", {}, "ratification ratified 2004 caf\xC3\xA9s ab"),
                  record("b.html", "theme", {}, "ratified treaty")};
    auto files = ps::index_files(in);
    std::map<std::string, json> vocabulary;
    for (const auto& [path, js] : files)
        if (path.starts_with("search/v")) {
            auto [name, data] = registered(js);
            CHECK(path == "search/" + name + ".js");
            vocabulary[name] = data;
        }
    CHECK(vocabulary.size() == 22);               // v3 to v24
    CHECK(vocabulary["v5"]["words"] == "cafes");  // the folded word, of five letters
    CHECK(vocabulary["v6"]["words"] == "treaty");
    // ratification and ratified are one family: the records of the family's term.
    CHECK(vocabulary["v8"]["words"] == "ratified");
    CHECK(unpack(vocabulary["v8"]["df"]) == std::vector<std::uint32_t>{2});
    CHECK(vocabulary["v12"]["words"] == "ratification");
    CHECK(unpack(vocabulary["v12"]["df"]) == std::vector<std::uint32_t>{2});
    // Every word of three letters or more, but those with a digit: not "2004", not "ab".
    std::size_t words = 0;
    for (const auto& [name, data] : vocabulary) {
        const auto list = data["words"].get<std::string>();
        if (!list.empty()) words += 1 + static_cast<std::size_t>(std::count(list.begin(), list.end(), ' '));
    }
    CHECK(words == 4);
}
