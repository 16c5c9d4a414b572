// From the corpus and the parsed documents to search records: one per passage, in reading order.
#include <algorithm>
#include <iterator>

#include "search/search.hpp"
#include "util/parallel.hpp"

namespace passage::search {

namespace {

std::string year_of(const std::string& date) {
    return date.size() >= 4 ? date.substr(0, 4) : std::string();
}

std::vector<std::string> ids(const std::vector<content::IdRef>& refs) {
    std::vector<std::string> out;
    for (const auto& r : refs) out.push_back(r.value);
    return out;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

// A title, a short title and aliases, each once.
std::vector<std::string> names_of(const std::string& title, const std::string& short_title, const std::vector<std::string>& aliases) {
    std::vector<std::string> out{title};
    if (!short_title.empty() && short_title != title) out.push_back(short_title);
    for (const auto& a : aliases)
        if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
    return out;
}

// Heading id -> the texts of the headings that enclose it, outermost first, itself included.
std::map<std::string, std::vector<std::string>> heading_chains(const markdown::Extract& tree) {
    std::map<std::string, std::vector<std::string>> out;
    std::vector<std::pair<int, std::string>> stack;
    for (const auto& h : tree.headings) {
        while (!stack.empty() && stack.back().first >= h.level) stack.pop_back();
        stack.emplace_back(h.level, h.text);
        std::vector<std::string> chain;
        for (const auto& s : stack) chain.push_back(s.second);
        out[h.id] = std::move(chain);
    }
    return out;
}

void document_records(const content::Document& d, const markdown::Extract& tree, std::vector<Record>& out) {
    std::string page = crossref::page_path("document", d.id);
    std::string year = year_of(d.date), org = d.organization ? d.organization->value : "";
    auto themes = ids(d.themes);
    std::string about = join(d.authors, ", ");
    if (!d.summary.empty()) about = join({about, markdown::to_plain_text(d.summary)}, ". ");
    out.push_back({page, {d.title}, "document", {d.title}, {d.subtitle}, about, year, org, themes});

    // A passage's title is short: the document's short title and the passage ("DESA 2004",
    // "annex ¶8"), its label or else its section's heading; the headings are still indexed.
    const std::string& short_title = d.short_title.empty() ? d.title : d.short_title;
    auto chains = heading_chains(tree);
    bool merge_next = false;  // the last record is an unnumbered paragraph
    for (const auto& p : tree.passages) {
        if (p.text.empty() || p.kind == markdown::PassageKind::heading) continue;
        // Unnumbered paragraphs have anchors of their own, but one record a run of them in a section
        // (at the section's anchor) keeps the index as small as the text.
        const std::string& anchor = p.kind == markdown::PassageKind::paragraph ? p.section : p.anchor;
        Record r{page + (anchor.empty() ? "" : "#" + anchor), {short_title}, "paragraph", {}, {}, p.text, year, org, themes};
        if (p.kind == markdown::PassageKind::footnote) {
            r.kind = "footnote";
            r.path.push_back(p.label);
        } else {
            auto c = chains.find(p.section);
            if (c != chains.end()) r.headings = c->second;
            if (p.kind == markdown::PassageKind::numbered)
                r.path.push_back(p.label);
            else if (c != chains.end() && !c->second.empty() &&
                     c->second.back() != d.title)  // a heading that repeats the title is not shown
                r.path.push_back(c->second.back());
        }
        // Consecutive unnumbered paragraphs of a section make one record.
        if (r.kind == "paragraph" && p.kind == markdown::PassageKind::paragraph && merge_next && out.back().url == r.url) {
            out.back().text += " " + r.text;
            continue;
        }
        merge_next = p.kind == markdown::PassageKind::paragraph;
        out.push_back(std::move(r));
    }
}

void item_records(const content::RecSet& s, const std::vector<content::RecItem>& items, const std::string& year, const std::string& org,
                  std::vector<Record>& out) {
    for (const auto& it : items) {
        std::string anchor = crossref::item_anchor(it.number);
        std::string label = "item " + it.number + (it.title.empty() ? "" : ": " + it.title);
        Record r{crossref::page_path("recommendations", s.id) + "#" + anchor,
                 {s.title, label},
                 "recommendation",
                 {},
                 {s.title},
                 it.text,
                 year,
                 org,
                 ids(it.themes.empty() ? s.themes : it.themes)};
        if (!it.title.empty()) r.names.push_back(it.title);
        out.push_back(std::move(r));
        item_records(s, it.items, year, org, out);
    }
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& kinds() {
    static const std::vector<std::pair<std::string, std::string>> k = {
        {"document", "Document"},         {"paragraph", "Paragraph"},           {"footnote", "Footnote"}, {"instrument", "Instrument"},
        {"organization", "Organization"}, {"recommendation", "Recommendation"}, {"theme", "Theme"},       {"annotation", "Editorial note"}};
    return k;
}

Input records(const content::Corpus& corpus, const std::vector<markdown::Extract>& trees, unsigned jobs) {
    Input in;
    auto& out = in.records;
    std::map<std::string, const content::Document*> docs;
    for (const auto& d : corpus.documents) docs[d.id] = &d;
    // Each document's records on its own, then all of them in document order.
    std::vector<std::vector<Record>> of_document(std::min(corpus.documents.size(), trees.size()));
    util::parallel_for(of_document.size(), jobs, [&](std::size_t i) { document_records(corpus.documents[i], trees[i], of_document[i]); });
    std::size_t count = 0;
    for (const auto& list : of_document) count += list.size();
    out.reserve(count + corpus.instruments.size() + corpus.organizations.size() + corpus.themes.size() + corpus.annotations.size());
    for (auto& list : of_document) {
        std::move(list.begin(), list.end(), std::back_inserter(out));
        list = {};
    }
    // A protocol is found by its convention's names, a body by its parent's: they go in as headings.
    std::map<std::string, std::vector<std::string>> instrument_names, organization_names;
    for (const auto& x : corpus.instruments) instrument_names[x.id] = names_of(x.title, x.short_title, x.aliases);
    for (const auto& x : corpus.organizations) organization_names[x.id] = names_of(x.name, x.short_name, x.aliases);
    for (const auto& x : corpus.instruments) {
        Record r{crossref::page_path("instrument", x.id),
                 {x.title},
                 "instrument",
                 instrument_names[x.id],
                 {},
                 markdown::to_plain_text(x.annotation),
                 year_of(x.adopted),
                 x.body ? x.body->value : "",
                 ids(x.themes)};
        r.names.push_back(x.symbol);
        if (x.parent) r.headings = instrument_names[x.parent->value];
        out.push_back(std::move(r));
    }
    for (const auto& x : corpus.organizations) {
        Record r{crossref::page_path("organization", x.id),
                 {x.name},
                 "organization",
                 organization_names[x.id],
                 {},
                 markdown::to_plain_text(x.description),
                 "",
                 x.id,
                 ids(x.themes)};
        if (x.parent) r.headings = organization_names[x.parent->value];
        out.push_back(std::move(r));
    }
    for (const auto& s : corpus.recommendations) {
        auto doc = docs.find(s.document.value);
        std::string year = doc != docs.end() ? year_of(doc->second->date) : "";
        std::string org = s.issued_by                                      ? s.issued_by->value
                          : doc != docs.end() && doc->second->organization ? doc->second->organization->value
                                                                           : "";
        out.push_back({crossref::page_path("recommendations", s.id),
                       {s.title},
                       "recommendation",
                       {s.title},
                       {},
                       markdown::to_plain_text(s.intro),
                       year,
                       org,
                       ids(s.themes)});
        item_records(s, s.items, year, org, out);
    }
    for (const auto& t : corpus.themes) {
        std::vector<std::string> themes{t.id};
        if (t.parent) themes.push_back(t.parent->value);
        out.push_back({crossref::page_path("theme", t.id), {t.title}, "theme", {t.title}, {}, t.description, "", "", themes});
    }
    for (const auto& a : corpus.annotations)
        out.push_back({crossref::page_path("annotation", a.id),
                       {"Editorial notes", a.title},
                       "annotation",
                       {a.title},
                       {},
                       markdown::to_plain_text(a.body),
                       year_of(a.date),
                       "",
                       ids(a.themes)});

    for (const auto& t : corpus.themes) in.themes.emplace_back(t.id, t.title);
    for (const auto& o : corpus.organizations) in.organizations.emplace_back(o.id, o.name);
    return in;
}

}  // namespace passage::search
