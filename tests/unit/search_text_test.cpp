// Unit tests for search normalisation (src/search/text.hpp, src/search/stem.hpp): the shared parity
// table that the browser test runs too, and the properties the browser side relies on.

#include <cstring>
#include <filesystem>
#include <random>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "../reference_loops.hpp"
#include "../support.hpp"
#include "search/stem.hpp"
#include "search/text.hpp"

namespace {

namespace ps = passage::search;
using nlohmann::json;

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

json parity_table() {
    std::string text = slurp(std::string(PASSAGE_SOURCE_DIR) + "/tests/search/parity.json");
    REQUIRE_FALSE(text.empty());
    return json::parse(text);
}

std::string utf8(char32_t cp) {
    std::string s;
    ps::append_utf8(s, cp);
    return s;
}

}  // namespace

TEST_CASE("search parity table: every case gives its tokens and its terms") {
    auto table = parity_table();
    REQUIRE(table["cases"].size() >= 20);
    ps::Stemmer stemmer;
    for (const auto& c : table["cases"]) {
        CAPTURE(c["name"].get<std::string>());
        auto tokens = passage::testing::folded_words(c["input"].get<std::string>());
        CHECK(json(tokens) == c["tokens"]);
        json terms = json::array();
        for (const auto& t : tokens)
            if (!ps::is_stop_word(t)) terms.push_back(stemmer.stem(t));
        CHECK(terms == c["terms"]);
    }
}

TEST_CASE("search parity table: the fixture site holds every input so the browser can look each word up") {
    auto table = parity_table();
    std::string doc = slurp(std::string(PASSAGE_SOURCE_DIR) + "/tests/search/site/documents/parity-cases.md");
    REQUIRE_FALSE(doc.empty());
    for (const auto& c : table["cases"]) {
        CAPTURE(c["name"].get<std::string>());
        CHECK(doc.find(c["input"].get<std::string>()) != std::string::npos);
    }
}

TEST_CASE("search folding: a text folds as the concatenation of its characters' folds") {
    // What lets the browser fold through a per-character table: no fold depends on a neighbour.
    std::string text, expected;
    for (char32_t cp = 0x20; cp < 0x3000; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        auto f = ps::fold_char(cp);
        if (!f.word) continue;
        text += utf8(cp);
        expected += f.folded;
    }
    auto tokens = passage::testing::tokenize(text);
    std::string got;
    for (const auto& t : tokens) got += t.folded;
    CHECK(got == expected);
}

TEST_CASE("search folding: folding is idempotent on words") {
    for (const char* w : {"Belém", "Straße", "ﬁnancing", "Ærø", "İstanbul", "Ελληνικά", "ＵＮ"}) {
        auto once = passage::testing::folded_words(w);
        REQUIRE(once.size() == 1);
        CHECK(passage::testing::folded_words(once[0]) == once);
    }
}

TEST_CASE("search tokenizer: byte ranges point at each token's text") {
    std::string text = "  Belém, 61.17—naïve ";
    auto tokens = passage::testing::tokenize(text);
    REQUIRE(tokens.size() == 4);
    CHECK(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin) == "Belém");
    CHECK(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin) == "61");
    CHECK(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin) == "17");
    CHECK(text.substr(tokens[3].begin, tokens[3].end - tokens[3].begin) == "naïve");
}

TEST_CASE("search tokenizer: an invalid UTF-8 byte separates words and is not recorded") {
    ps::FoldTable table;
    auto tokens = passage::testing::tokenize(std::string("abc\xff"
                                                         "def\xc3"),
                                             &table);
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[0].folded == "abc");
    CHECK(tokens[1].folded == "def");
    CHECK(table.empty());
}

TEST_CASE("search tokenizer: the folding table records every non-ASCII character met with its class") {
    ps::FoldTable table;
    passage::testing::tokenize("Belém — “x”\u2028ﬁ", &table);
    CHECK(table.at(U'é') == ps::CharFold{true, "e"});
    CHECK(table.at(U'—') == ps::CharFold{false, ""});
    CHECK(table.at(U'“') == ps::CharFold{false, ""});
    CHECK(table.at(U'\u2028') == ps::CharFold{false, ""});
    CHECK(table.at(U'ﬁ') == ps::CharFold{true, "fi"});
    CHECK(table.size() == 6);  // é — “ ” U+2028 ﬁ; ASCII is never recorded
}

TEST_CASE("search folding table: note_code_points records what tokenizing records, invalid bytes left out") {
    for (std::string text : {std::string("Belém — “x”\u2028ﬁ ¶12"),
                             std::string("abc\xff"
                                         "d\xc3\xa9"
                                         "f\xc3"),
                             std::string("plain ASCII only"), std::string("\u0301\u00a0Ωmega")}) {
        ps::FoldTable tokenized, noted;
        passage::testing::tokenize(text, &tokenized);
        ps::note_code_points(text, noted);
        CHECK(noted == tokenized);
    }
    ps::FoldTable table;
    ps::note_code_points("a\xff\xc3", table);
    CHECK(table.empty());
}

TEST_CASE("search tokenizer: a combining mark alone folds away and makes no token") {
    CHECK(passage::testing::folded_words("\u0301 x").size() == 1);
    CHECK(ps::fold_char(U'\u0301') == ps::CharFold{true, ""});
}

TEST_CASE("search stop words are sorted folded words the tokenizer would produce") {
    std::vector<std::string> words;
    for (auto p = ps::stop_words(); *p; ++p) words.emplace_back(*p);
    REQUIRE(words.size() > 10);
    for (std::size_t i = 1; i < words.size(); ++i) CHECK(words[i - 1] < words[i]);
    for (const auto& w : words) {
        CHECK(passage::testing::folded_words(w) == std::vector<std::string>{w});
        CHECK(ps::is_stop_word(w));
    }
    CHECK_FALSE(ps::is_stop_word("migrant"));
    CHECK_FALSE(ps::is_stop_word(""));
}

TEST_CASE("search stemming: plural and inflected forms share a stem") {
    ps::Stemmer s;
    CHECK(s.stem("migrants") == s.stem("migrant"));
    CHECK(s.stem("ratified") == s.stem("ratify"));
    CHECK(s.stem("remittances") == s.stem("remittance"));
    CHECK(s.stem("protocols") == s.stem("protocol"));
    CHECK(s.stem("belem") == "belem");
}

TEST_CASE("search tokenizer: next_token reads one token at a time into the same Token") {
    std::string text = "Internationally, UN  Belém\xff";
    ps::Token t;
    std::size_t at = 0;
    REQUIRE(ps::next_token(text, at, t));
    CHECK(t.folded == "internationally");
    CHECK(at == t.end);
    REQUIRE(ps::next_token(text, at, t));
    CHECK(t.folded == "un");  // the longer word before does not leak into the shorter one
    CHECK(text.substr(t.begin, t.end - t.begin) == "UN");
    REQUIRE(ps::next_token(text, at, t));
    CHECK(t.folded == "belem");
    CHECK_FALSE(ps::next_token(text, at, t));
    CHECK(at == text.size());
    CHECK_FALSE(ps::next_token(text, at, t));  // and stays there
    std::size_t none = 0;
    CHECK_FALSE(ps::next_token(" — ,", none, t));
}

namespace {

// Every token of `text` as "begin-end:folded", by the given tokenizer.
template <typename Next>
std::string tokens_of(std::string_view text, Next next) {
    std::string out;
    ps::Token token;
    for (std::size_t at = 0; next(text, at, token);)
        out += std::to_string(token.begin) + "-" + std::to_string(token.end) + ":" + token.folded + " ";
    return out;
}

void check_same_tokens(std::string_view text) {
    ps::FoldTable fast_table, plain_table;
    const std::string fast = tokens_of(text, [&](std::string_view t, std::size_t& at, ps::Token& token) {
        return ps::next_token(t, at, token, &fast_table);
    });
    const std::string plain = tokens_of(text, [&](std::string_view t, std::size_t& at, ps::Token& token) {
        return passage::reference::next_token(t, at, token, plain_table);
    });
    CHECK(fast == plain);
    CHECK(fast_table == plain_table);
}

}  // namespace

TEST_CASE("search tokenizer: the ASCII fast path gives the tokens of the plain loop, on the bundled texts") {
    int texts = 0;
    for (const auto& e : std::filesystem::directory_iterator(std::string(PASSAGE_SOURCE_DIR) + "/content/documents")) {
        if (e.path().extension() != ".md") continue;
        INFO(e.path().filename().string());
        check_same_tokens(slurp(e.path().string()));
        ++texts;
    }
    CHECK(texts >= 5);
}

TEST_CASE("search tokenizer: the ASCII fast path gives the tokens of the plain loop, on random text") {
    // ASCII words and separators mixed with accented, CJK and astral letters, combining marks,
    // punctuation beyond ASCII and invalid bytes.
    const std::vector<std::string> pieces = {"a", "Z", "9", "_", "-", " ", ".", "'", "\n", "é", "É", "ß", "ﬁ", "İ", "\xCC\x81",
                                             "移民", "𝄞", "“", "—", "\xC2\xA0", "\xFF", "\xE2\x82", "Ωμέγα"};
    std::mt19937 rng(20261207);
    for (int round = 0; round < 500; ++round) {
        std::string text;
        for (std::size_t k = 0, n = rng() % 40; k < n; ++k) text += pieces[rng() % pieces.size()];
        INFO("text: " << text);
        check_same_tokens(text);
    }
}
