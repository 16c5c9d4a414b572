// The index pages: the home page, the lists of documents, instruments, organizations, recommendation
// sets, themes, the timeline and the editorial notes (each on numbered pages of Budget::list
// entries), search and 404.
#include <algorithm>

#include "render/pages.hpp"

namespace passage::render {

using nlohmann::json;

namespace {

struct IndexInfo {
    const char* base;   // "documents": its pages are documents.html, documents-2.html, ...
    const char* title;  // "Documents"
    const char* kind;   // the page kind (and its template)
};

const IndexInfo& info(IndexKind kind) {
    static const IndexInfo all[] = {
        {"index", "", "home"},
        {"documents", "Documents", "documents"},
        {"instruments", "Instruments", "instruments"},
        {"organizations", "Organizations", "organizations"},
        {"recommendations", "Recommendations", "recommendations-index"},
        {"themes", "Themes", "themes"},
        {"timeline", "Timeline", "timeline"},
        {"annotations", "Editorial notes", "annotations"},
        {"search", "Search", "search"},
        {"404", "Page not found", "404"},
    };
    return all[static_cast<std::size_t>(kind)];
}

json document_entry(const Context& cx, const content::Document& d, const std::string& root) {
    return {{"title", d.title},
            {"subtitle", d.subtitle},
            {"href", root + crossref::page_path("document", d.id)},
            {"date", d.date},
            {"date_human", human_date(d.date)},
            {"kind", d.kind},
            {"kind_label", kind_label(d.kind)},
            {"authors", d.authors},
            {"summary_html", cx.markdown(d.summary, {d.json_path, {}}, root, d.id)}};
}

json instrument_entry(const content::Instrument& x, const std::string& root) {
    return {{"title", x.short_title.empty() ? x.title : x.short_title},
            {"full_title", x.title},
            {"href", root + crossref::page_path("instrument", x.id)},
            {"kind", x.kind},
            {"kind_label", kind_label(x.kind)},
            {"adopted", x.adopted},
            {"adopted_human", x.adopted.empty() ? "" : human_date(x.adopted)},
            {"year", x.adopted.substr(0, 4)},
            {"entry_into_force", x.entry_into_force},
            {"entry_into_force_human", x.entry_into_force.empty() ? "" : human_date(x.entry_into_force)}};
}

json set_entry(const Context& cx, const content::RecSet& s, const std::string& root) {
    std::size_t items = 0;
    std::function<void(const std::vector<content::RecItem>&)> count = [&](const std::vector<content::RecItem>& list) {
        for (const auto& it : list) {
            ++items;
            count(it.items);
        }
    };
    count(s.items);
    return {{"title", s.title},
            {"href", root + crossref::page_path("recommendations", s.id)},
            {"count", items},
            {"document", cx.link("document", s.document.value, root)}};
}

// Entries [begin, end) of a list, each made by `entry`.
template <typename List, typename Fn>
json slice(const List& list, std::size_t begin, std::size_t end, Fn entry) {
    json out = json::array();
    for (std::size_t i = begin; i < end && i < list.size(); ++i) out.push_back(entry(list[i]));
    return out;
}

}  // namespace

json annotation_entry(const Context& cx, const content::Annotation& a, const std::string& root, const std::string& doc, bool with_body) {
    json also = json::array();
    for (const auto& r : a.also)
        if (auto l = cx.link_ref(r.value, root); !l.is_null()) also.push_back(l);
    json e = {{"id", a.id},
              {"title", a.title},
              {"href", root + crossref::page_path("annotation", a.id)},
              {"target", cx.link_ref(a.target.value, root)},
              {"also", std::move(also)},
              {"themes", cx.themes(a.themes, root)},
              {"date", a.date},
              {"date_human", a.date.empty() ? "" : human_date(a.date)}};
    if (with_body) e["body_html"] = cx.markdown(a.body, {a.path, {}}, root, doc);
    return e;
}

std::string index_page_path(IndexKind kind, std::size_t k) {
    return numbered_page(info(kind).base, k);
}

std::size_t index_entries(const Pages::State& st, IndexKind kind) {
    const auto& c = st.corpus;
    switch (kind) {
        case IndexKind::documents:
            return c.documents.size();
        case IndexKind::instruments:
            return c.instruments.size();
        case IndexKind::organizations:
            return c.organizations.size();
        case IndexKind::recommendations:
            return c.recommendations.size();
        case IndexKind::themes:
            return c.themes.size();
        case IndexKind::timeline:
            return st.timeline.size();
        case IndexKind::annotations:
            return c.annotations.size();
        default:
            return 0;
    }
}

Page index_page(const Pages::State& st, const Context& cx, IndexKind kind, std::size_t k) {
    const auto& c = st.corpus;
    const auto& i = info(kind);
    const std::string path = index_page_path(kind, k), root = root_of(path);
    const std::size_t total = index_entries(st, kind), pages = st.list_pages(total);
    const std::size_t begin = (k - 1) * cx.budget.list, end = std::min(total, begin + cx.budget.list);
    std::string title = kind == IndexKind::home ? c.site.title : i.title;
    if (pages > 1) title += ", page " + std::to_string(k) + " of " + std::to_string(pages);
    json m = cx.base(path, title, i.kind);
    m["heading"] = i.title;
    if (kind != IndexKind::home && kind != IndexKind::search && kind != IndexKind::not_found) {
        m["range"] = {{"first", begin + 1}, {"last", end}, {"total", total}};
        m["pager"] = pager(k, pages, [&](std::size_t p) { return root + index_page_path(kind, p); });
    }
    switch (kind) {
        case IndexKind::home: {
            const std::size_t shown = cx.budget.home;
            m["documents"] = slice(c.documents, 0, shown, [&](const auto& d) { return document_entry(cx, d, root); });
            m["timeline"] = slice(st.timeline, 0, 6, [&](const auto* x) { return instrument_entry(*x, root); });
            m["sets"] = slice(c.recommendations, 0, shown, [&](const auto& s) { return set_entry(cx, s, root); });
            m["themes"] = slice(c.themes, 0, 3 * shown, [&](const auto& t) {
                return json{{"title", t.title}, {"href", root + crossref::page_path("theme", t.id)}};
            });
            m["more"] = {{"documents", c.documents.size() > shown},
                         {"sets", c.recommendations.size() > shown},
                         {"themes", c.themes.size() > 3 * shown}};
            m["downloads"] = {{"any", !c.site.download_epub.empty() || !c.site.download_zip.empty()},
                              {"both", !c.site.download_epub.empty() && !c.site.download_zip.empty()},
                              {"epub", c.site.download_epub},
                              {"zip", c.site.download_zip}};
            m["counts"] = {{"documents", c.documents.size()},
                           {"instruments", c.instruments.size()},
                           {"organizations", c.organizations.size()},
                           {"recommendations", c.recommendations.size()},
                           {"annotations", c.annotations.size()}};
            break;
        }
        case IndexKind::documents:
            m["documents"] = slice(c.documents, begin, end, [&](const auto& d) { return document_entry(cx, d, root); });
            break;
        case IndexKind::instruments:
            m["instruments"] = slice(st.instruments_by_name, begin, end, [&](const auto* x) { return instrument_entry(*x, root); });
            break;
        case IndexKind::organizations:
            m["organizations"] = slice(st.organizations_by_name, begin, end, [&](const auto* x) {
                return json{{"title", x->short_name.empty() ? x->name : x->short_name},
                            {"name", x->name},
                            {"href", root + crossref::page_path("organization", x->id)},
                            {"kind", x->kind},
                            {"kind_label", kind_label(x->kind)}};
            });
            break;
        case IndexKind::recommendations:
            m["sets"] = slice(c.recommendations, begin, end, [&](const auto& s) { return set_entry(cx, s, root); });
            break;
        case IndexKind::themes:
            m["themes"] = slice(c.themes, begin, end, [&](const auto& t) {
                return json{{"title", t.title}, {"href", root + crossref::page_path("theme", t.id)}, {"description", t.description}};
            });
            break;
        case IndexKind::timeline:
            m["timeline"] = slice(st.timeline, begin, end, [&](const auto* x) { return instrument_entry(*x, root); });
            break;
        case IndexKind::annotations:
            // Each note's opening, not its whole text: the page stays in its budget however long the
            // notes are (each has its own page).
            m["annotations"] = slice(c.annotations, begin, end, [&](const auto& a) {
                json e = annotation_entry(cx, a, root, {}, false);
                e["excerpt"] = shorten(markdown::to_plain_text(a.body), 280);
                return e;
            });
            break;
        case IndexKind::not_found: {
            // A server sends 404.html for a missing address at any depth, where links relative to the
            // top of the site break: its template gives the site's path, from the base_url, to a <base>
            // element (which a script turns back to the page's own folder under file://, where 404.html
            // is at the top of the site).
            const auto& url = c.site.base_url;
            const auto host = url.find("://");
            const auto slash = host == std::string::npos ? std::string::npos : url.find('/', host + 3);
            m["base_path"] = slash == std::string::npos ? std::string() : url.substr(slash);
            break;
        }
        case IndexKind::search:
            break;
    }
    return {path, i.kind, std::move(m)};
}

}  // namespace passage::render
