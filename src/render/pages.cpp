#include <algorithm>
#include <map>

#include "render/context.hpp"
#include "render/jsonld.hpp"
#include "util/parallel.hpp"
#include "util/strings.hpp"

namespace passage::render {

namespace {

using nlohmann::json;

json strings(const std::vector<std::string>& v) { return json(v); }

// Annotations whose target (or one of whose "also" references) is a passage of document `doc`.
std::map<std::string, std::vector<const content::Annotation*>> annotations_of(const content::Corpus& c, const std::string& doc) {
    std::map<std::string, std::vector<const content::Annotation*>> out;
    std::string prefix = "doc:" + doc;
    for (const auto& a : c.annotations) {
        const auto& t = a.target.value;
        if (t == prefix) out[""].push_back(&a);
        else if (util::starts_with(t, prefix + "#")) out[t.substr(prefix.size() + 1)].push_back(&a);
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

Page document_page(const Context& cx, std::size_t index, markdown::Tree& tree) {
    const auto& d = cx.corpus.documents[index];
    std::string path = crossref::page_path("document", d.id);
    std::string root = root_of(path);
    json m = cx.base(path, d.title, "document");
    auto notes = annotations_of(cx.corpus, d.id);

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
        auto cites = cx.cited_by({"document", d.id, anchor}, root, false);
        std::string list;
        for (const auto& g : cites) {
            if (g["source"].is_null()) continue;
            for (const auto& p : g["passages"]) {
                if (p["type"] == "annotates" || (g["source"]["id"] == d.id && g["source"]["kind"] == "document")) continue;
                std::string label = anchor_label(p["label"].get<std::string>());
                list += "<li><a href=\"" + util::html_escape(p["href"].get<std::string>()) + "\">" +
                        util::html_escape(g["source"]["title"].get<std::string>()) + (label.empty() ? "" : ", " + util::html_escape(label)) +
                        "</a></li>";
            }
        }
        if (!list.empty()) html += "<div class=\"cited-by\"><p>Cited by</p><ul>" + list + "</ul></div>";
        return html;
    };
    if (auto it = cx.graph.mentions.find(d.id); it != cx.graph.mentions.end()) {
        for (auto [run, list] : it->second) {
            for (auto& m : list)
                if (m.target.href.empty() || m.target.href[0] != '#') m.target.href = root + m.target.href;
            markdown::link_mentions(tree.text_runs[run], list);
        }
    }
    auto html = markdown::render(tree, resolve, margin);

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
        footnotes.push_back({{"label", f.label}, {"html", html.footnotes[f.label]}, {"backrefs", backrefs},
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
        {"toc", toc},
        {"body_html", html.body},
        {"footnotes", footnotes},
        {"notes", unanchored},
        {"cited_by", cx.cited_by({"document", d.id, ""}, root, true)},
        {"prev", index > 0 ? cx.link("document", docs[index - 1].id, root) : json(nullptr)},
        {"next", index + 1 < docs.size() ? cx.link("document", docs[index + 1].id, root) : json(nullptr)},
    };
    m["jsonld"] = document_jsonld(cx, d);
    m["breadcrumbs"] = json::array({{{"title", "Documents"}, {"href", root + "documents.html"}}});
    return {path, "document", std::move(m)};
}

}  // namespace

// Defined in entities.cpp.
void entity_pages(const Context& cx, std::vector<Page>& out);
void index_pages(const Context& cx, std::vector<Page>& out);

std::vector<Page> pages(const content::Corpus& corpus, std::vector<markdown::Tree>& trees, const crossref::Graph& graph,
                        const Build& build, diag::Sink& sink) {
    Context cx{corpus, graph, build, sink};
    std::vector<Page> out;
    std::vector<Page> docs(corpus.documents.size());
    util::parallel_for(docs.size(), build.jobs, [&](std::size_t i) { docs[i] = document_page(cx, i, trees[i]); });
    for (auto& p : docs) out.push_back(std::move(p));
    entity_pages(cx, out);
    index_pages(cx, out);
    std::sort(out.begin(), out.end(), [](const Page& a, const Page& b) { return a.path < b.path; });
    return out;
}

}  // namespace passage::render
