#include "crossref/crossref.hpp"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <set>
#include <string_view>
#include <unordered_map>

#include "util/parallel.hpp"
#include "util/strings.hpp"

namespace passage::crossref {

namespace {

struct Scheme {
    const char* name;
    const char* kind;
};
constexpr Scheme kSchemes[] = {{"instrument", "instrument"}, {"org", "organization"}, {"doc", "document"},
                               {"rec", "recommendations"},   {"theme", "theme"},      {"annotation", "annotation"},
                               {"fn", "footnote"}};

const char* kind_of_scheme(std::string_view scheme) {
    for (const auto& s : kSchemes)
        if (scheme == s.name) return s.kind;
    return nullptr;
}

std::string snippet_of(const std::string& text) {
    constexpr std::size_t kMax = 240;
    if (text.size() <= kMax) return text;
    std::size_t cut = text.rfind(' ', kMax);
    if (cut == std::string::npos || cut < kMax / 2) cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "…";
}

}  // namespace

std::string page_path(const std::string& kind, const std::string& id) {
    if (kind == "document") return "documents/" + id + ".html";
    if (kind == "instrument") return "instruments/" + id + ".html";
    if (kind == "organization") return "organizations/" + id + ".html";
    if (kind == "recommendations") return "recommendations/" + id + ".html";
    if (kind == "theme") return "themes/" + id + ".html";
    if (kind == "annotation") return "annotations.html#" + id;
    return "index.html";
}

std::string item_anchor(const std::string& number) {
    std::string anchor = "item-" + number;
    std::replace(anchor.begin(), anchor.end(), '.', '-');
    return anchor;
}

bool Graph::has_our_scheme(const std::string& ref) {
    auto colon = ref.find(':');
    return colon != std::string::npos && kind_of_scheme(std::string_view(ref).substr(0, colon));
}

bool Graph::is_external(const std::string& ref) {
    for (const char* p : {"http://", "https://", "mailto:", "ftp://", "tel:"})
        if (util::starts_with(ref, p)) return true;
    return false;
}

std::optional<Target> Graph::resolve(const std::string& ref, const std::string& current_doc, const std::string& file,
                                     util::Position pos, diag::Sink* sink) const {
    auto fail = [&](const std::string& msg, const std::string& hint) -> std::optional<Target> {
        if (sink) sink->error("ref-unknown", file, pos, msg, hint);
        return std::nullopt;
    };
    auto colon = ref.find(':');
    if (colon == std::string::npos) return std::nullopt;
    std::string scheme = ref.substr(0, colon), rest = ref.substr(colon + 1);
    const char* kind = kind_of_scheme(scheme);
    if (!kind) {
        std::vector<std::string> names;
        for (const auto& s : kSchemes) names.push_back(s.name);
        auto c = util::closest(scheme, names);
        return fail("unknown reference scheme \"" + scheme + ":\"", c ? "did you mean \"" + *c + ":\"?" : "use one of instrument:, org:, doc:, rec:, theme:, annotation:, fn:");
    }
    auto suggest = [&](const std::string& name, const std::vector<std::string>& options, const std::string& prefix) {
        auto c = util::closest(name, options);
        return c ? "did you mean \"" + prefix + *c + "\"?" : std::string();
    };
    if (std::string_view(kind) == "footnote") {
        if (current_doc.empty()) return fail("\"fn:\" references work only inside a document", "");
        auto it = doc_anchors.find(current_doc);
        std::string anchor = "fn-" + rest;
        if (it == doc_anchors.end() || !std::binary_search(it->second.begin(), it->second.end(), anchor)) {
            std::vector<std::string> notes;
            if (it != doc_anchors.end())
                for (const auto& a : it->second)
                    if (util::starts_with(a, "fn-")) notes.push_back(a.substr(3));
            return fail("no footnote " + rest + " in this document", suggest(rest, notes, "fn:"));
        }
        return Target{{"document", current_doc, anchor}, page_path("document", current_doc) + "#" + anchor, "Note " + rest, "ref ref-footnote"};
    }
    std::string id = rest, anchor;
    char sep = std::string_view(kind) == "recommendations" ? '/' : '#';
    if (auto p = rest.find(sep); p != std::string::npos) {
        id = rest.substr(0, p);
        anchor = rest.substr(p + 1);
    }
    auto known = ids.find(kind);
    static const std::vector<std::string> none;
    const auto& list = known == ids.end() ? none : known->second;
    if (!std::binary_search(list.begin(), list.end(), id))
        return fail(std::string("unknown ") + kind + " \"" + id + "\"", suggest(id, list, scheme + ":"));
    Target t;
    t.node = {kind, id, ""};
    t.path = page_path(kind, id);
    t.css_class = std::string("ref ref-") + kind;
    if (auto ti = titles.find(std::string(kind) + ":" + id); ti != titles.end()) t.title = ti->second;
    if (!anchor.empty()) {
        if (std::string_view(kind) == "document") {
            const auto& anchors = doc_anchors.at(id);
            if (!std::binary_search(anchors.begin(), anchors.end(), anchor))
                return fail("no anchor \"#" + anchor + "\" in document \"" + id + "\"", suggest(anchor, anchors, "doc:" + id + "#"));
            t.path += "#" + anchor;
        } else if (std::string_view(kind) == "recommendations") {
            const auto& items = rec_items.at(id);
            if (std::find(items.begin(), items.end(), anchor) == items.end())
                return fail("no item " + anchor + " in recommendation set \"" + id + "\"", suggest(anchor, items, "rec:" + id + "/"));
            t.path += "#" + item_anchor(anchor);
        } else {
            return fail(std::string("a reference to ") + kind + " \"" + id + "\" takes no anchor", "remove \"" + std::string(1, sep) + anchor + "\"");
        }
        t.node.anchor = anchor;
    }
    return t;
}

namespace {

void collect_items(const std::vector<content::RecItem>& items, std::vector<std::string>& out) {
    for (const auto& it : items) {
        out.push_back(it.number);
        collect_items(it.items, out);
    }
}

class Builder {
public:
    Builder(const content::Corpus& c, std::vector<markdown::Tree>& trees, diag::Sink& sink, Graph& g, unsigned jobs, MentionMemo* memo)
        : c_(c), trees_(trees), sink_(sink), g_(g), jobs_(jobs), memo_(memo) {}

    void run() {
        index();
        document_links();
        metadata_relations();
        find_mentions(c_, trees_, g_, sink_, jobs_, memo_);
        finish();
        uncited();
    }

private:
    void add_id(const std::string& kind, const std::string& id, const std::string& title) {
        g_.ids[kind].push_back(id);
        g_.titles[kind + ":" + id] = title;
    }

    void index() {
        // Each document's anchors and labelled passages are gathered on `jobs_` threads, then go
        // into the tables in document order (the first of a repeated key stays, as before).
        const std::size_t docs = c_.documents.size();
        std::vector<std::vector<std::pair<std::string, std::string>>> labels(docs);
        std::vector<std::vector<std::string>> anchors(docs);
        util::parallel_for(docs, jobs_, [&](std::size_t i) {
            const auto& d = c_.documents[i];
            anchors[i].assign(trees_[i].anchors.begin(), trees_[i].anchors.end());
            for (const auto& p : trees_[i].passages)
                if (!p.anchor.empty() && !p.label.empty()) labels[i].emplace_back(d.id + "#" + p.anchor, p.label);
        });
        std::size_t label_count = 0;
        for (const auto& l : labels) label_count += l.size();
        g_.anchor_labels.reserve(label_count);
        g_.doc_anchors.reserve(docs);
        g_.titles.reserve(docs + c_.instruments.size() + c_.organizations.size() + c_.recommendations.size() + c_.themes.size() +
                          c_.annotations.size());
        for (std::size_t i = 0; i < docs; ++i) {
            const auto& d = c_.documents[i];
            add_id("document", d.id, d.title);
            g_.doc_anchors[d.id] = std::move(anchors[i]);
            for (auto& [key, label] : labels[i]) g_.anchor_labels.emplace(std::move(key), std::move(label));
        }
        for (const auto& x : c_.instruments) add_id("instrument", x.id, x.short_title.empty() ? x.title : x.short_title);
        for (const auto& x : c_.organizations) add_id("organization", x.id, x.short_name.empty() ? x.name : x.short_name);
        for (const auto& x : c_.recommendations) {
            add_id("recommendations", x.id, x.title);
            collect_items(x.items, g_.rec_items[x.id]);
        }
        std::set<std::string> seen;
        for (const auto& x : c_.themes) {
            if (!seen.insert(x.id).second) sink_.error("content-duplicate-id", x.loc.file, x.loc.pos, "duplicate theme id \"" + x.id + "\"");
            add_id("theme", x.id, x.title);
        }
        for (const auto& x : c_.annotations) add_id("annotation", x.id, x.title);
        for (auto& [_, v] : g_.ids) {
            std::sort(v.begin(), v.end());
            v.erase(std::unique(v.begin(), v.end()), v.end());
        }
    }

    void add_edge(std::string type, NodeRef from, NodeRef to, std::string snippet = {}, std::string label = {}) {
        g_.edges.push_back({std::move(type), std::move(from), std::move(to), std::move(snippet), std::move(label)});
    }

    // The documents are independent: each thread fills the edges of its own, kept in document order.
    void document_links() {
        std::vector<std::vector<Edge>> edges(c_.documents.size());
        util::parallel_for(edges.size(), jobs_, [&](std::size_t i) {
            const auto& d = c_.documents[i];
            auto& tree = trees_[i];
            for (const auto& link : tree.links) {
                if (!Graph::has_our_scheme(link.url)) {
                    check_plain_url(link.url, tree.path, link.pos);
                    continue;
                }
                auto t = g_.resolve(link.url, d.id, tree.path, link.pos, &sink_);
                if (!t) continue;
                const auto& p = tree.passages[link.passage];
                edges[i].push_back({"cites", {"document", d.id, p.anchor}, t->node, snippet_of(p.text), p.label});
            }
        });
        for (auto& list : edges) std::move(list.begin(), list.end(), std::back_inserter(g_.edges));
    }

    void check_plain_url(const std::string& url, const std::string& file, util::Position pos) const {
        if (Graph::is_external(url) || url.empty() || url[0] == '#') return;
        auto colon = url.find(':');
        auto slash = url.find('/');
        if (colon != std::string::npos && (slash == std::string::npos || colon < slash)) {
            std::string scheme = url.substr(0, colon);
            std::vector<std::string> names = {"instrument", "org", "doc", "rec", "theme", "annotation", "fn"};
            auto c = util::closest(scheme, names);
            sink_.error("ref-scheme", file, pos, "unknown reference scheme \"" + scheme + ":\"",
                        c ? "did you mean \"" + *c + ":\"?" : "use instrument:, org:, doc:, rec:, theme:, annotation: or fn:");
        }
    }

    // A relation written in metadata: the id must exist in `kind`.
    void relation(const std::string& type, NodeRef from, const std::string& kind, const content::IdRef& ref) {
        const auto& list = g_.ids[kind];
        if (!std::binary_search(list.begin(), list.end(), ref.value)) {
            auto cand = util::closest(ref.value, list);
            sink_.error("ref-unknown", ref.loc.file, ref.loc.pos, "unknown " + kind + " \"" + ref.value + "\"",
                        cand ? "did you mean \"" + *cand + "\"?" : "");
            return;
        }
        add_edge(type, std::move(from), {kind, ref.value, ""});
    }

    // A relation given as a full reference ("doc:x#p3").
    void reference(const std::string& type, NodeRef from, const content::IdRef& ref, const std::string& label = {}) {
        if (!Graph::has_our_scheme(ref.value)) {
            sink_.error("ref-scheme", ref.loc.file, ref.loc.pos, "\"" + ref.value + "\" is not a reference",
                        "write it as doc:ID#ANCHOR, instrument:ID, rec:SET/N, ...");
            return;
        }
        if (auto t = g_.resolve(ref.value, "", ref.loc.file, ref.loc.pos, &sink_)) add_edge(type, std::move(from), t->node, {}, label);
    }

    void items(const content::RecSet& set, const std::vector<content::RecItem>& list) {
        for (const auto& it : list) {
            NodeRef from{"recommendations", set.id, it.number};
            for (const auto& r : it.instruments) relation("invokes", from, "instrument", r);
            for (const auto& r : it.themes) relation("about", from, "theme", r);
            if (it.source) reference("source", from, *it.source, it.number);
            items(set, it.items);
        }
    }

    void metadata_relations() {
        for (const auto& d : c_.documents) {
            NodeRef from{"document", d.id, ""};
            if (d.organization) relation("issued-by", from, "organization", *d.organization);
            for (const auto& t : d.themes) relation("about", from, "theme", t);
            for (const auto& [phrase, r] : d.context_aliases) {
                if (Graph::has_our_scheme(r.value)) g_.resolve(r.value, d.id, r.loc.file, r.loc.pos, &sink_);
                else sink_.error("ref-scheme", r.loc.file, r.loc.pos, "\"" + r.value + "\" is not a reference", "write instrument:ID or org:ID");
            }
        }
        for (const auto& x : c_.instruments) {
            NodeRef from{"instrument", x.id, ""};
            if (x.body) relation("adopted-by", from, "organization", *x.body);
            if (x.parent) relation("protocol-to", from, "instrument", *x.parent);
            for (const auto& r : x.supplements) relation("supplements", from, "instrument", r);
            for (const auto& r : x.supersedes) relation("supersedes", from, "instrument", r);
            for (const auto& r : x.related) relation("related", from, "instrument", r);
            for (const auto& r : x.themes) relation("about", from, "theme", r);
            for (const auto& f : x.facts)
                if (f.source) reference("source", from, *f.source, f.fact);
        }
        for (const auto& x : c_.organizations) {
            NodeRef from{"organization", x.id, ""};
            if (x.parent) relation("part-of", from, "organization", *x.parent);
            for (const auto& r : x.themes) relation("about", from, "theme", r);
        }
        for (const auto& s : c_.recommendations) {
            NodeRef from{"recommendations", s.id, ""};
            relation("part-of", from, "document", s.document);
            if (s.source) reference("source", from, *s.source);
            if (s.issued_by) relation("issued-by", from, "organization", *s.issued_by);
            for (const auto& r : s.themes) relation("about", from, "theme", r);
            items(s, s.items);
        }
        for (const auto& t : c_.themes)
            if (t.parent) relation("part-of", {"theme", t.id, ""}, "theme", *t.parent);
        for (const auto& a : c_.annotations) {
            NodeRef from{"annotation", a.id, ""};
            reference("annotates", from, a.target);
            for (const auto& r : a.also) reference("annotates", from, r);
            for (const auto& r : a.themes) relation("about", from, "theme", r);
        }
    }

    // An instrument or organization that nothing points at is probably a stray file or a missing alias.
    // REQUIRES: finish() made the indexes.
    void uncited() {
        auto cited = [&](const char* kind, const std::string& id) { return g_.incoming_entity.count({kind, id, ""}) > 0; };
        for (const auto& x : c_.instruments)
            if (!cited("instrument", x.id))
                sink_.warning("entity-uncited", x.path, {}, "instrument \"" + x.id + "\" is cited, mentioned or related nowhere",
                              "add the alias the texts use for it, or reference it");
        for (const auto& x : c_.organizations)
            if (!cited("organization", x.id))
                sink_.warning("entity-uncited", x.path, {}, "organization \"" + x.id + "\" is cited, mentioned or related nowhere",
                              "add the alias the texts use for it, or reference it");
    }

    // Numbers for the ends and types of the edges that sort as they do: equal values get the same
    // number. Found with a hash table, then only the distinct values are sorted, so the edges are
    // sorted by numbers rather than by strings.
    struct Ranks {
        std::vector<std::uint32_t> to, from, type;  // by edge
        std::vector<std::uint32_t> from_entity;     // by edge: the rank of (kind, id) of its source
    };
    // End k of the edges: edges[k / 2].to when k is even, edges[k / 2].from when odd.
    static const NodeRef& end_of_edge(const std::vector<Edge>& edges, std::size_t k) {
        return k % 2 == 0 ? edges[k / 2].to : edges[k / 2].from;
    }

    Ranks rank_edges() const {
        const auto& edges = g_.edges;
        const std::size_t count = edges.size();
        // Each end (see end_of_edge) is hashed once, then numbered within the shard its hash falls
        // in, the shards on `jobs_` threads.
        auto end_at = [&](std::size_t k) -> const NodeRef& { return end_of_edge(edges, k); };
        std::vector<std::size_t> hash(2 * count);
        util::parallel_for_blocks(hash.size(), jobs_, [&](std::size_t k) {
            std::hash<std::string> h;
            const auto& r = end_at(k);
            hash[k] = h(r.kind) ^ (h(r.id) * 31) ^ (h(r.anchor) * 1009);
        });
        struct Hash {
            const std::vector<std::size_t>* hash;
            std::size_t operator()(std::uint32_t k) const { return (*hash)[k]; }
        };
        struct Equal {
            const std::vector<Edge>* edges;
            bool operator()(std::uint32_t a, std::uint32_t b) const { return end_of_edge(*edges, a) == end_of_edge(*edges, b); }
        };
        const std::size_t shards = jobs_ <= 1 ? 1 : std::min<std::size_t>(std::size_t{jobs_} * 8, 256);  // each scans every end
        std::vector<std::uint16_t> shard_of(2 * count);  // not the low bits of the hash, which the tables use
        util::parallel_for_blocks(shard_of.size(), jobs_,
                                  [&](std::size_t k) { shard_of[k] = static_cast<std::uint16_t>((hash[k] >> 7) % shards); });
        std::vector<std::uint32_t> local(2 * count);            // end k's number within its shard
        std::vector<std::vector<std::uint32_t>> first(shards);  // per shard: the first end of each number
        util::parallel_for(shards, jobs_, [&](std::size_t s) {
            std::unordered_map<std::uint32_t, std::uint32_t, Hash, Equal> number(16, Hash{&hash}, Equal{&edges});
            for (std::size_t k = 0; k < hash.size(); ++k) {
                if (shard_of[k] != s) continue;
                auto [it, fresh] = number.try_emplace(static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(first[s].size()));
                if (fresh) first[s].push_back(static_cast<std::uint32_t>(k));
                local[k] = it->second;
            }
        });
        std::vector<std::uint32_t> offset(shards + 1, 0);
        for (std::size_t s = 0; s < shards; ++s) offset[s + 1] = offset[s] + static_cast<std::uint32_t>(first[s].size());
        std::vector<std::uint32_t> by_value(offset[shards]);  // distinct ends, by their global number
        std::vector<std::uint32_t> end_of(offset[shards]);    // global number -> its first end
        for (std::size_t s = 0; s < shards; ++s)
            for (std::size_t n = 0; n < first[s].size(); ++n) end_of[offset[s] + n] = first[s][n];
        // The distinct ends in (kind, id, anchor) order, with no string compared in the sort: each
        // entity (kind and id) and each anchor is numbered once, the few distinct ones are ranked by
        // their strings, and the ends are sorted by the pair of ranks (unique: the ends are distinct).
        const std::size_t distinct = end_of.size();
        std::vector<std::uint32_t> entity_of(distinct), anchor_of(distinct);
        std::vector<const NodeRef*> entities, anchors;  // the first end of each
        {
            struct PairHash {
                std::size_t operator()(const std::pair<std::string_view, std::string_view>& p) const {
                    std::hash<std::string_view> h;
                    return h(p.first) ^ (h(p.second) * 31);
                }
            };
            std::unordered_map<std::pair<std::string_view, std::string_view>, std::uint32_t, PairHash> entity_number;
            std::unordered_map<std::string_view, std::uint32_t> anchor_number;
            entity_number.reserve(distinct / 4 + 16);
            for (std::size_t g = 0; g < distinct; ++g) {
                const NodeRef& r = end_at(end_of[g]);
                auto [e, new_entity] = entity_number.try_emplace({r.kind, r.id}, static_cast<std::uint32_t>(entities.size()));
                if (new_entity) entities.push_back(&r);
                entity_of[g] = e->second;
                auto [a, new_anchor] = anchor_number.try_emplace(r.anchor, static_cast<std::uint32_t>(anchors.size()));
                if (new_anchor) anchors.push_back(&r);
                anchor_of[g] = a->second;
            }
        }
        auto ranked = [](const std::vector<const NodeRef*>& items, auto less) {
            std::vector<std::uint32_t> order(items.size()), rank(items.size());
            for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
            std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return less(*items[a], *items[b]); });
            for (std::uint32_t k = 0; k < order.size(); ++k) rank[order[k]] = k;
            return rank;
        };
        const auto entity_rank =
            ranked(entities, [](const NodeRef& a, const NodeRef& b) { return std::tie(a.kind, a.id) < std::tie(b.kind, b.id); });
        const auto anchor_rank = ranked(anchors, [](const NodeRef& a, const NodeRef& b) { return a.anchor < b.anchor; });
        std::vector<std::uint64_t> key(distinct);
        for (std::size_t g = 0; g < distinct; ++g) key[g] = (std::uint64_t{entity_rank[entity_of[g]]} << 32) | anchor_rank[anchor_of[g]];
        for (std::uint32_t g = 0; g < by_value.size(); ++g) by_value[g] = g;
        util::parallel_stable_sort(by_value.begin(), by_value.end(), jobs_,
                                   [&](std::uint32_t a, std::uint32_t b) { return key[a] < key[b]; });
        std::vector<std::uint32_t> rank(distinct);
        for (std::size_t k = 0; k < distinct; ++k) rank[by_value[k]] = static_cast<std::uint32_t>(k);
        // Types: a handful, numbered in order of first use, then ranked by name.
        std::vector<std::string_view> types;
        std::vector<std::uint32_t> type(count);
        for (std::size_t i = 0; i < count; ++i) {
            auto it = std::find(types.begin(), types.end(), std::string_view(edges[i].type));
            if (it == types.end()) it = types.insert(types.end(), edges[i].type);
            type[i] = static_cast<std::uint32_t>(it - types.begin());
        }
        std::vector<std::uint32_t> type_rank(types.size());
        for (std::size_t n = 0; n < types.size(); ++n)
            type_rank[n] = static_cast<std::uint32_t>(std::count_if(types.begin(), types.end(), [&](std::string_view t) { return t < types[n]; }));
        Ranks r;
        r.to.resize(count);
        r.from.resize(count);
        r.from_entity.resize(count);
        util::parallel_for_blocks(count, jobs_, [&](std::size_t i) {
            auto global = [&](std::size_t k) { return offset[shard_of[k]] + local[k]; };
            const auto to = global(2 * i), from = global(2 * i + 1);
            r.to[i] = rank[to];
            r.from[i] = rank[from];
            r.from_entity[i] = entity_rank[entity_of[from]];
            type[i] = type_rank[type[i]];
        });
        r.type = std::move(type);
        return r;
    }

    void finish() {
        // Edge numbers are sorted rather than the edges themselves (nine strings each), by the ranks
        // of their strings, then the edges are put in that order once.
        const Ranks ranks = rank_edges();
        std::vector<std::size_t> order(g_.edges.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        util::parallel_stable_sort(order.begin(), order.end(), jobs_, [&](std::size_t a, std::size_t b) {
            return std::tie(ranks.to[a], ranks.from[a], ranks.type[a]) < std::tie(ranks.to[b], ranks.from[b], ranks.type[b]);
        });
        // In place, one cycle of the permutation at a time: each edge moves once, and no second
        // array of a quarter of a million edges is allocated (and faulted in) for it.
        {
            std::vector<bool> placed(order.size(), false);
            for (std::size_t start = 0; start < order.size(); ++start) {
                if (placed[start] || order[start] == start) continue;
                Edge held = std::move(g_.edges[start]);
                std::size_t at = start;
                for (std::size_t from = order[at]; from != start; at = from, from = order[at]) {
                    g_.edges[at] = std::move(g_.edges[from]);
                    placed[at] = true;
                }
                g_.edges[at] = std::move(held);
                placed[at] = true;
            }
        }
        // The edges are in the order of their targets now: each target's edges are one run, and each
        // run goes at the end of the index, with no search.
        auto append = [](std::map<NodeRef, std::vector<std::size_t>>& index, const NodeRef& key, std::size_t i) {
            if (index.empty() || !(std::prev(index.end())->first == key)) index.emplace_hint(index.end(), key, std::vector<std::size_t>{});
            std::prev(index.end())->second.push_back(i);
        };
        // Sources: the same, once the edge numbers are in the order of their sources (kind and id).
        std::vector<std::uint32_t> source(g_.edges.size());
        for (std::size_t i = 0; i < order.size(); ++i) source[i] = ranks.from_entity[order[i]];  // edge i was edge order[i]
        std::vector<std::size_t> by_source(g_.edges.size());
        for (std::size_t i = 0; i < by_source.size(); ++i) by_source[i] = i;
        util::parallel_stable_sort(by_source.begin(), by_source.end(), jobs_,
                                   [&](std::size_t a, std::size_t b) { return source[a] < source[b]; });
        // The three indexes are independent of each other.
        util::parallel_for(3, jobs_, [&](std::size_t which) {
            if (which == 0) {
                for (std::size_t i = 0; i < g_.edges.size(); ++i) append(g_.incoming, g_.edges[i].to, i);
            } else if (which == 1) {
                for (std::size_t i = 0; i < g_.edges.size(); ++i)
                    append(g_.incoming_entity, {g_.edges[i].to.kind, g_.edges[i].to.id, ""}, i);
            } else {
                for (auto i : by_source) append(g_.outgoing_entity, {g_.edges[i].from.kind, g_.edges[i].from.id, ""}, i);
            }
        });
    }

    const content::Corpus& c_;
    std::vector<markdown::Tree>& trees_;
    diag::Sink& sink_;
    Graph& g_;
    unsigned jobs_;
    MentionMemo* memo_;
};

}  // namespace

Graph build(const content::Corpus& corpus, std::vector<markdown::Tree>& trees, diag::Sink& sink, unsigned jobs, MentionMemo* memo) {
    Graph g;
    Builder(corpus, trees, sink, g, jobs, memo).run();
    return g;
}

}  // namespace passage::crossref
