// The pages of the site: which there are, and what each is made from.
#include "render/pages.hpp"

#include <algorithm>

#include "util/parallel.hpp"
#include "util/strings.hpp"

namespace passage::render {

using crossref::Kind;
using crossref::NodeId;

namespace {

// Document id -> passage anchor ("" for the whole document) -> the annotations that target it, in
// the order of the corpus. A target "doc:ID#ANCHOR" is filed under each split at a '#'.
std::map<std::string, std::map<std::string, std::vector<const content::Annotation*>>> notes_by_document(const content::Corpus& c) {
    std::map<std::string, std::map<std::string, std::vector<const content::Annotation*>>> out;
    for (const auto& a : c.annotations) {
        const auto& t = a.target.value;
        if (!t.starts_with("doc:")) continue;
        std::string rest = t.substr(4);
        out[rest][""].push_back(&a);
        for (auto hash = rest.find('#'); hash != std::string::npos; hash = rest.find('#', hash + 1))
            out[rest.substr(0, hash)][rest.substr(hash + 1)].push_back(&a);
    }
    return out;
}

std::string name_of(const content::Instrument& x) {
    return util::to_lower_ascii(x.short_title.empty() ? x.title : x.short_title);
}
std::string name_of(const content::Organization& x) {
    return util::to_lower_ascii(x.short_name.empty() ? x.name : x.short_name);
}

}  // namespace

Pages::Pages(const content::Corpus& corpus, const crossref::Graph& graph, const std::vector<markdown::Extract>& extracts,
             const std::vector<Body>& bodies, const Build& build, const Budget& budget)
    : state_(std::make_unique<State>(corpus, graph, extracts, bodies, build, budget)) {
    auto& st = *state_;
    const auto& names = graph.names();
    const std::size_t nodes = names.nodes().size();
    st.citations.resize(nodes);
    util::parallel_for(nodes, build.jobs, [&](std::size_t n) { st.citations[n] = citations_of(graph, static_cast<NodeId>(n)); });
    st.discussions.resize(nodes);
    for (NodeId n = 0; n < nodes; ++n)
        if (names.node(n).kind == Kind::theme) st.discussions[n] = discussions_of(graph, n);
    st.notes = notes_by_document(corpus);
    for (const auto& x : corpus.instruments) {
        st.instruments_by_name.push_back(&x);
        if (!x.adopted.empty()) st.timeline.push_back(&x);
    }
    std::sort(st.instruments_by_name.begin(), st.instruments_by_name.end(),
              [](auto* a, auto* b) { return std::make_pair(name_of(*a), a->id) < std::make_pair(name_of(*b), b->id); });
    std::sort(st.timeline.begin(), st.timeline.end(),
              [](auto* a, auto* b) { return std::tie(a->adopted, a->id) < std::tie(b->adopted, b->id); });
    for (const auto& x : corpus.organizations) st.organizations_by_name.push_back(&x);
    std::sort(st.organizations_by_name.begin(), st.organizations_by_name.end(),
              [](auto* a, auto* b) { return std::make_pair(name_of(*a), a->id) < std::make_pair(name_of(*b), b->id); });

    // Each node's own sources, for inputs().
    st.node_sources.resize(nodes);
    {
        std::map<std::string, std::uint64_t> organizations;
        for (const auto& o : corpus.organizations) organizations[o.id] = o.source_hash;
        auto of = [&](const std::optional<content::IdRef>& org) {
            return org && organizations.count(org->value) ? organizations[org->value] : 0;
        };
        st.corpus_index.resize(nodes);
        auto set = [&](Kind kind, const std::string& id, std::size_t index, std::uint64_t own, std::uint64_t other = 0) {
            const NodeId n = names.find(kind, id);
            if (n == crossref::kNoNode) return;
            st.node_sources[n] = util::Hasher().number(own).number(other).value128();
            st.corpus_index[n] = index;
        };
        // A document's or an instrument's structured data names the organization behind it.
        const auto& c = corpus;
        for (std::size_t i = 0; i < c.documents.size(); ++i)
            set(Kind::document, c.documents[i].id, i, c.documents[i].source_hash, of(c.documents[i].organization));
        for (std::size_t i = 0; i < c.instruments.size(); ++i)
            set(Kind::instrument, c.instruments[i].id, i, c.instruments[i].source_hash, of(c.instruments[i].body));
        for (std::size_t i = 0; i < c.organizations.size(); ++i) set(Kind::organization, c.organizations[i].id, i, c.organizations[i].source_hash);
        for (std::size_t i = 0; i < c.recommendations.size(); ++i)
            set(Kind::recommendations, c.recommendations[i].id, i, c.recommendations[i].source_hash);
        for (std::size_t i = 0; i < c.themes.size(); ++i) set(Kind::theme, c.themes[i].id, i, c.themes[i].source_hash);
        for (std::size_t i = 0; i < c.annotations.size(); ++i) set(Kind::annotation, c.annotations[i].id, i, c.annotations[i].source_hash);
    }

    std::vector<std::pair<std::string, State::Entry>> all;
    for (NodeId n = 0; n < nodes; ++n) {
        const auto& node = names.node(n);
        all.push_back({crossref::page_path(crossref::kind_name(node.kind), node.id), {State::Kind::node, n, 1, 0}});
        for (std::size_t k = 1, pages = cited_pages(budget, st.citations[n].size()); k <= pages; ++k)
            all.push_back({cited_page_path(graph, n, k), {State::Kind::cited, n, k, 0}});
        for (std::size_t k = 1, pages = passages_pages(budget, st.discussions[n].size()); k <= pages; ++k)
            all.push_back({passages_page_path(graph, n, k), {State::Kind::passages, n, k, 0}});
        const auto& relations = relations_of(node.kind);
        for (std::size_t r = 0; r < relations.size(); ++r) {
            const std::size_t count = related_nodes(graph, n, relations[r]).size();
            if (count <= budget.related) continue;
            for (std::size_t k = 1, pages = st.list_pages(count); k <= pages; ++k)
                all.push_back({related_page_path(graph, n, relations[r], k), {State::Kind::related, n, k, r}});
        }
    }
    for (std::size_t kind = 0; kind <= static_cast<std::size_t>(IndexKind::not_found); ++kind) {
        const auto ik = static_cast<IndexKind>(kind);
        const bool listed = ik != IndexKind::home && ik != IndexKind::search && ik != IndexKind::not_found;
        const std::size_t pages = listed ? st.list_pages(index_entries(st, ik)) : 1;
        for (std::size_t k = 1; k <= pages; ++k) all.push_back({index_page_path(ik, k), {State::Kind::index, crossref::kNoNode, k, kind}});
    }
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [path, entry] : all) {
        paths_.push_back(std::move(path));
        st.entries.push_back(entry);
    }
}

Pages::~Pages() = default;

Page Pages::page(std::size_t i, diag::Sink& sink) const {
    const auto& st = *state_;
    const auto cx = st.context(sink);
    const auto& e = st.entries[i];
    switch (e.kind) {
        case State::Kind::node:
            if (st.graph.names().node(e.node).kind == Kind::document)
                return document_page(st, cx, e.node);  // documents are the first nodes, in corpus order
            return entity_page(st, cx, e.node);
        case State::Kind::cited:
            return cited_page(cx, e.node, st.citations[e.node], e.page);
        case State::Kind::related:
            return related_page(st, cx, e.node, relations_of(st.graph.names().node(e.node).kind)[e.which], e.page);
        case State::Kind::passages:
            return passages_page(st, cx, e.node, e.page);
        case State::Kind::index:
            break;
    }
    return index_page(st, cx, static_cast<IndexKind>(e.which), e.page);
}

// --- inputs ----------------------------------------------------------------------------------

namespace {

// The references written in Markdown kept in metadata (summaries, editorial notes, descriptions,
// introductions): "](doc:x#p3)" and the like. Found by a plain scan, which may find more than
// Markdown would make links of: their titles go into what every page is made from.
std::vector<std::string> metadata_references(const content::Corpus& c) {
    std::vector<std::string> out;
    auto scan = [&](const std::string& text) {
        for (auto at = text.find("]("); at != std::string::npos; at = text.find("](", at + 2)) {
            const auto end = text.find_first_of(") \t\n", at + 2);
            std::string ref = text.substr(at + 2, end == std::string::npos ? std::string::npos : end - at - 2);
            if (crossref::has_our_scheme(ref)) out.push_back(std::move(ref));
        }
    };
    for (const auto& d : c.documents) scan(d.summary);
    for (const auto& x : c.instruments) scan(x.annotation);
    for (const auto& x : c.organizations) scan(x.description);
    for (const auto& x : c.recommendations) scan(x.intro);
    for (const auto& x : c.annotations) scan(x.body);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// What every page may show of the rest of the site: site.json, the generator and the budget; the
// names of every instrument and organization, which Markdown in metadata mentions; what the
// references written in that Markdown lead to. Every other node a page shows is at the other end
// of one of its edges (hashed with its title, see arc_hash) or its neighbour in reading order.
util::Hash128 shared_inputs(const Pages::State& st) {
    util::Hasher h("render.shared/1");
    h.number(st.corpus.site.source_hash).add(st.build.generator).add(st.build.version).hash(st.graph.names().aliases_fingerprint());
    const auto& b = st.budget;
    for (auto n : {b.list, b.related, b.cited, b.sources, b.cited_page, b.margin, b.home}) h.number(n);
    for (const auto& ref : metadata_references(st.corpus)) {
        auto t = st.graph.names().target(ref, "");
        h.add(ref).add(t ? t->path + "\n" + t->title : std::string("\x01"));
    }
    return h.value128();
}

// An arc as pages show it: its type, its ends (by kind and id, for node numbers move when a
// document comes or goes, and by title), labels, count and snippet, and for a document passage it
// points to, that passage's label.
util::Hash128 arc_hash(const crossref::Graph& g, const crossref::Graph::Arc& a) {
    const auto& from = g.names().node(a.from);
    const auto& to = g.names().node(a.to);
    util::Hasher h;
    h.number(static_cast<std::uint64_t>(a.type)).number(static_cast<std::uint64_t>(from.kind)).add(from.id).add(from.title);
    h.number(static_cast<std::uint64_t>(to.kind)).add(to.id).add(to.title).add(g.text(a.from_anchor)).add(g.text(a.to_anchor));
    h.add(g.source_label(a)).number(a.count).add(a.snippet);
    if (a.to_anchor != 0 && to.kind == Kind::document) h.add(g.label(a.to, g.text(a.to_anchor)));
    return h.value128();
}

}  // namespace

util::Hash128 Pages::inputs(std::size_t i) const {
    const auto& st = *state_;
    const auto& g = st.graph;
    const auto& names = g.names();
    std::call_once(st.inputs_once, [&] {  // a build without the cache never asks
        st.shared = shared_inputs(st);
        st.arc_hashes.resize(g.arcs().size());
        util::parallel_for(g.arcs().size(), st.build.jobs, [&](std::size_t a) { st.arc_hashes[a] = arc_hash(g, g.arcs()[a]); });
    });
    const auto& e = st.entries[i];
    util::Hasher h("render.page/1");
    h.hash(st.shared).add(paths_[i]).number(static_cast<std::uint64_t>(e.kind)).number(e.page).number(e.which);
    auto arcs = [&](std::span<const std::uint32_t> list) {
        h.number(list.size());
        for (auto a : list) h.hash(st.arc_hashes[a]);
    };
    auto context_sources = [&](const Citation& c) {
        const auto kind = names.node(c.source).kind;
        if (kind == Kind::annotation || kind == Kind::recommendations || kind == Kind::instrument) h.hash(st.node_sources[c.source]);
    };
    switch (e.kind) {
        case State::Kind::node: {
            // Its own sources, every edge into it and out of it (who cites it, its relations), and for a
            // document its body, the notes on it and its neighbours in reading order.
            h.hash(st.node_sources[e.node]);
            arcs(g.incoming(e.node));
            arcs(g.outgoing(e.node));
            if (names.node(e.node).kind == Kind::document) {
                const auto& body = st.bodies[e.node];
                h.number(body.pieces.size());
                for (const auto& p : body.pieces) h.add(p);
                h.strings(body.numbered);
                for (const auto& [label, html] : body.footnotes) h.add(label).add(html);
                const auto& docs = st.corpus.documents;
                for (const auto* near : {e.node > 0 ? &docs[e.node - 1] : nullptr, e.node + 1 < docs.size() ? &docs[e.node + 1] : nullptr})
                    h.add(near ? near->id + "\n" + near->title : std::string("\x01"));
            }
            // What cites it from an editorial note, a recommendation item or a dated fact shows the note's
            // text, the item's or the fact's.
            for (const auto& c : st.citations[e.node]) context_sources(c);
            // A theme's page shows a few of the passages that discuss it.
            if (!st.discussions[e.node].empty()) h.hash(discussions_hash(st, e.node, discussions_shown(st.budget, st.discussions[e.node])));
            break;
        }
        case State::Kind::cited: {
            const auto& list = st.citations[e.node];
            h.number(list.size());
            const std::size_t begin = (e.page - 1) * st.budget.cited_page, end = std::min(list.size(), begin + st.budget.cited_page);
            for (std::size_t k = begin; k < end; ++k) {
                h.hash(st.arc_hashes[list[k].arc]).number(list[k].count);
                context_sources(list[k]);
            }
            break;
        }
        case State::Kind::related: {
            const auto all = related_nodes(g, e.node, relations_of(names.node(e.node).kind)[e.which]);
            h.number(all.size());
            const std::size_t begin = (e.page - 1) * st.budget.list, end = std::min(all.size(), begin + st.budget.list);
            for (std::size_t k = begin; k < end; ++k) {
                const auto& n = names.node(all[k].first);
                h.number(static_cast<std::uint64_t>(n.kind)).add(n.id).add(n.title).add(g.text(all[k].second));
            }
            break;
        }
        case State::Kind::passages: {
            const std::size_t count = st.discussions[e.node].size();
            const std::size_t begin = (e.page - 1) * st.budget.cited_page, end = std::min(count, begin + st.budget.cited_page);
            std::vector<std::size_t> shown;
            for (std::size_t k = begin; k < end; ++k) shown.push_back(k);
            h.hash(discussions_hash(st, e.node, shown)).add(names.node(e.node).title);
            break;
        }
        case State::Kind::index: {
            // The lists name every document, instrument, ... by its metadata, not its text.
            for (const auto& d : st.corpus.documents) h.number(d.metadata_hash);
            for (const auto& x : st.corpus.instruments) h.number(x.source_hash);
            for (const auto& x : st.corpus.organizations) h.number(x.source_hash);
            for (const auto& x : st.corpus.recommendations) h.number(x.source_hash);
            for (const auto& x : st.corpus.themes) h.number(x.source_hash);
            for (const auto& x : st.corpus.annotations) h.number(x.source_hash);
            break;
        }
    }
    return h.value128();
}

util::Hash128 Pages::graph_inputs() const {
    const auto& st = *state_;
    const auto& g = st.graph;
    util::Hasher h("render.graph/2");
    h.add(st.corpus.site.title).hash(g.names().fingerprint()).number(g.arcs().size());
    for (const auto& a : g.arcs())
        h.number(static_cast<std::uint64_t>(a.type))
            .number(a.from)
            .number(a.to)
            .add(g.text(a.from_anchor))
            .add(g.text(a.to_anchor))
            .number(a.count);
    return h.value128();
}

}  // namespace passage::render
