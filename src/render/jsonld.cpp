#include "render/jsonld.hpp"

#include <algorithm>

#include "json/json_writer.hpp"

namespace passage::render {

namespace {

using nlohmann::json;

const content::Organization* organization(const Context& cx, const std::optional<content::IdRef>& ref) {
    if (!ref) return nullptr;
    for (const auto& o : cx.corpus.organizations)
        if (o.id == ref->value) return &o;
    return nullptr;
}

json organization_json(const content::Organization& o) {
    json j = {{"@type", "Organization"}, {"name", o.name}};
    if (!o.url.empty()) j["url"] = o.url;
    return j;
}

json about(const Context& cx, const std::vector<content::IdRef>& themes) {
    json out = json::array();
    for (const auto& ref : themes)
        for (const auto& t : cx.corpus.themes)
            if (t.id == ref.value) {
                json thing = {{"@type", "Thing"}, {"name", t.title}};
                if (!cx.corpus.site.base_url.empty()) thing["url"] = cx.corpus.site.base_url + crossref::page_path("theme", t.id);
                out.push_back(std::move(thing));
            }
    return out;
}

void set_if(json& j, const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
}

std::string serialize(const json& j) {
    return passage::json::script_safe(j.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace

std::string instrument_jsonld(const Context& cx, const content::Instrument& x) {
    json j = {{"@context", "https://schema.org"}, {"@type", "Legislation"}, {"name", x.title}};
    std::vector<std::string> names;
    auto add_name = [&](const std::string& n) {
        if (!n.empty() && n != x.title && std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    };
    add_name(x.short_title);
    for (const auto& a : x.aliases) add_name(a);
    if (!names.empty()) j["alternateName"] = names;
    set_if(j, "legislationIdentifier", x.symbol);
    set_if(j, "legislationDate", x.adopted);
    set_if(j, "legislationType", x.kind);
    if (const auto* o = organization(cx, x.body)) j["legislationPassedBy"] = organization_json(*o);
    if (!x.entry_into_force.empty()) j["legislationLegalForce"] = "https://schema.org/InForce";
    if (auto a = about(cx, x.themes); !a.empty()) j["about"] = std::move(a);
    if (!cx.corpus.site.base_url.empty()) j["url"] = cx.corpus.site.base_url + crossref::page_path("instrument", x.id);
    return serialize(j);
}

std::string document_jsonld(const Context& cx, const content::Document& d) {
    json j = {{"@context", "https://schema.org"}, {"@type", "Article"}, {"headline", d.title}};
    set_if(j, "alternativeHeadline", d.subtitle);
    const auto* org = organization(cx, d.organization);
    if (!d.authors.empty()) {
        json authors = json::array();
        for (const auto& a : d.authors) authors.push_back({{"@type", "Person"}, {"name", a}});
        j["author"] = std::move(authors);
    } else if (org) {
        j["author"] = organization_json(*org);
    }
    set_if(j, "datePublished", d.date);
    if (!d.source.publisher.empty())
        j["publisher"] = {{"@type", "Organization"}, {"name", d.source.publisher}};
    else if (org)
        j["publisher"] = organization_json(*org);
    if (auto a = about(cx, d.themes); !a.empty()) j["about"] = std::move(a);
    set_if(j, "inLanguage", d.language.empty() ? cx.corpus.site.language : d.language);
    set_if(j, "identifier", d.source.symbol);
    set_if(j, "genre", d.kind);
    if (!cx.corpus.site.base_url.empty()) j["url"] = cx.corpus.site.base_url + crossref::page_path("document", d.id);
    return serialize(j);
}

}  // namespace passage::render
