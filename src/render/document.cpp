// The page of a document: its metadata, its body with the margin of each numbered paragraph (the
// editorial notes on it and who cites it), its notes, the notes on it and who cites it.
#include <algorithm>
#include <set>

#include "render/jsonld.hpp"
#include "render/pages.hpp"
#include "util/strings.hpp"

namespace passage::render {

using nlohmann::json;

namespace {

bool is_numbered(const std::string& anchor) {
    return anchor.size() > 1 && (anchor[0] == 'p' || anchor.starts_with("annex-p")) &&
           std::isdigit(static_cast<unsigned char>(anchor.back()));
}

}  // namespace

Page document_page(const Pages::State& st, const Context& cx, std::size_t index) {
    const auto& d = cx.corpus.documents[index];
    const auto& x = st.extracts[index];
    const auto& body = st.bodies[index];
    const auto node = static_cast<crossref::NodeId>(index);  // documents are the first nodes, in corpus order
    const std::string path = crossref::page_path("document", d.id), root = root_of(path);
    json m = cx.base(path, d.title, "document");
    static const std::map<std::string, std::vector<const content::Annotation*>> no_notes;
    auto of_document = st.notes.find(d.id);
    const auto& notes = of_document == st.notes.end() ? no_notes : of_document->second;
    const auto& citations = st.citations[node];

    // The body, with the margin of each numbered paragraph: the notes on it, then who cites it (the
    // notes are not repeated among the citations).
    std::string html = body.pieces.empty() ? std::string() : body.pieces[0];
    for (std::size_t k = 0; k < body.numbered.size(); ++k) {
        const auto& anchor = body.numbered[k];
        if (auto it = notes.find(anchor); it != notes.end()) {
            std::size_t shown = 0;
            for (const auto* a : it->second) {
                if (shown++ == cx.budget.margin) break;
                html += "<aside class=\"margin-note\" id=\"note-" + util::html_escape(a->id) + "\"><p class=\"margin-note-title\">" +
                        util::html_escape(a->title) + "</p>" + cx.markdown(a->body, {a->path, {}}, root, d.id) + "</aside>";
            }
        }
        auto list = margin_citations(cx, node, anchor, citations, root);
        if (!list.empty()) html += "<div class=\"cited-by\"><p>Cited by</p><ul>" + list + "</ul></div>";
        html += body.pieces[k + 1];
    }

    json toc = json::array();
    for (const auto& h : x.headings)
        if (h.level <= 3) toc.push_back({{"id", h.id}, {"text", h.text}, {"level", h.level}});
    json footnotes = json::array();
    std::set<int> missing(d.gaps.footnotes_missing.begin(), d.gaps.footnotes_missing.end());
    std::set<int> cut(d.gaps.footnotes_cut.begin(), d.gaps.footnotes_cut.end());
    for (const auto& f : x.footnotes) {
        json backrefs = json::array();
        int k = 1;
        if (auto ids = x.footnote_ref_ids.find(f.label); ids != x.footnote_ref_ids.end())
            for (const auto& id : ids->second) backrefs.push_back({{"id", id}, {"n", k++}});
        bool numeric = !f.label.empty() && std::all_of(f.label.begin(), f.label.end(), ::isdigit);
        int n = numeric && f.label.size() < 6 ? std::stoi(f.label) : 0;
        auto note = body.footnotes.find(f.label);
        footnotes.push_back({{"label", f.label},
                             {"html", note == body.footnotes.end() ? std::string() : note->second},
                             {"backrefs", std::move(backrefs)},
                             {"missing", missing.count(n) > 0},
                             {"cut", cut.count(n) > 0},
                             {"value", n}});
    }
    // Notes on the document as a whole or on a passage that is not a numbered paragraph.
    json unanchored = json::array();
    std::size_t more_notes = 0;
    for (const auto& [anchor, list] : notes) {
        if (is_numbered(anchor)) continue;
        for (const auto* a : list) {
            if (unanchored.size() < cx.budget.cited)
                unanchored.push_back(annotation_entry(cx, *a, root, d.id));
            else
                ++more_notes;
        }
    }
    const auto& docs = cx.corpus.documents;
    m["document"] = {
        {"id", d.id},
        {"title", d.title},
        {"subtitle", d.subtitle},
        {"authors", d.authors},
        {"date", d.date},
        {"date_human", human_date(d.date)},
        {"kind", d.kind},
        {"kind_label", kind_label(d.kind)},
        {"language", d.language.empty() ? cx.corpus.site.language : d.language},
        {"organization", d.organization ? cx.link("organization", d.organization->value, root) : json(nullptr)},
        {"source",
         {{"symbol", d.source.symbol},
          {"publisher", d.source.publisher},
          {"place", d.source.place},
          {"url", d.source.url},
          {"citation", d.source.citation},
          {"version", d.source.version}}},
        {"summary_html", cx.markdown(d.summary, {d.json_path, {}}, root, d.id)},
        {"themes", cx.themes(d.themes, root)},
        {"toc", std::move(toc)},
        {"body_html", std::move(html)},
        {"footnotes", std::move(footnotes)},
        {"notes", std::move(unanchored)},
        {"more_notes", more_notes},
        {"cited", cited_summary(cx, node, citations, root)},
        {"prev", index > 0 ? cx.link("document", docs[index - 1].id, root) : json(nullptr)},
        {"next", index + 1 < docs.size() ? cx.link("document", docs[index + 1].id, root) : json(nullptr)},
    };
    m["jsonld"] = document_jsonld(cx, d);
    m["breadcrumbs"] = json::array({kind_index(crossref::Kind::document, root)});
    return {path, "document", std::move(m)};
}

}  // namespace passage::render
