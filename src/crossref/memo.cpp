#include "crossref/memo.hpp"

#include "util/codec.hpp"

namespace passage::crossref {

cache::Key mentions_key(const content::Corpus& corpus, const Names& names, const content::Document& d, const cache::Key& extract_key) {
    util::Hasher h("crossref.mentions/1");
    h.hash(extract_key).hash(names.aliases_fingerprint()).add(d.id).add(d.mention_policy).add(corpus.site.mention_policy);
    // A context alias may name any node: what it resolves to (its page and title) goes in.
    h.number(d.context_aliases.size());
    for (const auto& [phrase, ref] : d.context_aliases) {
        h.add(phrase).add(ref.value);
        auto t = names.target(ref.value, d.id);
        h.add(t ? t->path + "\n" + t->title : std::string("\x01"));
    }
    return h.value128();
}

namespace {

void write_ref(util::Writer& w, const NodeRef& n) {
    w.string(n.kind).string(n.id).string(n.anchor);
}

NodeRef read_ref(util::Reader& r) {
    NodeRef n;
    n.kind = r.string();
    n.id = r.string();
    n.anchor = r.string();
    return n;
}

}  // namespace

std::string encode_mentions(const DocumentMentions& m, const std::vector<diag::Diagnostic>& diagnostics) {
    util::Writer w;
    w.list(m.edges, [&](const Edge& e) {
        w.string(e.type);
        write_ref(w, e.from);
        write_ref(w, e.to);
        w.string(e.snippet).string(e.from_label).number(e.count);
    });
    w.list(m.runs, [&](const auto& run) {
        w.number(run.first);
        w.list(run.second, [&](const markdown::Mention& x) {
            w.number(x.begin).number(x.end).string(x.target.href).string(x.target.css_class).string(x.target.title);
        });
    });
    w.strings(m.used);
    diag::write(w, diagnostics);
    return w.take();
}

std::optional<std::pair<DocumentMentions, std::vector<diag::Diagnostic>>> decode_mentions(std::string_view bytes) {
    util::Reader r(bytes);
    DocumentMentions m;
    m.edges.resize(r.count());
    for (auto& e : m.edges) {
        e.type = r.string();
        if (!type_named(e.type)) r.invalidate();
        e.from = read_ref(r);
        e.to = read_ref(r);
        e.snippet = r.string();
        e.from_label = r.string();
        e.count = static_cast<std::uint32_t>(r.small());
    }
    m.runs.resize(r.count());
    std::size_t last_run = 0;
    for (auto& [run, list] : m.runs) {
        run = r.number();
        // Runs ascend; mentions within a run are sorted and do not overlap (markdown::link_mentions).
        if (&run != &m.runs.front().first && run <= last_run) r.invalidate();
        last_run = run;
        list.resize(r.count());
        std::size_t end = 0;
        for (auto& x : list) {
            x.begin = r.number();
            x.end = r.number();
            if (x.begin < end || x.end < x.begin) r.invalidate();
            end = x.end;
            x.target.href = r.string();
            x.target.css_class = r.string();
            x.target.title = r.string();
        }
    }
    m.used = r.strings();
    auto diagnostics = diag::read(r);
    if (!r.finished()) return std::nullopt;
    return std::make_pair(std::move(m), std::move(diagnostics));
}

Found mentions_of(cache::Store& store, const content::Corpus& corpus, const Names& names, const content::Document& d,
                  const markdown::Extract& extract, const cache::Key& extract_key, const std::function<const markdown::Tree&()>& tree,
                  diag::Sink& sink) {
    Found out;
    auto& key = out.key;
    if (store.enabled()) {
        key = mentions_key(corpus, names, d, extract_key);
        if (auto bytes = store.get(key))
            if (auto known = decode_mentions(*bytes)) {
                diag::replay(known->second, sink);
                out.mentions = std::move(known->first);
                return out;
            }
    }
    auto reported = diag::capture(sink, [&](diag::Sink& own) { out.mentions = find_mentions(corpus, names, d, tree(), extract, own); });
    out.searched = true;
    if (store.enabled()) store.put(key, encode_mentions(out.mentions, reported));
    return out;
}

}  // namespace passage::crossref
