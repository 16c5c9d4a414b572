// The pages of instruments, organizations, recommendation sets, themes and editorial notes, and the
// numbered pages of their long relation lists.
#include <algorithm>
#include <set>

#include "render/jsonld.hpp"
#include "render/pages.hpp"
#include "util/strings.hpp"

namespace passage::render {

using crossref::EdgeType;
using crossref::Kind;
using crossref::NodeId;
using nlohmann::json;

const std::vector<Relation>& relations_of(Kind kind) {
    static const std::vector<Relation> none;
    static const std::vector<Relation> instrument = {
        {"protocols", "Protocols", EdgeType::protocol_to, Kind::instrument},
        {"supplemented-by", "Supplemented by", EdgeType::supplements, Kind::instrument},
        {"superseded-by", "Superseded by", EdgeType::supersedes, Kind::instrument},
        {"invoked-by", "Recommendations that invoke it", EdgeType::invokes, Kind::recommendations},
    };
    static const std::vector<Relation> organization = {
        {"parts", "Parts", EdgeType::part_of, Kind::organization},
        {"instruments", "Instruments it adopted", EdgeType::adopted_by, Kind::instrument},
        {"documents", "Documents it issued", EdgeType::issued_by, Kind::document},
        {"recommendations", "Recommendations it issued", EdgeType::issued_by, Kind::recommendations},
    };
    static const std::vector<Relation> theme = {
        {"documents", "Documents", EdgeType::about, Kind::document},
        {"instruments", "Instruments", EdgeType::about, Kind::instrument},
        {"organizations", "Organizations", EdgeType::about, Kind::organization},
        {"recommendations", "Recommendation sets", EdgeType::about, Kind::recommendations},
        {"annotations", "Editorial notes", EdgeType::about, Kind::annotation},
        {"subthemes", "Narrower themes", EdgeType::part_of, Kind::theme},
    };
    switch (kind) {
        case Kind::instrument:
            return instrument;
        case Kind::organization:
            return organization;
        case Kind::theme:
            return theme;
        default:
            return none;
    }
}

std::vector<std::pair<NodeId, std::uint32_t>> related_nodes(const crossref::Graph& g, NodeId node, const Relation& r) {
    std::vector<std::pair<NodeId, std::uint32_t>> out;
    std::set<std::pair<NodeId, std::uint32_t>> seen;
    // Items of a set that invoke an instrument are listed one by one; elsewhere a set is listed once.
    const bool items = r.type == EdgeType::invokes;
    for (auto i : g.incoming(node)) {
        const auto& a = g.arcs()[i];
        if (a.type != r.type || g.names().node(a.from).kind != r.source) continue;
        std::pair<NodeId, std::uint32_t> key{a.from, items ? a.from_anchor : 0};
        if (seen.insert(key).second) out.push_back(key);
    }
    return out;
}

std::string related_page_path(const crossref::Graph& g, NodeId node, const Relation& r, std::size_t k) {
    const auto& n = g.names().node(node);
    std::string page = crossref::page_path(crossref::kind_name(n.kind), n.id);
    return page.substr(0, page.size() - 5) + "/" + r.section + "-" + std::to_string(k) + ".html";
}

json kind_index(Kind kind, const std::string& root) {
    switch (kind) {
        case Kind::document:
            return {{"title", "Documents"}, {"href", root + "documents.html"}};
        case Kind::instrument:
            return {{"title", "Instruments"}, {"href", root + "instruments.html"}};
        case Kind::organization:
            return {{"title", "Organizations"}, {"href", root + "organizations.html"}};
        case Kind::recommendations:
            return {{"title", "Recommendations"}, {"href", root + "recommendations.html"}};
        case Kind::theme:
            return {{"title", "Themes"}, {"href", root + "themes.html"}};
        case Kind::annotation:
            return {{"title", "Editorial notes"}, {"href", root + "annotations.html"}};
    }
    return nullptr;
}

namespace {

json related_entry(const Context& cx, const std::pair<NodeId, std::uint32_t>& r, const std::string& root) {
    json l = cx.link(r.first, root);
    if (r.second != 0) {  // an item of a set
        const auto& item = cx.graph.text(r.second);
        l["title"] = l["title"].get<std::string>() + ", item " + item;
        l["href"] = cx.href(r.first, item, root);
        l["item"] = item;
    }
    return l;
}

// The relation lists of a node's page: {section: {heading, items (the first few), total, more_href}}.
json relations(const Pages::State& st, const Context& cx, NodeId node, const std::string& root) {
    json out = json::object();
    for (const auto& r : relations_of(st.graph.names().node(node).kind)) {
        const auto all = related_nodes(st.graph, node, r);
        json items = json::array();
        for (std::size_t k = 0; k < all.size() && k < cx.budget.related; ++k) items.push_back(related_entry(cx, all[k], root));
        json more = all.size() > cx.budget.related ? json(root + related_page_path(st.graph, node, r, 1)) : json(nullptr);
        std::string key = r.section;
        std::replace(key.begin(), key.end(), '-', '_');
        out[key] = {
            {"id", r.section}, {"heading", r.heading}, {"items", std::move(items)}, {"total", all.size()}, {"more_href", std::move(more)}};
    }
    return out;
}

// Edges of `type` out of a node, as links to their targets: relations its own file states.
json outgoing(const Context& cx, NodeId node, EdgeType type, const std::string& root) {
    json out = json::array();
    std::set<NodeId> seen;
    for (auto i : cx.graph.outgoing(node)) {
        const auto& a = cx.graph.arcs()[i];
        if (a.type == type && seen.insert(a.to).second) out.push_back(cx.link(a.to, root));
    }
    return out;
}

json base_entity(const Pages::State& st, const Context& cx, NodeId node, const std::string& path, const std::string& title,
                 const char* kind) {
    json m = cx.base(path, title, kind);
    m["breadcrumbs"] = json::array({kind_index(st.graph.names().node(node).kind, root_of(path))});
    return m;
}

Page instrument_page(const Pages::State& st, const Context& cx, NodeId node, const content::Instrument& x) {
    const std::string path = crossref::page_path("instrument", x.id), root = root_of(path);
    json m = base_entity(st, cx, node, path, x.short_title.empty() ? x.title : x.short_title, "instrument");
    json facts = json::array();
    for (const auto& f : x.facts)
        facts.push_back({{"fact", f.fact},
                         {"value", f.value},
                         {"as_of", f.as_of},
                         {"as_of_human", human_date(f.as_of)},
                         {"source", f.source ? cx.link_ref(f.source->value, root) : json(nullptr)},
                         {"note", f.note}});
    json record = json::array();
    for (const auto& r : x.record) record.push_back({{"label", r.label}, {"url", r.url}});
    m["instrument"] = {
        {"id", x.id},
        {"title", x.title},
        {"short_title", x.short_title},
        {"aliases", x.aliases},
        {"kind", x.kind},
        {"kind_label", kind_label(x.kind)},
        {"binding", x.binding ? json(*x.binding ? "yes" : "no") : json(nullptr)},
        {"body", x.body ? cx.link("organization", x.body->value, root) : json(nullptr)},
        {"adopted", x.adopted},
        {"adopted_human", x.adopted.empty() ? "" : human_date(x.adopted)},
        {"entry_into_force", x.entry_into_force},
        {"entry_into_force_human", x.entry_into_force.empty() ? "" : human_date(x.entry_into_force)},
        {"symbol", x.symbol},
        {"parent", x.parent ? cx.link("instrument", x.parent->value, root) : json(nullptr)},
        {"supplements", outgoing(cx, node, EdgeType::supplements, root)},
        {"supersedes", outgoing(cx, node, EdgeType::supersedes, root)},
        {"related", outgoing(cx, node, EdgeType::related, root)},
        {"relations", relations(st, cx, node, root)},
        {"themes", cx.themes(x.themes, root)},
        {"annotation_html", cx.markdown(x.annotation, {x.path, {}}, root, {}, "instrument:" + x.id)},
        {"facts", std::move(facts)},
        {"record", std::move(record)},
        {"cited", cited_summary(cx, node, st.citations[node], root)},
    };
    m["jsonld"] = instrument_jsonld(cx, x);
    return {path, "instrument", std::move(m)};
}

Page organization_page(const Pages::State& st, const Context& cx, NodeId node, const content::Organization& x) {
    const std::string path = crossref::page_path("organization", x.id), root = root_of(path);
    json m = base_entity(st, cx, node, path, x.short_name.empty() ? x.name : x.short_name, "organization");
    m["organization"] = {
        {"id", x.id},
        {"name", x.name},
        {"short_name", x.short_name},
        {"aliases", x.aliases},
        {"kind", x.kind},
        {"kind_label", kind_label(x.kind)},
        {"url", x.url},
        {"parent", x.parent ? cx.link("organization", x.parent->value, root) : json(nullptr)},
        {"relations", relations(st, cx, node, root)},
        {"themes", cx.themes(x.themes, root)},
        {"description_html", cx.markdown(x.description, {x.path, {}}, root, {}, "org:" + x.id)},
        {"cited", cited_summary(cx, node, st.citations[node], root)},
    };
    return {path, "organization", std::move(m)};
}

// Whom a set or an item addresses: an organization's id links to its page by its name; other words
// ("States") stay as written. Each entry has its own "href" (null for words), so that a template's
// {{#href}} never finds an outer one.
json addressees_model(const Context& cx, const std::vector<std::string>& addressees, const std::string& root) {
    json out = json::array();
    for (const auto& a : addressees) {
        json l = cx.link("organization", a, root);
        out.push_back(l.is_null() ? json{{"title", a}, {"href", nullptr}} : std::move(l));
    }
    return out;
}

// The passage every item of a set comes from, when each item names one and all name the same
// (sub-items may leave theirs out); "" otherwise.
void sources_below(const std::vector<content::RecItem>& items, std::set<std::string>& out) {
    for (const auto& it : items) {
        if (it.source) out.insert(it.source->value);
        sources_below(it.items, out);
    }
}
std::string common_source(const std::vector<content::RecItem>& items) {
    if (items.empty() || std::any_of(items.begin(), items.end(), [](const content::RecItem& it) { return !it.source; })) return {};
    std::set<std::string> all;
    sources_below(items, all);
    return all.size() == 1 ? *all.begin() : std::string();
}

// An item's source, shown only where it is not the set's: within the set's document, named by the
// passage alone ("¶46"), since the set's header names the document.
json item_source(const Context& cx, const content::RecItem& it, const std::string& set_source, const std::string& document,
                 const std::string& root) {
    if (!it.source || it.source->value == set_source) return nullptr;
    json l = cx.link_ref(it.source->value, root);
    const std::string own = "doc:" + document + "#";
    if (!l.is_null() && it.source->value.starts_with(own)) {
        const auto* title = cx.graph.title("document", document);
        std::string t = l["title"];
        if (title && t.starts_with(*title + ", ")) l["title"] = t.substr(title->size() + 2);
    }
    return l;
}

// Whom an item addresses, shown only when it is not whom the set addresses.
json item_addressees(const Context& cx, const content::RecItem& it, const std::vector<std::string>& set, const std::string& root) {
    return addressees_model(cx, it.addressees == set ? std::vector<std::string>() : it.addressees, root);
}

json items_model(const Context& cx, const std::vector<content::RecItem>& items, const content::RecSet& s, const std::string& set_source,
                 const std::string& root) {
    const std::string& document = s.document.value;
    json out = json::array();
    for (const auto& it : items) {
        json instruments = json::array();
        for (const auto& r : it.instruments)
            if (auto l = cx.link("instrument", r.value, root); !l.is_null()) instruments.push_back(l);
        out.push_back({{"n", it.n},
                       {"number", it.number},
                       {"anchor", crossref::item_anchor(it.number)},
                       {"title", it.title},
                       {"text", it.text},
                       {"source", item_source(cx, it, set_source, document, root)},
                       {"themes", cx.themes(it.themes, root)},
                       {"instruments", std::move(instruments)},
                       {"addressees", item_addressees(cx, it, s.addressees, root)},
                       {"items", items_model(cx, it.items, s, set_source, root)},
                       {"has_items", !it.items.empty()}});
    }
    return out;
}

Page recset_page(const Pages::State& st, const Context& cx, NodeId node, const content::RecSet& s) {
    const std::string path = crossref::page_path("recommendations", s.id), root = root_of(path);
    json m = base_entity(st, cx, node, path, s.title, "recommendations");
    // The source is shown once: the set's, or the one all its items share; an item shows its own
    // only when it differs.
    const std::string source = s.source ? s.source->value : common_source(s.items);
    m["set"] = {
        {"id", s.id},
        {"title", s.title},
        {"document", cx.link("document", s.document.value, root)},
        {"source", source.empty() ? json(nullptr) : cx.link_ref(source, root)},
        {"issued_by", s.issued_by ? cx.link("organization", s.issued_by->value, root) : json(nullptr)},
        {"addressees", addressees_model(cx, s.addressees, root)},
        {"themes", cx.themes(s.themes, root)},
        {"intro_html", cx.markdown(s.intro, {s.path, {}}, root)},
        {"items", items_model(cx, s.items, s, source, root)},
        {"cited", cited_summary(cx, node, st.citations[node], root)},
    };
    return {path, "recommendations", std::move(m)};
}

Page theme_page(const Pages::State& st, const Context& cx, NodeId node, const content::Theme& t) {
    const std::string path = crossref::page_path("theme", t.id), root = root_of(path);
    json m = base_entity(st, cx, node, path, t.title, "theme");
    m["theme"] = {{"id", t.id},
                  {"title", t.title},
                  {"description", t.description},
                  {"parent", t.parent ? cx.link("theme", t.parent->value, root) : json(nullptr)},
                  {"relations", relations(st, cx, node, root)},
                  {"passages", discussions_summary(st, cx, node, root)}};
    return {path, "theme", std::move(m)};
}

Page annotation_page(const Pages::State& st, const Context& cx, NodeId node, const content::Annotation& a) {
    const std::string path = crossref::page_path("annotation", a.id), root = root_of(path);
    json m = base_entity(st, cx, node, path, a.title, "annotation");
    m["annotation"] = annotation_entry(cx, a, root);
    return {path, "annotation", std::move(m)};
}

template <typename T>
const T* find_by_id(const std::vector<T>& list, const std::string& id) {
    for (const auto& x : list)
        if (x.id == id) return &x;
    return nullptr;
}

}  // namespace

Page entity_page(const Pages::State& st, const Context& cx, NodeId node) {
    const auto& n = st.graph.names().node(node);
    const auto& c = st.corpus;
    switch (n.kind) {
        case Kind::instrument:
            return instrument_page(st, cx, node, *find_by_id(c.instruments, n.id));
        case Kind::organization:
            return organization_page(st, cx, node, *find_by_id(c.organizations, n.id));
        case Kind::recommendations:
            return recset_page(st, cx, node, *find_by_id(c.recommendations, n.id));
        case Kind::theme:
            return theme_page(st, cx, node, *find_by_id(c.themes, n.id));
        case Kind::annotation:
            return annotation_page(st, cx, node, *find_by_id(c.annotations, n.id));
        case Kind::document:
            break;
    }
    return document_page(st, cx, node);
}

Page related_page(const Pages::State& st, const Context& cx, NodeId node, const Relation& r, std::size_t k) {
    const auto& n = st.graph.names().node(node);
    const std::string path = related_page_path(st.graph, node, r, k), root = root_of(path);
    const auto all = related_nodes(st.graph, node, r);
    const std::size_t pages = st.list_pages(all.size());
    json m = cx.base(path, std::string(r.heading) + ": " + n.title + (pages > 1 ? ", page " + std::to_string(k) : ""), "list");
    const std::size_t begin = (k - 1) * cx.budget.list, end = std::min(all.size(), begin + cx.budget.list);
    json items = json::array();
    for (std::size_t i = begin; i < end; ++i) items.push_back(related_entry(cx, all[i], root));
    m["list"] = {{"heading", r.heading},
                 {"node", cx.link(node, root)},
                 {"items", std::move(items)},
                 {"first", begin + 1},
                 {"last", end},
                 {"total", all.size()},
                 {"pager", pager(k, pages, [&](std::size_t p) { return root + related_page_path(st.graph, node, r, p); })}};
    m["breadcrumbs"] = json::array({kind_index(n.kind, root), cx.link(node, root)});
    return {path, "list", std::move(m)};
}

}  // namespace passage::render
