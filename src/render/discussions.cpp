// The passages that discuss a theme, shown as excerpts on the theme's page (a few) and on its
// numbered "passages" pages (all of them).
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "render/pages.hpp"
#include "util/strings.hpp"

namespace passage::render {

using crossref::EdgeType;
using crossref::Kind;
using crossref::NodeId;
using nlohmann::json;

namespace {

constexpr std::size_t kVia = 3;      // notes or items shown as the reason for one passage
constexpr std::size_t kExcerpt = 240;  // bytes of a passage's excerpt

bool is_passage_of_document(const crossref::Graph& g, NodeId node, std::uint32_t anchor) {
    return anchor != 0 && g.names().node(node).kind == Kind::document;
}

}  // namespace

std::vector<Discussion> discussions_of(const crossref::Graph& g, NodeId theme) {
    std::vector<Discussion> out;
    std::map<std::pair<NodeId, std::uint32_t>, std::size_t> seen;
    auto add = [&](NodeId document, std::uint32_t anchor, NodeId via, std::uint32_t via_anchor) {
        auto [it, fresh] = seen.try_emplace({document, anchor}, out.size());
        if (fresh) out.push_back({document, anchor, {}});
        auto& list = out[it->second].via;
        if (via == crossref::kNoNode) return;
        const std::pair<NodeId, std::uint32_t> reason{via, via_anchor};
        if (list.size() < kVia && std::find(list.begin(), list.end(), reason) == list.end()) list.push_back(reason);
    };
    for (auto i : g.incoming(theme)) {
        const auto& a = g.arcs()[i];
        const auto kind = g.names().node(a.from).kind;
        if (crossref::is_citation(a.type)) {
            // A passage that names the theme itself.
            if (is_passage_of_document(g, a.from, a.from_anchor)) add(a.from, a.from_anchor, crossref::kNoNode, 0);
            continue;
        }
        if (a.type != EdgeType::about) continue;
        if (kind == Kind::annotation) {
            // A note about the theme: the passages it is anchored to.
            for (auto j : g.outgoing(a.from)) {
                const auto& b = g.arcs()[j];
                if (b.type == EdgeType::annotates && is_passage_of_document(g, b.to, b.to_anchor)) add(b.to, b.to_anchor, a.from, 0);
            }
        } else if (kind == Kind::recommendations) {
            // A set or an item about the theme: the passage it comes from (an item without one: its set's).
            std::optional<std::uint32_t> own, set;
            for (auto j : g.outgoing(a.from)) {
                const auto& b = g.arcs()[j];
                if (b.type != EdgeType::source || !is_passage_of_document(g, b.to, b.to_anchor)) continue;
                if (b.from_anchor == a.from_anchor) own = j;
                if (b.from_anchor == 0) set = j;
            }
            if (auto j = own ? own : set) {
                const auto& b = g.arcs()[*j];
                add(b.to, b.to_anchor, a.from, a.from_anchor);
            }
        }
    }
    // In reading order: documents in the corpus' order (their node numbers), passages in theirs.
    std::stable_sort(out.begin(), out.end(), [&](const Discussion& x, const Discussion& y) {
        if (x.document != y.document) return x.document < y.document;
        return g.rank(x.document, g.text(x.anchor)) < g.rank(y.document, g.text(y.anchor));
    });
    return out;
}

std::string passages_page_path(const crossref::Graph& g, NodeId node, std::size_t k) {
    const auto& n = g.names().node(node);
    std::string page = crossref::page_path(crossref::kind_name(n.kind), n.id);
    return page.substr(0, page.size() - 5) + "/passages-" + std::to_string(k) + ".html";
}

std::size_t passages_pages(const Budget& budget, std::size_t count) {
    if (count <= budget.cited) return 0;
    return (count + budget.cited_page - 1) / budget.cited_page;
}

std::string excerpt_of(const markdown::Extract& x, const std::string& anchor) {
    // The passages of an anchor are consecutive (a list's items share one); a heading's anchor
    // stands for the text that follows it.
    auto it = std::find_if(x.passages.begin(), x.passages.end(), [&](const markdown::Passage& p) { return p.anchor == anchor; });
    if (it == x.passages.end()) return {};
    if (it->kind == markdown::PassageKind::heading) {
        auto next = std::next(it);
        if (next != x.passages.end() && next->section == anchor && next->kind != markdown::PassageKind::footnote) it = next;
    }
    // The passages that follow and share its anchor, or its section's for a heading's, up to the length of an excerpt.
    const bool section = it != x.passages.begin() && std::prev(it)->kind == markdown::PassageKind::heading && std::prev(it)->anchor == anchor;
    std::string text = it->text;
    for (auto more = std::next(it); more != x.passages.end() && text.size() < kExcerpt; ++more) {
        const bool same = section ? more->section == anchor && more->kind != markdown::PassageKind::heading &&
                                        more->kind != markdown::PassageKind::footnote
                                  : more->anchor == it->anchor;
        if (!same) break;
        text += " " + more->text;
    }
    return shorten(text, kExcerpt);
}

namespace {

json excerpt_entry(const Pages::State& st, const Context& cx, const Discussion& d, const std::string& root) {
    const auto& g = cx.graph;
    const std::string anchor = g.text(d.anchor);
    const std::string label = g.label(d.document, anchor);
    json via = json::array();
    NodeId previous = crossref::kNoNode;
    for (const auto& [node, item] : d.via) {
        json l = cx.link(node, root);
        if (item != 0) {
            // An item of the set named just before: by its number alone.
            l["title"] = (node == previous ? std::string() : l["title"].get<std::string>() + ", ") + "item " + g.text(item);
            l["href"] = cx.href(node, g.text(item), root);
            l["item"] = g.text(item);
        }
        via.push_back(std::move(l));
        previous = node;
    }
    return {{"href", cx.href(d.document, anchor, root)},
            {"label", label == anchor ? anchor_label(anchor) : label},
            {"excerpt", excerpt_of(st.extracts[d.document], anchor)},
            {"via", std::move(via)}};
}

// Excerpts in groups by document, in the order given: [{document, passages}].
json excerpt_groups(const Pages::State& st, const Context& cx, const std::vector<const Discussion*>& list, const std::string& root) {
    json groups = json::array();
    NodeId last = crossref::kNoNode;
    for (const auto* d : list) {
        if (d->document != last || groups.empty()) {
            groups.push_back({{"document", cx.link(d->document, root)}, {"passages", json::array()}});
            last = d->document;
        }
        groups.back()["passages"].push_back(excerpt_entry(st, cx, *d, root));
    }
    return groups;
}

std::string counted(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::vector<std::size_t> discussions_shown(const Budget& budget, const std::vector<Discussion>& all) {
    // A few of each document first (so that one long text does not fill the page), in reading order.
    constexpr std::size_t kPerDocument = 3;
    std::vector<std::size_t> shown;
    std::vector<bool> taken(all.size(), false);
    std::unordered_map<NodeId, std::size_t> per;
    for (std::size_t k = 0; k < all.size() && shown.size() < budget.cited; ++k)
        if (per[all[k].document]++ < kPerDocument) shown.push_back(k), taken[k] = true;
    for (std::size_t k = 0; k < all.size() && shown.size() < budget.cited; ++k)
        if (!taken[k]) shown.push_back(k);
    std::sort(shown.begin(), shown.end());
    return shown;
}

json discussions_summary(const Pages::State& st, const Context& cx, NodeId node, const std::string& root) {
    const auto& all = st.discussions[node];
    if (all.empty()) return nullptr;
    std::vector<const Discussion*> list;
    for (auto k : discussions_shown(cx.budget, all)) list.push_back(&all[k]);
    std::set<NodeId> documents;
    for (const auto& d : all) documents.insert(d.document);
    const std::size_t pages = passages_pages(cx.budget, all.size());
    return {{"total", all.size()},
            {"total_text", counted(all.size(), "passage", "passages")},
            {"documents_text", counted(documents.size(), "document", "documents")},
            {"shown", list.size()},
            {"groups", excerpt_groups(st, cx, list, root)},
            {"pages", pages},
            {"all_href", pages > 0 ? json(root + passages_page_path(cx.graph, node, 1)) : json(nullptr)}};
}

Page passages_page(const Pages::State& st, const Context& cx, NodeId node, std::size_t k) {
    const auto& g = cx.graph;
    const auto& n = g.names().node(node);
    const auto& all = st.discussions[node];
    const std::string path = passages_page_path(g, node, k), root = root_of(path);
    const std::size_t pages = passages_pages(cx.budget, all.size());
    json m = cx.base(path, "Passages, page " + std::to_string(k) + ": " + n.title, "passages");
    const std::size_t begin = (k - 1) * cx.budget.cited_page, end = std::min(all.size(), begin + cx.budget.cited_page);
    std::vector<const Discussion*> list;
    for (std::size_t i = begin; i < end; ++i) list.push_back(&all[i]);
    m["passages"] = {{"node", cx.link(node, root)},
                     {"page", k},
                     {"pages", pages},
                     {"first", begin + 1},
                     {"last", end},
                     {"total", all.size()},
                     {"groups", excerpt_groups(st, cx, list, root)},
                     {"pager", pager(k, pages, [&](std::size_t p) { return root + passages_page_path(g, node, p); })}};
    m["breadcrumbs"] = json::array({kind_index(n.kind, root), cx.link(node, root)});
    return {path, "passages", std::move(m)};
}

util::Hash128 discussions_hash(const Pages::State& st, NodeId node, const std::vector<std::size_t>& shown) {
    const auto& g = st.graph;
    const auto& all = st.discussions[node];
    util::Hasher h("render.discussions/1");
    h.number(all.size());
    // Which passages there are decides which are shown and the counts; what is shown of each: its
    // document, label, excerpt and the notes or items that tie it to the theme.
    for (const auto& d : all) h.add(g.names().node(d.document).id).add(g.text(d.anchor));
    for (auto k : shown) {
        const auto& d = all[k];
        const auto& doc = g.names().node(d.document);
        h.add(doc.title).add(g.label(d.document, g.text(d.anchor))).add(excerpt_of(st.extracts[d.document], g.text(d.anchor)));
        h.number(d.via.size());
        for (const auto& [via, item] : d.via) {
            const auto& v = g.names().node(via);
            h.number(static_cast<std::uint64_t>(v.kind)).add(v.id).add(v.title).add(g.text(item));
        }
    }
    return h.value128();
}

}  // namespace passage::render
