// What a reader sees on pointing at an internal link before following it (assets/passage.js shows
// it): a script file beside the page of each node, loaded the first time a page needs it, with the
// node's summary and key facts, and for a document each passage's text, for a recommendation set
// each item's.
#include <functional>
#include <map>
#include <set>

#include "json/json_writer.hpp"
#include "render/pages.hpp"
#include "util/strings.hpp"

namespace passage::render {

using nlohmann::json;

namespace {

constexpr std::size_t kExcerpt = 240;     // bytes of an entity's text in its preview
constexpr std::size_t kPassage = 360;     // bytes of a passage's text

std::string excerpt(const std::string& markdown) { return shorten(markdown::to_plain_text(markdown), kExcerpt); }

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

// The preview of node `n`: {kind, title, facts[], text}.
json preview_of(const Pages::State& st, crossref::NodeId n) {
    const auto& g = st.graph;
    const auto& c = st.corpus;
    const auto& node = g.names().node(n);
    const std::size_t at = st.corpus_index[n];
    using crossref::Kind;
    switch (node.kind) {
        case Kind::document: {
            const auto& d = c.documents[at];
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
            const auto& x = c.instruments[at];
            json facts = json::array();
            if (x.binding) facts.push_back(*x.binding ? "Binding" : "Not binding");
            if (!x.symbol.empty()) facts.push_back(x.symbol);
            if (!x.adopted.empty()) facts.push_back("Adopted " + human_date(x.adopted));
            if (!x.entry_into_force.empty()) facts.push_back("In force " + human_date(x.entry_into_force));
            for (auto& f : latest_facts(x)) facts.push_back(std::move(f));
            return entry(x.kind.empty() ? "Instrument" : kind_label(x.kind), x.title, std::move(facts), excerpt(x.annotation));
        }
        case Kind::organization: {
            const auto& o = c.organizations[at];
            json facts = json::array();
            if (!o.short_name.empty() && o.short_name != o.name) facts.push_back(o.short_name);
            if (auto parent = title_of(g, Kind::organization, o.parent); !parent.empty()) facts.push_back("Part of " + parent);
            return entry(o.kind.empty() ? "Organization" : kind_label(o.kind), o.name, std::move(facts), excerpt(o.description));
        }
        case Kind::recommendations: {
            const auto& s = c.recommendations[at];
            json facts = json::array({std::to_string(s.items.size()) + (s.items.size() == 1 ? " item" : " items")});
            if (auto by = title_of(g, Kind::organization, s.issued_by); !by.empty()) facts.push_back("Issued by " + by);
            return entry("Recommendations", s.title, std::move(facts), excerpt(s.intro));
        }
        case Kind::theme: {
            const auto& t = c.themes[at];
            return entry("Theme", t.title, json::array(), excerpt(t.description));
        }
        case Kind::annotation: {
            const auto& a = c.annotations[at];
            json facts = json::array();
            if (!a.date.empty()) facts.push_back(human_date(a.date));
            return entry("Editorial note", a.title, std::move(facts), excerpt(a.body));
        }
    }
    return nullptr;
}

// anchor -> [label, text] of a document: each passage with an anchor of its own (a paragraph, a
// note), and each heading with the text of the first paragraph under it.
json passages_of(const markdown::Extract& x) {
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
    return map;
}

// anchor -> [label, text] of the items of a recommendation set, sub-items included.
void items_of(const std::vector<content::RecItem>& items, json& map) {
    for (const auto& i : items) {
        map[crossref::item_anchor(i.number)] = json::array({"Recommendation " + i.number, excerpt(i.title.empty() ? i.text : i.title + ". " + i.text)});
        items_of(i.items, map);
    }
}

}  // namespace

std::size_t Pages::previews() const { return state_->graph.names().nodes().size(); }

std::string Pages::preview_path(std::size_t n) const {
    const auto& node = state_->graph.names().node(static_cast<crossref::NodeId>(n));
    std::string path = crossref::page_path(crossref::kind_name(node.kind), node.id);
    return path.substr(0, path.size() - 5) + ".preview.js";  // ids are slugs: no page has this name
}

std::string Pages::preview_script(std::size_t n) const {
    const auto& st = *state_;
    const auto node = static_cast<crossref::NodeId>(n);
    const auto& names = st.graph.names();
    json data = preview_of(st, node);
    if (names.node(node).kind == crossref::Kind::document) {
        data["passages"] = passages_of(st.extracts[n]);  // documents are the first nodes, in corpus order
    } else if (names.node(node).kind == crossref::Kind::recommendations) {
        json items = json::object();
        items_of(st.corpus.recommendations[st.corpus_index[n]].items, items);
        data["passages"] = std::move(items);
    }
    const auto dump = [](const json& j) { return passage::json::script_safe(j.dump(-1, ' ', false, json::error_handler_t::replace)); };
    const auto& x = names.node(node);
    return "passagePreviews(" + dump(crossref::page_path(crossref::kind_name(x.kind), x.id)) + "," + dump(data) + ");\n";
}

}  // namespace passage::render
