#include "search/index.hpp"

#include <array>
#include <cmath>

#include "search/stem.hpp"

namespace passage::search {

namespace {

constexpr std::size_t kFields = 3;  // names, headings, text

struct Occurrences {
    std::uint32_t record = 0;
    std::array<std::uint32_t, kFields> tf{};
    std::vector<std::uint32_t> positions;
};

}  // namespace

Index build_index(const std::vector<Record>& records, const Weights& w) {
    Index index;
    Stemmer stemmer;
    std::map<std::string, std::vector<Occurrences>> by_stem;
    std::map<std::string, std::string> stem_of;  // surface -> stem (memo; the stemmer is the slow part)
    std::vector<std::array<std::uint32_t, kFields>> lengths(records.size());

    for (std::uint32_t r = 0; r < records.size(); ++r) {
        const auto& rec = records[r];
        for (const auto& p : rec.path) tokenize(p, &index.fold);  // shown and highlighted: the table covers it
        const std::array<std::vector<std::string>, kFields> fields = {rec.names, rec.headings, {rec.text}};
        std::uint32_t pos = 0;
        for (std::size_t f = 0; f < kFields; ++f) {
            for (const auto& value : fields[f]) {
                auto tokens = tokenize(value, &index.fold);
                for (std::size_t i = 0; i < tokens.size(); ++i) {
                    const auto& surface = tokens[i].folded;
                    if (is_stop_word(surface)) continue;
                    auto known = stem_of.find(surface);
                    if (known == stem_of.end()) known = stem_of.emplace(surface, stemmer.stem(surface)).first;
                    auto& occ = by_stem[known->second];
                    if (occ.empty() || occ.back().record != r) occ.push_back({r, {}, {}});
                    auto& o = occ.back();
                    ++o.tf[f];
                    if (o.positions.size() < kMaxPositions) o.positions.push_back(pos + static_cast<std::uint32_t>(i));
                    ++lengths[r][f];
                }
                pos += static_cast<std::uint32_t>(tokens.size()) + kFieldGap;
            }
        }
    }

    std::array<double, kFields> avg{};
    for (const auto& l : lengths)
        for (std::size_t f = 0; f < kFields; ++f) avg[f] += l[f];
    for (auto& a : avg) a = records.empty() ? 1.0 : std::max(1.0, a / static_cast<double>(records.size()));
    const std::array<double, kFields> weight = {w.name, w.heading, 1.0}, b = {w.b_name, w.b_heading, w.b_text};
    const double n = static_cast<double>(records.size());

    std::map<std::string, std::size_t> term_of_stem;
    for (auto& [stem, occ] : by_stem) {
        Term t;
        t.stem = stem;
        double df = static_cast<double>(occ.size());
        double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
        for (auto& o : occ) {
            double tf = 0;
            for (std::size_t f = 0; f < kFields; ++f)
                if (o.tf[f]) tf += weight[f] * o.tf[f] / ((1.0 - b[f]) + b[f] * lengths[o.record][f] / avg[f]);
            double score = idf * tf * (w.k1 + 1.0) / (w.k1 + tf);
            auto q = static_cast<std::uint32_t>(std::lround(score * w.scale));
            t.postings.push_back({o.record, std::max<std::uint32_t>(1, q), std::move(o.positions)});
        }
        term_of_stem[stem] = index.terms.size();
        index.terms.push_back(std::move(t));
    }
    for (const auto& [surface, stem] : stem_of) {
        auto i = term_of_stem.at(stem);
        index.surfaces[surface] = i;
        index.terms[i].surfaces.push_back(surface);  // stem_of is sorted, so surfaces come sorted
    }
    return index;
}

}  // namespace passage::search
