// Building the graph: every reference of the documents and of the metadata checked and made an edge;
// the reverse relations indexed.
#include <algorithm>
#include <iterator>
#include <set>
#include <unordered_map>

#include "crossref/crossref.hpp"
#include "util/parallel.hpp"
#include "util/strings.hpp"

namespace passage::crossref {

namespace {

std::string snippet_of(const std::string& text) {
    constexpr std::size_t kMax = 240;
    if (text.size() <= kMax) return text;
    std::size_t cut = text.rfind(' ', kMax);
    if (cut == std::string::npos || cut < kMax / 2) cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "…";
}

}  // namespace

class GraphBuilder {
public:
    GraphBuilder(const content::Corpus& c, std::shared_ptr<const Names> names, const std::vector<markdown::Extract>& extracts,
                 const std::vector<DocumentMentions>& mentions, diag::Sink& sink, Graph& g, unsigned jobs)
        : c_(c), extracts_(extracts), mentions_(mentions), sink_(sink), g_(g), names_(*names), jobs_(jobs) {
        g_.names_ = std::move(names);
    }

    void run() {
        anchors();
        document_edges();
        std::vector<Edge> relations;
        metadata_relations(relations);
        for (auto& e : relations) add(e);
        index();
        uncited();
        unused_aliases();
    }

private:
    // Each document's anchors and the labels of its passages.
    void anchors() {
        const std::size_t nodes = names_.nodes().size();
        g_.doc_anchors_.resize(nodes);
        g_.doc_passages_.resize(nodes);
        util::parallel_for(std::min(c_.documents.size(), extracts_.size()), jobs_, [&](std::size_t i) {
            const NodeId n = names_.find(Kind::document, c_.documents[i].id);
            if (n == kNoNode || !g_.doc_anchors_[n].empty()) return;  // a repeated id: the first document stays
            g_.doc_anchors_[n] = extracts_[i].anchors;
            auto& passages = g_.doc_passages_[n];
            for (const auto& p : extracts_[i].passages)
                if (!p.anchor.empty())
                    passages.try_emplace(p.anchor, Graph::Passage{static_cast<std::uint32_t>(passages.size() + 1), p.label});
        });
    }

    // The references written in each document (checked now that every anchor is known), then its
    // mentions: each document's links on its own thread, all of them joined in reading order.
    void document_edges() {
        const std::size_t docs = std::min(c_.documents.size(), extracts_.size());
        std::vector<std::vector<Edge>> links(docs);
        util::parallel_for(docs, jobs_, [&](std::size_t i) {
            const auto& d = c_.documents[i];
            const auto& x = extracts_[i];
            for (const auto& link : x.links) {
                if (!has_our_scheme(link.url)) {
                    check_plain_url(link.url, x.path, link.pos);
                    continue;
                }
                auto t = g_.resolve(link.url, d.id, x.path, link.pos, &sink_);
                if (!t) continue;
                const auto& p = x.passages[link.passage];
                links[i].push_back({"cites", {"document", d.id, p.anchor}, t->node, snippet_of(p.text), p.label});
            }
        });
        for (std::size_t i = 0; i < docs; ++i) {
            for (const auto& e : links[i]) add(e);
            links[i] = {};
            if (i < mentions_.size())
                for (const auto& e : mentions_[i].edges) add(e);
        }
    }

    void check_plain_url(const std::string& url, const std::string& file, util::Position pos) const {
        if (is_external(url) || url.empty() || url[0] == '#') return;
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
    void relation(std::vector<Edge>& out, const std::string& type, NodeRef from, const std::string& kind, const content::IdRef& ref) {
        const auto k = *kind_named(kind);
        if (names_.find(k, ref.value) == kNoNode) {
            auto cand = util::closest(ref.value, names_.ids(k));
            sink_.error("ref-unknown", ref.loc.file, ref.loc.pos, "unknown " + kind + " \"" + ref.value + "\"",
                        cand ? "did you mean \"" + *cand + "\"?" : "");
            return;
        }
        out.push_back({type, std::move(from), {kind, ref.value, ""}, {}, {}});
    }

    // A relation given as a full reference ("doc:x#p3").
    void reference(std::vector<Edge>& out, const std::string& type, NodeRef from, const content::IdRef& ref,
                   const std::string& label = {}) {
        if (!has_our_scheme(ref.value)) {
            sink_.error("ref-scheme", ref.loc.file, ref.loc.pos, "\"" + ref.value + "\" is not a reference",
                        "write it as doc:ID#ANCHOR, instrument:ID, rec:SET/N, ...");
            return;
        }
        if (auto t = g_.resolve(ref.value, "", ref.loc.file, ref.loc.pos, &sink_))
            out.push_back({type, std::move(from), t->node, {}, label});
    }

    void items(std::vector<Edge>& out, const content::RecSet& set, const std::vector<content::RecItem>& list) {
        for (const auto& it : list) {
            NodeRef from{"recommendations", set.id, it.number};
            for (const auto& r : it.instruments) relation(out, "invokes", from, "instrument", r);
            for (const auto& r : it.themes) relation(out, "about", from, "theme", r);
            if (it.source) reference(out, "source", from, *it.source, it.number);
            items(out, set, it.items);
        }
    }

    void metadata_relations(std::vector<Edge>& out) {
        for (const auto& d : c_.documents) {
            NodeRef from{"document", d.id, ""};
            if (d.organization) relation(out, "issued-by", from, "organization", *d.organization);
            for (const auto& t : d.themes) relation(out, "about", from, "theme", t);
            for (const auto& [phrase, r] : d.context_aliases) {
                if (has_our_scheme(r.value))
                    g_.resolve(r.value, d.id, r.loc.file, r.loc.pos, &sink_);
                else
                    sink_.error("ref-scheme", r.loc.file, r.loc.pos, "\"" + r.value + "\" is not a reference",
                                "write instrument:ID or org:ID");
            }
        }
        for (const auto& x : c_.instruments) {
            NodeRef from{"instrument", x.id, ""};
            if (x.body) relation(out, "adopted-by", from, "organization", *x.body);
            if (x.parent) relation(out, "protocol-to", from, "instrument", *x.parent);
            for (const auto& r : x.supplements) relation(out, "supplements", from, "instrument", r);
            for (const auto& r : x.supersedes) relation(out, "supersedes", from, "instrument", r);
            for (const auto& r : x.related) relation(out, "related", from, "instrument", r);
            for (const auto& r : x.themes) relation(out, "about", from, "theme", r);
            for (const auto& f : x.facts)
                if (f.source) reference(out, "source", from, *f.source, f.fact);
        }
        for (const auto& x : c_.organizations) {
            NodeRef from{"organization", x.id, ""};
            if (x.parent) relation(out, "part-of", from, "organization", *x.parent);
            for (const auto& r : x.themes) relation(out, "about", from, "theme", r);
        }
        for (const auto& s : c_.recommendations) {
            NodeRef from{"recommendations", s.id, ""};
            relation(out, "part-of", from, "document", s.document);
            if (s.source) reference(out, "source", from, *s.source);
            if (s.issued_by) relation(out, "issued-by", from, "organization", *s.issued_by);
            for (const auto& r : s.themes) relation(out, "about", from, "theme", r);
            items(out, s, s.items);
        }
        for (const auto& t : c_.themes)
            if (t.parent) relation(out, "part-of", {"theme", t.id, ""}, "theme", *t.parent);
        for (const auto& a : c_.annotations) {
            NodeRef from{"annotation", a.id, ""};
            reference(out, "annotates", from, a.target);
            for (const auto& r : a.also) reference(out, "annotates", from, r);
            for (const auto& r : a.themes) relation(out, "about", from, "theme", r);
        }
    }

    // An edge as an arc: node numbers for ids, string numbers for anchors and labels.
    void add(const Edge& e) {
        Graph::Arc a;
        a.type = *type_named(e.type);
        a.from = names_.find(e.from.kind, e.from.id);
        a.to = names_.find(e.to.kind, e.to.id);
        if (a.from == kNoNode || a.to == kNoNode) return;  // checked before: cannot happen
        a.from_anchor = intern(e.from.anchor);
        a.to_anchor = intern(e.to.anchor);
        a.from_label = intern(e.from_label);
        a.count = e.count;
        a.snippet = e.snippet;
        g_.arcs_.push_back(std::move(a));
    }
    std::uint32_t intern(const std::string& s) {
        if (s.empty()) return 0;
        auto [it, fresh] = number_.try_emplace(s, static_cast<std::uint32_t>(g_.strings_.size()));
        if (fresh) g_.strings_.push_back(s);
        return it->second;
    }

    // Incoming and outgoing arcs per node, each list in arcs() order: a counting sort by node.
    void index() {
        const std::size_t nodes = names_.nodes().size();
        auto by = [&](auto end, std::vector<std::uint32_t>& offsets, std::vector<std::uint32_t>& list) {
            offsets.assign(nodes + 1, 0);
            for (const auto& a : g_.arcs_) ++offsets[end(a) + 1];
            for (std::size_t n = 0; n < nodes; ++n) offsets[n + 1] += offsets[n];
            list.resize(g_.arcs_.size());
            std::vector<std::uint32_t> next(offsets.begin(), offsets.end() - 1);
            for (std::uint32_t i = 0; i < g_.arcs_.size(); ++i) list[next[end(g_.arcs_[i])]++] = i;
        };
        by([](const Graph::Arc& a) { return a.to; }, g_.in_offsets_, g_.in_arcs_);
        by([](const Graph::Arc& a) { return a.from; }, g_.out_offsets_, g_.out_arcs_);
    }

    // An instrument or organization that nothing points at is probably a stray file or a missing alias.
    void uncited() {
        auto check = [&](Kind kind, const std::string& id, const std::string& path, const char* what) {
            const NodeId n = names_.find(kind, id);
            if (n != kNoNode && g_.incoming(n).empty())
                sink_.warning("entity-uncited", path, {}, std::string(what) + " \"" + id + "\" is cited, mentioned or related nowhere",
                              "add the alias the texts use for it, or reference it");
        };
        for (const auto& x : c_.instruments) check(Kind::instrument, x.id, x.path, "instrument");
        for (const auto& x : c_.organizations) check(Kind::organization, x.id, x.path, "organization");
    }

    // An alias that occurs nowhere is worth knowing about, but not wrong. One that lost every time to
    // a longer alias still occurs, so look for it in the plain text before saying so (few remain: the
    // text of the whole corpus is put together only for them).
    void unused_aliases() {
        std::set<std::string> used;
        for (const auto& m : mentions_) used.insert(m.used.begin(), m.used.end());
        std::string corpus_text, corpus_lower;
        for (const auto& n : names_.named()) {
            if (n.loc.pos.line == 0) continue;  // titles and short titles need not occur
            std::string lower = util::to_lower_ascii(n.phrase);
            if (used.count(n.target + "\n" + lower)) continue;  // cheap, and true of almost every alias
            if (corpus_text.empty()) {
                for (const auto& x : extracts_)
                    for (const auto& p : x.passages) corpus_text += p.text + "\n";
                corpus_lower = util::to_lower_ascii(corpus_text);
            }
            bool capitals = std::none_of(n.phrase.begin(), n.phrase.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
            bool occurs = capitals ? corpus_text.find(n.phrase) != std::string::npos : corpus_lower.find(lower) != std::string::npos;
            if (occurs) continue;
            sink_.note("alias-unused", n.loc.file, n.loc.pos, "alias \"" + n.phrase + "\" of " + n.target + " occurs in no document");
        }
    }

    const content::Corpus& c_;
    const std::vector<markdown::Extract>& extracts_;
    const std::vector<DocumentMentions>& mentions_;
    diag::Sink& sink_;
    Graph& g_;
    const Names& names_;
    unsigned jobs_;
    std::unordered_map<std::string, std::uint32_t> number_{{"", 0}};  // the strings of the graph, numbered
};

Graph build(const content::Corpus& corpus, std::shared_ptr<const Names> names, const std::vector<markdown::Extract>& extracts,
            const std::vector<DocumentMentions>& mentions, diag::Sink& sink, unsigned jobs) {
    Graph g;
    GraphBuilder(corpus, std::move(names), extracts, mentions, sink, g, jobs).run();
    return g;
}

}  // namespace passage::crossref
