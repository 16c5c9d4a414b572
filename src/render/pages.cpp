#include <algorithm>
#include <map>
#include <mutex>
#include <set>

#include "render/context.hpp"
#include "render/jsonld.hpp"
#include "util/hash.hpp"
#include "util/parallel.hpp"
#include "util/strings.hpp"

namespace passage::render {

namespace {

using nlohmann::json;

json strings(const std::vector<std::string>& v) { return json(v); }

// Document id -> passage anchor ("" for the whole document) -> the annotations that target it, in
// the order of the corpus.
using NotesByDocument = std::map<std::string, std::map<std::string, std::vector<const content::Annotation*>>>;

// Made once for every document page. A target "doc:ID#ANCHOR" is filed under each split at a '#', as
// matching it against "doc:" + id + "#" for every document would file it.
NotesByDocument annotations_by_document(const content::Corpus& c) {
    NotesByDocument out;
    for (const auto& a : c.annotations) {
        const auto& t = a.target.value;
        if (!util::starts_with(t, "doc:")) continue;
        std::string rest = t.substr(4);
        out[rest][""].push_back(&a);
        for (auto hash = rest.find('#'); hash != std::string::npos; hash = rest.find('#', hash + 1))
            out[rest.substr(0, hash)][rest.substr(hash + 1)].push_back(&a);
    }
    return out;
}

json annotation_model(const Context& cx, const content::Annotation& a, const std::string& root, const std::string& doc) {
    json also = json::array();
    for (const auto& r : a.also)
        if (auto l = cx.link_ref(r.value, root); !l.is_null()) also.push_back(l);
    return {{"id", a.id},
            {"title", a.title},
            {"body_html", cx.markdown(a.body, {a.path, {}}, root, doc)},
            {"target", cx.link_ref(a.target.value, root)},
            {"also", also},
            {"themes", cx.themes(a.themes, root)},
            {"date", a.date}};
}

// The passages that cite one passage of a document, as the list items of its margin: what
// Context::cited_by lists for it (grouped by citing document or entity, in the order of their kind
// and id; each citing passage once per type of reference), without annotations, written at once
// rather than through a view model, as it is asked for every numbered paragraph of every document.
std::string margin_citations(const Context& cx, const crossref::NodeRef& node, const std::string& root) {
    auto it = cx.graph.incoming.find(node);
    if (it == cx.graph.incoming.end()) return {};
    struct Group {
        const std::string* title = nullptr;
        std::vector<std::pair<std::string, std::string>> passages;  // href, label
        std::set<std::pair<std::string, std::string>> seen;         // (href, type)
    };
    std::map<std::pair<std::string, std::string>, Group> by_source;
    for (auto i : it->second) {
        const auto& e = cx.graph.edges[i];
        if (e.type != "cites" && e.type != "mentions" && e.type != "invokes" && e.type != "source") continue;
        if (e.from.kind == node.kind && e.from.id == node.id) continue;  // a page citing itself
        auto [group, first] = by_source.try_emplace({e.from.kind, e.from.id});
        if (first) {
            auto title = cx.graph.titles.find(e.from.kind + ":" + e.from.id);
            if (title != cx.graph.titles.end()) group->second.title = &title->second;
        }
        std::string href = root + crossref::page_path(e.from.kind, e.from.id);
        if (!e.from.anchor.empty()) href += "#" + (e.from.kind == "recommendations" ? crossref::item_anchor(e.from.anchor) : e.from.anchor);
        if (!group->second.seen.emplace(href, e.type).second) continue;
        group->second.passages.emplace_back(std::move(href), anchor_label(e.from_label.empty() ? e.from.anchor : e.from_label));
    }
    std::string list;
    for (const auto& [_, g] : by_source) {
        if (!g.title) continue;  // a source without a page
        for (const auto& [href, label] : g.passages)
            list += "<li><a href=\"" + util::html_escape(href) + "\">" + util::html_escape(*g.title) +
                    (label.empty() ? "" : ", " + util::html_escape(label)) + "</a></li>";
    }
    return list;
}

// Hashes what a rendering takes besides the tree (see RenderedBody::inputs).
void hash_resolved(util::Hasher& h, const std::optional<markdown::Resolved>& r) {
    h.number(r ? 1 : 0);
    if (r) h.add(r->href).add(r->css_class).add(r->title);
}

// Mentions as Graph::mentions holds them (per text run, with their targets), hashed.
void hash_mentions(util::Hasher& h, const std::vector<std::pair<std::size_t, std::vector<markdown::Mention>>>& runs) {
    for (const auto& [run, list] : runs) {
        h.number(run).number(list.size());
        for (const auto& m : list) h.number(m.begin).number(m.end).add(m.target.href).add(m.target.css_class).add(m.target.title);
    }
}

// The body of a document: rendered from its tree, or, with a memo, as the last build rendered it when
// the same tree met the same mentions, link targets and paragraph ends.
markdown::Html document_body(std::size_t index, markdown::Tree& tree, BodyMemo* memo,
                             const std::vector<std::pair<std::size_t, std::vector<markdown::Mention>>>& mentions,
                             const std::function<std::optional<markdown::Resolved>(const markdown::Link&)>& resolve,
                             const std::function<std::string(const std::string&)>& margin) {
    if (!memo) {
        for (const auto& [run, list] : mentions) markdown::link_mentions(tree.text_runs[run], list);
        return markdown::render(tree, resolve, margin);
    }
    util::Hasher inputs;
    hash_mentions(inputs, mentions);
    if (auto known = memo->recall(index)) {
        util::Hasher now = inputs;
        for (const auto& l : tree.links) hash_resolved(now, resolve(l));
        for (const auto& anchor : known->numbered) now.add(margin(anchor));
        if (now.value() == known->inputs) return {std::move(known->html), std::move(known->footnotes)};
    }
    auto& full = memo->text_of(index);
    for (const auto& [run, list] : mentions) markdown::link_mentions(full.text_runs[run], list);
    // The hash goes in the order the renderer asks: every link, then every numbered paragraph.
    RenderedBody body;
    auto html = markdown::render(
        full,
        [&](const markdown::Link& l) {
            auto r = resolve(l);
            hash_resolved(inputs, r);
            return r;
        },
        [&](const std::string& anchor) {
            auto extra = margin(anchor);
            body.numbered.push_back(anchor);
            inputs.add(extra);
            return extra;
        });
    body.inputs = inputs.value();
    body.html = html.body;
    body.footnotes = html.footnotes;
    memo->rendered(index, body);
    return html;
}

Page document_page(const Context& cx, std::size_t index, markdown::Tree& tree, const NotesByDocument& notes_by_document,
                   BodyMemo* memo) {
    const auto& d = cx.corpus.documents[index];
    std::string path = crossref::page_path("document", d.id);
    std::string root = root_of(path);
    json m = cx.base(path, d.title, "document");
    static const NotesByDocument::mapped_type no_notes;
    auto of_document = notes_by_document.find(d.id);
    const auto& notes = of_document == notes_by_document.end() ? no_notes : of_document->second;

    auto resolve = [&](const markdown::Link& l) -> std::optional<markdown::Resolved> {
        if (!crossref::Graph::has_our_scheme(l.url)) return std::nullopt;
        auto t = cx.graph.resolve(l.url, d.id, tree.path, l.pos, nullptr);
        if (!t) return std::nullopt;
        std::string href = t->node.kind == "document" && t->node.id == d.id ? t->path.substr(t->path.find('#')) : root + t->path;
        return markdown::Resolved{href, t->css_class, t->title};
    };
    auto margin = [&](const std::string& anchor) {
        std::string html;
        if (auto it = notes.find(anchor); it != notes.end()) {
            for (const auto* a : it->second) {
                html += "<aside class=\"margin-note\" id=\"note-" + util::html_escape(a->id) + "\"><p class=\"margin-note-title\">" +
                        util::html_escape(a->title) + "</p>" + cx.markdown(a->body, {a->path, {}}, root, d.id) + "</aside>";
            }
        }
        auto list = margin_citations(cx, {"document", d.id, anchor}, root);
        if (!list.empty()) html += "<div class=\"cited-by\"><p>Cited by</p><ul>" + list + "</ul></div>";
        return html;
    };
    std::vector<std::pair<std::size_t, std::vector<markdown::Mention>>> mentions;
    if (auto it = cx.graph.mentions.find(d.id); it != cx.graph.mentions.end()) {
        mentions = it->second;
        for (auto& [run, list] : mentions)
            for (auto& m : list)
                if (m.target.href.empty() || m.target.href[0] != '#') m.target.href = root + m.target.href;
    }
    auto html = document_body(index, tree, memo, mentions, resolve, margin);

    json toc = json::array();
    for (const auto& h : tree.headings)
        if (h.level <= 3) toc.push_back({{"id", h.id}, {"text", h.text}, {"level", h.level}});
    json footnotes = json::array();
    std::set<int> missing(d.gaps.footnotes_missing.begin(), d.gaps.footnotes_missing.end());
    std::set<int> cut(d.gaps.footnotes_cut.begin(), d.gaps.footnotes_cut.end());
    for (const auto& f : tree.footnotes) {
        json backrefs = json::array();
        int k = 1;
        for (const auto& id : tree.footnote_ref_ids[f.label]) backrefs.push_back({{"id", id}, {"n", k++}});
        bool numeric = !f.label.empty() && std::all_of(f.label.begin(), f.label.end(), ::isdigit);
        int n = numeric && f.label.size() < 6 ? std::stoi(f.label) : 0;
        footnotes.push_back({{"label", f.label}, {"html", html.footnotes[f.label]}, {"backrefs", std::move(backrefs)},
                             {"missing", missing.count(n) > 0}, {"cut", cut.count(n) > 0}, {"value", n}});
    }
    json unanchored = json::array();
    for (const auto& [anchor, list] : notes) {
        bool numbered = anchor.size() > 1 && (anchor[0] == 'p' || util::starts_with(anchor, "annex-p")) &&
                        std::isdigit(static_cast<unsigned char>(anchor.back()));
        if (numbered) continue;
        for (const auto* a : list) unanchored.push_back(annotation_model(cx, *a, root, d.id));
    }
    const auto& docs = cx.corpus.documents;
    m["document"] = {
        {"id", d.id},
        {"title", d.title},
        {"subtitle", d.subtitle},
        {"authors", strings(d.authors)},
        {"date", d.date},
        {"date_human", human_date(d.date)},
        {"kind", d.kind},
        {"kind_label", kind_label(d.kind)},
        {"language", d.language.empty() ? cx.corpus.site.language : d.language},
        {"organization", d.organization ? cx.link("organization", d.organization->value, root) : json(nullptr)},
        {"source", {{"symbol", d.source.symbol}, {"publisher", d.source.publisher}, {"place", d.source.place}, {"url", d.source.url},
                    {"citation", d.source.citation}, {"version", d.source.version}}},
        {"summary_html", cx.markdown(d.summary, {d.json_path, {}}, root, d.id)},
        {"themes", cx.themes(d.themes, root)},
        {"toc", std::move(toc)},
        {"body_html", std::move(html.body)},
        {"footnotes", std::move(footnotes)},
        {"notes", std::move(unanchored)},
        {"cited_by", cx.cited_by({"document", d.id, ""}, root, true)},
        {"prev", index > 0 ? cx.link("document", docs[index - 1].id, root) : json(nullptr)},
        {"next", index + 1 < docs.size() ? cx.link("document", docs[index + 1].id, root) : json(nullptr)},
    };
    m["jsonld"] = document_jsonld(cx, d);
    m["breadcrumbs"] = json::array({{{"title", "Documents"}, {"href", root + "documents.html"}}});
    return {path, "document", std::move(m)};
}

// What a page may show of any node of the graph, and what every page is made with, hashed: part of
// every page's inputs (Pages::inputs). It holds
//   - site.json, the generator and its version (the shell of every page);
//   - the documents in reading order (a document's page links to the one before and after it);
//   - the sources of every instrument, organization, theme and editorial note: their names and
//     aliases are linked in any Markdown written in metadata, theme links are on most pages, the
//     JSON-LD of every page names organizations and themes, and notes show on the pages they target
//     with links of their own;
//   - the face of every node, which links to it show: its title, and for a document each anchor
//     with its label, for a recommendation set each item.
// A change to any of these makes every page anew; what a typical edit of a document changes (the
// text of its passages) is not among them.
std::uint64_t shared_inputs(const Context& cx) {
    const auto& c = cx.corpus;
    const auto& g = cx.graph;
    util::Hasher h;
    h.number(c.site.source_hash).add(cx.build.generator).add(cx.build.version);
    h.number(c.documents.size());
    for (const auto& d : c.documents) h.add(d.id);
    auto sources = [&](const auto& list) {
        h.number(list.size());
        for (const auto& x : list) h.number(x.source_hash);
    };
    sources(c.instruments);
    sources(c.organizations);
    sources(c.themes);
    sources(c.annotations);
    static const std::vector<std::string> none;
    for (const auto& [kind, ids] : g.ids) {
        std::vector<std::uint64_t> faces(ids.size());
        util::parallel_for(ids.size(), cx.build.jobs, [&](std::size_t i) {
            const auto& id = ids[i];
            util::Hasher face;
            auto title = g.titles.find(kind + ":" + id);
            face.add(id).add(title == g.titles.end() ? std::string_view("\x01") : std::string_view(title->second));
            if (kind == "document") {
                auto anchors = g.doc_anchors.find(id);
                const auto& list = anchors == g.doc_anchors.end() ? none : anchors->second;
                face.number(list.size());
                std::string key = id + "#";
                for (const auto& a : list) {
                    key.resize(id.size() + 1);
                    key += a;
                    auto label = g.anchor_labels.find(key);
                    face.add(a).add(label == g.anchor_labels.end() ? std::string_view("\x01") : std::string_view(label->second));
                }
            } else if (kind == "recommendations") {
                auto items = g.rec_items.find(id);
                const auto& list = items == g.rec_items.end() ? none : items->second;
                face.number(list.size());
                for (const auto& n : list) face.add(n);
            }
            faces[i] = face.value();
        });
        h.add(kind).number(ids.size());
        for (auto f : faces) h.word(f);
    }
    return h.value();
}

// Every edge of the graph, hashed whole, for the pages at its two ends.
std::vector<std::uint64_t> hash_edges(const crossref::Graph& g, unsigned jobs) {
    std::vector<std::uint64_t> out(g.edges.size());
    util::parallel_for(out.size(), jobs, [&](std::size_t i) {
        const auto& e = g.edges[i];
        out[i] = util::Hasher()
                     .add(e.type)
                     .add(e.from.kind)
                     .add(e.from.id)
                     .add(e.from.anchor)
                     .add(e.to.kind)
                     .add(e.to.id)
                     .add(e.to.anchor)
                     .add(e.snippet)
                     .add(e.from_label)
                     .value();
    });
    return out;
}

}  // namespace

// Defined in entities.cpp.
Page instrument_page(const Context& cx, const content::Instrument& x);
Page organization_page(const Context& cx, const content::Organization& x);
Page recset_page(const Context& cx, const content::RecSet& s);
Page theme_page(const Context& cx, const content::Theme& t);
std::vector<Page> index_pages(const Context& cx);
const std::vector<std::string>& index_page_paths();  // in the order index_pages() makes them

struct Pages::State {
    enum class Kind { document, instrument, organization, recommendations, theme, index };
    struct Entry {
        Kind kind;
        std::size_t index;  // into the corpus's list of that kind, or into index_page_paths()
    };
    State(const Context& c, std::vector<markdown::Tree>& t, BodyMemo* m) : cx(c), trees(t), memo(m) {}

    Context cx;
    std::vector<markdown::Tree>& trees;
    std::vector<Entry> entries;  // in the order of paths()
    NotesByDocument notes_by_document;
    BodyMemo* memo;
    std::uint64_t shared = 0;          // with a memo: shared_inputs()
    std::vector<std::uint64_t> edges;  // with a memo: hash_edges()
    std::uint64_t index_inputs = 0;    // with a memo: what the index pages are made from

    // The index pages share the lists of every document, instrument, ...: they are made together,
    // when the first of them is asked for, and what making them reports is given with each.
    std::once_flag index_once;
    std::vector<Page> index_pages;
    std::vector<diag::Diagnostic> index_diagnostics;
};

Pages::Pages(const content::Corpus& corpus, std::vector<markdown::Tree>& trees, const crossref::Graph& graph, const Build& build,
             diag::Sink& sink, BodyMemo* memo)
    : state_(std::make_unique<State>(Context{corpus, graph, build, sink}, trees, memo)) {
    using Kind = State::Kind;
    std::vector<std::pair<std::string, State::Entry>> all;
    auto add = [&](const std::string& path, Kind kind, std::size_t index) { all.push_back({path, {kind, index}}); };
    for (std::size_t i = 0; i < corpus.documents.size(); ++i)
        add(crossref::page_path("document", corpus.documents[i].id), Kind::document, i);
    for (std::size_t i = 0; i < corpus.instruments.size(); ++i)
        add(crossref::page_path("instrument", corpus.instruments[i].id), Kind::instrument, i);
    for (std::size_t i = 0; i < corpus.organizations.size(); ++i)
        add(crossref::page_path("organization", corpus.organizations[i].id), Kind::organization, i);
    for (std::size_t i = 0; i < corpus.recommendations.size(); ++i)
        add(crossref::page_path("recommendations", corpus.recommendations[i].id), Kind::recommendations, i);
    for (std::size_t i = 0; i < corpus.themes.size(); ++i) add(crossref::page_path("theme", corpus.themes[i].id), Kind::theme, i);
    state_->notes_by_document = annotations_by_document(corpus);
    for (std::size_t i = 0; i < index_page_paths().size(); ++i) add(index_page_paths()[i], Kind::index, i);
    if (memo) {
        state_->shared = shared_inputs(state_->cx);
        state_->edges = hash_edges(graph, build.jobs);
        // The index pages list every document by its metadata (not its text) and every
        // recommendation set; the rest of what they show is in shared_inputs().
        util::Hasher h;
        h.number(state_->shared).number(corpus.documents.size());
        for (const auto& d : corpus.documents) h.number(d.metadata_hash);
        h.number(corpus.recommendations.size());
        for (const auto& r : corpus.recommendations) h.number(r.source_hash);
        state_->index_inputs = h.value();
    }
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [path, entry] : all) {
        paths_.push_back(std::move(path));
        state_->entries.push_back(entry);
    }
}

Pages::~Pages() = default;

std::vector<std::size_t> Pages::schedule() const {
    std::vector<std::size_t> first, rest, last;
    for (std::size_t i = 0; i < paths_.size(); ++i) {
        if (state_->entries[i].kind != State::Kind::index)
            rest.push_back(i);
        else
            (first.empty() ? first : last).push_back(i);
    }
    first.insert(first.end(), rest.begin(), rest.end());
    first.insert(first.end(), last.begin(), last.end());
    return first;
}

// A page's view model is made from: its own source (content::SourceHash), the edges that enter or
// leave its node, for a document the mentions found in it, and what shared_inputs() holds. Each
// function that makes a page reads nothing else of the corpus and the graph (the document bodies
// kept by the memo are checked again when made, see document_body); a test edits each kind of
// source and compares the pages a build with the cache writes with those of a build without it.
std::optional<std::uint64_t> Pages::inputs(std::size_t i) const {
    const auto& st = *state_;
    if (!st.memo) return std::nullopt;
    const auto& c = st.cx.corpus;
    auto [kind, k] = st.entries[i];
    util::Hasher h;
    h.number(st.shared).number(static_cast<std::uint64_t>(kind)).number(k);
    crossref::NodeRef node;
    auto entity = [&](const char* node_kind, const auto& x) {
        h.number(x.source_hash);
        node = {node_kind, x.id, ""};
    };
    switch (kind) {
        case State::Kind::document:
            entity("document", c.documents[k]);
            if (auto it = st.cx.graph.mentions.find(c.documents[k].id); it != st.cx.graph.mentions.end()) {
                h.number(it->second.size());
                hash_mentions(h, it->second);
            }
            break;
        case State::Kind::instrument:
            entity("instrument", c.instruments[k]);
            break;
        case State::Kind::organization:
            entity("organization", c.organizations[k]);
            break;
        case State::Kind::recommendations:
            entity("recommendations", c.recommendations[k]);
            break;
        case State::Kind::theme:
            entity("theme", c.themes[k]);
            break;
        case State::Kind::index:
            return h.number(st.index_inputs).value();
    }
    h.add(node.kind).add(node.id);
    // Every edge that enters or leaves the node (any of its anchors).
    for (const auto* index : {&st.cx.graph.incoming_entity, &st.cx.graph.outgoing_entity}) {
        auto it = index->find(node);
        if (it == index->end()) {
            h.number(0);
            continue;
        }
        h.number(it->second.size());
        for (auto e : it->second) h.word(st.edges[e]);
    }
    return h.value();
}

std::optional<std::uint64_t> Pages::graph_inputs() const {
    const auto& st = *state_;
    if (!st.memo) return std::nullopt;
    const auto& g = st.cx.graph;
    util::Hasher h;
    h.add(st.cx.corpus.site.title).number(g.edges.size());
    for (auto e : st.edges) h.word(e);
    for (const auto& [kind, ids] : g.ids) {
        h.add(kind).number(ids.size());
        for (const auto& id : ids) {
            auto title = g.titles.find(kind + ":" + id);
            h.add(id).add(title == g.titles.end() ? std::string_view("\x01") : std::string_view(title->second));
        }
    }
    return h.value();
}

Page Pages::page(std::size_t i, diag::Sink& sink) {
    const Context cx{state_->cx.corpus, state_->cx.graph, state_->cx.build, sink};
    const auto& c = cx.corpus;
    auto [kind, k] = state_->entries[i];
    switch (kind) {
        case State::Kind::document:
            return document_page(cx, k, state_->trees[k], state_->notes_by_document, state_->memo);
        case State::Kind::instrument:
            return instrument_page(cx, c.instruments[k]);
        case State::Kind::organization:
            return organization_page(cx, c.organizations[k]);
        case State::Kind::recommendations:
            return recset_page(cx, c.recommendations[k]);
        case State::Kind::theme:
            return theme_page(cx, c.themes[k]);
        case State::Kind::index:
            break;
    }
    auto& st = *state_;
    std::call_once(st.index_once, [&] {
        diag::Sink own(sink.strict());
        const Context index_cx{c, cx.graph, cx.build, own};
        st.index_pages = index_pages(index_cx);
        st.index_diagnostics = own.sorted();
    });
    for (const auto& d : st.index_diagnostics) sink.report(d);
    return std::move(st.index_pages[k]);
}

}  // namespace passage::render
