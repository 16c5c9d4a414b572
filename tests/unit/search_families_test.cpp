// Unit tests for inflection families (src/search/families.hpp), over real words stemmed by
// Snowball's English stemmer, and for the terms they make in the index.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "search/families.hpp"
#include "search/index.hpp"
#include "search/stem.hpp"

namespace {

namespace ps = passage::search;

// The families of a vocabulary of real words: each family (of two stems or more) as the sorted set
// of its words.
std::set<std::set<std::string>> families_of(std::vector<std::string> words) {
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    ps::Stemmer stemmer;
    std::vector<std::string> stems;
    for (const auto& w : words) stems.push_back(stemmer.stem(w));
    std::vector<std::pair<std::string_view, std::string_view>> surfaces;
    for (std::size_t i = 0; i < words.size(); ++i) surfaces.emplace_back(words[i], stems[i]);
    const auto family = ps::stem_families(surfaces);
    std::map<std::string, std::set<std::string>> by_family;
    for (std::size_t i = 0; i < words.size(); ++i) {
        auto it = family.find(stems[i]);
        if (it != family.end()) by_family[it->second].insert(words[i]);
    }
    std::set<std::set<std::string>> out;
    for (auto& [_, members] : by_family) out.insert(members);
    return out;
}

}  // namespace

TEST_CASE("inflection families: the stemmer keeps ratify and ratification apart, the families put them together") {
    ps::Stemmer stemmer;
    CHECK(stemmer.stem("ratified") == "ratifi");
    CHECK(stemmer.stem("ratification") == "ratif");
    const auto families = families_of({"ratify", "ratified", "ratifies", "ratifying", "ratification", "ratifications", "migrants"});
    CHECK(families == std::set<std::set<std::string>>{{"ratification", "ratifications", "ratified", "ratifies", "ratify", "ratifying"}});
}

TEST_CASE("inflection families: the derivations of the table, each from real words of the corpus's kind") {
    const auto families =
        families_of({"perceive",   "perceived", "perception",  "perceptions",    "reduce",      "reduction",      "assumes",
                     "assumption", "described", "description", "explain",        "explanation", "women",          "woman",
                     "child",      "children",  "identified",  "identification", "classify",    "classifications"});
    CHECK(families == std::set<std::set<std::string>>{{"perceive", "perceived", "perception", "perceptions"},
                                                      {"reduce", "reduction"},
                                                      {"assumes", "assumption"},
                                                      {"described", "description"},
                                                      {"explain", "explanation"},
                                                      {"woman", "women"},
                                                      {"child", "children"},
                                                      {"identification", "identified"},
                                                      {"classifications", "classify"}});
}

TEST_CASE("inflection families: words that only look related stay apart") {
    // Different words (migrant, migration), a pair that needs "-ication" <-> "-y" (comply,
    // complication; reply, replication), a base too short (Oman, omen), and a derivation with one
    // side missing from the vocabulary.
    CHECK(families_of({"migrant", "migrants", "migration", "migrate", "comply", "complication", "reply", "replication", "oman", "omen",
                       "community", "communication", "notification", "contain", "contention"})
              .empty());
}

TEST_CASE("inflection families: a family's stem is the smallest of its stems, whatever the order of discovery") {
    std::vector<std::pair<std::string_view, std::string_view>> surfaces = {
        {"ratification", "ratif"}, {"ratified", "ratifi"}, {"woman", "woman"}, {"women", "women"}};
    const auto family = ps::stem_families(surfaces);
    CHECK(family == std::map<std::string, std::string>{{"ratif", "ratif"}, {"ratifi", "ratif"}, {"woman", "woman"}, {"women", "woman"}});
}

TEST_CASE("search index: the words of a family are one term, with the postings and positions of both stems") {
    ps::Record a, b, c;
    a.url = "a.html";
    a.path = {"A"};
    a.kind = "paragraph";
    a.text = "the Convention was ratified by only 23 countries";
    b.url = "b.html";
    b.path = {"B"};
    b.kind = "paragraph";
    b.text = "ratification of the Convention; ratify it, ratification again";
    c.url = "c.html";
    c.path = {"C"};
    c.kind = "paragraph";
    c.text = "migrants and migration";
    const auto index = ps::build_index({a, b, c});
    const auto& ratified = index.terms[index.surfaces.at("ratified")];
    const auto& ratification = index.terms[index.surfaces.at("ratification")];
    CHECK(&ratified == &ratification);
    CHECK(ratified.stem == "ratif");
    CHECK(ratified.surfaces == std::vector<std::string>{"ratification", "ratified", "ratify"});
    REQUIRE(ratified.postings.size() == 2);
    CHECK(ratified.postings[0].record == 0);
    CHECK(ratified.postings[1].record == 1);
    // Record b holds "ratification" twice and "ratify" once: one posting, its positions merged in order.
    auto pos = ratified.positions_of(ratified.postings[1]);
    CHECK(std::vector<std::uint32_t>(pos.begin(), pos.end()) == std::vector<std::uint32_t>{0, 4, 6});
    CHECK(index.terms[index.surfaces.at("migrants")].stem != index.terms[index.surfaces.at("migration")].stem);
}
