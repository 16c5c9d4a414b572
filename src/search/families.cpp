#include "search/families.hpp"

#include <algorithm>
#include <array>

namespace passage::search {

namespace {

// A derivation the stemmer does not undo: a word that is a base + one of `nouns` and a word that is
// the same base + one of `verbs` are one family. Each ending is listed with its inflections, since
// either word may come in any form. The base must have at least `min_base` letters, so that a short
// one does not make a pair by chance ("Oman" is not "omen").
struct Derivation {
    std::array<std::string_view, 2> nouns;
    std::array<std::string_view, 4> verbs;
    std::size_t min_base;
};

// Kept to derivations whose pairs are the same word in English: "-ication" <-> "-y" alone would also
// pair "complication" with "comply" and "replication" with "reply", so only "-ification" <-> "-ify".
constexpr Derivation kDerivations[] = {
    {{"ification", "ifications"}, {"ify", "ified", "ifies", "ifying"}, 2},           // ratify, ratification
    {{"ception", "ceptions"}, {"ceive", "ceived", "ceives", "ceiving"}, 2},          // perceive, perception
    {{"duction", "ductions"}, {"duce", "duced", "duces", "ducing"}, 2},              // reduce, reduction
    {{"sumption", "sumptions"}, {"sume", "sumed", "sumes", "suming"}, 2},            // assume, assumption
    {{"scription", "scriptions"}, {"scribe", "scribed", "scribes", "scribing"}, 2},  // describe, description
    {{"anation", "anations"}, {"ain", "ained", "ains", "aining"}, 3},                // explain, explanation
    {{"men", ""}, {"man", "", "", ""}, 2},                                           // women, woman; chairmen
    {{"children", ""}, {"child", "", "", ""}, 0},                                    // children, child
};

// Union-find over stems; the smaller stem is the root, so a family's stem is its smallest.
class Families {
public:
    std::string_view find(std::string_view s) {
        auto it = parent_.find(s);
        while (it != parent_.end() && it->second != s) {
            s = it->second;
            it = parent_.find(s);
        }
        return s;
    }
    void join(std::string_view a, std::string_view b) {
        a = find(a);
        b = find(b);
        if (a == b) return;
        if (b < a) std::swap(a, b);
        parent_.try_emplace(a, a);
        parent_[b] = a;
    }
    // Every stem that joined another, with its family's stem.
    std::map<std::string, std::string> roots() {
        std::map<std::string, std::string> out;
        for (const auto& [stem, _] : parent_) out.emplace(stem, find(stem));
        return out;
    }

private:
    std::map<std::string_view, std::string_view> parent_;  // views into the caller's surfaces list
};

}  // namespace

std::map<std::string, std::string> stem_families(const std::vector<std::pair<std::string_view, std::string_view>>& surfaces) {
    auto stem_of = [&](std::string_view word) -> const std::string_view* {
        auto it = std::lower_bound(surfaces.begin(), surfaces.end(), word, [](const auto& e, std::string_view w) { return e.first < w; });
        return it != surfaces.end() && it->first == word ? &it->second : nullptr;
    };
    Families families;
    std::string other;
    for (const auto& [word, stem] : surfaces) {
        for (const auto& d : kDerivations) {
            for (auto noun : d.nouns) {
                if (noun.empty() || !word.ends_with(noun) || word.size() - noun.size() < d.min_base) continue;
                const auto base = word.substr(0, word.size() - noun.size());
                for (auto verb : d.verbs) {
                    if (verb.empty()) continue;
                    other.assign(base);
                    other += verb;
                    if (const auto* s = stem_of(other); s && *s != stem) families.join(stem, *s);
                }
            }
        }
    }
    return families.roots();
}

}  // namespace passage::search
