#include "markdown/memo.hpp"

#include "markdown/guard.hpp"
#include "util/codec.hpp"

namespace passage::markdown {

Tree parse_guarded(const util::SourceText& source, const Options& options, diag::Sink& sink) {
    if (guard(source, {}, sink)) return parse(source, options, sink);
    Tree empty;
    empty.path = options.fixed_location ? options.fixed_location->first : source.path();
    return empty;
}

cache::Key extract_key(const util::SourceText& source, const Options& o) {
    util::Hasher h("markdown.extract/3");
    h.add(source.path()).add(source.text()).number(o.raw_html).number(o.numbered_paragraphs).number(o.passage_anchors);
    h.number(o.numbering_scopes.size());
    for (const auto& s : o.numbering_scopes) h.add(s);
    h.number(o.paragraphs_missing.size());
    for (int n : o.paragraphs_missing) h.number(static_cast<std::uint64_t>(n));
    h.number(o.fixed_location.has_value());
    if (o.fixed_location)
        h.add(o.fixed_location->first)
            .number(static_cast<std::uint64_t>(o.fixed_location->second.line))
            .number(static_cast<std::uint64_t>(o.fixed_location->second.column));
    return h.value128();
}

std::string encode_extract(const Extract& e, const std::vector<diag::Diagnostic>& diagnostics) {
    util::Writer w;
    w.string(e.path);
    w.list(e.headings,
           [&](const Heading& h) { w.number(static_cast<std::uint64_t>(h.level)).string(h.id).string(h.text).position(h.pos); });
    w.list(e.passages, [&](const Passage& p) {
        w.string(p.anchor).string(p.label).number(static_cast<std::uint64_t>(p.kind)).string(p.section).string(p.text).position(p.pos);
    });
    w.list(e.footnotes,
           [&](const Footnote& f) { w.string(f.label).position(f.pos).number(static_cast<std::uint64_t>(f.references)).string(f.text); });
    w.list(e.links, [&](const LinkRef& l) { w.string(l.url).position(l.pos).number(l.passage); });
    w.strings(e.anchors);
    w.list(e.footnote_ref_ids, [&](const auto& entry) { w.string(entry.first).strings(entry.second); });
    diag::write(w, diagnostics);
    return w.take();
}

std::optional<std::pair<Extract, std::vector<diag::Diagnostic>>> decode_extract(std::string_view bytes) {
    util::Reader r(bytes);
    Extract e;
    e.path = r.string();
    e.headings.resize(r.count());
    for (auto& h : e.headings) {
        h.level = static_cast<int>(r.below(16));
        h.id = r.string();
        h.text = r.string();
        h.pos = r.position();
    }
    e.passages.resize(r.count());
    for (auto& p : e.passages) {
        p.anchor = r.string();
        p.label = r.string();
        p.kind = static_cast<PassageKind>(r.below(4));
        p.section = r.string();
        p.text = r.string();
        p.pos = r.position();
    }
    e.footnotes.resize(r.count());
    for (auto& f : e.footnotes) {
        f.label = r.string();
        f.pos = r.position();
        f.references = r.small();
        f.text = r.string();
    }
    e.links.resize(r.count());
    for (auto& l : e.links) {
        l.url = r.string();
        l.pos = r.position();
        l.passage = r.below(e.passages.size());  // a link stands in a passage
    }
    e.anchors = r.strings();
    for (auto n = r.count(); n > 0 && r.ok(); --n) {
        auto label = r.string();
        e.footnote_ref_ids[label] = r.strings();
    }
    auto diagnostics = diag::read(r);
    if (!r.finished()) return std::nullopt;
    return std::make_pair(std::move(e), std::move(diagnostics));
}

Analysed analyse(cache::Store& store, const util::SourceText& source, const Options& options, diag::Sink& sink, std::optional<Tree>& tree) {
    Analysed out;
    if (store.enabled()) {
        out.key = extract_key(source, options);
        if (auto bytes = store.get(out.key))
            if (auto known = decode_extract(*bytes)) {
                diag::replay(known->second, sink);
                out.extract = std::move(known->first);
                return out;
            }
    }
    auto reported = diag::capture(sink, [&](diag::Sink& own) { tree = parse_guarded(source, options, own); });
    out.extract = extract_of(*tree);
    out.parsed = true;
    if (store.enabled()) store.put(out.key, encode_extract(out.extract, reported));
    return out;
}

}  // namespace passage::markdown
