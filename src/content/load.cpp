#include <algorithm>
#include <map>
#include <tuple>

#include "content/content.hpp"
#include "content/fields.hpp"
#include "util/hash.hpp"
#include "util/parallel.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

namespace passage::content {

SourceHash hash_source(const util::SourceText& source) {
    return util::Hasher("content.source/1").add(source.path()).add(source.text()).value();
}

std::optional<json::Document> read_json(const fs::FileSystem& fs, const std::string& root, const std::string& path, diag::Sink& sink) {
    auto src = read_source(fs, root, path, sink);
    if (!src) return std::nullopt;
    auto doc = json::parse(src, sink);
    if (doc && !doc->value.is_object()) {
        sink.error("meta-type", path, {1, 1}, "the file must hold a JSON object");
        return std::nullopt;
    }
    return doc;
}

namespace {

// Whether `dir` is a folder to read: one reached through a symbolic link is refused (content-symlink),
// as its files would be, once for the folder.
bool is_folder(const fs::FileSystem& fs, const std::string& dir, diag::Sink& sink) {
    if (fs.is_symlink(dir)) {
        sink.error("content-symlink", dir, {}, "refused: symbolic links are not followed in the content folder",
                   "put the folder itself in the content folder");
        return false;
    }
    return fs.kind(dir) == fs::Kind::directory;
}

bool check_id(const std::string& id, const std::string& path, diag::Sink& sink) {
    if (util::is_valid_id(id)) return true;
    sink.error("content-bad-id", path, {},
               "\"" + id + "\" is not a valid id: use lowercase letters, digits and single '-', starting with a letter",
               "rename the file to \"" + util::slugify(id) + "\"");
    return false;
}

// Documents are read on several threads at once: this touches nothing but `sink` (thread-safe).
std::optional<Document> load_document(const fs::FileSystem& fs, const std::string& root, const std::string& dir, const std::string& id,
                                      diag::Sink& sink) {
    Document d;
    d.id = id;
    d.md_path = fs::join(dir, id + ".md");
    d.json_path = fs::join(dir, id + ".json");
    d.body = read_source(fs, root, d.md_path, sink);
    auto doc = read_json(fs, root, d.json_path, sink);
    if (!doc || !d.body) return std::nullopt;
    std::string_view text = d.body->text();
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    if (util::trim(text).empty())
        sink.warning("content-empty", d.md_path, {}, "the document is empty: its page will have no text", "write its text, or remove it");
    Fields f(*doc, sink);
    f.check_known("", {"title", "short_title", "subtitle", "authors", "organization", "date", "kind", "language", "source", "themes",
                       "summary", "numbered_paragraphs", "numbering_scopes", "context_aliases", "mention_policy", "source_gaps", "order"});
    d.title = f.string("/title", true).value_or(id);
    d.short_title = f.string("/short_title").value_or("");
    d.subtitle = f.string("/subtitle").value_or("");
    d.authors = f.strings("/authors");
    d.organization = f.id_ref("/organization");
    d.date = f.date("/date", true).value_or("");
    d.kind = f.string("/kind", true).value_or("");
    d.language = f.string("/language").value_or("");
    if (f.object("/source")) {
        f.check_known("/source", {"symbol", "publisher", "place", "url", "citation", "version"});
        d.source = {f.string("/source/symbol").value_or(""),   f.string("/source/publisher").value_or(""),
                    f.string("/source/place").value_or(""),    f.url("/source/url").value_or(""),
                    f.string("/source/citation").value_or(""), f.string("/source/version").value_or("")};
    }
    d.themes = f.id_refs("/themes");
    d.summary = f.markdown("/summary").value_or("");
    d.numbered_paragraphs = f.boolean("/numbered_paragraphs").value_or(false);
    d.numbering_scopes = f.strings("/numbering_scopes");
    if (f.object("/context_aliases")) {
        for (const auto& [phrase, _] : f.get("/context_aliases")->items()) {
            if (auto r = f.id_ref("/context_aliases/" + json::escape_token(phrase))) d.context_aliases.emplace_back(phrase, *r);
        }
    }
    d.mention_policy = f.string("/mention_policy").value_or("");
    if (f.object("/source_gaps")) {
        f.check_known("/source_gaps", {"paragraphs_missing", "footnotes_missing", "footnotes_cut"});
        d.gaps.paragraphs_missing = f.ints("/source_gaps/paragraphs_missing");
        d.gaps.footnotes_missing = f.ints("/source_gaps/footnotes_missing");
        d.gaps.footnotes_cut = f.ints("/source_gaps/footnotes_cut");
    }
    d.order = f.number("/order");
    d.metadata_hash = hash_source(*doc->source);
    d.source_hash = util::Hasher().number(hash_source(*d.body)).number(d.metadata_hash).value();
    return d;
}

std::vector<Fact> read_facts(Fields& f) {
    std::vector<Fact> out;
    auto n = f.array_size("/facts");
    for (std::size_t i = 0; i < n; ++i) {
        auto p = "/facts/" + std::to_string(i);
        if (!f.object(p, true)) continue;
        f.check_known(p, {"fact", "value", "as_of", "source", "note"});
        Fact fact;
        fact.fact = f.string(p + "/fact", true).value_or("");
        if (f.get(p + "/value")) {
            fact.value = f.text(p + "/value");  // a number as written
        } else {
            f.string(p + "/value", true);
        }
        fact.as_of = f.date(p + "/as_of").value_or("");
        fact.source = f.id_ref(p + "/source");
        fact.note = f.string(p + "/note").value_or("");
        out.push_back(std::move(fact));
    }
    return out;
}

void load_instrument(const json::Document& doc, const std::string& id, Corpus& corpus, diag::Sink& sink) {
    Fields f(doc, sink);
    f.check_known("", {"title", "short_title", "aliases", "kind", "binding", "body", "adopted", "entry_into_force", "symbol", "parent",
                       "supplements", "supersedes", "related", "themes", "annotation", "facts", "record"});
    Instrument in;
    in.id = id;
    in.path = f.file();
    in.title = f.string("/title", true).value_or(id);
    in.short_title = f.string("/short_title").value_or("");
    in.aliases = f.strings("/aliases");
    for (std::size_t i = 0; i < in.aliases.size(); ++i) in.alias_locs.push_back(f.loc("/aliases/" + std::to_string(i)));
    in.kind = f.string("/kind", true).value_or("");
    in.binding = f.boolean("/binding");
    in.body = f.id_ref("/body");
    in.adopted = f.date("/adopted").value_or("");
    in.entry_into_force = f.date("/entry_into_force").value_or("");
    in.symbol = f.string("/symbol").value_or("");
    in.parent = f.id_ref("/parent");
    in.supplements = f.id_refs("/supplements");
    in.supersedes = f.id_refs("/supersedes");
    in.related = f.id_refs("/related");
    in.themes = f.id_refs("/themes");
    in.annotation = f.markdown("/annotation").value_or("");
    in.facts = read_facts(f);
    auto n = f.array_size("/record");
    for (std::size_t i = 0; i < n; ++i) {
        auto p = "/record/" + std::to_string(i);
        if (!f.object(p, true)) continue;
        f.check_known(p, {"label", "url"});
        in.record.push_back({f.string(p + "/label", true).value_or(""), f.url(p + "/url", true).value_or("")});
    }
    in.source_hash = hash_source(*doc.source);
    corpus.instruments.push_back(std::move(in));
}

void load_organization(const json::Document& doc, const std::string& id, Corpus& corpus, diag::Sink& sink) {
    Fields f(doc, sink);
    f.check_known("", {"name", "short_name", "aliases", "kind", "parent", "themes", "description", "url"});
    Organization o;
    o.id = id;
    o.path = f.file();
    o.name = f.string("/name", true).value_or(id);
    o.short_name = f.string("/short_name").value_or("");
    o.aliases = f.strings("/aliases");
    for (std::size_t i = 0; i < o.aliases.size(); ++i) o.alias_locs.push_back(f.loc("/aliases/" + std::to_string(i)));
    o.kind = f.string("/kind", true).value_or("");
    o.parent = f.id_ref("/parent");
    o.themes = f.id_refs("/themes");
    o.description = f.markdown("/description").value_or("");
    o.url = f.url("/url").value_or("");
    o.source_hash = hash_source(*doc.source);
    corpus.organizations.push_back(std::move(o));
}

// Two items of one list with the same number would share their anchor and their reference
// (rec:SET/N): an error at the second, with a note at the first.
void check_unique_number(const std::string& number, const Loc& at, std::map<std::string, Loc>& seen, diag::Sink& sink) {
    auto [first, inserted] = seen.emplace(number, at);
    if (inserted) return;
    const auto& was = first->second.pos;
    sink.error("rec-duplicate", at.file, at.pos,
               "two items of this set are numbered \"" + number + "\" (the first at " + std::to_string(was.line) + ":" +
                   std::to_string(was.column) + "); a number must name one item",
               "give this item another number");
    sink.note("rec-duplicate", first->second.file, was, "the first item numbered \"" + number + "\"");
}

void read_items(Fields& f, const std::string& ptr, const std::string& prefix, std::vector<RecItem>& out, int depth, diag::Sink& sink) {
    auto n = f.array_size(ptr, depth == 0);
    std::map<std::string, Loc> numbers;  // number -> where it is written
    for (std::size_t i = 0; i < n; ++i) {
        auto p = ptr + "/" + std::to_string(i);
        if (!f.object(p, true)) continue;
        f.check_known(p, {"n", "title", "text", "source", "themes", "instruments", "addressees", "items"});
        RecItem it;
        const auto written = f.string(p + "/n", true);
        it.n = written.value_or(std::to_string(i + 1));
        it.number = prefix.empty() ? it.n : prefix + "." + it.n;
        if (written) check_unique_number(it.number, f.value_loc(p + "/n"), numbers, sink);
        it.loc = f.loc(p);
        it.title = f.string(p + "/title").value_or("");
        it.text = f.string(p + "/text", true).value_or("");
        it.source = f.id_ref(p + "/source");
        it.themes = f.id_refs(p + "/themes");
        it.instruments = f.id_refs(p + "/instruments");
        it.addressees = f.strings(p + "/addressees");
        if (f.get(p + "/items")) read_items(f, p + "/items", it.number, it.items, depth + 1, sink);
        out.push_back(std::move(it));
    }
}

void load_recommendations(const json::Document& doc, const std::string& id, Corpus& corpus, diag::Sink& sink) {
    Fields f(doc, sink);
    f.check_known("", {"title", "document", "source", "issued_by", "addressees", "themes", "intro", "items"});
    RecSet s;
    s.id = id;
    s.path = f.file();
    s.title = f.string("/title", true).value_or(id);
    s.document = f.id_ref("/document", true).value_or(IdRef{"", f.loc("")});
    s.source = f.id_ref("/source");
    s.issued_by = f.id_ref("/issued_by");
    s.addressees = f.strings("/addressees");
    s.themes = f.id_refs("/themes");
    s.intro = f.markdown("/intro").value_or("");
    read_items(f, "/items", "", s.items, 0, sink);
    s.source_hash = hash_source(*doc.source);
    corpus.recommendations.push_back(std::move(s));
}

void load_annotation(const json::Document& doc, const std::string& id, Corpus& corpus, diag::Sink& sink) {
    Fields f(doc, sink);
    f.check_known("", {"title", "target", "also", "themes", "date", "body"});
    Annotation a;
    a.id = id;
    a.path = f.file();
    a.title = f.string("/title", true).value_or(id);
    a.target = f.id_ref("/target", true).value_or(IdRef{"", f.loc("")});
    a.also = f.id_refs("/also");
    a.themes = f.id_refs("/themes");
    a.date = f.date("/date").value_or("");
    a.body = f.markdown("/body", true).value_or("");
    a.source_hash = hash_source(*doc.source);
    corpus.annotations.push_back(std::move(a));
}

void load_themes(const fs::FileSystem& fs, const std::string& root, Corpus& corpus, diag::Sink& sink) {
    const auto path = fs::join(root, "themes.json");
    if (fs.kind(path) == fs::Kind::none && !fs.is_symlink(path)) return;
    auto doc = read_json(fs, root, path, sink);
    if (!doc) return;
    Fields f(*doc, sink);
    f.check_known("", {"themes"});
    auto n = f.array_size("/themes", true);
    for (std::size_t i = 0; i < n; ++i) {
        auto p = "/themes/" + std::to_string(i);
        if (!f.object(p, true)) continue;
        f.check_known(p, {"id", "title", "description", "parent"});
        Theme t;
        t.loc = f.loc(p);
        t.id = f.string(p + "/id", true).value_or("");
        if (!t.id.empty() && !util::is_valid_id(t.id))
            sink.error("content-bad-id", path, doc->at(p + "/id"), "\"" + t.id + "\" is not a valid id");
        t.title = f.string(p + "/title", true).value_or(t.id);
        t.description = f.string(p + "/description").value_or("");
        t.parent = f.id_ref(p + "/parent");
        t.source_hash = hash_source(*doc->source);
        corpus.themes.push_back(std::move(t));
    }
}

// Calls `fn(id, document)` for every <id>.json of a folder, in id order; reports strays.
template <typename Fn>
void each_json(const fs::FileSystem& fs, const std::string& root, const std::string& dir, diag::Sink& sink, Fn fn) {
    if (!is_folder(fs, dir, sink)) return;
    for (const auto& name : fs.list(dir)) {
        auto path = fs::join(dir, name);
        if (!name.ends_with(".json")) {
            sink.warning("content-stray-file", path, {}, "ignored: only .json files belong in this folder");
            continue;
        }
        auto id = name.substr(0, name.size() - 5);
        if (!check_id(id, path, sink)) continue;
        if (auto doc = read_json(fs, root, path, sink)) fn(id, *doc);
    }
}

// Parent chains that come back where they started (a theme whose parent's parent is itself): each
// cycle is an error ref-cycle, once, at the parent field of its first member by id, naming every
// member. A page that lists its parents would never end.
template <typename T>
void check_parent_cycles(const std::vector<T>& items, const std::string& kind, diag::Sink& sink) {
    std::map<std::string, const IdRef*> parent;
    for (const auto& x : items)
        if (x.parent) parent.emplace(x.id, &*x.parent);
    std::map<std::string, int> state;  // 1: on the chain being followed, 2: done
    for (const auto& [id, _] : parent) {
        std::vector<std::string> chain;
        for (std::string at = id;;) {
            if (state[at] == 2) break;
            if (state[at] == 1) {
                std::vector<std::string> cycle(std::find(chain.begin(), chain.end(), at), chain.end());
                std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
                std::string names;
                for (const auto& c : cycle) names += c + " \u2192 ";
                const IdRef& first = *parent.at(cycle.front());
                sink.error("ref-cycle", first.loc.file, first.loc.pos, kind + " parents form a cycle: " + names + cycle.front(),
                           "remove one of these parents");
                break;
            }
            state[at] = 1;
            chain.push_back(at);
            auto next = parent.find(at);
            if (next == parent.end()) break;
            at = next->second->value;
        }
        for (const auto& c : chain) state[c] = 2;
    }
}

}  // namespace

util::SourcePtr read_source(const fs::FileSystem& fs, const std::string& root, const std::string& path, diag::Sink& sink) {
    fs::ReadError why;
    auto text = fs.read_regular(root, path, kMaxTextBytes, &why);
    if (!text) {
        switch (why.refusal) {
            case fs::Refusal::symlink:
                sink.error("content-symlink", path, {},
                           "refused: symbolic links are not followed in the content folder (" + why.message + ")",
                           "put the file itself in the content folder");
                break;
            case fs::Refusal::special:
                sink.error("content-special", path, {}, "refused: not a regular file (" + why.message + ")");
                break;
            case fs::Refusal::too_large:
                sink.error("content-too-large", path, {}, "refused: the file is too large (" + why.message + ")",
                           "split it into several files");
                break;
            default:
                sink.error("content-read", path, {}, "cannot read the file: " + why.message);
        }
        return nullptr;
    }
    auto src = std::make_shared<util::SourceText>(path, std::move(*text));
    sink.add_source(src);
    if (auto bad = util::find_invalid_utf8(src->text()); bad != std::string::npos) {
        sink.error("utf8-invalid", path, src->position_of(bad), "invalid UTF-8 byte sequence", "save the file as UTF-8");
        return nullptr;
    }
    if (auto bad = util::find_forbidden_character(src->text())) {
        sink.error("text-control", path, src->position_of(bad->offset),
                   "the character " + util::code_point_name(bad->code) + " does not belong in text (a control character or a noncharacter)",
                   "remove it");
        return nullptr;
    }
    return src;
}

Corpus load(const fs::FileSystem& fs, const std::string& dir, Site site, diag::Sink& sink, unsigned jobs) {
    Corpus corpus;
    corpus.site = std::move(site);
    if (fs.kind(dir) != fs::Kind::directory) return corpus;
    load_themes(fs, dir, corpus, sink);

    auto docs = fs::join(dir, "documents");
    if (is_folder(fs, docs, sink)) {
        auto names = fs.list(docs);
        std::vector<std::string> ids;  // of the documents to read, in the order of their names
        for (const auto& name : names) {
            auto path = fs::join(docs, name);
            if (name.ends_with(".md")) {
                auto id = name.substr(0, name.size() - 3);
                if (!check_id(id, path, sink)) continue;
                if (!std::binary_search(names.begin(), names.end(), id + ".json")) {
                    sink.error("content-missing", path, {}, "the document has no metadata file " + id + ".json");
                    continue;
                }
                ids.push_back(id);
            } else if (name.ends_with(".json")) {
                auto id = name.substr(0, name.size() - 5);
                if (!std::binary_search(names.begin(), names.end(), id + ".md"))
                    sink.error("content-missing", path, {}, "metadata without a document: " + id + ".md does not exist");
            } else {
                sink.warning("content-stray-file", path, {}, "ignored: only .md and .json files belong in documents/");
            }
        }
        std::vector<std::optional<Document>> read(ids.size());
        util::parallel_for(ids.size(), jobs, [&](std::size_t i) { read[i] = load_document(fs, dir, docs, ids[i], sink); });
        for (auto& d : read)
            if (d) corpus.documents.push_back(std::move(*d));
    }
    each_json(fs, dir, fs::join(dir, "instruments"), sink,
              [&](const std::string& id, const json::Document& d) { load_instrument(d, id, corpus, sink); });
    each_json(fs, dir, fs::join(dir, "organizations"), sink,
              [&](const std::string& id, const json::Document& d) { load_organization(d, id, corpus, sink); });
    each_json(fs, dir, fs::join(dir, "recommendations"), sink,
              [&](const std::string& id, const json::Document& d) { load_recommendations(d, id, corpus, sink); });
    each_json(fs, dir, fs::join(dir, "annotations"), sink,
              [&](const std::string& id, const json::Document& d) { load_annotation(d, id, corpus, sink); });

    check_parent_cycles(corpus.themes, "theme", sink);
    check_parent_cycles(corpus.organizations, "organization", sink);
    check_parent_cycles(corpus.instruments, "instrument", sink);

    std::stable_sort(corpus.documents.begin(), corpus.documents.end(), [](const Document& a, const Document& b) {
        auto ka = std::make_tuple(a.order.value_or(1e300), a.date, a.id);
        auto kb = std::make_tuple(b.order.value_or(1e300), b.date, b.id);
        return ka < kb;
    });
    return corpus;
}

}  // namespace passage::content
