#include "cache/codec.hpp"

namespace passage::cache::codec {

namespace {

void write_diagnostics(Writer& w, const std::vector<diag::Diagnostic>& list) {
    w.list(list, [&](const diag::Diagnostic& d) {
        w.number(static_cast<std::uint64_t>(d.severity));
        w.string(d.code);
        w.string(d.file);
        w.position({d.line, d.column});
        w.string(d.message);
        w.string(d.suggestion);
    });
}

std::vector<diag::Diagnostic> read_diagnostics(Reader& r) {
    std::vector<diag::Diagnostic> out(r.count());
    for (auto& d : out) {
        auto severity = r.number();
        d.severity = severity <= 2 ? static_cast<diag::Severity>(severity) : diag::Severity::error;
        d.code = r.string();
        d.file = r.string();
        auto p = r.position();
        d.line = p.line;
        d.column = p.column;
        d.message = r.string();
        d.suggestion = r.string();
    }
    return out;
}

void write_node(Writer& w, const crossref::NodeRef& n) {
    w.string(n.kind);
    w.string(n.id);
    w.string(n.anchor);
}

crossref::NodeRef read_node(Reader& r) {
    crossref::NodeRef n;
    n.kind = r.string();
    n.id = r.string();
    n.anchor = r.string();
    return n;
}

}  // namespace

std::string encode_tree(const markdown::Tree& t, const std::vector<diag::Diagnostic>& diagnostics) {
    Writer w;
    w.string(t.path);
    w.list(t.headings, [&](const markdown::Heading& h) {
        w.number(static_cast<std::uint64_t>(h.level));
        w.string(h.id);
        w.string(h.text);
        w.position(h.pos);
    });
    w.list(t.passages, [&](const markdown::Passage& p) {
        w.string(p.anchor);
        w.string(p.label);
        w.number(static_cast<std::uint64_t>(p.kind));
        w.string(p.section);
        w.string(p.text);
        w.position(p.pos);
    });
    w.list(t.footnotes, [&](const markdown::Footnote& f) {
        w.string(f.label);
        w.position(f.pos);
        w.number(static_cast<std::uint64_t>(std::max(f.references, 0)));
        w.string(f.text);
    });
    w.list(t.links, [&](const markdown::Link& l) {
        w.string(l.url);
        w.position(l.pos);
        w.number(l.passage);
    });
    w.list(t.anchors, [&](const std::string& a) { w.string(a); });
    w.list(t.footnote_ref_ids, [&](const auto& entry) {
        w.string(entry.first);
        w.list(entry.second, [&](const std::string& id) { w.string(id); });
    });
    w.number(t.raw_html ? 1 : 0);
    write_diagnostics(w, diagnostics);
    return w.take();
}

markdown::Tree decode_tree(Reader& r, std::vector<diag::Diagnostic>& diagnostics) {
    markdown::Tree t;
    t.path = r.string();
    t.headings.resize(r.count());
    for (auto& h : t.headings) {
        h.level = r.small();
        h.id = r.string();
        h.text = r.string();
        h.pos = r.position();
    }
    t.passages.resize(r.count());
    for (auto& p : t.passages) {
        p.anchor = r.string();
        p.label = r.string();
        auto kind = r.number();
        p.kind = kind <= 3 ? static_cast<markdown::PassageKind>(kind) : markdown::PassageKind::paragraph;
        p.section = r.string();
        p.text = r.string();
        p.pos = r.position();
    }
    t.footnotes.resize(r.count());
    for (auto& f : t.footnotes) {
        f.label = r.string();
        f.pos = r.position();
        f.references = r.small();
        f.text = r.string();
    }
    t.links.resize(r.count());
    for (auto& l : t.links) {
        l.url = r.string();
        l.pos = r.position();
        l.passage = r.number();
        if (l.passage >= t.passages.size()) r.invalidate();  // what reads the tree indexes passages by it
    }
    for (auto n = r.count(); n > 0; --n) t.anchors.insert(r.string());
    for (auto n = r.count(); n > 0; --n) {
        auto& ids = t.footnote_ref_ids[r.string()];
        ids.resize(r.count());
        for (auto& id : ids) id = r.string();
    }
    t.raw_html = r.number() != 0;
    diagnostics = read_diagnostics(r);
    return t;
}

std::string encode_mentions(std::uint64_t key, const crossref::DocumentMentions& m, const std::vector<diag::Diagnostic>& diagnostics) {
    Writer w;
    w.number(key);
    w.list(m.edges, [&](const crossref::Edge& e) {
        w.string(e.type);
        write_node(w, e.from);
        write_node(w, e.to);
        w.string(e.snippet);
        w.string(e.from_label);
    });
    w.list(m.runs, [&](const auto& run) {
        w.number(run.first);
        w.list(run.second, [&](const markdown::Mention& x) {
            w.number(x.begin);
            w.number(x.end);
            w.string(x.target.href);
            w.string(x.target.css_class);
            w.string(x.target.title);
        });
    });
    w.list(m.used, [&](const std::string& u) { w.string(u); });
    write_diagnostics(w, diagnostics);
    return w.take();
}

crossref::DocumentMentions decode_mentions(Reader& r, std::vector<diag::Diagnostic>& diagnostics) {
    crossref::DocumentMentions m;
    m.edges.resize(r.count());
    for (auto& e : m.edges) {
        e.type = r.string();
        e.from = read_node(r);
        e.to = read_node(r);
        e.snippet = r.string();
        e.from_label = r.string();
    }
    m.runs.resize(r.count());
    for (auto& [run, list] : m.runs) {
        run = r.number();
        list.resize(r.count());
        for (auto& x : list) {
            x.begin = r.number();
            x.end = r.number();
            x.target.href = r.string();
            x.target.css_class = r.string();
            x.target.title = r.string();
        }
    }
    m.used.resize(r.count());
    for (auto& u : m.used) u = r.string();
    diagnostics = read_diagnostics(r);
    return m;
}

std::string encode_body(const render::RenderedBody& b) {
    Writer w;
    w.number(b.inputs);
    w.list(b.numbered, [&](const std::string& a) { w.string(a); });
    w.string(b.html);
    w.list(b.footnotes, [&](const auto& f) {
        w.string(f.first);
        w.string(f.second);
    });
    return w.take();
}

render::RenderedBody decode_body(Reader& r) {
    render::RenderedBody b;
    b.inputs = r.number();
    b.numbered.resize(r.count());
    for (auto& a : b.numbered) a = r.string();
    b.html = r.string();
    for (auto n = r.count(); n > 0; --n) {
        auto label = r.string();
        b.footnotes[label] = r.string();
    }
    return b;
}

std::string encode_page(const PageCache::Page& p) {
    Writer w;
    w.number(p.inputs);
    w.number(p.checksum);
    w.list(p.links.ids, [&](const std::string& id) { w.string(id); });
    w.list(p.links.links, [&](const output::PageLinks::Link& l) {
        w.string(l.href);
        w.position(l.pos);
    });
    write_diagnostics(w, p.diagnostics);
    return w.take();
}

PageCache::Page decode_page(Reader& r) {
    PageCache::Page p;
    p.inputs = r.number();
    p.checksum = r.number();
    p.links.ids.resize(r.count());
    for (auto& id : p.links.ids) id = r.string();
    p.links.links.resize(r.count());
    for (auto& l : p.links.links) {
        l.href = r.string();
        l.pos = r.position();
    }
    p.diagnostics = read_diagnostics(r);
    return p;
}

// A run: the field lengths of its records; its code points, ascending (each folds as fold_char
// says); its stems, ascending, each with its occurrences (record, delta from the previous one's,
// the three frequencies, the number of positions then the positions, delta-coded); its surfaces,
// ascending, each with the index of its stem.
std::string encode_run(const search::Run& run) {
    Writer w;
    w.list(run.lengths, [&](const auto& l) {
        for (auto n : l) w.number(n);
    });
    char32_t last_cp = 0;
    w.list(run.fold, [&](const auto& entry) {
        w.number(entry.first - last_cp);
        last_cp = entry.first;
    });
    w.list(run.stems, [&](const search::Run::Stem& st) {
        w.string(st.stem);
        std::uint32_t last = 0;
        w.list(st.occ, [&](const search::Run::Occurrences& o) {
            w.number(o.record - last);
            last = o.record;
            for (auto n : o.tf) w.number(n);
            w.number(o.count);
            std::uint32_t prev = 0;
            for (std::uint32_t k = 0; k < o.count; ++k) {
                const auto pos = st.positions[o.first + k];
                w.number(pos - prev);
                prev = pos;
            }
        });
    });
    w.list(run.surfaces, [&](const auto& s) {
        w.string(s.first);
        w.number(s.second);
    });
    return w.take();
}

search::Run decode_run(Reader& r) {
    search::Run run;
    run.lengths.resize(r.count());
    for (auto& l : run.lengths)
        for (auto& n : l) n = static_cast<std::uint32_t>(r.number());
    std::uint64_t cp = 0;
    for (auto n = r.count(); n > 0 && r.ok(); --n) {
        const auto delta = r.number();
        cp += delta;
        if ((delta == 0 && !run.fold.empty()) || cp > 0x10FFFF)
            r.invalidate();
        else
            run.fold.emplace_hint(run.fold.end(), static_cast<char32_t>(cp), search::fold_char(static_cast<char32_t>(cp)));
    }
    run.stems.resize(r.count());
    for (std::size_t i = 0; i < run.stems.size() && r.ok(); ++i) {
        auto& st = run.stems[i];
        st.stem = r.string();
        if (i > 0 && !(run.stems[i - 1].stem < st.stem)) r.invalidate();
        st.occ.resize(r.count());
        std::uint64_t record = 0;
        for (std::size_t k = 0; k < st.occ.size() && r.ok(); ++k) {
            auto& o = st.occ[k];
            const auto delta = r.number();
            record += delta;
            if ((k > 0 && delta == 0) || record >= run.lengths.size()) r.invalidate();
            o.record = static_cast<std::uint32_t>(record);
            for (auto& n : o.tf) n = static_cast<std::uint32_t>(r.number());
            const auto count = r.number();
            if (count > search::kMaxPositions) r.invalidate();
            o.first = static_cast<std::uint32_t>(st.positions.size());
            o.count = static_cast<std::uint32_t>(r.ok() ? count : 0);
            std::uint64_t pos = 0;
            for (std::uint32_t p = 0; p < o.count; ++p) {
                pos += r.number();
                if (pos > 0xFFFFFFFFu) r.invalidate();
                st.positions.push_back(static_cast<std::uint32_t>(pos));
            }
        }
    }
    run.surfaces.resize(r.count());
    for (std::size_t i = 0; i < run.surfaces.size() && r.ok(); ++i) {
        auto& s = run.surfaces[i];
        s.first = r.string();
        const auto stem = r.number();
        if (stem >= run.stems.size() || (i > 0 && !(run.surfaces[i - 1].first < s.first))) r.invalidate();
        s.second = static_cast<std::uint32_t>(stem);
    }
    return run;
}

}  // namespace passage::cache::codec
