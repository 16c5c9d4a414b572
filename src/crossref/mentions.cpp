// Mention linking: aliases of instruments and organizations, and footnote cross-references, found
// in the running text of every document.
#include <algorithm>
#include <cctype>
#include <iterator>
#include <set>

#include "crossref/crossref.hpp"
#include "crossref/matcher.hpp"
#include "util/parallel.hpp"
#include "util/strings.hpp"

namespace passage::crossref {

namespace {

struct Named {
    std::string target;  // "instrument:icmw"
    std::string phrase;
    content::Loc loc;
};

// Every name of every instrument and organization: title, short title and aliases.
std::vector<Named> names(const content::Corpus& c) {
    std::vector<Named> out;
    auto add = [&](const std::string& target, const std::string& phrase, const content::Loc& loc) {
        if (!util::trim(phrase).empty()) out.push_back({target, phrase, loc});
    };
    for (const auto& x : c.instruments) {
        add("instrument:" + x.id, x.title, {x.path, {}});
        add("instrument:" + x.id, x.short_title, {x.path, {}});
        for (std::size_t i = 0; i < x.aliases.size(); ++i) add("instrument:" + x.id, x.aliases[i], x.alias_locs[i]);
    }
    for (const auto& x : c.organizations) {
        add("org:" + x.id, x.name, {x.path, {}});
        add("org:" + x.id, x.short_name, {x.path, {}});
        for (std::size_t i = 0; i < x.aliases.size(); ++i) add("org:" + x.id, x.aliases[i], x.alias_locs[i]);
    }
    return out;
}

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

DocumentMentions document_mentions(const content::Corpus& c, const content::Document& d, const markdown::Tree& tree, const Matcher& global,
                                   const Graph& g, diag::Sink& sink) {
    DocumentMentions out;
    std::vector<Alias> local;
    for (const auto& [phrase, ref] : d.context_aliases) local.push_back({phrase, ref.value});
    Matcher context = Matcher::build(local);
    std::string policy = d.mention_policy.empty() ? c.site.mention_policy : d.mention_policy;
    std::set<std::string> defined_notes;
    for (const auto& f : tree.footnotes) defined_notes.insert(f.label);

    std::set<std::pair<std::string, std::string>> linked;  // (scope, target) already linked
    for (std::size_t r = 0; r < tree.text_runs.size(); ++r) {
        const auto& run = tree.text_runs[r];
        std::string_view text = markdown::text_of(run);
        if (text.empty()) continue;
        const auto& passage = tree.passages[run.passage];
        std::string scope = policy == "section" ? passage.section : policy == "paragraph" ? std::to_string(run.passage) : std::string();
        std::vector<markdown::Mention> found;

        for (const auto& m : global.find(text, context.empty() ? nullptr : &context)) {
            std::string target(m.target);
            out.used.push_back(target + "\n" + util::to_lower_ascii(text.substr(m.begin, m.end - m.begin)));
            auto t = g.resolve(target, d.id, tree.path, run.pos, &sink);
            if (!t) continue;
            out.edges.push_back({"mentions",
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
            out.edges.push_back({"cites",
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

}  // namespace

void find_mentions(const content::Corpus& c, const std::vector<markdown::Tree>& trees, Graph& g, diag::Sink& sink, unsigned jobs,
                   MentionMemo* memo) {
    auto all = names(c);
    std::vector<Alias> aliases;
    for (const auto& n : all) aliases.push_back({n.phrase, n.target});
    std::vector<AliasConflict> conflicts;
    Matcher global = Matcher::build(aliases, &conflicts);
    for (const auto& k : conflicts) {
        const auto& second = all[k.second];
        sink.error("alias-conflict", second.loc.file, second.loc.pos,
                   "\"" + k.phrase + "\" names both " + k.first_target + " and " + k.second_target,
                   "keep the alias on one entity; where a document means one of them, use its \"context_aliases\"");
    }
    std::set<std::string> used;  // targets + phrases that matched somewhere

    // The graph is only read while the documents are searched, and written once they all have been.
    std::vector<DocumentMentions> found(std::min(c.documents.size(), trees.size()));
    util::parallel_for(found.size(), jobs, [&](std::size_t i) {
        if (!memo) {
            found[i] = document_mentions(c, c.documents[i], trees[i], global, g, sink);
        } else if (auto known = memo->recall(i)) {
            found[i] = std::move(*known);
        } else {
            diag::Sink own;  // what this document reports, for the memo, then for the build
            found[i] = document_mentions(c, c.documents[i], memo->text_of(i), global, g, own);
            auto reported = own.sorted();
            for (const auto& d : reported) sink.report(d);
            memo->found(i, found[i], std::move(reported));
        }
    });
    for (std::size_t i = 0; i < found.size(); ++i) {
        auto& f = found[i];
        std::move(f.edges.begin(), f.edges.end(), std::back_inserter(g.edges));
        g.mentions[c.documents[i].id] = std::move(f.runs);
        used.insert(std::make_move_iterator(f.used.begin()), std::make_move_iterator(f.used.end()));
        f = {};
    }
    g.aliases = std::make_shared<const Matcher>(std::move(global));
    // An alias that occurs nowhere is worth knowing about, but not wrong. One that lost every time to
    // a longer alias still occurs, so look for it in the plain text before saying so (few remain: the
    // text of the whole corpus is put together only for them).
    std::string corpus_text, corpus_lower;
    for (const auto& n : all) {
        if (n.loc.pos.line == 0) continue;  // titles and short titles need not occur
        std::string lower = util::to_lower_ascii(n.phrase);
        if (used.count(n.target + "\n" + lower)) continue;  // cheap, and true of almost every alias
        if (corpus_text.empty()) {
            for (const auto& tree : trees)
                for (const auto& p : tree.passages) corpus_text += p.text + "\n";
            corpus_lower = util::to_lower_ascii(corpus_text);
        }
        bool capitals = std::none_of(n.phrase.begin(), n.phrase.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
        bool occurs = capitals ? corpus_text.find(n.phrase) != std::string::npos : corpus_lower.find(lower) != std::string::npos;
        if (occurs) continue;
        sink.note("alias-unused", n.loc.file, n.loc.pos, "alias \"" + n.phrase + "\" of " + n.target + " occurs in no document");
    }
}

}  // namespace passage::crossref
