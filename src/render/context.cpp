#include "render/context.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "markdown/guard.hpp"
#include "util/strings.hpp"

namespace passage::render {

std::string root_of(const std::string& path) {
    std::string root;
    for (char c : path)
        if (c == '/') root += "../";
    return root;
}

std::string human_date(const std::string& iso) {
    static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
    if (iso.size() == 4) return iso;
    int m = iso.size() >= 7 ? std::stoi(iso.substr(5, 2)) : 0;
    if (m < 1 || m > 12) return iso;
    if (iso.size() == 7) return std::string(months[m - 1]) + " " + iso.substr(0, 4);
    return std::to_string(std::stoi(iso.substr(8, 2))) + " " + months[m - 1] + " " + iso.substr(0, 4);
}

std::string anchor_label(const std::string& a) {
    if (a.size() > 1 && a[0] == 'p' && std::isdigit(static_cast<unsigned char>(a[1]))) return "¶" + a.substr(1);
    if (a.starts_with("annex-p")) return "annex ¶" + a.substr(7);
    if (a.starts_with("fn-")) return "note " + a.substr(3);
    return a;
}

nlohmann::json Context::themes(const std::vector<content::IdRef>& ids, const std::string& root) const {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : ids)
        if (auto l = link("theme", t.value, root); !l.is_null()) out.push_back(l);
    return out;
}

std::string kind_label(const std::string& kind) {
    static const std::set<std::string> acronyms = {"un", "ngo", "ilo", "eu", "who"};
    std::string out;
    for (auto word : util::split(kind, '-')) {
        if (acronyms.count(word))
            for (auto& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (!out.empty()) out += ' ';
        out += word;
    }
    if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

std::string Context::markdown(const std::string& text, const content::Loc& loc, const std::string& root, const std::string& doc,
                              const std::string& self) const {
    if (text.empty()) return {};
    util::SourceText src(loc.file, text);
    markdown::Options opt;
    opt.raw_html = corpus.site.raw_html;
    opt.fixed_location = std::make_pair(loc.file, loc.pos);
    // Markdown in metadata gets the same pre-scan as documents, reported at the field.
    diag::Sink local;
    if (!markdown::guard(src, {}, local)) {
        sink.error("md-limit", loc.file, loc.pos, "this Markdown field is beyond the limits of the Markdown stage");
        return util::html_escape(text);
    }
    auto tree = markdown::parse(src, opt, sink);
    std::set<std::string> linked{self};
    for (const auto& run : tree.text_runs) {
        std::vector<markdown::Mention> found;
        auto text = markdown::text_of(run);
        for (const auto& m : graph.names().aliases().find(text)) {
            std::string target(m.target);
            if (!linked.insert(target).second) continue;
            auto t = graph.resolve(target, doc, loc.file, loc.pos, nullptr);
            if (t) found.push_back({m.begin, m.end, {root + t->path, t->css_class + " mention", t->title}});
        }
        markdown::link_mentions(run, found);
    }
    auto html = markdown::render(tree, [&](const markdown::Link& l) -> std::optional<markdown::Resolved> {
        if (!crossref::has_our_scheme(l.url)) return std::nullopt;
        auto t = graph.resolve(l.url, doc, loc.file, loc.pos, &sink);
        if (!t) return std::nullopt;
        return markdown::Resolved{root + t->path, t->css_class, t->title};
    });
    return html.body;
}

nlohmann::json Context::link(const std::string& kind, const std::string& id, const std::string& root) const {
    const auto* title = graph.title(kind, id);
    if (!title) return nullptr;
    return {{"title", *title}, {"href", root + crossref::page_path(kind, id)}, {"kind", kind}, {"id", id}};
}

nlohmann::json Context::link(crossref::NodeId node, const std::string& root) const {
    const auto& n = graph.names().node(node);
    const std::string kind = crossref::kind_name(n.kind);
    return {{"title", n.title}, {"href", root + crossref::page_path(kind, n.id)}, {"kind", kind}, {"id", n.id}};
}

std::string Context::href(crossref::NodeId node, const std::string& anchor, const std::string& root) const {
    const auto& n = graph.names().node(node);
    std::string out = root + crossref::page_path(crossref::kind_name(n.kind), n.id);
    if (!anchor.empty()) out += "#" + (n.kind == crossref::Kind::recommendations ? crossref::item_anchor(anchor) : anchor);
    return out;
}

nlohmann::json Context::link_ref(const std::string& ref, const std::string& root) const {
    auto t = graph.resolve(ref, "", "", {}, nullptr);
    if (!t) return nullptr;
    std::string title = t->title;
    if (!t->node.anchor.empty()) {
        std::string a = t->node.anchor;
        if (t->node.kind == "document") {
            std::string label = graph.label(graph.names().find(crossref::Kind::document, t->node.id), a);
            a = label == a ? anchor_label(a) : label;
        } else if (t->node.kind == "recommendations") {
            a = "item " + a;
        } else {
            a = anchor_label(a);
        }
        title += ", " + a;
    }
    return {{"title", title}, {"href", root + t->path}, {"kind", t->node.kind}};
}

nlohmann::json Context::base(const std::string& path, const std::string& title, const std::string& kind) const {
    const auto& s = corpus.site;
    std::string root = root_of(path);
    nlohmann::json nav = nlohmann::json::array();
    for (auto [label, href, k] : std::initializer_list<std::tuple<const char*, const char*, const char*>>{
             {"Documents", "documents.html", "documents"},
             {"Instruments", "instruments.html", "instruments"},
             {"Organizations", "organizations.html", "organizations"},
             {"Recommendations", "recommendations.html", "recommendations"},
             {"Themes", "themes.html", "themes"},
             {"Timeline", "timeline.html", "timeline"},
             {"Search", "search.html", "search"}}) {
        nav.push_back({{"label", label}, {"href", root + href}, {"current", k == kind}});
    }
    nlohmann::json m = {
        {"site", {{"title", s.title}, {"description", s.description}, {"language", s.language}, {"base_url", s.base_url}}},
        {"page", {{"title", title}, {"kind", kind}, {"path", path}, {"is_home", kind == "home"}}},
        {"assets",
         {{"css", "assets/passage.css"},
          {"js", "assets/passage.js"},
          {"search_engine_js", "assets/search-engine.js"},
          {"search_js", "assets/search.js"}}},  // hashed later with a base_url
        {"root", root},
        {"nav", nav},
        {"build", {{"generator", build.generator}, {"version", build.version}}},
    };
    if (!s.base_url.empty()) m["page"]["canonical"] = s.base_url + (path == "index.html" ? "" : path);
    return m;
}

std::string numbered_page(const std::string& base, std::size_t page) {
    return page <= 1 ? base + ".html" : base + "-" + std::to_string(page) + ".html";
}

nlohmann::json pager(std::size_t current, std::size_t count, const std::function<std::string(std::size_t)>& href) {
    if (count <= 1) return nullptr;
    nlohmann::json pages = nlohmann::json::array();
    bool gap = false;
    for (std::size_t k = 1; k <= count; ++k) {
        const bool shown = k == 1 || k == count || (k + 2 >= current && k <= current + 2);
        if (!shown) {
            if (!gap) pages.push_back({{"gap", true}});
            gap = true;
            continue;
        }
        gap = false;
        pages.push_back({{"n", k}, {"href", href(k)}, {"current", k == current}});
    }
    return {{"pages", std::move(pages)},
            {"prev", current > 1 ? nlohmann::json(href(current - 1)) : nlohmann::json(nullptr)},
            {"next", current < count ? nlohmann::json(href(current + 1)) : nlohmann::json(nullptr)},
            {"current", current},
            {"count", count}};
}

std::string shorten(std::string_view text, std::size_t max) {
    std::string folded;
    for (char c : text) {
        bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        if (!space)
            folded += c;
        else if (!folded.empty() && folded.back() != ' ')
            folded += ' ';
    }
    while (!folded.empty() && folded.back() == ' ') folded.pop_back();
    if (folded.size() <= max) return folded;
    std::size_t cut = folded.rfind(' ', max);
    if (cut == std::string::npos || cut < max / 2) {
        cut = max;
        while (cut > 0 && (static_cast<unsigned char>(folded[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
    }
    return folded.substr(0, cut) + "…";
}

}  // namespace passage::render
