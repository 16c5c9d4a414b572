// A document's body, rendered once per change of its text, its links' targets or its mentions, with
// the incremental cache.
#include "render/render.hpp"
#include "util/codec.hpp"

namespace passage::render {

std::string encode_body(const Body& b) {
    util::Writer w;
    w.strings(b.pieces).strings(b.numbered);
    w.list(b.footnotes, [&](const auto& f) { w.string(f.first).string(f.second); });
    return w.take();
}

std::optional<Body> decode_body(std::string_view bytes) {
    util::Reader r(bytes);
    Body b;
    b.pieces = r.strings();
    b.numbered = r.strings();
    if (b.pieces.size() != b.numbered.size() + 1) r.invalidate();
    for (auto n = r.count(); n > 0 && r.ok(); --n) {
        auto label = r.string();
        b.footnotes[label] = r.string();
    }
    if (!r.finished()) return std::nullopt;
    return b;
}

namespace {

// The mentions fit the tree's text runs (an entry of the cache found them in the same text).
bool fits(const markdown::Tree& tree, const crossref::DocumentMentions& mentions) {
    for (const auto& [run, list] : mentions.runs) {
        if (run >= tree.text_runs.size()) return false;
        const auto size = markdown::text_of(tree.text_runs[run]).size();
        for (const auto& m : list)
            if (m.begin > m.end || m.end > size) return false;
    }
    return true;
}

Body render_body(const crossref::Names& names, const content::Document& d, const markdown::Extract& extract,
                 const crossref::DocumentMentions& mentions, markdown::Tree& tree) {
    const std::string root = root_of(crossref::page_path("document", d.id));
    if (fits(tree, mentions))
        for (const auto& [run, list] : mentions.runs) {
            auto linked = list;
            for (auto& m : linked)
                if (m.target.href.empty() || m.target.href[0] != '#') m.target.href = root + m.target.href;
            markdown::link_mentions(tree.text_runs[run], linked);
        }
    return markdown::render_pieces(tree, [&](const markdown::Link& l) -> std::optional<markdown::Resolved> {
        if (!crossref::has_our_scheme(l.url)) return std::nullopt;
        auto t = names.target(l.url, d.id, &extract.anchors);
        if (!t) return std::nullopt;  // an error of the graph stage: the build fails
        std::string href = t->node.kind == "document" && t->node.id == d.id && t->path.find('#') != std::string::npos
                               ? t->path.substr(t->path.find('#'))
                               : root + t->path;
        return markdown::Resolved{href, t->css_class, t->title};
    });
}

}  // namespace

Rendered body_of(cache::Store& store, const crossref::Names& names, const content::Document& d, const markdown::Extract& extract,
                 const crossref::DocumentMentions& mentions, const cache::Key& mentions_key, const std::function<markdown::Tree&()>& tree) {
    Rendered out;
    cache::Key key;
    if (store.enabled()) {
        // The mentions' key holds the tree (its extract's key), the document, its mention policy and
        // every name mentions are linked to; what the links written in the text lead to goes in too.
        util::Hasher h("render.body/1");
        h.hash(mentions_key).number(extract.links.size());
        for (const auto& l : extract.links) {
            auto t = crossref::has_our_scheme(l.url) ? names.target(l.url, d.id, &extract.anchors) : std::nullopt;
            h.add(l.url).add(t ? t->path + "\n" + t->title + "\n" + t->css_class : std::string("\x01"));
        }
        key = h.value128();
        if (auto bytes = store.get(key))
            if (auto known = decode_body(*bytes)) {
                out.body = std::move(*known);
                return out;
            }
    }
    out.body = render_body(names, d, extract, mentions, tree());
    out.rendered = true;
    if (store.enabled()) store.put(key, encode_body(out.body));
    return out;
}

}  // namespace passage::render
