#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "crossref/matcher.hpp"

using passage::crossref::Alias;
using passage::crossref::AliasConflict;
using passage::crossref::Match;
using passage::crossref::Matcher;

namespace {

// "text[begin,end)=target" per match, "+ctx" for context matches: one string shows the whole result.
std::string show(std::string_view text, const std::vector<Match>& matches) {
    std::string out;
    for (const Match& m : matches) {
        if (!out.empty()) out += " | ";
        out += std::string(text.substr(m.begin, m.end - m.begin)) + "=" + std::string(m.target);
        if (m.context) out += "+ctx";
    }
    return out;
}

std::string run(const std::vector<Alias>& aliases, std::string_view text) {
    const Matcher m = Matcher::build(aliases, nullptr);
    return show(text, m.find(text));
}

std::string repeat(const std::string& s, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += s;
    return out;
}

struct Cost {
    std::size_t once = 0, tenfold = 0;
};

// Steps to match `unit` and then `unit` ten times over.
Cost cost(const Matcher& m, const std::string& unit) {
    Cost c;
    m.find(unit, nullptr, &c.once);
    m.find(repeat(unit, 10), nullptr, &c.tenfold);
    return c;
}

}  // namespace

TEST_CASE("a longer alias wins over a shorter alias it contains") {
    const std::vector<Alias> aliases{{"Protocol", "instrument:protocol"}, {"Palermo Protocol", "instrument:palermo"}};
    CHECK(run(aliases, "the Palermo Protocol and the Protocol") == "Palermo Protocol=instrument:palermo | Protocol=instrument:protocol");
}

TEST_CASE("overlapping candidates resolve leftmost-longest without overlap") {
    const std::vector<Alias> aliases{
        {"General Assembly", "org:ga"}, {"Assembly resolution 45/158", "instrument:icmw"}, {"resolution 45/158", "instrument:res"}};
    // The leftmost start wins even against a longer candidate that starts later; the shorter alias
    // that starts after the first match is still found.
    CHECK(run(aliases, "General Assembly resolution 45/158") == "General Assembly=org:ga | resolution 45/158=instrument:res");
    CHECK(run(aliases, "the Assembly resolution 45/158") == "Assembly resolution 45/158=instrument:icmw");
}

TEST_CASE("the longest of several nested aliases is chosen") {
    const std::vector<Alias> aliases{{"Convention", "a"}, {"Migrant Workers Convention", "b"}, {"Migrant Workers", "c"}};
    CHECK(run(aliases, "Migrant Workers Convention") == "Migrant Workers Convention=b");
    CHECK(run(aliases, "Migrant Workers Conventions") == "Migrant Workers=c");
}

TEST_CASE("word boundaries are ASCII letters and digits") {
    const std::vector<Alias> aliases{{"ILO", "org:ilo"}};
    CHECK(run(aliases, "ILO's mandate") == "ILO=org:ilo");
    CHECK(run(aliases, "non-ILO bodies") == "ILO=org:ilo");
    CHECK(run(aliases, "(ILO), ILO. \"ILO\"") == "ILO=org:ilo | ILO=org:ilo | ILO=org:ilo");
    CHECK(run(aliases, "ILOs") == "");
    CHECK(run(aliases, "XILO") == "");
    CHECK(run(aliases, "ILO2 and 2ILO") == "");
}

TEST_CASE("unicode letters next to a mention block it but punctuation does not") {
    const std::vector<Alias> aliases{{"Protocol", "p"}, {"ILO", "org:ilo"}};
    CHECK(run(aliases, "éProtocol") == "");
    CHECK(run(aliases, "Protocolé") == "");
    CHECK(run(aliases, "αILO ILOж ILOω") == "");
    CHECK(run(aliases, "ILO\xCC\x81") == "");  // a combining acute accent continues the word
    CHECK(run(aliases, "—ILO— «Protocol» “ILO” ILO…") == "ILO=org:ilo | Protocol=p | ILO=org:ilo | ILO=org:ilo");
    CHECK(run(aliases, "ILO’s") == "ILO=org:ilo");
}

TEST_CASE("byte offsets point into the original text") {
    const Matcher m = Matcher::build({{"ILO", "org:ilo"}}, nullptr);
    const std::string text = "Résumé: ILO";
    const auto matches = m.find(text);
    REQUIRE(matches.size() == 1);
    CHECK(matches[0].begin == 10);
    CHECK(matches[0].end == 13);
    CHECK_FALSE(matches[0].context);
}

TEST_CASE("acronyms match case-sensitively") {
    const std::vector<Alias> aliases{{"ILO", "org:ilo"}, {"UNHCR", "org:unhcr"}};
    CHECK(run(aliases, "ilo Ilo iLO silo SILO") == "");
    CHECK(run(aliases, "ILO and unhcr and UNHCR") == "ILO=org:ilo | UNHCR=org:unhcr");
    CHECK(run({{"ILO C97", "instrument:c97"}}, "ilo c97 / ILO C97") == "ILO C97=instrument:c97");
}

TEST_CASE("an alias with a single capital such as C97 ignores case") {
    CHECK(run({{"C97", "instrument:c97"}}, "c97 and C97") == "c97=instrument:c97 | C97=instrument:c97");
}

TEST_CASE("other phrases ignore ASCII and Latin case") {
    const std::vector<Alias> aliases{{"Geneva Convention", "instrument:geneva"}, {"Belém", "doc:belem"}};
    CHECK(run(aliases, "the geneva convention") == "geneva convention=instrument:geneva");
    CHECK(run(aliases, "THE GENEVA CONVENTION") == "GENEVA CONVENTION=instrument:geneva");
    CHECK(run(aliases, "BELÉM belém") == "BELÉM=doc:belem | belém=doc:belem");
    CHECK(run({{"Łódź Declaration", "d"}}, "ŁÓDŹ DECLARATION") == "ŁÓDŹ DECLARATION=d");
    CHECK(run({{"Ελλάδα", "g"}, {"Москва", "m"}}, "ΕΛΛΆΔΑ МОСКВА") == "ΕΛΛΆΔΑ=g | МОСКВА=m");
}

TEST_CASE("case folds in every bicameral script, where the folding keeps the character's length") {
    // Greek with breathings and Cyrillic past its first 48 letters, which a table of Latin, basic
    // Greek and basic Cyrillic ranges did not fold.
    CHECK(run({{"Ἀθήνα", "g"}}, "ἈΘΉΝΑ ἀθήνα") == "ἈΘΉΝΑ=g | ἀθήνα=g");
    CHECK(run({{"Ґрунт", "u"}, {"Ѣра", "o"}}, "ҐРУНТ ґрунт ѣРА") == "ҐРУНТ=u | ґрунт=u | ѣРА=o");
    CHECK(run({{"Ꙗзыкъ", "c"}}, "ꙗзыкъ") == "ꙗзыкъ=c");  // Cyrillic Extended-B
    // Vietnamese: letters with two diacritics, precomposed.
    CHECK(run({{"Việt Nam", "vn"}}, "VIỆT NAM, Việt Nam") == "VIỆT NAM=vn | Việt Nam=vn");
    // Armenian, full-width Latin, Deseret (four bytes).
    CHECK(run({{"Հայաստան", "am"}}, "ՀԱՅԱՍՏԱՆ") == "ՀԱՅԱՍՏԱՆ=am");
    CHECK(run({{"Ｇｅｎｅｖａ", "fw"}}, "ＧＥＮＥＶＡ") == "ＧＥＮＥＶＡ=fw");
    CHECK(run({{"𐐔𐐯𐑅𐐨𐑉𐐯𐐻", "ds"}}, "𐐔𐐇𐐝𐐀𐐡𐐇𐐓") == "𐐔𐐇𐐝𐐀𐐡𐐇𐐓=ds");
    // A folding that would change the length is not made: sharp s stays sharp s, the Kelvin sign stays.
    CHECK(run({{"Straße", "s"}}, "STRASSE straße STRAẞE") == "straße=s");
    CHECK(run({{"5 \u212A", "k"}}, "5 k, 5 \u212A") == "5 \u212A=k");  // the Kelvin sign
}

TEST_CASE("letters marks and digits of every script make words: a mention never starts or ends inside one") {
    const std::vector<Alias> aliases{{"ILO", "org:ilo"}, {"भारत", "in"}, {"Москва", "m"}};
    // Devanagari: a vowel sign (a spacing mark) or a virama continues the word.
    CHECK(run(aliases, "भारत में") == "भारत=in");
    CHECK(run(aliases, "भारतीय भारत्") == "");
    CHECK(run(aliases, "ILOभारत") == "");
    // Letters of Cyrillic Extended-B, full-width Latin, CJK and Thai, and other numbers, continue a word.
    CHECK(run(aliases, "Москваꙗ ILOＸ ILO移民 ILOกา ILO² ILO½") == "");
    CHECK(run(aliases, "Москва, ILO。ILO、(ILO)") == "Москва=m | ILO=org:ilo | ILO=org:ilo | ILO=org:ilo");
    // Symbols and format characters do not.
    CHECK(run(aliases, "ILO™ ILO\u200B ILO©") == "ILO=org:ilo | ILO=org:ilo | ILO=org:ilo");
}

TEST_CASE("every space separator counts as a space") {
    const std::vector<Alias> aliases{{"Palermo Protocol", "p"}};
    for (const char* space : {"\u00A0", "\u1680", "\u2002", "\u2009", "\u202F", "\u205F", "\u3000", "\t", "\r\n"}) {
        const std::string text = std::string("Palermo") + space + "Protocol";
        CAPTURE(text);
        CHECK(run(aliases, text) == text + "=p");
    }
    CHECK(run(aliases, "Palermo\u2028Protocol") == "");  // a line separator is not a space separator
}

TEST_CASE("utf-8 aliases match whole words with exact byte offsets") {
    const Matcher m = Matcher::build({{"Belém", "doc:belem"}}, nullptr);
    const std::string text = "Plan of Action of Belém.";
    const auto matches = m.find(text);
    REQUIRE(matches.size() == 1);
    CHECK(text.substr(matches[0].begin, matches[0].end - matches[0].begin) == "Belém");
    CHECK(matches[0].end == text.size() - 1);
    CHECK(m.find("Beléms Belémé xBelém").empty());
    CHECK(m.find("Belem").empty());  // folding keeps accents: é is not e
}

TEST_CASE("whitespace runs and line breaks inside a phrase still match") {
    const std::vector<Alias> aliases{{"  Palermo   Protocol ", "instrument:palermo"}};
    CHECK(run(aliases, "the Palermo\n   Protocol, and") == "Palermo\n   Protocol=instrument:palermo");
    CHECK(run(aliases, "Palermo\xC2\xA0Protocol") == "Palermo\xC2\xA0Protocol=instrument:palermo");
}

TEST_CASE("aliases at the very start and end of the text") {
    const std::vector<Alias> aliases{{"ILO", "org:ilo"}, {"UNHCR", "org:unhcr"}};
    CHECK(run(aliases, "ILO") == "ILO=org:ilo");
    CHECK(run(aliases, "ILO and UNHCR") == "ILO=org:ilo | UNHCR=org:unhcr");
    const auto matches = Matcher::build(aliases, nullptr).find("ILO and UNHCR");
    REQUIRE(matches.size() == 2);
    CHECK(matches[0].begin == 0);
    CHECK(matches[1].end == 13);
}

TEST_CASE("empty text and empty matchers find nothing") {
    const Matcher m = Matcher::build({{"ILO", "org:ilo"}}, nullptr);
    std::size_t steps = 0;
    CHECK(m.find("", nullptr, &steps).empty());
    CHECK(steps == 0);
    CHECK(Matcher().find("ILO").empty());
    CHECK(Matcher::build({{"   ", "org:blank"}}, nullptr).empty());
    CHECK(Matcher().find("ILO", &m).size() == 1);
}

TEST_CASE("invalid utf-8 is a boundary and never crashes") {
    CHECK(run({{"ILO", "org:ilo"}},
              "\xFF"
              "ILO\xC3") == "ILO=org:ilo");
    CHECK(run({{"ILO", "org:ilo"}}, "\xC3\xA9ILO") == "");
}

TEST_CASE("a context alias overrides a global alias with the same phrase") {
    const Matcher global = Matcher::build({{"the Convention", "instrument:generic"}, {"Palermo Protocol", "instrument:palermo"}}, nullptr);
    const Matcher local = Matcher::build({{"the convention", "instrument:icmw"}, {"Palermo", "org:palermo"}}, nullptr);
    const std::string text = "The Convention and the Palermo Protocol";
    CHECK(show(text, global.find(text)) == "The Convention=instrument:generic | Palermo Protocol=instrument:palermo");
    // Equal span: the context wins; longer global span: the global alias wins.
    CHECK(show(text, global.find(text, &local)) == "The Convention=instrument:icmw+ctx | Palermo Protocol=instrument:palermo");
    CHECK(show("in Palermo", global.find("in Palermo", &local)) == "Palermo=org:palermo+ctx");
    // The global automaton is untouched by the per-document layer.
    CHECK(show(text, global.find(text)) == "The Convention=instrument:generic | Palermo Protocol=instrument:palermo");
}

TEST_CASE("a longer context alias beats a shorter global alias at the same start") {
    const Matcher global = Matcher::build({{"Convention", "instrument:generic"}}, nullptr);
    const Matcher local = Matcher::build({{"Convention on Migrants", "instrument:local"}}, nullptr);
    CHECK(show("the Convention on Migrants", global.find("the Convention on Migrants", &local)) ==
          "Convention on Migrants=instrument:local+ctx");
}

TEST_CASE("conflicting global aliases are reported as data") {
    std::vector<AliasConflict> conflicts;
    const Matcher m = Matcher::build({{"Geneva Convention", "instrument:a"},
                                      {"ICMW", "instrument:icmw"},
                                      {"geneva  CONVENTION", "instrument:b"},
                                      {"ICMW", "instrument:other"},
                                      {"ICMW", "instrument:icmw"},
                                      {"Icmw", "instrument:third"},
                                      {"Protocol", "instrument:p"},
                                      {"protocol", "instrument:p"}},
                                     &conflicts);
    REQUIRE(conflicts.size() == 3);
    CHECK(conflicts[0].phrase == "geneva CONVENTION");
    CHECK(conflicts[0].first == 0);
    CHECK(conflicts[0].second == 2);
    CHECK(conflicts[0].first_target == "instrument:a");
    CHECK(conflicts[0].second_target == "instrument:b");
    CHECK_FALSE(conflicts[0].case_variant);
    CHECK(conflicts[1].first == 1);
    CHECK(conflicts[1].second == 3);
    CHECK_FALSE(conflicts[1].case_variant);
    CHECK(conflicts[2].first == 1);
    CHECK(conflicts[2].second == 5);
    CHECK(conflicts[2].case_variant);
    // The first claimant keeps a plain conflict; the acronym keeps its exact spelling in a case variant.
    CHECK(run({{"Geneva Convention", "a"}, {"geneva convention", "b"}}, "Geneva Convention") == "Geneva Convention=a");
    const std::string text = "ICMW icmw";
    CHECK(show(text, m.find(text)) == "ICMW=instrument:icmw | icmw=instrument:third");
    CHECK(m.size() == 4);
}

TEST_CASE("no conflict without the out-parameter or between distinct phrases") {
    std::vector<AliasConflict> conflicts;
    Matcher::build({{"ILO", "org:ilo"}, {"ILO Convention", "instrument:c"}, {"UNHCR", "org:unhcr"}}, &conflicts);
    CHECK(conflicts.empty());
    CHECK(Matcher::build({{"ILO", "a"}, {"ILO", "b"}}, nullptr).size() == 1);
}

TEST_CASE("matching cost is linear for nested aliases over a run of the same word") {
    std::vector<Alias> aliases;
    std::string phrase = "a";
    for (int k = 0; k < 50; ++k, phrase += " a") aliases.push_back({phrase, "t" + std::to_string(k)});
    const Matcher m = Matcher::build(aliases, nullptr);
    const std::string unit = repeat("a ", 1000);
    const Cost c = cost(m, unit);
    INFO("steps: " << c.once << " for " << unit.size() << " bytes, " << c.tenfold << " for ten times that");
    CHECK(c.tenfold < 12 * c.once);
    CHECK(c.tenfold > 8 * c.once);
    // Longest first with an early stop: about one transition per byte and one check per word start,
    // far below the 50 candidates that end at each word.
    CHECK(c.once < 3 * unit.size());
    const auto matches = m.find(unit);
    REQUIRE(!matches.empty());
    CHECK(matches[0].end - matches[0].begin == phrase.size() - 2);  // the 50-word alias
}

TEST_CASE("matching cost is linear for many aliases sharing a prefix") {
    std::vector<Alias> aliases;
    std::string unit;
    for (int k = 1; k <= 300; ++k) {
        aliases.push_back({"Convention No. " + std::to_string(k), "instrument:c" + std::to_string(k)});
        aliases.push_back({"Convention No. " + std::to_string(k) + " on Migration for Employment", "instrument:m" + std::to_string(k)});
        unit += "Convention No. " + std::to_string(k * 7) + " on Migration for Employ; ";
    }
    const Matcher m = Matcher::build(aliases, nullptr);
    const Cost c = cost(m, unit);
    INFO("steps: " << c.once << " for " << unit.size() << " bytes, " << c.tenfold << " for ten times that");
    CHECK(c.tenfold < 12 * c.once);
    CHECK(c.tenfold > 8 * c.once);
    CHECK(c.once < 4 * unit.size());
}

TEST_CASE("matching cost is linear on a long word of one repeated letter") {
    std::vector<Alias> aliases;
    std::string phrase = "a";
    for (int k = 0; k < 50; ++k, phrase += "a") aliases.push_back({phrase, "t"});
    const Matcher m = Matcher::build(aliases, nullptr);
    const Cost c = cost(m, repeat("a", 1000) + " ");
    INFO("steps: " << c.once << " then " << c.tenfold);
    CHECK(c.tenfold < 12 * c.once);
    CHECK(c.tenfold > 8 * c.once);
    CHECK(m.find(repeat("a", 1000)).empty());
    CHECK(m.find(phrase.substr(1)).size() == 1);
}

TEST_CASE("matching cost is linear when long acronym candidates fail their case check") {
    std::vector<Alias> aliases{{"a", "t"}};
    std::string phrase = "A";
    for (int k = 0; k < 20; ++k) aliases.push_back({phrase += " A", "t"});
    const Matcher m = Matcher::build(aliases, nullptr);
    const Cost c = cost(m, repeat("a ", 1000));
    INFO("steps: " << c.once << " then " << c.tenfold);
    CHECK(c.tenfold < 12 * c.once);
    CHECK(c.tenfold > 8 * c.once);
    CHECK(m.find("a a a").size() == 3);
}

TEST_CASE("context matching adds its own linear cost") {
    std::vector<Alias> aliases;
    std::string phrase = "a";
    for (int k = 0; k < 30; ++k, phrase += " a") aliases.push_back({phrase, "t"});
    const Matcher global = Matcher::build(aliases, nullptr);
    const Matcher local = Matcher::build({{"a a", "ctx"}}, nullptr);
    const std::string unit = repeat("a ", 500);
    std::size_t once = 0, tenfold = 0;
    global.find(unit, &local, &once);
    global.find(repeat(unit, 10), &local, &tenfold);
    INFO("steps: " << once << " then " << tenfold);
    CHECK(tenfold < 12 * once);
    CHECK(tenfold > 8 * once);
}

TEST_CASE("the automaton finds what a naive whole-word, leftmost-longest search finds") {
    // Small alphabets make phrases share prefixes and suffixes, so failure links and the dense rows
    // of shallow nodes are exercised at every depth.
    std::mt19937 rng(20261202);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    const std::string letters = "abc";
    auto word = [&](std::size_t max) {
        std::string w;
        for (std::size_t k = 0, n = 1 + pick(max); k < n; ++k) w += letters[pick(letters.size())];
        return w;
    };
    for (int round = 0; round < 300; ++round) {
        std::vector<Alias> aliases;
        std::vector<std::string> phrases;
        for (std::size_t k = 0, n = 1 + pick(12); k < n; ++k) {
            std::string p = word(4);
            if (pick(3) == 0) p += " " + word(3);
            if (std::find(phrases.begin(), phrases.end(), p) != phrases.end()) continue;
            phrases.push_back(p);
            aliases.push_back({p, "t" + std::to_string(phrases.size() - 1)});
        }
        std::string text;
        for (std::size_t k = 0, n = 1 + pick(40); k < n; ++k) text += word(5) + (pick(5) == 0 ? ". " : " ");

        // The reference: at each word start, the longest phrase that ends at a word end, then on
        // past it.
        std::vector<std::string> expected;
        auto is_word = [](char ch) { return ch != ' ' && ch != '.'; };
        for (std::size_t i = 0; i < text.size();) {
            std::size_t best = 0, which = 0;
            if (i == 0 || !is_word(text[i - 1])) {
                for (std::size_t k = 0; k < phrases.size(); ++k) {
                    const auto& p = phrases[k];
                    const std::size_t end = i + p.size();
                    if (p.size() > best && text.compare(i, p.size(), p) == 0 && (end == text.size() || !is_word(text[end]))) {
                        best = p.size();
                        which = k;
                    }
                }
            }
            if (best == 0) {
                ++i;
                continue;
            }
            expected.push_back(std::to_string(i) + ":" + text.substr(i, best) + "=t" + std::to_string(which));
            i += best;
        }
        std::vector<std::string> got;
        const Matcher matcher = Matcher::build(aliases);  // the matches point into it
        for (const auto& m : matcher.find(text))
            got.push_back(std::to_string(m.begin) + ":" + text.substr(m.begin, m.end - m.begin) + "=" + std::string(m.target));
        auto join = [](const std::vector<std::string>& list) {
            std::string out;
            for (const auto& x : list) out += x + " | ";
            return out;
        };
        std::string aliases_shown;
        for (const auto& a : aliases) aliases_shown += a.target + "=\"" + a.phrase + "\" ";
        INFO("aliases: " << aliases_shown);
        INFO("text: " << text);
        CHECK(join(got) == join(expected));

        // The dense rows are a speed-up only (bench/micro.cpp): the plain automaton, and one with
        // dense rows deeper down, find the same matches.
        for (const std::uint32_t depth : {0u, 4u}) {
            const Matcher other = Matcher::build(aliases, nullptr, depth);
            std::vector<std::string> found;
            for (const auto& m : other.find(text))
                found.push_back(std::to_string(m.begin) + ":" + text.substr(m.begin, m.end - m.begin) + "=" + std::string(m.target));
            INFO("dense depth " << depth);
            CHECK(join(found) == join(got));
        }
    }
}
