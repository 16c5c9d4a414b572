// Mention linking: aliases of instruments and organizations, and footnote cross-references, found
// in the running text of every document.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <set>
#include <tuple>

#include "crossref/crossref.hpp"
#include "crossref/matcher.hpp"
#include "util/strings.hpp"

namespace passage::crossref {

namespace {

// The sentence of `text` around the first occurrence of `phrase`, trimmed to a readable length.
std::string sentence_around(const std::string& text, std::string_view phrase) {
    auto at = text.find(phrase);
    if (at == std::string::npos) at = 0;
    std::size_t begin = 0;
    for (std::size_t i = at; i > 1; --i)
        if ((text[i - 2] == '.' || text[i - 2] == ';' || text[i - 2] == '?' || text[i - 2] == '!') && text[i - 1] == ' ') {
            begin = i;
            break;
        }
    std::size_t end = text.size();
    for (std::size_t i = at + phrase.size(); i + 1 < text.size(); ++i)
        if ((text[i] == '.' || text[i] == '?' || text[i] == '!') && text[i + 1] == ' ') {
            end = i + 1;
            break;
        }
    constexpr std::size_t kMax = 280;
    if (end - begin > kMax) {
        // Keep the mention in view: centre the window on it.
        std::size_t from = at > kMax / 2 ? at - kMax / 2 : 0;
        from = std::max(from, begin);
        std::size_t to = std::min(end, from + kMax);
        while (from > begin && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
        while (to < end && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
        return (from > begin ? "…" : "") + text.substr(from, to - from) + (to < end ? "…" : "");
    }
    return text.substr(begin, end - begin);
}

// Footnote cross-references: "supra nt 13", "supra note 13", "see note 13", "n. 13" (any case).
struct NoteRef {
    std::size_t begin, end;  // the whole phrase
    std::string number;
};

std::vector<NoteRef> note_refs(std::string_view text) {
    static constexpr std::string_view kLeads[] = {"supra nt ", "supra nt. ", "supra note ", "see note ", "n. "};
    auto lower = [](char ch) { return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch; };
    auto starts = [&](std::size_t i, std::string_view lead) {  // `lead` at `i`, in any case
        if (text.size() - i < lead.size()) return false;
        for (std::size_t k = 0; k < lead.size(); ++k)
            if (lower(text[i + k]) != lead[k]) return false;
        return true;
    };
    std::vector<NoteRef> out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char first = lower(text[i]);
        if (first != 's' && first != 'n') continue;  // every lead starts with one of them
        if (i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1]))) continue;
        for (auto lead : kLeads) {
            if (!starts(i, lead)) continue;
            std::size_t j = i + lead.size(), k = j;
            while (k < text.size() && std::isdigit(static_cast<unsigned char>(text[k])) && k - j < 4) ++k;
            if (k == j || (k < text.size() && std::isalnum(static_cast<unsigned char>(text[k])))) continue;
            out.push_back({i, k, std::string(text.substr(j, k - j))});
            i = k - 1;
            break;
        }
    }
    return out;
}

}  // namespace

DocumentMentions find_mentions(const content::Corpus& c, const Names& names, const content::Document& d, const markdown::Tree& tree,
                               const markdown::Extract& extract, diag::Sink& sink) {
    DocumentMentions out;
    std::vector<Alias> local;
    for (const auto& [phrase, ref] : d.context_aliases) local.push_back({phrase, ref.value});
    Matcher context = Matcher::build(local);
    const std::string& policy = d.mention_policy.empty() ? c.site.mention_policy : d.mention_policy;
    std::set<std::string> defined_notes;
    for (const auto& f : extract.footnotes) defined_notes.insert(f.label);

    std::set<std::pair<std::string, std::string>> linked;  // (scope, target) already linked
    // One edge per passage, target and type: a passage that names a target again counts it.
    std::map<std::tuple<std::string, std::string, std::string, std::string, std::string>, std::size_t> edge_of;
    auto add_edge = [&](Edge e) {
        auto key = std::make_tuple(e.type, e.from.anchor, e.to.kind, e.to.id, e.to.anchor);
        auto [it, fresh] = edge_of.emplace(std::move(key), out.edges.size());
        if (fresh)
            out.edges.push_back(std::move(e));
        else
            ++out.edges[it->second].count;
    };
    for (std::size_t r = 0; r < tree.text_runs.size(); ++r) {
        const auto& run = tree.text_runs[r];
        std::string_view text = markdown::text_of(run);
        if (text.empty()) continue;
        const auto& passage = extract.passages[run.passage];
        std::string scope = policy == "section" ? passage.section : policy == "paragraph" ? std::to_string(run.passage) : std::string();
        std::vector<markdown::Mention> found;

        for (const auto& m : names.aliases().find(text, context.empty() ? nullptr : &context)) {
            std::string target(m.target);
            out.used.push_back(target + "\n" + util::to_lower_ascii(text.substr(m.begin, m.end - m.begin)));
            auto t = names.target(target, d.id);
            if (!t) continue;  // a context alias naming nothing: reported at the document's metadata
            add_edge({"mentions",
                      {"document", d.id, passage.anchor},
                      t->node,
                      sentence_around(passage.text, text.substr(m.begin, m.end - m.begin)),
                      passage.label});
            if (!scope.empty() || policy != "every") {
                if (!linked.insert({scope, target}).second) continue;
            }
            found.push_back({m.begin, m.end, {t->path, t->css_class + " mention", t->title}});
        }
        for (const auto& n : note_refs(text)) {
            if (!defined_notes.count(n.number)) {
                sink.warning("fn-xref-missing", tree.path, run.pos,
                             std::string(1, '"').append(text.substr(n.begin, n.end - n.begin)) + "\" refers to note " + n.number +
                                 ", which this document does not have");  // not `"\"" + std::string(...)`: a false -Wrestrict in GCC 12
                continue;
            }
            bool overlaps =
                std::any_of(found.begin(), found.end(), [&](const markdown::Mention& m) { return m.begin < n.end && n.begin < m.end; });
            if (overlaps) continue;
            add_edge({"cites",
                      {"document", d.id, passage.anchor},
                      {"document", d.id, "fn-" + n.number},
                      sentence_around(passage.text, text.substr(n.begin, n.end - n.begin)),
                      passage.label});
            found.push_back({n.begin, n.end, {"#fn-" + n.number, "ref ref-footnote", "Note " + n.number}});
        }
        if (found.empty()) continue;
        std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
        out.runs.emplace_back(r, std::move(found));
    }
    return out;
}

}  // namespace passage::crossref
