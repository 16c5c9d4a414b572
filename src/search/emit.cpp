// The index as files. Each file is one line: passageSearchRegister("<name>", <JSON>);
//
// manifest.js, name "manifest":
//   {"format": 1, "records": N,
//    "shards": [[first surface, file name], ...]   term shard i holds the surfaces from its first up
//                                                   to the next shard's first (code point order);
//                                                   the first shard's first is ""
//    "chunks": [[first record, file name], ...]     record chunk i holds records from its first on
//    "fold":   [[character, folded], ...]           every non-ASCII code point of the corpus, by code
//                                                   point; folded is a string (a word character,
//                                                   maybe folding to "") or null (a separator)
//    "stop":   [folded word, ...]                   not indexed; they still take a position
//    "gap": 8, "kinds": [[id, label]], "themes": [[id, title]], "orgs": [[id, name]],
//    "profiles": [[kind, year or 0, org or -1, [theme, ...]], ...]   indexes into kinds/orgs/themes
//    "rp": [profile of record 0, of record 1, ...]}
// tNN.js, a term shard:
//   {"words": [[surface, term], ...]                sorted; term indexes "terms"
//    "terms": [[stem, [surface, ...], postings]]    every surface of the stem, in any shard;
//                                                   postings flat: record delta (from the previous
//                                                   posting; the first is absolute), weight, count of
//                                                   positions, then the positions, delta-coded}
// rNN.js, a record chunk:
//   {"first": n, "records": [[url, [title path], text], ...]}
#include <algorithm>
#include <cctype>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "search/index.hpp"
#include "search/stem.hpp"

namespace passage::search {

namespace {

using nlohmann::json;

std::string dump(const json& j) {
    return script_safe_json(j.dump(-1, ' ', true, json::error_handler_t::replace));
}

std::string register_js(const std::string& name, const json& data) {
    return "passageSearchRegister(\"" + name + "\"," + dump(data) + ");\n";
}

std::string file_name(char prefix, std::size_t i, std::size_t count) {
    char buf[32];
    std::snprintf(buf, sizeof buf, count > 100 ? "%c%03zu" : "%c%02zu", prefix, i);
    return buf;
}

json term_json(const Term& t) {
    json postings = json::array();
    std::uint32_t last = 0;
    for (const auto& p : t.postings) {
        postings.push_back(p.record - last);
        last = p.record;
        postings.push_back(p.weight);
        postings.push_back(p.positions.size());
        std::uint32_t prev = 0;
        for (auto pos : p.positions) {
            postings.push_back(pos - prev);
            prev = pos;
        }
    }
    return json::array({t.stem, t.surfaces, std::move(postings)});
}

// Splits the sorted surfaces into contiguous ranges of about `target` bytes. Returns the index (in
// surface order) of the first surface of each shard.
std::vector<std::size_t> shard_starts(const Index& index, const std::vector<std::size_t>& term_bytes, std::size_t target) {
    std::vector<std::size_t> starts;
    std::size_t size = 0, i = 0;
    std::vector<bool> in_shard(index.terms.size(), false);
    std::vector<std::size_t> members;
    for (const auto& [surface, term] : index.surfaces) {
        std::size_t cost = surface.size() + 12 + (in_shard[term] ? 0 : term_bytes[term]);
        if (starts.empty() || (size > 0 && size + cost > target)) {
            starts.push_back(i);
            for (auto m : members) in_shard[m] = false;
            members.clear();
            size = 0;
            cost = surface.size() + 12 + term_bytes[term];
        }
        if (!in_shard[term]) {
            in_shard[term] = true;
            members.push_back(term);
        }
        size += cost;
        ++i;
    }
    return starts;
}

std::vector<std::size_t> chunk_starts(const std::vector<std::string>& record_json, std::size_t target) {
    std::vector<std::size_t> starts;
    std::size_t size = 0;
    for (std::size_t i = 0; i < record_json.size(); ++i) {
        if (starts.empty() || (size > 0 && size + record_json[i].size() > target)) {
            starts.push_back(i);
            size = 0;
        }
        size += record_json[i].size() + 1;
    }
    return starts;
}

template <typename T>
int index_of(const std::vector<std::pair<std::string, std::string>>& list, const T& id) {
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].first == id) return static_cast<int>(i);
    return -1;
}

json profiles(const Input& in, json& per_record) {
    std::map<json, std::size_t> seen;
    json out = json::array();
    per_record = json::array();
    for (const auto& r : in.records) {
        json themes = json::array();
        for (const auto& t : r.themes)
            if (int k = index_of(in.themes, t); k >= 0) themes.push_back(k);
        int year = 0;
        if (r.year.size() == 4 && std::all_of(r.year.begin(), r.year.end(), [](unsigned char c) { return std::isdigit(c) != 0; }))
            year = std::stoi(r.year);
        json p = json::array({index_of(kinds(), r.kind), year, index_of(in.organizations, r.organization), themes});
        auto [it, fresh] = seen.emplace(p, out.size());
        if (fresh) out.push_back(p);
        per_record.push_back(it->second);
    }
    return out;
}

json pairs(const std::vector<std::pair<std::string, std::string>>& list) {
    json out = json::array();
    for (const auto& [a, b] : list) out.push_back(json::array({a, b}));
    return out;
}

}  // namespace

std::string script_safe_json(const std::string& dumped) {
    std::string out;
    out.reserve(dumped.size());
    for (std::size_t i = 0; i < dumped.size(); ++i) {
        char c = dumped[i];
        if (c == '<')
            out += "\\u003c";
        else if (c == '>')
            out += "\\u003e";
        else if (c == '&')
            out += "\\u0026";
        else if (dumped.compare(i, 3, "\xE2\x80\xA8") == 0) {
            out += "\\u2028";
            i += 2;
        } else if (dumped.compare(i, 3, "\xE2\x80\xA9") == 0) {
            out += "\\u2029";
            i += 2;
        } else
            out += c;
    }
    return out;
}

std::map<std::string, std::string> index_files(const Input& input, const Options& options) {
    std::map<std::string, std::string> files;
    Index index = build_index(input.records);

    std::vector<json> terms;
    std::vector<std::size_t> term_bytes;
    for (const auto& t : index.terms) {
        terms.push_back(term_json(t));
        term_bytes.push_back(terms.back().dump().size() + 1);
    }
    std::vector<std::string> record_json;
    for (std::uint32_t i = 0; i < input.records.size(); ++i) {
        const auto& r = input.records[i];
        record_json.push_back(dump(json::array({r.url, r.path, r.text})));
    }

    std::size_t shard_target = options.shard_bytes, chunk_target = options.chunk_bytes;
    std::vector<std::size_t> shards, chunks;
    for (;;) {
        shards = shard_starts(index, term_bytes, shard_target);
        chunks = chunk_starts(record_json, chunk_target);
        if (shards.size() + chunks.size() <= options.max_files) break;
        shard_target *= 2;
        chunk_target *= 2;
    }

    json shard_list = json::array();
    std::vector<std::pair<std::string, std::size_t>> words(index.surfaces.begin(), index.surfaces.end());
    for (std::size_t s = 0; s < shards.size(); ++s) {
        std::size_t begin = shards[s], end = s + 1 < shards.size() ? shards[s + 1] : words.size();
        std::string name = file_name('t', s, shards.size());
        shard_list.push_back(json::array({s == 0 ? std::string() : words[begin].first, name}));
        json w = json::array(), t = json::array();
        std::map<std::size_t, std::size_t> local;  // term -> index in this shard
        for (std::size_t i = begin; i < end; ++i) {
            auto [it, fresh] = local.emplace(words[i].second, local.size());
            if (fresh) t.push_back(terms[words[i].second]);
            w.push_back(json::array({words[i].first, it->second}));
        }
        files["search/" + name + ".js"] = register_js(name, {{"words", std::move(w)}, {"terms", std::move(t)}});
    }

    json chunk_list = json::array();
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        std::size_t begin = chunks[c], end = c + 1 < chunks.size() ? chunks[c + 1] : record_json.size();
        std::string name = file_name('r', c, chunks.size());
        chunk_list.push_back(json::array({begin, name}));
        std::string body = "{\"first\":" + std::to_string(begin) + ",\"records\":[";
        for (std::size_t i = begin; i < end; ++i) body += (i > begin ? "," : "") + record_json[i];
        files["search/" + name + ".js"] = "passageSearchRegister(\"" + name + "\"," + body + "]});\n";
    }

    json fold = json::array();
    for (const auto& [cp, f] : index.fold) {
        std::string ch;
        append_utf8(ch, cp);
        fold.push_back(json::array({ch, f.word ? json(f.folded) : json(nullptr)}));
    }
    json stop = json::array();
    for (auto p = stop_words(); *p; ++p) stop.push_back(*p);
    json rp;
    json prof = profiles(input, rp);
    json manifest = {{"format", 1},
                     {"records", input.records.size()},
                     {"shards", shard_list},
                     {"chunks", chunk_list},
                     {"fold", fold},
                     {"stop", stop},
                     {"gap", kFieldGap},
                     {"kinds", pairs(kinds())},
                     {"themes", pairs(input.themes)},
                     {"orgs", pairs(input.organizations)},
                     {"profiles", prof},
                     {"rp", rp}};
    files["search/manifest.js"] = register_js("manifest", manifest);
    return files;
}

}  // namespace passage::search
