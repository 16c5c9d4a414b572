#include "search/search.hpp"

#include <nlohmann/json.hpp>

#include "markdown/markdown.hpp"
#include "util/strings.hpp"

namespace passage::search {

std::string script_safe_json(const std::string& dumped) {
    std::string out;
    out.reserve(dumped.size());
    for (std::size_t i = 0; i < dumped.size(); ++i) {
        char c = dumped[i];
        if (c == '<') out += "\\u003c";
        else if (c == '>') out += "\\u003e";
        else if (c == '&') out += "\\u0026";
        else if (dumped.compare(i, 3, "\xE2\x80\xA8") == 0) { out += "\\u2028"; i += 2; }
        else if (dumped.compare(i, 3, "\xE2\x80\xA9") == 0) { out += "\\u2029"; i += 2; }
        else out += c;
    }
    return out;
}

std::vector<Record> records(const content::Corpus& corpus, const std::vector<markdown::Tree>& trees) {
    std::vector<Record> out;
    for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
        const auto& d = corpus.documents[i];
        std::vector<std::string> themes;
        for (const auto& t : d.themes) themes.push_back(t.value);
        std::map<std::string, std::string> section_titles;
        for (const auto& h : trees[i].headings) section_titles[h.id] = h.text;
        for (const auto& p : trees[i].passages) {
            if (p.text.empty() || p.kind == markdown::PassageKind::heading) continue;
            std::string title = d.title;
            if (!p.section.empty() && section_titles.count(p.section)) title += " › " + section_titles[p.section];
            if (p.kind != markdown::PassageKind::paragraph) title += " › " + p.label;
            std::string url = crossref::page_path("document", d.id) + (p.anchor.empty() ? "" : "#" + p.anchor);
            out.push_back({url, title, p.kind == markdown::PassageKind::footnote ? "footnote" : "paragraph", p.text, d.date.substr(0, 4), themes});
        }
    }
    for (const auto& x : corpus.instruments)
        out.push_back({crossref::page_path("instrument", x.id), x.title, "instrument", markdown::to_plain_text(x.annotation), x.adopted.substr(0, x.adopted.empty() ? 0 : 4), {}});
    for (const auto& x : corpus.organizations)
        out.push_back({crossref::page_path("organization", x.id), x.name, "organization", markdown::to_plain_text(x.description), "", {}});
    for (const auto& a : corpus.annotations) out.push_back({"annotations.html#" + a.id, a.title, "annotation", markdown::to_plain_text(a.body), a.date.substr(0, a.date.empty() ? 0 : 4), {}});
    for (const auto& t : corpus.themes) out.push_back({crossref::page_path("theme", t.id), t.title, "theme", t.description, "", {}});
    return out;
}

std::map<std::string, std::string> index_files(const std::vector<Record>& records) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& r : records) arr.push_back({{"u", r.url}, {"t", r.title}, {"k", r.kind}, {"x", r.text}, {"y", r.year}, {"h", r.themes}});
    std::string js = "passageSearch.register(" + script_safe_json(arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) + ");\n";
    return {{"search/records.js", js}};
}

}  // namespace passage::search
