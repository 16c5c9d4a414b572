#pragma once
// Inflection families: stems that Snowball's English stemmer keeps apart although their words are
// forms of one word. "ratify", "ratified", "ratifies" stem to "ratifi", "ratification" and
// "ratifications" to "ratif"; "women" and "woman" stay as they are. The index puts such stems
// together as one term (build_index), so that any of the words finds the others, and the browser
// still never stems: it reads a word's term from the index as before.
//
// The rule is conservative and reads only the index's own vocabulary: two stems join when the
// corpus holds a word of each that are one base with a pair of endings from a short table of
// derivations the stemmer does not undo (see families.cpp), e.g. "ratif" + "ication" and
// "ratif" + "ied". A pair joins only when both words are in the corpus, so nothing is guessed
// about words it lacks; migrant/migration, communication/community and the like stay apart.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace passage::search {

// REQUIRES: `surfaces` is (folded surface, its stem) for every indexed word of the corpus, sorted
// by surface, each surface once. Returns, for every stem that joins a family, the family's stem:
// the smallest of its stems (byte order). Stems that join nothing are not in the map.
std::map<std::string, std::string> stem_families(const std::vector<std::pair<std::string_view, std::string_view>>& surfaces);

}  // namespace passage::search
