#include "render/citations.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "markdown/markdown.hpp"
#include "util/strings.hpp"

namespace passage::render {

using crossref::EdgeType;
using crossref::NodeId;
using nlohmann::json;

std::vector<Citation> citations_of(const crossref::Graph& g, NodeId node) {
    std::vector<Citation> out;
    // (source, its anchor, type, anchor cited) -> index in out
    std::map<std::tuple<NodeId, std::uint32_t, EdgeType, std::uint32_t>, std::size_t> seen;
    for (auto i : g.incoming(node)) {
        const auto& a = g.arcs()[i];
        if (!crossref::is_citation(a.type) || a.from == node) continue;  // a page citing itself is not shown
        auto [it, fresh] = seen.try_emplace({a.from, a.from_anchor, a.type, a.to_anchor}, out.size());
        if (!fresh) {
            out[it->second].count += a.count;
            continue;
        }
        out.push_back({i, a.from, a.from_anchor, a.to_anchor, a.type, a.count});
    }
    // By the passage cited, then in the order of the sources (arc order).
    std::stable_sort(out.begin(), out.end(), [&](const Citation& x, const Citation& y) {
        return x.target_anchor != y.target_anchor && g.rank(node, g.text(x.target_anchor)) < g.rank(node, g.text(y.target_anchor));
    });
    return out;
}

std::size_t cited_pages(const Budget& budget, std::size_t count) {
    if (count <= budget.cited) return 0;
    return (count + budget.cited_page - 1) / budget.cited_page;
}

std::string cited_page_path(const crossref::Graph& g, NodeId node, std::size_t k) {
    const auto& n = g.names().node(node);
    std::string page = crossref::page_path(crossref::kind_name(n.kind), n.id);
    return page.substr(0, page.size() - 5) + "/cited-" + std::to_string(k) + ".html";
}

namespace {

// The id of a group of citations on a "cited in" page: the passage cited, then the source.
std::string section_id(const crossref::Graph& g, std::uint32_t target_anchor) {
    return target_anchor == 0 ? "on-whole" : "on-" + g.text(target_anchor);
}
std::string group_id(const crossref::Graph& g, const Citation& c) {
    const auto& n = g.names().node(c.source);
    return section_id(g, c.target_anchor) + "-from-" + crossref::kind_name(n.kind) + "-" + n.id;
}

std::string counted(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// How strong a citation is, for choosing the few shown on the node's own page: more references
// first, then explicit ones (a link, an item, a fact, a note) before mentions found in the text.
bool stronger(const Citation& a, const Citation& b) {
    if (a.count != b.count) return a.count > b.count;
    const bool ma = a.type == EdgeType::mentions, mb = b.type == EdgeType::mentions;
    if (ma != mb) return mb;
    return a.arc < b.arc;
}

// Citations in groups by source, in the order given: [{source, passages}].
json groups_of(const Context& cx, const std::vector<const Citation*>& list, const std::string& root) {
    json groups = json::array();
    NodeId last = crossref::kNoNode;
    for (const auto* c : list) {
        if (c->source != last || groups.empty()) {
            groups.push_back({{"source", cx.link(c->source, root)}, {"passages", json::array()}, {"id", group_id(cx.graph, *c)}});
            last = c->source;
        }
        // A passage that cites several passages of the node (in the same way) is listed once, with each of them.
        json entry = citation_entry(cx, *c, root);
        auto& passages = groups.back()["passages"];
        auto same = std::find_if(passages.begin(), passages.end(),
                                 [&](const json& e) { return e["href"] == entry["href"] && e["type"] == entry["type"] && !entry["on"].empty(); });
        if (same != passages.end() && !(*same)["on"].empty()) {
            (*same)["on"].push_back(entry["on"][0]);
            (*same)["count"] = (*same)["count"].get<std::uint32_t>() + c->count;
        } else {
            passages.push_back(std::move(entry));
        }
    }
    return groups;
}

}  // namespace

namespace {

// The entity of a node, found by its place among the nodes of its kind (Names numbers each kind in
// the order of the corpus), or by its id when a duplicate left it out.
template <typename T>
const T* entity_of(const crossref::Graph& g, const std::vector<T>& list, crossref::Kind kind, NodeId node) {
    if (list.empty()) return nullptr;
    const auto& id = g.names().node(node).id;
    const NodeId first = g.names().find(kind, list.front().id);
    if (first != crossref::kNoNode && node >= first && node - first < list.size() && list[node - first].id == id) return &list[node - first];
    for (const auto& x : list)
        if (x.id == id) return &x;
    return nullptr;
}

const content::RecItem* item_numbered(const std::vector<content::RecItem>& items, const std::string& number) {
    for (const auto& it : items) {
        if (it.number == number) return &it;
        if (const auto* below = item_numbered(it.items, number)) return below;
    }
    return nullptr;
}

}  // namespace

std::string citation_context(const Context& cx, const Citation& c) {
    constexpr std::size_t kContext = 240;
    const auto& g = cx.graph;
    const auto& a = g.arcs()[c.arc];
    if (!a.snippet.empty()) return a.snippet;
    switch (g.names().node(c.source).kind) {
        case crossref::Kind::annotation:
            if (const auto* x = entity_of(g, cx.corpus.annotations, crossref::Kind::annotation, c.source))
                return shorten(markdown::to_plain_text(x->body), kContext);
            break;
        case crossref::Kind::recommendations:
            if (const auto* set = entity_of(g, cx.corpus.recommendations, crossref::Kind::recommendations, c.source)) {
                if (c.source_anchor == 0) return {};
                const auto* item = item_numbered(set->items, g.text(c.source_anchor));
                if (item) return shorten(item->text.empty() ? item->title : item->text, kContext);
            }
            break;
        case crossref::Kind::instrument:
            // A dated fact (the label names it): its value, as of its date.
            if (const auto* x = entity_of(g, cx.corpus.instruments, crossref::Kind::instrument, c.source)) {
                const auto& label = g.source_label(a);
                for (const auto& f : x->facts)
                    if (f.fact == label && f.source)
                        return shorten(f.value + (f.as_of.empty() ? "" : " (as of " + human_date(f.as_of) + ")"), kContext);
            }
            break;
        default:
            break;
    }
    return {};
}

json citation_entry(const Context& cx, const Citation& c, const std::string& root) {
    const auto& g = cx.graph;
    const auto& a = g.arcs()[c.arc];
    std::string label = g.source_label(a);
    if (label.empty()) label = g.text(c.source_anchor);
    if (c.source_anchor != 0 && g.names().node(c.source).kind == crossref::Kind::recommendations) label = "item " + g.text(c.source_anchor);
    if (label.empty()) {
        const auto kind = g.names().node(c.source).kind;
        if (kind == crossref::Kind::annotation) label = "Editorial note";
        if (kind == crossref::Kind::recommendations) label = "The whole set";
    }
    // The passage of the node cited, when it is one.
    json on = json::array();
    if (c.target_anchor != 0) {
        const std::string anchor = g.text(c.target_anchor);
        std::string l = g.names().node(a.to).kind == crossref::Kind::document ? g.label(a.to, anchor) : "item " + anchor;
        on.push_back({{"label", l == anchor ? anchor_label(anchor) : l}, {"href", cx.href(a.to, anchor, root)}});
    }
    return {{"href", cx.href(c.source, g.text(c.source_anchor), root)},
            {"label", label},
            {"snippet", citation_context(cx, c)},
            {"type", crossref::type_name(c.type)},
            {"count", c.count},
            {"on", std::move(on)}};
}

json cited_summary(const Context& cx, NodeId node, const std::vector<Citation>& citations, const std::string& root) {
    if (citations.empty()) return nullptr;
    const auto& b = cx.budget;
    // The strongest few, shown in listing order.
    std::vector<const Citation*> shown;
    for (const auto& c : citations) shown.push_back(&c);
    if (shown.size() > b.cited) {
        std::partial_sort(shown.begin(), shown.begin() + static_cast<std::ptrdiff_t>(b.cited), shown.end(),
                          [](const Citation* x, const Citation* y) { return stronger(*x, *y); });
        shown.resize(b.cited);
        std::sort(shown.begin(), shown.end());  // pointers into `citations`: back to its order
    }
    // Shown by source, each source once (in the order of its first reference), its passages in the
    // order of the list.
    std::unordered_map<NodeId, std::uint32_t> first_arc;
    for (const auto* c : shown) {
        auto [it, fresh] = first_arc.try_emplace(c->source, c->arc);
        if (!fresh) it->second = std::min(it->second, c->arc);
    }
    std::stable_sort(shown.begin(), shown.end(),
                     [&](const Citation* x, const Citation* y) { return first_arc.at(x->source) < first_arc.at(y->source); });
    // The sources, by how many passages of each cite the node, each with the page its list starts on.
    struct Source {
        NodeId node;
        std::size_t passages = 0, first = 0;  // first: its first citation's place in the list
    };
    std::vector<Source> sources;
    std::unordered_map<NodeId, std::size_t> index;
    for (std::size_t k = 0; k < citations.size(); ++k) {
        auto [it, fresh] = index.try_emplace(citations[k].source, sources.size());
        if (fresh) sources.push_back({citations[k].source, 0, k});
        ++sources[it->second].passages;
    }
    const std::size_t pages = cited_pages(b, citations.size());
    json out = {{"total", citations.size()},
                {"total_text", counted(citations.size(), "passage", "passages")},
                {"sources", sources.size()},
                {"sources_text", counted(sources.size(), "document or entity", "documents and entities")},
                {"groups", groups_of(cx, shown, root)},
                {"shown", shown.size()},
                {"pages", pages},
                {"all_href", nullptr},
                {"top", json::array()}};
    if (pages > 0) {
        out["all_href"] = root + cited_page_path(cx.graph, node, 1);
        std::stable_sort(sources.begin(), sources.end(), [](const Source& x, const Source& y) { return x.passages > y.passages; });
        for (std::size_t k = 0; k < sources.size() && k < b.sources; ++k) {
            const auto& s = sources[k];
            const auto& first = citations[s.first];
            out["top"].push_back(
                {{"source", cx.link(s.node, root)},
                 {"passages", s.passages},
                 {"passages_text", counted(s.passages, "passage", "passages")},
                 {"href", root + cited_page_path(cx.graph, node, s.first / b.cited_page + 1) + "#" + group_id(cx.graph, first)}});
        }
        if (sources.size() > b.sources) out["more_sources"] = sources.size() - b.sources;
    }
    return out;
}

std::string margin_citations(const Context& cx, NodeId node, const std::string& anchor, const std::vector<Citation>& citations,
                             const std::string& root) {
    const auto& g = cx.graph;
    // The citations of one anchor are consecutive in the list (it goes by the passage cited).
    auto first = std::find_if(citations.begin(), citations.end(), [&](const Citation& c) { return g.text(c.target_anchor) == anchor; });
    if (first == citations.end()) return {};
    auto last = std::find_if(first, citations.end(), [&](const Citation& c) { return g.text(c.target_anchor) != anchor; });
    std::string list;
    std::size_t shown = 0, total = 0;
    for (auto it = first; it != last; ++it) {
        if (it->type == EdgeType::annotates) continue;  // the notes on a paragraph are shown beside it whole
        if (++total > cx.budget.margin) continue;
        ++shown;
        const auto& source = g.names().node(it->source);
        std::string label = g.source_label(g.arcs()[it->arc]);
        list += "<li><a href=\"" + util::html_escape(cx.href(it->source, g.text(it->source_anchor), root)) + "\">" +
                util::html_escape(source.title) + (label.empty() ? "" : ", " + util::html_escape(label)) + "</a></li>";
    }
    if (total > shown) {
        const std::size_t pages = cited_pages(cx.budget, citations.size());
        const auto place = static_cast<std::size_t>(first - citations.begin());
        // With no "cited in" pages, the page's own list has them all.
        std::string href =
            pages > 0 ? root + cited_page_path(g, node, place / cx.budget.cited_page + 1) + "#" + section_id(g, first->target_anchor)
                      : "#cited-title";
        list += "<li class=\"more\"><a href=\"" + util::html_escape(href) + "\">" + std::to_string(total - shown) + " more</a></li>";
    }
    return list;
}

Page cited_page(const Context& cx, NodeId node, const std::vector<Citation>& citations, std::size_t k) {
    const auto& g = cx.graph;
    const auto& n = g.names().node(node);
    const std::string path = cited_page_path(g, node, k), root = root_of(path);
    const std::string kind = crossref::kind_name(n.kind);
    const std::size_t pages = cited_pages(cx.budget, citations.size());
    json m = cx.base(path, "Cited in, page " + std::to_string(k) + ": " + n.title, "cited");
    const std::size_t begin = (k - 1) * cx.budget.cited_page, end = std::min(citations.size(), begin + cx.budget.cited_page);
    json sections = json::array();
    for (std::size_t i = begin; i < end;) {
        std::size_t j = i;
        while (j < end && citations[j].target_anchor == citations[i].target_anchor) ++j;
        std::vector<const Citation*> list;
        for (std::size_t x = i; x < j; ++x) list.push_back(&citations[x]);
        const std::string anchor = g.text(citations[i].target_anchor);
        json label = nullptr;
        if (!anchor.empty()) {
            std::string l = n.kind == crossref::Kind::document ? g.label(node, anchor) : "item " + anchor;
            label = l == anchor ? anchor_label(anchor) : l;
        }
        sections.push_back({{"id", section_id(g, citations[i].target_anchor)},
                            {"label", label},
                            {"href", cx.href(node, anchor, root)},
                            {"groups", groups_of(cx, list, root)}});
        i = j;
    }
    static const std::map<crossref::Kind, const char*> words = {
        {crossref::Kind::document, "document"},         {crossref::Kind::instrument, "instrument"},
        {crossref::Kind::organization, "organization"}, {crossref::Kind::recommendations, "recommendation set"},
        {crossref::Kind::theme, "theme"},               {crossref::Kind::annotation, "editorial note"}};
    m["cited"] = {{"node", cx.link(node, root)},
                  {"kind", kind},
                  {"kind_label", words.at(n.kind)},
                  {"page", k},
                  {"pages", pages},
                  {"first", begin + 1},
                  {"last", end},
                  {"total", citations.size()},
                  {"sections", std::move(sections)},
                  {"pager", pager(k, pages, [&](std::size_t p) { return root + cited_page_path(g, node, p); })}};
    m["breadcrumbs"] = json::array({cx.link(node, root)});
    return {path, "cited", std::move(m)};
}

}  // namespace passage::render
