// The index as files. Each file is one line: passageSearchRegister("<name>", <JSON>);
//
// Numbers that come in long runs (postings, chunk starts, group sizes, facet profiles) are packed in strings: each
// unsigned number is written low 5 bits first, one character per 5 bits, the character being
// kDigits[bits + 32 if more characters follow]. So 0-31 take one character and 32-1023 two. Lists of
// ascending numbers are delta-coded before packing.
//
// Records are named by group and place: a group is a run of consecutive records on one page (a
// document and its passages, an instrument, a recommendation set and its items, the editorial notes
// of the annotations page), numbered in reading order; a record's place is its number in its group.
// The browser numbers a record group * stride + place.
//
// Files are cut so that editing one document changes few of them: a cut falls where a word or a
// record chosen by the hash of its name begins (see content_cuts), and a file is named by a hash of
// the first word or record it holds (see Ids), not by its number; weights leave out what depends on
// the whole corpus (see index.hpp). A page added or removed renumbers the groups after it, and with
// them most files.
//
// manifest.js, name "manifest":
//   {"format": 4, "records": N,          N: the number of records, for the inverse document frequency
//    "stride": S,                        a power of two, at least the size of every group
//    "shards": [[first surface, id], ...]  term shard i (file "t<id>") holds the surfaces from its
//                                        first up to the next shard's first (code point order); the
//                                        first shard's first is ""
//    "chunks": packed                    two numbers per record chunk: the group of its first
//                                        record (delta from the previous chunk's), and its place
//    "chunk_ids": [id, ...]              record chunk i is file "r<id>"
//    "facets": G                         facet file i (file "f<i>") covers groups [i G, (i + 1) G)
//    "fold":   [[character, folded], ...] every non-ASCII code point of the corpus, by code point;
//                                        folded is a string (a word character, maybe folding to "")
//                                        or null (a separator)
//    "stop":   [folded word, ...]        not indexed; they still take a position
//    "gap": 8,                           positions between two fields (see index.hpp)
//    "kinds": [[id, label], ...]}        the kinds of records
// tN.js, a term shard:
//   {"words": [[surface, term], ...]     sorted; term indexes "terms"
//    "terms": [[stem, [surface, ...], postings]]   every surface of the stem, in any shard;
//                                        postings packed: for each record, its group (delta from the
//                                        previous one; the first is absolute), its place, the weight
//                                        (the tf part of BM25F, see index.hpp) times 4, plus 1 when
//                                        the word is in the record's title, plus 2 when the record
//                                        is a footnote, the count of positions, then the positions
//                                        (delta-coded)
//             or [stem, [surface, ...], head, records, id]   a term in more records than the head
//                                        size: `head` holds its best-weighted records (by weight,
//                                        then reading order), packed as above; file "x<id>" the
//                                        others; `records` counts both}
// xN.js, the tail of a term: its postings not in the head, packed as above (a JSON string).
// rN.js, a record chunk:
//   {"first": [g, p], "sizes": packed    its first record (group, place), and the number of its
//                                        records in each group from g on (in g, from place p on)
//    "pages": [[url, title or null], ...]          the pages the chunk's records are on
//    "records": [[page, fragment, [title path after the title], text, kind], ...]}
//   A record's URL is its page's URL + fragment ("" or "#p12"), its title path the page's title (if
//   not null) then the rest; kind indexes the manifest's "kinds".
// fN.js, facets:
//   {"first": g, "sizes": packed,        its groups, from g on, and the number of records of each
//    "profiles": [[kind, year or 0, org or -1, [theme, ...]], ...]   indexes into labels
//    "rp": packed}                       the profile of each record of the file, in order
// labels.js, name "labels":
//   {"themes": [[id, title]], "orgs": [[id, name]]}
// vN.js, N from kVocabularyMin to kVocabularyMax, the vocabulary for "did you mean": loaded only for
// a word that has no hits.
//   {"words": "w1 w2 ...",               the indexed words of N code points (of N or more in the
//                                        last file), but those with a digit, sorted, space-separated
//    "df": packed}                       the number of records of each word's term
#include <algorithm>
#include <cctype>
#include <mutex>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "json/json_writer.hpp"
#include "search/cuts.hpp"
#include "search/index.hpp"
#include "search/stem.hpp"
#include "util/hash.hpp"
#include "util/parallel.hpp"

namespace passage::search {

namespace {

using nlohmann::json;

constexpr char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

void pack(std::string& out, std::uint32_t v) {
    while (v >= 32) {
        out += kDigits[(v & 31) | 32];
        v >>= 5;
    }
    out += kDigits[v];
}

std::string dump(const json& j) {
    return passage::json::script_safe(j.dump(-1, ' ', true, json::error_handler_t::replace));
}

// Appends `s` as a JSON string, as the index writes every string: ASCII only, safe in a script.
void append_json_string(std::string& out, std::string_view s) {
    passage::json::append_string(out, s, {.ascii = true, .script_safe = true});
}

// Appends `[a,b,...]`, each a JSON string.
void append_json_strings(std::string& out, const std::vector<std::string>& list) {
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i) out += ',';
        append_json_string(out, list[i]);
    }
    out += ']';
}

std::string register_js(const std::string& name, const std::string& json_text) {
    return "passageSearchRegister(\"" + name + "\"," + json_text + ");\n";
}

// Where each record stands: its group (a run of consecutive records on one page: a document and its
// passages, an instrument, a recommendation set and its items) and its place in the group. Postings,
// chunks and facets name records by group and place, so that a passage added to one document leaves
// the numbers of every other record as they were.
struct Groups {
    std::vector<std::size_t> start;           // the first record of each group, then the number of records
    std::vector<std::uint32_t> group, place;  // per record
    std::size_t stride = 1;  // a power of two, at least every group's size: the browser's record key is group * stride + place

    explicit Groups(const std::vector<Record>& records) : start(page_starts(records)) {
        group.resize(records.size());
        place.resize(records.size());
        start.push_back(records.size());
        for (std::size_t g = 0; g + 1 < start.size(); ++g)
            for (std::size_t i = start[g]; i < start[g + 1]; ++i) {
                group[i] = static_cast<std::uint32_t>(g);
                place[i] = static_cast<std::uint32_t>(i - start[g]);
                while (stride <= place[i]) stride *= 2;
            }
    }
    std::size_t size() const { return start.size() - 1; }
};

// Postings `which` (by record) of `t`, packed.
std::string packed_postings(const Term& t, const std::vector<const Posting*>& which, const Groups& groups) {
    std::string packed;
    std::uint32_t last = 0;
    for (const auto* p : which) {
        const auto g = groups.group[p->record];
        pack(packed, g - last);
        last = g;
        pack(packed, groups.place[p->record]);
        pack(packed, p->weight * 4 + (p->title ? 1 : 0) + (p->note ? 2 : 0));
        pack(packed, p->position_count);
        std::uint32_t prev = 0;
        for (auto pos : t.positions_of(*p)) {
            pack(packed, pos - prev);
            prev = pos;
        }
    }
    return packed;
}

// A term as the JSON text of a shard's "terms" entry; a term in more than `head` records also gets
// its tail (the JSON text of file "x<tail_id>").
std::string term_json(const Term& t, std::size_t head, std::uint32_t tail_id, std::string& tail, const Groups& groups) {
    std::vector<const Posting*> all;
    for (const auto& p : t.postings) all.push_back(&p);
    std::string out = "[";
    append_json_string(out, t.stem);
    out += ',';
    append_json_strings(out, t.surfaces);
    out += ',';
    if (all.size() <= head) {
        append_json_string(out, packed_postings(t, all, groups));
        out += ']';
        return out;
    }
    // The head: the `head` best-weighted postings, the earlier record first among equal weights. The
    // last of them is found without sorting (a total order, as records are distinct); then one pass
    // in record order parts the postings, which keeps both parts in record order.
    auto better = [](const Posting* a, const Posting* b) { return a->weight != b->weight ? a->weight > b->weight : a->record < b->record; };
    std::nth_element(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(head - 1), all.end(), better);
    const Posting* last = all[head - 1];
    std::vector<const Posting*> best, rest;
    best.reserve(head);
    rest.reserve(t.postings.size() - head);
    for (const auto& p : t.postings) (better(last, &p) ? rest : best).push_back(&p);
    tail.clear();
    append_json_string(tail, packed_postings(t, rest, groups));
    append_json_string(out, packed_postings(t, best, groups));
    out += ',' + std::to_string(t.postings.size()) + ',' + std::to_string(tail_id) + ']';
    return out;
}

// File ids: the low 31 bits of the hash of a name (the cuts read its high bits); the next free one
// when two names meet.
class Ids {
public:
    std::uint32_t operator()(std::string_view name) {
        auto id = static_cast<std::uint32_t>(name_hash(name) & 0x7fffffffU);
        while (!used_.insert(id).second) id = (id + 1) & 0x7fffffffU;
        return id;
    }

private:
    std::set<std::uint32_t> used_;
};

// The position of each id of a list of (id, label) pairs; the first, if an id comes twice.
class Positions {
public:
    explicit Positions(const std::vector<std::pair<std::string, std::string>>& list) {
        for (std::size_t i = 0; i < list.size(); ++i) of_.emplace(list[i].first, static_cast<int>(i));
    }
    int operator()(std::string_view id) const {
        auto it = of_.find(id);
        return it == of_.end() ? -1 : it->second;
    }

private:
    std::unordered_map<std::string_view, int> of_;  // views into the list, which outlives this
};

// The kinds of records, looked up for every record.
int kind_index(std::string_view kind) {
    static const Positions positions(kinds());
    return positions(kind);
}

// A record in a chunk: the page it is on (the URL without the fragment, and the first element of
// the title path, which records of a page share) and the JSON of the rest, without the page number.
struct ChunkRecord {
    std::string page;  // the JSON of the page: [url, title or null]
    std::string rest;  // fragment, rest of the title path, text, kind: "\"#p1\",[...],\"...\",1]"
};

ChunkRecord chunk_record(const Record& r) {
    auto hash = r.url.find('#');
    std::string base = r.url.substr(0, hash), fragment = hash == std::string::npos ? "" : r.url.substr(hash);
    ChunkRecord out;
    out.page = "[";
    append_json_string(out.page, base);
    out.page += ',';
    if (r.path.empty())
        out.page += "null";
    else
        append_json_string(out.page, r.path[0]);
    out.page += ']';
    append_json_string(out.rest, fragment);  // no '[': the page number goes first
    out.rest += ",[";
    for (std::size_t i = 1; i < r.path.size(); ++i) {
        if (i > 1) out.rest += ',';
        append_json_string(out.rest, r.path[i]);
    }
    out.rest += "],";
    append_json_string(out.rest, r.text);
    out.rest += ',' + std::to_string(kind_index(r.kind)) + ']';
    return out;
}

// The number of records of records [begin, end) in each group they fall in, packed: the first group
// is counted from record `begin`, the last up to `end`.
std::string packed_sizes(const Groups& groups, std::size_t begin, std::size_t end) {
    std::string out;
    if (begin == end) return out;
    for (std::size_t g = groups.group[begin]; g <= groups.group[end - 1]; ++g)
        pack(out, static_cast<std::uint32_t>(std::min(end, groups.start[g + 1]) - std::max(begin, groups.start[g])));
    return out;
}

// The facet file of groups [begin, end): each distinct profile once, then one per record.
std::string facets_json(const Input& in, const Groups& groups, const Positions& themes, const Positions& organizations, std::size_t begin,
                        std::size_t end) {
    std::unordered_map<std::string, std::uint32_t> seen;  // a profile's JSON -> its number
    std::string profiles, rp, p;
    for (std::size_t i = groups.start[begin]; i < groups.start[end]; ++i) {
        const auto& r = in.records[i];
        int year = 0;
        if (r.year.size() == 4 && std::all_of(r.year.begin(), r.year.end(), [](unsigned char c) { return std::isdigit(c) != 0; }))
            year = std::stoi(r.year);
        p = '[' + std::to_string(kind_index(r.kind)) + ',' + std::to_string(year) + ',' + std::to_string(organizations(r.organization)) +
            ",[";
        bool first = true;
        for (const auto& t : r.themes) {
            if (int k = themes(t); k >= 0) {
                if (!first) p += ',';
                p += std::to_string(k);
                first = false;
            }
        }
        p += "]]";
        auto [it, fresh] = seen.emplace(p, static_cast<std::uint32_t>(seen.size()));
        if (fresh) {
            if (!profiles.empty()) profiles += ',';
            profiles += p;
        }
        pack(rp, it->second);
    }
    std::string out = "{\"first\":" + std::to_string(begin) + ",\"sizes\":";
    append_json_string(out, packed_sizes(groups, groups.start[begin], groups.start[end]));
    out += ",\"profiles\":[" + profiles + "],\"rp\":";
    append_json_string(out, rp);
    return out + "}";
}

// The vocabulary files (see the top of this file): the words of each length, with the number of
// records of their term.
constexpr std::size_t kVocabularyMin = 3, kVocabularyMax = 24;

std::vector<std::pair<std::string, std::string>> vocabulary_files(const Index& index, const std::vector<std::size_t>& records_of) {
    std::vector<std::string> words(kVocabularyMax + 1), counts(kVocabularyMax + 1);
    for (const auto& [surface, term] : index.surfaces) {
        if (std::any_of(surface.begin(), surface.end(), [](unsigned char c) { return c >= '0' && c <= '9'; })) continue;
        std::size_t length = 0;
        for (unsigned char c : surface) length += (c & 0xC0) != 0x80;  // code points of the UTF-8 text
        if (length < kVocabularyMin) continue;
        length = std::min(length, kVocabularyMax);
        if (!words[length].empty()) words[length] += ' ';
        words[length] += surface;
        pack(counts[length], static_cast<std::uint32_t>(records_of[term]));
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (std::size_t n = kVocabularyMin; n <= kVocabularyMax; ++n) {
        std::string body = "{\"words\":";
        append_json_string(body, words[n]);
        body += ",\"df\":";
        append_json_string(body, counts[n]);
        out.emplace_back("v" + std::to_string(n), body + "}");
    }
    return out;
}

json pairs(const std::vector<std::pair<std::string, std::string>>& list) {
    json out = json::array();
    for (const auto& [a, b] : list) out.push_back(json::array({a, b}));
    return out;
}

}  // namespace

std::map<std::string, std::string> index_files(Input input, const Options& options) {
    const unsigned jobs = std::max(1u, options.jobs);
    const std::size_t n = input.records.size();
    Index index = build_index(input.records, {}, jobs, {.memo = options.memo});
    const Groups groups(input.records);
    // Every file goes to options.emit as soon as it is made, or into the map returned.
    std::map<std::string, std::string> files;
    std::mutex files_mutex;
    auto emit = [&](std::string path, std::string data) {
        if (options.emit) return options.emit(std::move(path), std::move(data));
        std::lock_guard lock(files_mutex);
        files.emplace(std::move(path), std::move(data));
    };

    const std::size_t head = std::max<std::size_t>(1, options.head_postings);
    std::vector<std::uint32_t> tail_of(index.terms.size(), 0);  // the id of a term's tail file: from its stem
    std::size_t tails = 0;
    {
        Ids ids;
        for (std::size_t i = 0; i < index.terms.size(); ++i)
            if (index.terms[i].postings.size() > head) {
                tail_of[i] = ids(index.terms[i].stem);
                ++tails;
            }
    }
    std::vector<std::size_t> records_of(index.terms.size());
    for (std::size_t i = 0; i < index.terms.size(); ++i) records_of[i] = index.terms[i].postings.size();
    std::vector<std::string> terms(index.terms.size()), tail_json(index.terms.size());
    std::vector<ChunkRecord> record_json(n);
    // Each kept at its size: they are all held until the files are put together.
    // A term's postings are gone once written as JSON, a record's text once written as JSON, a
    // term's tail once it is a file: the peak of memory is what the index files hold.
    util::parallel_for(terms.size(), jobs, [&](std::size_t i) {
        terms[i] = term_json(index.terms[i], head, tail_of[i], tail_json[i], groups);
        terms[i].shrink_to_fit();
        index.terms[i].postings = {};
        index.terms[i].positions = {};
        if (tail_json[i].empty()) return;
        const std::string name = "x" + std::to_string(tail_of[i]);
        emit("search/" + name + ".js", register_js(name, tail_json[i]));
        tail_json[i] = {};
    });
    util::parallel_for(n, jobs, [&](std::size_t i) {
        record_json[i] = chunk_record(input.records[i]);
        record_json[i].page.shrink_to_fit();
        record_json[i].rest.shrink_to_fit();
        auto& r = input.records[i];
        r.text = {};
        r.names = {};
        r.headings = {};
        r.path = {};
    });

    // What the cuts weigh: a surface, its entry and the term's, once (at the term's first surface);
    // a record, and its page where it is not the previous record's.
    std::vector<std::pair<const std::string*, std::size_t>> words;
    words.reserve(index.surfaces.size());
    for (const auto& [surface, term] : index.surfaces) words.emplace_back(&surface, term);
    std::vector<std::size_t> word_cost(words.size()), record_cost(n);
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& t = index.terms[words[i].second];
        word_cost[i] = words[i].first->size() + 12 + (t.surfaces.front() == *words[i].first ? terms[words[i].second].size() + 1 : 0);
    }
    for (std::size_t r = 0; r < n; ++r)
        record_cost[r] = record_json[r].rest.size() + 6 +
                         (r == 0 || record_json[r].page != record_json[r - 1].page ? record_json[r].page.size() + 2 : 0);

    const std::size_t facet_groups = std::max<std::size_t>(1, options.facet_groups);
    const std::size_t facet_files = (groups.size() + facet_groups - 1) / facet_groups;
    const std::size_t max_files = options.max_files ? options.max_files : 200 + n / 16;
    std::size_t shard_target = std::max<std::size_t>(1, options.shard_bytes), chunk_target = std::max<std::size_t>(1, options.chunk_bytes);
    std::vector<std::size_t> shards, chunks;
    for (;;) {
        shards = content_cuts(words.size(), shard_target,
                              [&](std::size_t i) { return std::pair<std::string_view, std::size_t>(*words[i].first, word_cost[i]); });
        chunks = content_cuts(
            n, chunk_target, [&](std::size_t r) { return std::pair<std::string_view, std::size_t>(input.records[r].url, record_cost[r]); });
        if (shards.size() + chunks.size() + facet_files + tails <= max_files || (shards.size() <= 1 && chunks.size() <= 1)) break;
        shard_target *= 2;
        chunk_target *= 2;
    }
    // Files are named by the first word or record they hold, not by their number, so that a cut that
    // comes or goes renames no other file.
    std::vector<std::uint32_t> shard_id(shards.size()), chunk_id(chunks.size());
    {
        Ids ids;
        for (std::size_t s = 0; s < shards.size(); ++s) shard_id[s] = ids(s == 0 ? std::string_view() : *words[shards[s]].first);
    }
    {
        Ids ids;
        for (std::size_t c = 0; c < chunks.size(); ++c) chunk_id[c] = ids(input.records[chunks[c]].url);
    }

    util::parallel_for(shards.size(), jobs, [&](std::size_t s) {
        std::size_t begin = shards[s], end = s + 1 < shards.size() ? shards[s + 1] : words.size();
        std::string w = "[", t = "[";
        std::map<std::size_t, std::size_t> local;  // term -> index in this shard
        for (std::size_t i = begin; i < end; ++i) {
            auto [it, fresh] = local.emplace(words[i].second, local.size());
            if (fresh) t += (t.size() > 1 ? "," : "") + terms[words[i].second];
            w += i > begin ? ",[" : "[";
            append_json_string(w, *words[i].first);
            w += ',' + std::to_string(it->second) + ']';
        }
        std::string name = "t" + std::to_string(shard_id[s]);
        emit("search/" + name + ".js", register_js(name, "{\"words\":" + w + "],\"terms\":" + t + "]}"));
    });
    terms = {};
    util::parallel_for(chunks.size(), jobs, [&](std::size_t c) {
        std::size_t begin = chunks[c], end = c + 1 < chunks.size() ? chunks[c + 1] : n;
        std::string name = "r" + std::to_string(chunk_id[c]);
        std::string pages = "[", records = "[";
        std::map<std::string, std::size_t> page_of;
        for (std::size_t i = begin; i < end; ++i) {
            auto [it, fresh] = page_of.emplace(record_json[i].page, page_of.size());
            if (fresh) pages += (pages.size() > 1 ? "," : "") + record_json[i].page;
            records += (records.size() > 1 ? ",[" : "[") + std::to_string(it->second) + "," + record_json[i].rest;
        }
        std::string body =
            "{\"first\":[" + std::to_string(groups.group[begin]) + "," + std::to_string(groups.place[begin]) + "],\"sizes\":";
        append_json_string(body, packed_sizes(groups, begin, end));
        body += ",\"pages\":" + pages + "],\"records\":" + records + "]}";
        for (std::size_t i = begin; i < end; ++i) record_json[i] = {};
        emit("search/" + name + ".js", register_js(name, body));
    });
    const Positions themes(input.themes), organizations(input.organizations);
    util::parallel_for(facet_files, jobs, [&](std::size_t f) {
        std::string name = "f" + std::to_string(f);
        emit("search/" + name + ".js", register_js(name, facets_json(input, groups, themes, organizations, f * facet_groups,
                                                                     std::min(groups.size(), (f + 1) * facet_groups))));
    });

    json shard_list = json::array();
    for (std::size_t s = 0; s < shards.size(); ++s)
        shard_list.push_back(json::array({s == 0 ? std::string() : *words[shards[s]].first, shard_id[s]}));
    std::string chunk_list;
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        pack(chunk_list, groups.group[chunks[c]] - (c ? groups.group[chunks[c - 1]] : 0));
        pack(chunk_list, groups.place[chunks[c]]);
    }
    json fold = json::array();
    for (const auto& [cp, f] : index.fold) {
        std::string ch;
        append_utf8(ch, cp);
        fold.push_back(json::array({ch, f.word ? json(f.folded) : json(nullptr)}));
    }
    json stop = json::array();
    for (auto p = stop_words(); *p; ++p) stop.push_back(*p);
    for (auto& [name, body] : vocabulary_files(index, records_of)) emit("search/" + name + ".js", register_js(name, body));
    json manifest = {{"format", 4},          {"records", n},          {"stride", groups.stride}, {"shards", shard_list},
                     {"chunks", chunk_list}, {"chunk_ids", chunk_id}, {"facets", facet_groups},  {"fold", fold},
                     {"stop", stop},         {"gap", kFieldGap},      {"kinds", pairs(kinds())}};
    emit("search/manifest.js", register_js("manifest", dump(manifest)));
    json labels = {{"themes", pairs(input.themes)}, {"orgs", pairs(input.organizations)}};
    emit("search/labels.js", register_js("labels", dump(labels)));
    return files;
}

}  // namespace passage::search
