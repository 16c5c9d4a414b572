#include "search/index.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_map>

#include "search/cuts.hpp"
#include "search/families.hpp"
#include "search/stem.hpp"
#include "util/hash.hpp"
#include "util/parallel.hpp"

namespace passage::search {

namespace {

constexpr std::size_t kFields = Run::kFields;
using Occurrences = Run::Occurrences;

struct StemPostings {
    std::vector<Occurrences> occ;  // by record
    std::vector<std::uint32_t> positions;
};

// Indexes records [begin, end) as one run (record numbers from `begin`).
Run index_run(const std::vector<Record>& records, std::size_t begin, std::size_t end) {
    Run run;
    run.lengths.resize(end - begin);
    std::unordered_map<std::string, StemPostings> by_stem;
    struct Surface {
        std::string stem;
        StemPostings* postings = nullptr;  // into by_stem (its nodes do not move); null for a stop word
    };
    std::unordered_map<std::string, Surface> surfaces;  // every surface met, stop words included
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
        const auto record = static_cast<std::uint32_t>(r - begin);
        auto& length = run.lengths[record];
        for (const auto& p : rec.path) note_code_points(p, run.fold);  // shown and highlighted: the table covers it
        const std::array<const std::vector<std::string>*, kFields> lists = {&rec.names, &rec.headings, nullptr};
        std::uint32_t pos = 0;
        for (std::size_t f = 0; f < kFields; ++f) {
            auto add = [&](StemPostings* sp, std::uint32_t position, bool title) {
                if (sp->occ.empty() || sp->occ.back().record != record)
                    sp->occ.push_back({record, {}, 0, static_cast<std::uint32_t>(sp->positions.size()), 0});
                auto& o = sp->occ.back();
                ++o.tf[f];
                if (title) ++o.title;
                if (o.count < kMaxPositions) {
                    sp->positions.push_back(position);
                    ++o.count;
                }
                ++length[f];
            };
            const std::size_t values = lists[f] ? lists[f]->size() : 1;
            for (std::size_t v = 0; v < values; ++v) {
                const std::string& value = lists[f] ? (*lists[f])[v] : rec.text;
                const bool title = f == 0 && v == 0;
                Tokens* seen = nullptr;
                if (lists[f])
                    for (auto& t : recent)
                        if (t.value && *t.value == value) seen = &t;
                std::uint32_t i = 0;  // the token's number in the value
                if (seen) {
                    for (StemPostings* sp : seen->postings) {
                        if (sp) add(sp, pos + i, title);
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
                for (std::size_t at = 0; next_token(value, at, token, &run.fold); ++i) {
                    auto known = surfaces.find(token.folded);
                    if (known == surfaces.end()) {
                        Surface s;
                        if (!is_stop_word(token.folded)) {
                            s.stem = stemmer.stem(token.folded);
                            s.postings = &by_stem[s.stem];
                        }
                        known = surfaces.emplace(token.folded, std::move(s)).first;
                    }
                    StemPostings* sp = known->second.postings;
                    if (keep) keep->postings.push_back(sp);
                    if (sp) add(sp, pos + i, title);  // a stop word is not indexed, but it takes a position
                }
                pos += i + kFieldGap;
            }
        }
    }
    // The tables, sorted.
    run.stems.reserve(by_stem.size());
    for (auto& [stem, sp] : by_stem) run.stems.push_back({stem, std::move(sp.occ), std::move(sp.positions)});
    std::sort(run.stems.begin(), run.stems.end(), [](const Run::Stem& a, const Run::Stem& b) { return a.stem < b.stem; });
    run.surfaces.reserve(surfaces.size());
    for (const auto& [surface, su] : surfaces) {
        if (!su.postings) continue;
        auto it = std::lower_bound(run.stems.begin(), run.stems.end(), su.stem,
                                   [](const Run::Stem& t, const std::string& s) { return t.stem < s; });
        run.surfaces.emplace_back(surface, static_cast<std::uint32_t>(it - run.stems.begin()));
    }
    std::sort(run.surfaces.begin(), run.surfaces.end());
    return run;
}

}  // namespace

std::vector<std::size_t> page_starts(const std::vector<Record>& records) {
    std::vector<std::size_t> out;
    std::string_view last;
    for (std::size_t i = 0; i < records.size(); ++i) {
        std::string_view url = records[i].url;
        url = url.substr(0, url.find('#'));
        if (i == 0 || url != last) out.push_back(i);
        last = url;
    }
    return out;
}

util::Hash128 run_key(const std::vector<Record>& records, std::size_t begin, std::size_t end) {
    util::Hasher h("search.run/2");
    h.number(end - begin);
    auto list = [&](const std::vector<std::string>& values) {
        h.number(values.size());
        for (const auto& v : values) h.add(v);
    };
    for (std::size_t r = begin; r < end; ++r) {
        list(records[r].path);
        list(records[r].names);
        list(records[r].headings);
        h.add(records[r].text);
    }
    return h.value128();
}

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

Index build_index(const std::vector<Record>& records, const Weights& w, unsigned jobs, const RunOptions& options) {
    Index index;

    // 1. The runs: cut at pages (a record whose URL, without its fragment, is not the previous
    // one's), each taken from the memo or tokenized and stemmed, on `jobs` threads.
    const auto page_start = page_starts(records);
    std::vector<std::size_t> run_start;  // run k: records [run_start[k], run_start[k + 1])
    for (auto p : content_cuts(page_start.size(), std::max<std::size_t>(1, options.run_records), [&](std::size_t p) {
             const std::size_t end = p + 1 < page_start.size() ? page_start[p + 1] : records.size();
             return std::pair<std::string_view, std::size_t>(records[page_start[p]].url, end - page_start[p]);
         }))
        run_start.push_back(page_start[p]);
    run_start.push_back(records.size());
    std::vector<Run> runs(run_start.size() - 1);
    util::parallel_for(runs.size(), jobs, [&](std::size_t k) {
        const std::size_t begin = run_start[k], end = run_start[k + 1];
        util::Hash128 key;
        if (options.memo) {
            key = run_key(records, begin, end);
            if (auto known = options.memo->recall(key); known && known->lengths.size() == end - begin) {
                runs[k] = std::move(*known);
                return;
            }
        }
        runs[k] = index_run(records, begin, end);
        if (options.memo) options.memo->keep(key, runs[k]);
    });
    std::vector<std::array<std::uint32_t, kFields>> lengths;
    lengths.reserve(records.size());
    for (const auto& run : runs) lengths.insert(lengths.end(), run.lengths.begin(), run.lengths.end());

    // 2. The stems of all runs, each once, in stem order, with the runs that have it (in run order,
    // which is record order); the surfaces, each once, in surface order. Sorted on `jobs` threads
    // rather than merged into one table on one.
    struct StemIn {
        std::string_view stem;
        std::uint32_t run;
        Run::Stem* postings;
    };
    std::vector<StemIn> stem_list;
    std::vector<std::pair<std::string_view, std::string_view>> surface_list;  // surface, stem
    {
        std::size_t stem_count = 0, surface_count = 0;
        for (const auto& run : runs) {
            stem_count += run.stems.size();
            surface_count += run.surfaces.size();
        }
        stem_list.reserve(stem_count);
        surface_list.reserve(surface_count);
    }
    for (std::size_t k = 0; k < runs.size(); ++k) {
        for (auto& st : runs[k].stems) stem_list.push_back({st.stem, static_cast<std::uint32_t>(k), &st});
        for (const auto& [surface, stem] : runs[k].surfaces)
            if (stem < runs[k].stems.size()) surface_list.emplace_back(surface, runs[k].stems[stem].stem);
        index.fold.merge(runs[k].fold);
    }
    util::parallel_stable_sort(surface_list.begin(), surface_list.end(), jobs,
                               [](const auto& a, const auto& b) { return a.first < b.first; });
    surface_list.erase(
        std::unique(surface_list.begin(), surface_list.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
        surface_list.end());
    // Inflection families, from the whole vocabulary: each stem of one goes in as the family's stem,
    // so that its term holds the postings of all (a run may then give one term several stems).
    const auto families = stem_families(surface_list);
    if (!families.empty()) {
        auto family_of = [&](std::string_view stem) {
            auto it = families.find(std::string(stem));
            return it == families.end() ? stem : std::string_view(it->second);
        };
        for (auto& s : stem_list) s.stem = family_of(s.stem);
        for (auto& s : surface_list) s.second = family_of(s.second);
    }
    util::parallel_stable_sort(stem_list.begin(), stem_list.end(), jobs,
                               [](const StemIn& a, const StemIn& b) { return a.stem != b.stem ? a.stem < b.stem : a.run < b.run; });
    std::vector<std::size_t> term_start;  // term i: stem_list[term_start[i], term_start[i + 1])
    for (std::size_t k = 0; k < stem_list.size(); ++k)
        if (k == 0 || stem_list[k].stem != stem_list[k - 1].stem) term_start.push_back(k);
    term_start.push_back(stem_list.size());

    // 3. BM25F weights, one term per stem, in stem order; each term's postings put together from its
    // runs (each run's share is freed as soon as it is used).
    std::array<double, kFields> avg{};
    for (const auto& l : lengths)
        for (std::size_t f = 0; f < kFields; ++f) avg[f] += l[f];
    for (auto& a : avg) a = quantized_length(records.empty() ? 1.0 : a / static_cast<double>(records.size()));
    const std::array<double, kFields> weight = {w.name, w.heading, 1.0}, b = {w.b_name, w.b_heading, w.b_text};

    // A posting of a record: its BM25F weight from the frequency of the word in each field.
    auto posting = [&](std::uint32_t record, const std::array<std::uint32_t, kFields>& tf, bool title, std::uint32_t first,
                       std::uint32_t count) {
        double sum = 0;
        for (std::size_t f = 0; f < kFields; ++f)
            if (tf[f]) sum += weight[f] * tf[f] / ((1.0 - b[f]) + b[f] * lengths[record][f] / avg[f]);
        const double score = sum * (w.k1 + 1.0) / (w.k1 + sum);
        const auto q = static_cast<std::uint32_t>(std::lround(score * w.scale));
        return Posting{record, std::max<std::uint32_t>(1, q), title, records[record].kind == "footnote", first, count};
    };
    // A term of several stems from one run (an inflection family): their occurrences put together by
    // record, the frequencies added, the positions merged in order (the first kMaxPositions kept).
    auto merge_family = [&](Term& t, std::size_t from, std::size_t to) {
        struct Occ {
            std::uint32_t record;
            const Run::Occurrences* o;
            const Run::Stem* stem;
        };
        std::vector<Occ> all;
        for (std::size_t k = from; k < to; ++k) {
            const auto base = static_cast<std::uint32_t>(run_start[stem_list[k].run]);
            for (const auto& o : stem_list[k].postings->occ) all.push_back({base + o.record, &o, stem_list[k].postings});
        }
        std::stable_sort(all.begin(), all.end(), [](const Occ& a, const Occ& b) { return a.record < b.record; });
        std::vector<std::uint32_t> merged;
        for (std::size_t a = 0, e = 0; a < all.size(); a = e) {
            std::array<std::uint32_t, kFields> tf{};
            std::uint32_t title = 0;
            merged.clear();
            for (e = a; e < all.size() && all[e].record == all[a].record; ++e) {
                const auto& o = *all[e].o;
                for (std::size_t f = 0; f < kFields; ++f) tf[f] += o.tf[f];
                title += o.title;
                const auto begin = all[e].stem->positions.begin() + o.first;
                merged.insert(merged.end(), begin, begin + o.count);
            }
            std::sort(merged.begin(), merged.end());
            if (merged.size() > kMaxPositions) merged.resize(kMaxPositions);
            t.postings.push_back(posting(all[a].record, tf, title > 0, static_cast<std::uint32_t>(t.positions.size()),
                                         static_cast<std::uint32_t>(merged.size())));
            t.positions.insert(t.positions.end(), merged.begin(), merged.end());
        }
        for (std::size_t k = from; k < to; ++k) {
            stem_list[k].postings->occ = {};
            stem_list[k].postings->positions = {};
        }
    };
    index.terms.resize(term_start.size() - 1);
    util::parallel_for(index.terms.size(), jobs, [&](std::size_t i) {
        Term& t = index.terms[i];
        const std::size_t from = term_start[i], to = term_start[i + 1];
        t.stem = std::string(stem_list[from].stem);
        for (std::size_t k = from + 1; k < to; ++k)
            if (stem_list[k].run == stem_list[k - 1].run) return merge_family(t, from, to);
        std::size_t occurrences = 0, positions = 0;
        for (std::size_t k = from; k < to; ++k) {
            occurrences += stem_list[k].postings->occ.size();
            positions += stem_list[k].postings->positions.size();
        }
        t.postings.reserve(occurrences);
        for (std::size_t k = from; k < to; ++k) {
            auto& sp = *stem_list[k].postings;
            const auto base = static_cast<std::uint32_t>(run_start[stem_list[k].run]);
            const auto offset = static_cast<std::uint32_t>(t.positions.size());
            if (k == from) {
                t.positions = std::move(sp.positions);
                t.positions.reserve(positions);
            } else {
                t.positions.insert(t.positions.end(), sp.positions.begin(), sp.positions.end());
            }
            for (const auto& o : sp.occ) t.postings.push_back(posting(base + o.record, o.tf, o.title > 0, o.first + offset, o.count));
            sp.occ = {};
            sp.positions = {};
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
