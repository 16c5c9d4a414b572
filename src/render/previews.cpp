// What a reader sees on pointing at an internal link before following it (assets/passage.js shows
// it): for an entity, its summary with its key facts, written into the page for the links the page
// has; for a passage of a document, its text, in a script file per document loaded when needed.
#include <functional>
#include <map>
#include <set>

#include "json/json_writer.hpp"
#include "render/pages.hpp"
#include "render/previews.hpp"
#include "util/strings.hpp"

namespace passage::render {

using nlohmann::json;

namespace {

constexpr std::size_t kExcerpt = 240;     // bytes of an entity's text in its preview
constexpr std::size_t kPassage = 360;     // bytes of a passage's text
constexpr std::size_t kMostPreviews = 150;  // entries of one page's previews: the page stays bounded

std::string excerpt(const std::string& markdown) { return shorten(markdown::to_plain_text(markdown), kExcerpt); }

template <typename T>
const T* by_id(const std::vector<T>& list, const std::string& id) {
    for (const auto& x : list)
        if (x.id == id) return &x;
    return nullptr;
}

std::string title_of(const crossref::Graph& g, crossref::Kind kind, const std::optional<content::IdRef>& ref) {
    if (!ref) return {};
    const auto* t = g.title(crossref::kind_name(kind), ref->value);
    return t ? *t : std::string();
}

// The last value of each dated fact of an instrument ("23 ratifications as of 16 January 2004").
json latest_facts(const content::Instrument& x) {
    std::map<std::string, const content::Fact*> latest;
    std::vector<std::string> order;
    for (const auto& f : x.facts) {
        auto [it, added] = latest.try_emplace(f.fact, &f);
        if (added) order.push_back(f.fact);
        else if (f.as_of >= it->second->as_of) it->second = &f;
    }
    json out = json::array();
    for (const auto& name : order) {
        const auto* f = latest[name];
        std::string line = kind_label(name) + ": " + f->value;
        if (!f->as_of.empty()) line += " (as of " + human_date(f->as_of) + ")";
        out.push_back(line);
        if (out.size() == 3) break;
    }
    return out;
}

json entry(std::string kind, const std::string& title, json facts, const std::string& text) {
    return {{"kind", std::move(kind)}, {"title", title}, {"facts", std::move(facts)}, {"text", text}};
}

// The preview of node `n` (with `fragment`, an item of a recommendation set), or null.
json preview_of(const Pages::State& st, crossref::NodeId n, const std::string& fragment) {
    const auto& g = st.graph;
    const auto& c = st.corpus;
    const auto& node = g.names().node(n);
    using crossref::Kind;
    switch (node.kind) {
        case Kind::document: {
            if (!fragment.empty()) return nullptr;  // a passage: in the document's passages file
            const auto& d = c.documents[n];
            json facts = json::array({human_date(d.date)});
            if (!d.authors.empty()) {
                std::string authors;
                for (const auto& a : d.authors) authors += (authors.empty() ? "" : ", ") + a;
                facts.push_back(authors);
            }
            if (auto org = title_of(g, Kind::organization, d.organization); !org.empty()) facts.push_back(org);
            return entry(kind_label(d.kind), d.title, std::move(facts), d.summary.empty() ? d.subtitle : excerpt(d.summary));
        }
        case Kind::instrument: {
            if (!fragment.empty()) return nullptr;
            const auto& x = *by_id(c.instruments, node.id);
            json facts = json::array();
            if (x.binding) facts.push_back(*x.binding ? "Binding" : "Not binding");
            if (!x.symbol.empty()) facts.push_back(x.symbol);
            if (!x.adopted.empty()) facts.push_back("Adopted " + human_date(x.adopted));
            if (!x.entry_into_force.empty()) facts.push_back("In force " + human_date(x.entry_into_force));
            for (auto& f : latest_facts(x)) facts.push_back(std::move(f));
            return entry(x.kind.empty() ? "Instrument" : kind_label(x.kind), x.title, std::move(facts), excerpt(x.annotation));
        }
        case Kind::organization: {
            if (!fragment.empty()) return nullptr;
            const auto& o = *by_id(c.organizations, node.id);
            json facts = json::array();
            if (!o.short_name.empty() && o.short_name != o.name) facts.push_back(o.short_name);
            if (auto parent = title_of(g, Kind::organization, o.parent); !parent.empty()) facts.push_back("Part of " + parent);
            return entry(o.kind.empty() ? "Organization" : kind_label(o.kind), o.name, std::move(facts), excerpt(o.description));
        }
        case Kind::recommendations: {
            const auto& s = *by_id(c.recommendations, node.id);
            if (fragment.empty()) {
                json facts = json::array({std::to_string(s.items.size()) + (s.items.size() == 1 ? " item" : " items")});
                if (auto by = title_of(g, Kind::organization, s.issued_by); !by.empty()) facts.push_back("Issued by " + by);
                return entry("Recommendations", s.title, std::move(facts), excerpt(s.intro));
            }
            // An item, found by its anchor among the items and their sub-items.
            std::function<const content::RecItem*(const std::vector<content::RecItem>&)> find =
                [&](const std::vector<content::RecItem>& items) -> const content::RecItem* {
                for (const auto& i : items) {
                    if (crossref::item_anchor(i.number) == fragment) return &i;
                    if (const auto* sub = find(i.items)) return sub;
                }
                return nullptr;
            };
            const auto* item = find(s.items);
            if (!item) return nullptr;
            std::string text = item->title.empty() ? item->text : item->title + ". " + item->text;
            return entry("Recommendation " + item->number, s.title, json::array(), excerpt(text));
        }
        case Kind::theme: {
            if (!fragment.empty()) return nullptr;
            for (const auto& t : c.themes)
                if (t.id == node.id) return entry("Theme", t.title, json::array(), excerpt(t.description));
            return nullptr;
        }
        case Kind::annotation: {
            if (!fragment.empty()) return nullptr;
            const auto& a = *by_id(c.annotations, node.id);
            json facts = json::array();
            if (!a.date.empty()) facts.push_back(human_date(a.date));
            return entry("Editorial note", a.title, std::move(facts), excerpt(a.body));
        }
    }
    return nullptr;
}

// Every link target of a view model: the values of "href" keys, and the href="…" of its HTML.
void collect(const json& j, const std::string& key, std::set<std::string>& out) {
    if (j.is_object()) {
        for (const auto& [k, v] : j.items()) collect(v, k, out);
    } else if (j.is_array()) {
        for (const auto& v : j) collect(v, key, out);
    } else if (j.is_string()) {
        const auto& s = j.get_ref<const std::string&>();
        if (key == "href") {
            out.insert(s);
        } else if (key == "html" || key.ends_with("_html")) {
            for (auto at = s.find("href=\""); at != std::string::npos; at = s.find("href=\"", at + 6)) {
                const auto end = s.find('"', at + 6);
                if (end == std::string::npos) break;
                std::string href = s.substr(at + 6, end - at - 6);  // ids and paths are slugs: "&amp;" at most
                for (auto amp = href.find("&amp;"); amp != std::string::npos; amp = href.find("&amp;", amp + 1)) href.erase(amp + 1, 4);
                out.insert(std::move(href));
            }
        }
    }
}

}  // namespace

std::string previews_json(const Pages::State& st, const std::string& path, const json& model) {
    std::set<std::string> hrefs;
    collect(model, {}, hrefs);
    const std::string root = root_of(path);
    json out = json::object();
    for (const auto& href : hrefs) {
        if (out.size() == kMostPreviews) break;
        if (!href.starts_with(root) || href.starts_with("#") || href.find(':') != std::string::npos) continue;
        std::string rest = href.substr(root.size());
        if (rest.starts_with("../")) continue;
        const auto hash = rest.find('#');
        const std::string file = rest.substr(0, hash), fragment = hash == std::string::npos ? "" : rest.substr(hash + 1);
        auto n = st.node_by_path.find(file);
        if (n == st.node_by_path.end()) continue;
        if (auto p = preview_of(st, n->second, fragment); !p.is_null()) out[href] = std::move(p);
    }
    if (out.empty()) return {};
    return passage::json::script_safe(out.dump(-1, ' ', false, json::error_handler_t::replace));
}

util::Hash128 previews_inputs(const content::Corpus& c) {
    util::Hasher h("render.previews/1");
    for (const auto& d : c.documents) h.number(d.metadata_hash);
    for (const auto& x : c.instruments) h.number(x.source_hash);
    for (const auto& x : c.organizations) h.number(x.source_hash);
    for (const auto& x : c.recommendations) h.number(x.source_hash);
    for (const auto& x : c.themes) h.number(x.source_hash);
    for (const auto& x : c.annotations) h.number(x.source_hash);
    return h.value128();
}

std::string passages_path(const std::string& document) { return "documents/" + document + ".passages.js"; }

std::string passages_script(const content::Document& d, const markdown::Extract& x) {
    // anchor -> [label, text]: each passage with an anchor of its own (a paragraph, a note), and each
    // heading with the text of the first passage under it.
    json map = json::object();
    for (const auto& p : x.passages)
        if (p.anchor != p.section && !map.contains(p.anchor)) map[p.anchor] = json::array({p.label, shorten(p.text, kPassage)});
    for (const auto& h : x.headings) {
        std::string text;
        for (const auto& p : x.passages)
            if (p.section == h.id && p.kind != markdown::PassageKind::footnote && p.kind != markdown::PassageKind::heading) {
                text = shorten(p.text, kPassage);
                break;
            }
        if (!map.contains(h.id)) map[h.id] = json::array({h.text, text});
    }
    const auto dump = [](const json& j) { return passage::json::script_safe(j.dump(-1, ' ', false, json::error_handler_t::replace)); };
    const json data = {{"title", d.title}, {"passages", std::move(map)}};
    return "passagePreviews(" + dump(crossref::page_path("document", d.id)) + "," + dump(data) + ");\n";
}

util::Hash128 passages_inputs(const content::Document& d, const markdown::Extract& x) {
    util::Hasher h("render.passages/1");
    h.add(d.id).add(d.title).number(x.passages.size());
    for (const auto& p : x.passages) h.add(p.anchor).add(p.label).add(p.section).add(p.text).number(static_cast<std::uint64_t>(p.kind));
    h.number(x.headings.size());
    for (const auto& hd : x.headings) h.add(hd.id).add(hd.text);
    return h.value128();
}

}  // namespace passage::render
