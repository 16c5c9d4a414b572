#include "search/index.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

#include "search/stem.hpp"
#include "util/parallel.hpp"

namespace passage::search {

namespace {

constexpr std::size_t kFields = 3;  // names, headings, text

// One record's occurrences of one stem; its positions are a run of the stem's position pool.
struct Occurrences {
    std::uint32_t record = 0;
    std::array<std::uint32_t, kFields> tf{};
    std::uint32_t first = 0, count = 0;
};

struct StemPostings {
    std::vector<Occurrences> occ;  // by record
    std::vector<std::uint32_t> positions;
};

// What one contiguous range of records contributes. Ranges are indexed on separate threads and
// merged in record order, so the index is the same whatever the number of threads.
struct Part {
    std::unordered_map<std::string, StemPostings> by_stem;
    struct Surface {
        std::string stem;
        StemPostings* postings = nullptr;  // into by_stem (its nodes do not move); null for a stop word
    };
    std::unordered_map<std::string, Surface> surfaces;  // every surface met, stop words included
    FoldTable fold;
};

void index_range(const std::vector<Record>& records, std::size_t begin, std::size_t end, Part& part,
                 std::vector<std::array<std::uint32_t, kFields>>& lengths) {
    Stemmer stemmer;
    Token token;  // reused: one surface lookup and no allocation per word
    // The passages of a section repeat its headings (and often their names): the tokens of the last
    // few name and heading values are kept, as the postings each adds to (null: a stop word).
    struct Tokens {
        const std::string* value = nullptr;
        std::vector<StemPostings*> postings;
    };
    std::array<Tokens, 8> recent;
    std::size_t next_recent = 0;
    for (std::size_t r = begin; r < end; ++r) {
        const auto& rec = records[r];
        const auto record = static_cast<std::uint32_t>(r);
        for (const auto& p : rec.path) note_code_points(p, part.fold);  // shown and highlighted: the table covers it
        const std::array<const std::vector<std::string>*, kFields> lists = {&rec.names, &rec.headings, nullptr};
        std::uint32_t pos = 0;
        for (std::size_t f = 0; f < kFields; ++f) {
            auto add = [&](StemPostings* sp, std::uint32_t position) {
                if (sp->occ.empty() || sp->occ.back().record != record)
                    sp->occ.push_back({record, {}, static_cast<std::uint32_t>(sp->positions.size()), 0});
                auto& o = sp->occ.back();
                ++o.tf[f];
                if (o.count < kMaxPositions) {
                    sp->positions.push_back(position);
                    ++o.count;
                }
                ++lengths[r][f];
            };
            const std::size_t values = lists[f] ? lists[f]->size() : 1;
            for (std::size_t v = 0; v < values; ++v) {
                const std::string& value = lists[f] ? (*lists[f])[v] : rec.text;
                Tokens* seen = nullptr;
                if (lists[f])
                    for (auto& t : recent)
                        if (t.value && *t.value == value) seen = &t;
                std::uint32_t i = 0;  // the token's number in the value
                if (seen) {
                    for (StemPostings* sp : seen->postings) {
                        if (sp) add(sp, pos + i);
                        ++i;
                    }
                    pos += i + kFieldGap;
                    continue;
                }
                Tokens* keep = nullptr;
                if (lists[f]) {
                    keep = &recent[next_recent++ % recent.size()];
                    keep->value = &value;
                    keep->postings.clear();
                }
                for (std::size_t at = 0; next_token(value, at, token, &part.fold); ++i) {
                    auto known = part.surfaces.find(token.folded);
                    if (known == part.surfaces.end()) {
                        Part::Surface s;
                        if (!is_stop_word(token.folded)) {
                            s.stem = stemmer.stem(token.folded);
                            s.postings = &part.by_stem[s.stem];
                        }
                        known = part.surfaces.emplace(token.folded, std::move(s)).first;
                    }
                    StemPostings* sp = known->second.postings;
                    if (keep) keep->postings.push_back(sp);
                    if (sp) add(sp, pos + i);  // a stop word is not indexed, but it takes a position
                }
                pos += i + kFieldGap;
            }
        }
    }
}

}  // namespace

double quantized_length(double average) {
    // By multiplications only (exact to the last bit on every IEEE machine, unlike log2 and exp2 of
    // the C library): the powers of 2^(1/8), and between two of them the power of 2^(1/16) that
    // decides which is nearer (on the log scale).
    constexpr double eighth = 1.0905077326652577;     // 2^(1/8)
    constexpr double sixteenth = 1.0442737824274138;  // 2^(1/16)
    double q = 1.0;
    while (average >= q * sixteenth) q *= eighth;
    return q;
}

Index build_index(const std::vector<Record>& records, const Weights& w, unsigned jobs) {
    Index index;
    std::vector<std::array<std::uint32_t, kFields>> lengths(records.size());

    // 1. Tokenize and stem ranges of records in parallel (a few ranges per thread, for balance).
    const std::size_t parts_wanted = jobs <= 1 ? 1 : std::size_t{jobs} * 4;
    const std::size_t per_part = std::max<std::size_t>(256, (records.size() + parts_wanted - 1) / parts_wanted);
    const std::size_t part_count = records.empty() ? 0 : (records.size() + per_part - 1) / per_part;
    std::vector<Part> parts(part_count);
    util::parallel_for(part_count, jobs, [&](std::size_t p) {
        index_range(records, p * per_part, std::min(records.size(), (p + 1) * per_part), parts[p], lengths);
    });

    // 2. The stems of all parts, each once, in stem order, with the parts that have it (in part
    // order, which is record order); the surfaces, each once, in surface order. Sorted on `jobs`
    // threads rather than merged into one table on one.
    struct StemIn {
        std::string_view stem;
        std::uint32_t part;
        StemPostings* postings;
    };
    std::vector<StemIn> stem_list;
    std::vector<std::pair<std::string_view, std::string_view>> surface_list;  // surface, stem
    {
        std::size_t stem_count = 0, surface_count = 0;
        for (const auto& part : parts) {
            stem_count += part.by_stem.size();
            surface_count += part.surfaces.size();
        }
        stem_list.reserve(stem_count);
        surface_list.reserve(surface_count);
    }
    for (std::size_t p = 0; p < parts.size(); ++p) {
        for (auto& [stem, sp] : parts[p].by_stem) stem_list.push_back({stem, static_cast<std::uint32_t>(p), &sp});
        for (const auto& [surface, su] : parts[p].surfaces)
            if (su.postings) surface_list.emplace_back(surface, su.stem);
        index.fold.merge(parts[p].fold);
    }
    util::parallel_stable_sort(stem_list.begin(), stem_list.end(), jobs,
                               [](const StemIn& a, const StemIn& b) { return a.stem != b.stem ? a.stem < b.stem : a.part < b.part; });
    util::parallel_stable_sort(surface_list.begin(), surface_list.end(), jobs,
                               [](const auto& a, const auto& b) { return a.first < b.first; });
    surface_list.erase(
        std::unique(surface_list.begin(), surface_list.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
        surface_list.end());
    std::vector<std::size_t> term_start;  // term i: stem_list[term_start[i], term_start[i + 1])
    for (std::size_t k = 0; k < stem_list.size(); ++k)
        if (k == 0 || stem_list[k].stem != stem_list[k - 1].stem) term_start.push_back(k);
    term_start.push_back(stem_list.size());

    // 3. BM25F weights, one term per stem, in stem order; each term's postings put together from its
    // parts (each part's share is freed as soon as it is used).
    std::array<double, kFields> avg{};
    for (const auto& l : lengths)
        for (std::size_t f = 0; f < kFields; ++f) avg[f] += l[f];
    for (auto& a : avg) a = quantized_length(records.empty() ? 1.0 : a / static_cast<double>(records.size()));
    const std::array<double, kFields> weight = {w.name, w.heading, 1.0}, b = {w.b_name, w.b_heading, w.b_text};

    index.terms.resize(term_start.size() - 1);
    util::parallel_for(index.terms.size(), jobs, [&](std::size_t i) {
        Term& t = index.terms[i];
        const std::size_t from = term_start[i], to = term_start[i + 1];
        t.stem = std::string(stem_list[from].stem);
        std::size_t occurrences = 0, positions = 0;
        for (std::size_t k = from; k < to; ++k) {
            occurrences += stem_list[k].postings->occ.size();
            positions += stem_list[k].postings->positions.size();
        }
        t.postings.reserve(occurrences);
        for (std::size_t k = from; k < to; ++k) {
            auto& sp = *stem_list[k].postings;
            const auto offset = static_cast<std::uint32_t>(t.positions.size());
            if (k == from) {
                t.positions = std::move(sp.positions);
                t.positions.reserve(positions);
            } else {
                t.positions.insert(t.positions.end(), sp.positions.begin(), sp.positions.end());
            }
            for (const auto& o : sp.occ) {
                double tf = 0;
                for (std::size_t f = 0; f < kFields; ++f)
                    if (o.tf[f]) tf += weight[f] * o.tf[f] / ((1.0 - b[f]) + b[f] * lengths[o.record][f] / avg[f]);
                const double score = tf * (w.k1 + 1.0) / (w.k1 + tf);
                const auto q = static_cast<std::uint32_t>(std::lround(score * w.scale));
                t.postings.push_back({o.record, std::max<std::uint32_t>(1, q), o.first + offset, o.count});
            }
            sp = StemPostings{};
        }
    });

    for (const auto& [surface, stem] : surface_list) {
        auto it =
            std::lower_bound(index.terms.begin(), index.terms.end(), stem, [](const Term& t, std::string_view s) { return t.stem < s; });
        auto i = static_cast<std::size_t>(it - index.terms.begin());
        index.surfaces.emplace_hint(index.surfaces.end(), surface, i);
        index.terms[i].surfaces.emplace_back(surface);  // surface_list is sorted, so surfaces come sorted
    }
    return index;
}

}  // namespace passage::search
