// Entity pages (instruments, organizations, recommendation sets, themes) and index pages.
#include <algorithm>
#include <map>
#include <stdexcept>

#include "render/context.hpp"
#include "render/jsonld.hpp"
#include "util/parallel.hpp"
#include "util/strings.hpp"

namespace passage::render {

using nlohmann::json;

namespace {

// Edges of `type` leaving or entering a node, as links to the other end.
json related(const Context& cx, const crossref::NodeRef& node, const std::string& type, bool outgoing, const std::string& root) {
    json out = json::array();
    std::set<std::string> seen;
    if (outgoing) {
        if (auto it = cx.graph.outgoing_entity.find({node.kind, node.id, ""}); it != cx.graph.outgoing_entity.end())
            for (auto i : it->second) {
                const auto& e = cx.graph.edges[i];
                if (e.type == type && seen.insert(e.to.kind + e.to.id).second)
                    if (auto l = cx.link(e.to.kind, e.to.id, root); !l.is_null()) out.push_back(l);
            }
    } else if (auto it = cx.graph.incoming_entity.find({node.kind, node.id, ""}); it != cx.graph.incoming_entity.end()) {
        for (auto i : it->second) {
            const auto& e = cx.graph.edges[i];
            if (e.type == type && seen.insert(e.from.kind + e.from.id).second)
                if (auto l = cx.link(e.from.kind, e.from.id, root); !l.is_null()) out.push_back(l);
        }
    }
    return out;
}

}  // namespace

Page instrument_page(const Context& cx, const content::Instrument& x) {
    std::string path = crossref::page_path("instrument", x.id), root = root_of(path);
    json m = cx.base(path, x.short_title.empty() ? x.title : x.short_title, "instrument");
    json facts = json::array();
    for (const auto& f : x.facts)
        facts.push_back({{"fact", f.fact}, {"value", f.value}, {"as_of", f.as_of}, {"as_of_human", human_date(f.as_of)},
                         {"source", f.source ? cx.link_ref(f.source->value, root) : json(nullptr)}, {"note", f.note}});
    json record = json::array();
    for (const auto& r : x.record) record.push_back({{"label", r.label}, {"url", r.url}});
    // Recommendations that invoke it, item by item.
    json invoked = json::array();
    if (auto it = cx.graph.incoming_entity.find({"instrument", x.id, ""}); it != cx.graph.incoming_entity.end())
        for (auto i : it->second) {
            const auto& e = cx.graph.edges[i];
            if (e.type != "invokes") continue;
            std::string frag = crossref::item_anchor(e.from.anchor);
            auto set = cx.link("recommendations", e.from.id, root);
            invoked.push_back({{"set", std::move(set)}, {"item", e.from.anchor}, {"href", root + crossref::page_path("recommendations", e.from.id) + "#" + frag}});
        }
    m["instrument"] = {
        {"id", x.id}, {"title", x.title}, {"short_title", x.short_title}, {"aliases", x.aliases}, {"kind", x.kind}, {"kind_label", kind_label(x.kind)},
        {"binding", x.binding ? json(*x.binding ? "yes" : "no") : json(nullptr)},
        {"body", x.body ? cx.link("organization", x.body->value, root) : json(nullptr)},
        {"adopted", x.adopted}, {"adopted_human", x.adopted.empty() ? "" : human_date(x.adopted)},
        {"entry_into_force", x.entry_into_force}, {"entry_into_force_human", x.entry_into_force.empty() ? "" : human_date(x.entry_into_force)},
        {"symbol", x.symbol},
        {"parent", x.parent ? cx.link("instrument", x.parent->value, root) : json(nullptr)},
        {"protocols", related(cx, {"instrument", x.id, ""}, "protocol-to", false, root)},
        {"supplements", related(cx, {"instrument", x.id, ""}, "supplements", true, root)},
        {"supplemented_by", related(cx, {"instrument", x.id, ""}, "supplements", false, root)},
        {"supersedes", related(cx, {"instrument", x.id, ""}, "supersedes", true, root)},
        {"superseded_by", related(cx, {"instrument", x.id, ""}, "supersedes", false, root)},
        {"related", related(cx, {"instrument", x.id, ""}, "related", true, root)},
        {"themes", cx.themes(x.themes, root)},
        {"annotation_html", cx.markdown(x.annotation, {x.path, {}}, root, {}, "instrument:" + x.id)},
        {"facts", std::move(facts)}, {"record", std::move(record)},
        {"cited_by", cx.cited_by({"instrument", x.id, ""}, root, true)},
        {"invoked_by", std::move(invoked)},
    };
    m["jsonld"] = instrument_jsonld(cx, x);
    m["breadcrumbs"] = json::array({{{"title", "Instruments"}, {"href", root + "instruments.html"}}});
    return {path, "instrument", std::move(m)};
}

Page organization_page(const Context& cx, const content::Organization& x) {
    std::string path = crossref::page_path("organization", x.id), root = root_of(path);
    json m = cx.base(path, x.short_name.empty() ? x.name : x.short_name, "organization");
    m["organization"] = {
        {"id", x.id}, {"name", x.name}, {"short_name", x.short_name}, {"aliases", x.aliases}, {"kind", x.kind}, {"kind_label", kind_label(x.kind)}, {"url", x.url},
        {"parent", x.parent ? cx.link("organization", x.parent->value, root) : json(nullptr)},
        {"parts", related(cx, {"organization", x.id, ""}, "part-of", false, root)},
        {"instruments", related(cx, {"organization", x.id, ""}, "adopted-by", false, root)},
        {"documents", related(cx, {"organization", x.id, ""}, "issued-by", false, root)},
        {"themes", cx.themes(x.themes, root)},
        {"description_html", cx.markdown(x.description, {x.path, {}}, root, {}, "org:" + x.id)},
        {"cited_by", cx.cited_by({"organization", x.id, ""}, root, true)},
    };
    m["breadcrumbs"] = json::array({{{"title", "Organizations"}, {"href", root + "organizations.html"}}});
    return {path, "organization", std::move(m)};
}

namespace {

json items_model(const Context& cx, const content::RecSet& s, const std::vector<content::RecItem>& items, const std::string& root) {
    json out = json::array();
    for (const auto& it : items) {
        json instruments = json::array();
        for (const auto& r : it.instruments)
            if (auto l = cx.link("instrument", r.value, root); !l.is_null()) instruments.push_back(l);
        std::string anchor = crossref::item_anchor(it.number);
        out.push_back({{"n", it.n}, {"number", it.number}, {"anchor", anchor}, {"title", it.title}, {"text", it.text},
                       {"source", it.source ? cx.link_ref(it.source->value, root) : json(nullptr)},
                       {"themes", cx.themes(it.themes, root)}, {"instruments", std::move(instruments)}, {"addressees", it.addressees},
                       {"items", items_model(cx, s, it.items, root)}, {"has_items", !it.items.empty()}});
    }
    return out;
}

}  // namespace

Page recset_page(const Context& cx, const content::RecSet& s) {
    std::string path = crossref::page_path("recommendations", s.id), root = root_of(path);
    json m = cx.base(path, s.title, "recommendations");
    m["set"] = {
        {"id", s.id}, {"title", s.title},
        {"document", cx.link("document", s.document.value, root)},
        {"source", s.source ? cx.link_ref(s.source->value, root) : json(nullptr)},
        {"issued_by", s.issued_by ? cx.link("organization", s.issued_by->value, root) : json(nullptr)},
        {"addressees", s.addressees}, {"themes", cx.themes(s.themes, root)},
        {"intro_html", cx.markdown(s.intro, {s.path, {}}, root)},
        {"items", items_model(cx, s, s.items, root)},
    };
    m["breadcrumbs"] = json::array({{{"title", "Recommendations"}, {"href", root + "recommendations.html"}}});
    return {path, "recommendations", std::move(m)};
}

Page theme_page(const Context& cx, const content::Theme& t) {
    std::string path = crossref::page_path("theme", t.id), root = root_of(path);
    json m = cx.base(path, t.title, "theme");
    json groups = json::object();
    for (const char* k : {"document", "instrument", "organization", "recommendations", "annotation", "theme"}) groups[k] = json::array();
    std::set<std::string> seen;
    if (auto it = cx.graph.incoming_entity.find({"theme", t.id, ""}); it != cx.graph.incoming_entity.end())
        for (auto i : it->second) {
            const auto& e = cx.graph.edges[i];
            if (e.type != "about" && e.type != "part-of") continue;
            std::string key = e.from.kind + ":" + e.from.id;
            if (!seen.insert(key).second) continue;
            if (auto l = cx.link(e.from.kind, e.from.id, root); !l.is_null()) groups[e.from.kind].push_back(l);
        }
    m["theme"] = {{"id", t.id}, {"title", t.title}, {"description", t.description},
                  {"parent", t.parent ? cx.link("theme", t.parent->value, root) : json(nullptr)},
                  {"documents", groups["document"]}, {"instruments", groups["instrument"]}, {"organizations", groups["organization"]},
                  {"recommendations", groups["recommendations"]}, {"annotations", groups["annotation"]}, {"subthemes", groups["theme"]}};
    m["breadcrumbs"] = json::array({{{"title", "Themes"}, {"href", root + "themes.html"}}});
    return {path, "theme", std::move(m)};
}

const std::vector<std::string>& index_page_paths() {
    static const std::vector<std::string> paths = {"index.html",           "documents.html", "instruments.html", "organizations.html",
                                                   "recommendations.html", "themes.html",    "timeline.html",    "annotations.html",
                                                   "search.html",          "404.html"};
    return paths;
}

std::vector<Page> index_pages(const Context& cx) {
    const auto& c = cx.corpus;
    std::vector<Page> out;
    // One summary rendered per document: shared out over the threads.
    std::vector<json> entries(c.documents.size());
    util::parallel_for(entries.size(), cx.build.jobs, [&](std::size_t i) {
        const auto& d = c.documents[i];
        entries[i] = {{"title", d.title},
                      {"subtitle", d.subtitle},
                      {"href", crossref::page_path("document", d.id)},
                      {"date", d.date},
                      {"date_human", human_date(d.date)},
                      {"kind", d.kind},
                      {"kind_label", kind_label(d.kind)},
                      {"authors", d.authors},
                      {"summary_html", cx.markdown(d.summary, {d.json_path, {}}, "", d.id)}};
    });
    json docs(std::move(entries));
    json instruments = json::array(), by_kind = json::array();
    std::map<std::string, json> kinds;
    std::vector<const content::Instrument*> sorted;
    for (const auto& x : c.instruments) sorted.push_back(&x);
    auto name = [](const content::Instrument* x) { return util::to_lower_ascii(x->short_title.empty() ? x->title : x->short_title); };
    std::sort(sorted.begin(), sorted.end(), [&](auto* a, auto* b) { return std::make_pair(name(a), a->id) < std::make_pair(name(b), b->id); });
    for (const auto* x : sorted) {
        json e = {{"title", x->short_title.empty() ? x->title : x->short_title}, {"full_title", x->title},
                  {"href", crossref::page_path("instrument", x->id)}, {"kind", x->kind}, {"kind_label", kind_label(x->kind)}, {"adopted", x->adopted}};
        instruments.push_back(e);
        if (!kinds.count(x->kind)) kinds[x->kind] = json::array();
        kinds[x->kind].push_back(e);
    }
    for (auto& [k, list] : kinds) by_kind.push_back({{"kind", k}, {"kind_label", kind_label(k)}, {"instruments", list}});
    json orgs = json::array();
    for (const auto& x : c.organizations)
        orgs.push_back({{"title", x.short_name.empty() ? x.name : x.short_name}, {"name", x.name}, {"href", crossref::page_path("organization", x.id)}, {"kind", x.kind}, {"kind_label", kind_label(x.kind)}});
    std::sort(orgs.begin(), orgs.end(), [](const json& a, const json& b) { return a["title"] < b["title"]; });
    json sets = json::array();
    for (const auto& s : c.recommendations)
        sets.push_back({{"title", s.title}, {"href", crossref::page_path("recommendations", s.id)}, {"count", s.items.size()},
                        {"document", cx.link("document", s.document.value, "")}});
    json themes = json::array();
    for (const auto& t : c.themes) themes.push_back({{"title", t.title}, {"href", crossref::page_path("theme", t.id)}, {"description", t.description}});
    json timeline = json::array();
    std::vector<const content::Instrument*> dated;
    for (const auto& x : c.instruments)
        if (!x.adopted.empty()) dated.push_back(&x);
    std::sort(dated.begin(), dated.end(), [](auto* a, auto* b) { return std::tie(a->adopted, a->id) < std::tie(b->adopted, b->id); });
    for (const auto* x : dated)
        timeline.push_back({{"title", x->short_title.empty() ? x->title : x->short_title}, {"href", crossref::page_path("instrument", x->id)},
                            {"adopted", x->adopted}, {"adopted_human", human_date(x->adopted)}, {"year", x->adopted.substr(0, 4)},
                            {"entry_into_force", x->entry_into_force},
                            {"entry_into_force_human", x->entry_into_force.empty() ? "" : human_date(x->entry_into_force)}, {"kind", x->kind}, {"kind_label", kind_label(x->kind)}});
    json notes = json::array();
    for (const auto& a : c.annotations) {
        json also = json::array();
        for (const auto& r : a.also)
            if (auto l = cx.link_ref(r.value, ""); !l.is_null()) also.push_back(l);
        notes.push_back({{"id", a.id}, {"title", a.title}, {"body_html", cx.markdown(a.body, {a.path, {}}, "")},
                         {"target", cx.link_ref(a.target.value, "")}, {"also", also}, {"themes", cx.themes(a.themes, "")}});
    }

    auto page = [&](const std::string& path, const std::string& title, const std::string& kind, json extra) {
        if (out.size() >= index_page_paths().size() || index_page_paths()[out.size()] != path)
            throw std::logic_error("index_page_paths() does not list " + path + " where index_pages() makes it");
        json m = cx.base(path, title, kind);
        for (auto& [k, v] : extra.items()) m[k] = v;
        out.push_back({path, kind, std::move(m)});
    };
    json teaser = json::array();
    for (std::size_t i = 0; i < timeline.size() && i < 6; ++i) teaser.push_back(timeline[i]);
    page("index.html", c.site.title, "home",
         {{"documents", docs}, {"sets", sets}, {"themes", themes}, {"timeline", teaser},
          {"counts", {{"documents", c.documents.size()}, {"instruments", c.instruments.size()}, {"organizations", c.organizations.size()},
                      {"recommendations", sets.size()}, {"annotations", c.annotations.size()}}}});
    page("documents.html", "Documents", "documents", {{"documents", docs}});
    page("instruments.html", "Instruments", "instruments", {{"instruments", instruments}, {"by_kind", by_kind}});
    page("organizations.html", "Organizations", "organizations", {{"organizations", orgs}});
    page("recommendations.html", "Recommendations", "recommendations-index", {{"sets", sets}});
    page("themes.html", "Themes", "themes", {{"themes", themes}});
    page("timeline.html", "Timeline", "timeline", {{"timeline", timeline}});
    page("annotations.html", "Editorial notes", "annotations", {{"annotations", notes}});
    page("search.html", "Search", "search", json::object());
    page("404.html", "Page not found", "404", json::object());
    return out;
}

}  // namespace passage::render
