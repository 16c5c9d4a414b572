#include "cache/cache.hpp"

#include <atomic>
#include <optional>
#include <unordered_map>

#include "cache/buckets.hpp"
#include "cache/codec.hpp"
#include "markdown/guard.hpp"
#include "util/hash.hpp"
#include "util/parallel.hpp"

namespace passage::cache {

using codec::decode_body;
using codec::decode_mentions;
using codec::decode_page;
using codec::decode_tree;
using codec::encode_body;
using codec::encode_mentions;
using codec::encode_page;
using codec::encode_tree;
using codec::Reader;
using codec::Writer;

namespace {

std::uint64_t parse_key(const content::Corpus& c, const content::Document& d) {
    util::Hasher h;
    h.add(d.md_path).add(d.body ? d.body->text() : std::string()).number(c.site.raw_html).number(d.numbered_paragraphs);
    h.number(d.numbering_scopes.size());
    for (const auto& s : d.numbering_scopes) h.add(s);
    h.number(d.gaps.paragraphs_missing.size());
    for (int n : d.gaps.paragraphs_missing) h.number(static_cast<std::uint64_t>(n));
    return h.value();
}

// Every name a mention can match, with what it resolves to: the part of the corpus each document's
// mentions depend on besides the document.
std::uint64_t names_key(const content::Corpus& c) {
    util::Hasher h;
    h.number(c.instruments.size());
    for (const auto& x : c.instruments) {
        h.add(x.id).add(x.title).add(x.short_title).number(x.aliases.size());
        for (const auto& a : x.aliases) h.add(a);
    }
    h.number(c.organizations.size());
    for (const auto& x : c.organizations) {
        h.add(x.id).add(x.name).add(x.short_name).number(x.aliases.size());
        for (const auto& a : x.aliases) h.add(a);
    }
    return h.value();
}

// The title of what each reference a context alias may name ("doc:x", "rec:s", "theme:t",
// "annotation:a") shows in the mention's link; instruments and organizations are in names_key.
using ReferenceTitles = std::unordered_map<std::string, std::string>;
ReferenceTitles reference_titles(const content::Corpus& c) {
    ReferenceTitles out;
    for (const auto& d : c.documents) out["doc:" + d.id] = d.title;
    for (const auto& r : c.recommendations) out["rec:" + r.id] = r.title;
    for (const auto& t : c.themes) out["theme:" + t.id] = t.title;
    for (const auto& a : c.annotations) out["annotation:" + a.id] = a.title;
    return out;
}

std::uint64_t mentions_key(const content::Corpus& c, const content::Document& d, std::uint64_t parse, std::uint64_t names,
                           const ReferenceTitles& titles) {
    util::Hasher h;
    h.number(parse).number(names).add(d.id).add(d.mention_policy).add(c.site.mention_policy);
    h.number(d.context_aliases.size());
    for (const auto& [phrase, ref] : d.context_aliases) {
        h.add(phrase).add(ref.value);
        auto target = titles.find(ref.value.substr(0, ref.value.find_first_of("#/")));
        h.add(target == titles.end() ? std::string_view("\x01") : std::string_view(target->second));
    }
    return h.value();
}

void replay(const std::vector<diag::Diagnostic>& list, diag::Sink& sink) {
    for (const auto& d : list) sink.report(d);
}

}  // namespace

markdown::Tree parse_document(const content::Corpus& corpus, const content::Document& d, diag::Sink& sink) {
    markdown::Options opt;
    opt.raw_html = corpus.site.raw_html;
    opt.numbered_paragraphs = d.numbered_paragraphs;
    opt.numbering_scopes = d.numbering_scopes;
    opt.paragraphs_missing = d.gaps.paragraphs_missing;
    if (markdown::guard(*d.body, {}, sink)) return markdown::parse(*d.body, opt, sink);
    markdown::Tree empty;
    empty.path = d.md_path;  // keeps trees[i] aligned with documents[i]
    return empty;
}

struct DocumentCache::Impl {
    // What the last build kept for a document: views into `file`.
    struct Old {
        std::uint64_t parse = 0;
        std::string_view tree, mentions, body;
        std::size_t bucket = 0, place = 0;  // the file it is in, and where in it
    };
    // What this build keeps: each section is the last build's, or encoded anew once it is known.
    struct New {
        std::uint64_t parse = 0, mentions_key = 0;
        const Old* old = nullptr;  // the last build's entry, when it had the same parse key
        bool skeleton = false;     // trees[i] came from the cache and has no cmark-gfm nodes yet
        std::string_view tree, mentions, body;
        std::string tree_new, mentions_new, body_new;
    };

    Buckets buckets;
    const content::Corpus& corpus;
    std::unordered_map<std::string_view, Old> old;  // by document id, views into buckets.files
    std::vector<std::size_t> counts;                // entries per file, as read
    std::vector<New> entries;                       // by document index
    std::vector<markdown::Tree>* trees = nullptr;
    diag::Sink* sink = nullptr;  // the build's, for diagnostics given again
    std::uint64_t names = 0;
    ReferenceTitles titles;
    bool loaded = false;
    std::atomic<std::size_t> parsed{0}, mentions_found{0}, bodies_rendered{0};

    Impl(fs::FileSystem& f, std::string dir, const content::Corpus& c) : buckets{f, std::move(dir), "documents", {}}, corpus(c) {}

    // The entries of one file, or nullopt when they make no sense.
    static std::optional<std::vector<std::pair<std::string_view, Old>>> parse(std::size_t bucket, std::string_view payload) {
        Reader r(payload);
        std::vector<std::pair<std::string_view, Old>> entries;
        for (auto n = r.count(); n > 0 && r.ok(); --n) {
            auto id = r.view();
            Old o;
            o.parse = r.number();
            o.tree = r.view();
            o.mentions = r.view();
            o.body = r.view();
            o.bucket = bucket;
            o.place = entries.size();
            if (bucket_of(id) != bucket) r.invalidate();
            entries.emplace_back(id, o);
        }
        if (!r.ok() || !r.done()) return std::nullopt;
        return entries;
    }

    // Document i's tree, parsed now when it is a skeleton.
    markdown::Tree& whole(std::size_t i) {
        auto& e = entries[i];
        auto& tree = (*trees)[i];
        if (e.skeleton) {
            diag::Sink ignored;  // given already, from the cache
            tree = parse_document(corpus, corpus.documents[i], ignored);
            e.skeleton = false;
            ++parsed;
        }
        return tree;
    }

    void parse_one(std::size_t i) {
        const auto& d = corpus.documents[i];
        auto& e = entries[i];
        auto& tree = (*trees)[i];
        e.parse = parse_key(corpus, d);
        e.mentions_key = mentions_key(corpus, d, e.parse, names, titles);
        if (auto it = old.find(d.id); it != old.end() && it->second.parse == e.parse) {
            Reader r(it->second.tree);
            std::vector<diag::Diagnostic> diagnostics;
            auto skeleton = decode_tree(r, diagnostics);
            if (r.ok() && r.done()) {
                tree = std::move(skeleton);
                replay(diagnostics, *sink);
                e.old = &it->second;
                e.skeleton = true;
                e.tree = it->second.tree;
                e.body = it->second.body;  // kept when its page is not made again (see Bodies::recall)
                return;
            }
        }
        diag::Sink own;  // what parsing reports, for the cache, then for the build
        tree = parse_document(corpus, d, own);
        auto reported = own.sorted();
        replay(reported, *sink);
        e.tree_new = encode_tree(tree, reported);
        e.tree = e.tree_new;
        ++parsed;
    }
};

namespace {

class Mentions final : public crossref::MentionMemo {
public:
    explicit Mentions(DocumentCache::Impl& c) : c_(c) {}
    std::optional<crossref::DocumentMentions> recall(std::size_t i) override {
        auto& e = c_.entries[i];
        if (!e.old || e.old->mentions.empty()) return std::nullopt;
        Reader r(e.old->mentions);
        if (r.number() != e.mentions_key || !r.ok()) return std::nullopt;
        std::vector<diag::Diagnostic> diagnostics;
        auto m = decode_mentions(r, diagnostics);
        if (!r.ok() || !r.done()) return std::nullopt;
        replay(diagnostics, *c_.sink);
        e.mentions = e.old->mentions;
        return m;
    }
    const markdown::Tree& text_of(std::size_t i) override { return c_.whole(i); }
    void found(std::size_t i, const crossref::DocumentMentions& m, std::vector<diag::Diagnostic> diagnostics) override {
        auto& e = c_.entries[i];
        e.mentions_new = encode_mentions(e.mentions_key, m, diagnostics);
        e.mentions = e.mentions_new;
        ++c_.mentions_found;
    }

private:
    DocumentCache::Impl& c_;
};

class Bodies final : public render::BodyMemo {
public:
    explicit Bodies(DocumentCache::Impl& c) : c_(c) {}
    std::optional<render::RenderedBody> recall(std::size_t i) override {
        auto& e = c_.entries[i];
        if (!e.old || e.old->body.empty()) return std::nullopt;
        Reader r(e.old->body);
        auto b = decode_body(r);
        if (!r.ok() || !r.done()) return std::nullopt;
        e.body = e.old->body;  // kept as it was, unless the page finds it stale and renders anew
        return b;
    }
    markdown::Tree& text_of(std::size_t i) override { return c_.whole(i); }
    void rendered(std::size_t i, const render::RenderedBody& body) override {
        auto& e = c_.entries[i];
        e.body_new = encode_body(body);
        e.body = e.body_new;
        ++c_.bodies_rendered;
    }

private:
    DocumentCache::Impl& c_;
};

}  // namespace

struct DocumentCache::Memos {
    explicit Memos(Impl& c) : mentions(c), bodies(c) {}
    Mentions mentions;
    Bodies bodies;
};

DocumentCache::DocumentCache(fs::FileSystem& fs, std::string folder, const content::Corpus& corpus, unsigned jobs, diag::Sink& sink)
    : impl_(std::make_unique<Impl>(fs, std::move(folder), corpus)), memos_(std::make_unique<Memos>(*impl_)) {
    auto& c = *impl_;
    c.names = names_key(corpus);
    c.titles = reference_titles(corpus);
    c.entries.resize(corpus.documents.size());
    c.counts.assign(kBuckets, 0);
    std::vector<std::optional<std::vector<std::pair<std::string_view, Impl::Old>>>> loaded(kBuckets);
    auto read = c.buckets.read(jobs, sink, [&](std::size_t b, std::string_view payload) {
        loaded[b] = Impl::parse(b, payload);
        return loaded[b].has_value();
    });
    for (std::size_t b = 0; b < kBuckets; ++b) {
        if (!loaded[b]) continue;
        for (const auto& [id, o] : *loaded[b]) c.old[id] = o;
        c.counts[b] = loaded[b]->size();
    }
    c.loaded = read > 0;
}

DocumentCache::~DocumentCache() = default;

void DocumentCache::parse(std::vector<markdown::Tree>& trees, unsigned jobs, diag::Sink& sink) {
    auto& c = *impl_;
    c.trees = &trees;
    c.sink = &sink;
    trees.clear();
    trees.resize(c.corpus.documents.size());
    util::parallel_for(trees.size(), jobs, [&](std::size_t i) { c.parse_one(i); });
}

crossref::MentionMemo& DocumentCache::mentions() {
    return memos_->mentions;
}
render::BodyMemo& DocumentCache::bodies() {
    return memos_->bodies;
}

void DocumentCache::save(diag::Sink& sink) {
    auto& c = *impl_;
    std::vector<std::vector<std::size_t>> members(kBuckets);
    for (std::size_t i = 0; i < c.entries.size(); ++i) members[bucket_of(c.corpus.documents[i].id)].push_back(i);
    fs::Error error = c.buckets.fs.make_dirs(c.buckets.folder);
    for (std::size_t b = 0; b < kBuckets && error.empty(); ++b) {
        // A file whose documents are those it holds, in its order, each with every section as the
        // file has it, stays as it is (without being encoded again to find out).
        bool same = !c.buckets.files[b].empty() && members[b].size() == c.counts[b];
        for (std::size_t k = 0; same && k < members[b].size(); ++k) {
            const auto& e = c.entries[members[b][k]];
            same = e.old && e.old->bucket == b && e.old->place == k && e.tree.data() == e.old->tree.data() &&
                   e.mentions.data() == e.old->mentions.data() && e.body.data() == e.old->body.data();
        }
        if (same || (members[b].empty() && c.buckets.fs.kind(c.buckets.path(b)) == fs::Kind::none)) continue;
        Writer w;
        w.number(members[b].size());
        for (auto i : members[b]) {
            const auto& e = c.entries[i];
            w.string(c.corpus.documents[i].id);
            w.number(e.parse);
            w.string(e.tree);
            w.string(e.mentions);
            w.string(e.body);
        }
        error = c.buckets.write(b, w.take());
    }
    if (!error.empty()) sink.warning("cache-write", c.buckets.folder, {}, "the cache could not be written: " + error);
}

Stats DocumentCache::stats() const {
    const auto& c = *impl_;
    return {c.loaded, c.entries.size(), c.parsed.load(), c.mentions_found.load(), c.bodies_rendered.load()};
}

struct PageCache::Impl {
    Impl(fs::FileSystem& fs, std::string folder) : buckets{fs, folder, "pages", {}}, site{fs, std::move(folder), "site", {""}} {}
    Buckets buckets;
    // One file, "site-00.bin", with the site's files (see keep_files), written after every
    // page file of the same build and removed before any is written: it is there only when all the
    // page files come from the build it describes.
    Buckets site;
    struct Old {
        std::string_view page;  // encoded, in buckets.files
        std::uint64_t stamp = 0;
    };
    std::unordered_map<std::string_view, Old> old;  // by path
    std::optional<Files> old_files, new_files;
    std::mutex mutex;
    std::map<std::string, std::string> kept;  // path -> encoded page, of this build
};

PageCache::PageCache(fs::FileSystem& fs, std::string folder, unsigned jobs, diag::Sink& sink)
    : impl_(std::make_unique<Impl>(fs, std::move(folder))) {
    std::vector<std::vector<std::pair<std::string_view, Impl::Old>>> loaded(kBuckets);
    impl_->buckets.read(jobs, sink, [&](std::size_t b, std::string_view payload) {
        Reader r(payload);
        for (auto n = r.count(); n > 0 && r.ok(); --n) {
            auto path = r.view();
            auto page = r.view();
            auto stamp = r.number();
            if (bucket_of(path) != b) r.invalidate();
            loaded[b].emplace_back(path, Impl::Old{page, stamp});
        }
        if (r.ok() && r.done()) return true;
        loaded[b].clear();
        return false;
    });
    for (const auto& list : loaded)
        for (const auto& [path, page] : list) impl_->old[path] = page;
    const auto marker = impl_->site.path(0);
    if (fs.kind(marker) == fs::Kind::file)
        if (auto data = fs.read(marker))
            if (auto payload = Buckets::payload(*data)) {
                Reader r(*payload);
                Files files;
                files.other_ids = r.number();
                files.paths.resize(r.count());
                for (auto& path : files.paths) path = r.string();
                if (r.ok() && r.done() && std::is_sorted(files.paths.begin(), files.paths.end())) impl_->old_files = std::move(files);
            }
}

PageCache::~PageCache() = default;

std::optional<PageCache::Page> PageCache::recall(const std::string& path, std::uint64_t inputs) const {
    auto it = impl_->old.find(path);
    if (it == impl_->old.end()) return std::nullopt;
    Reader r(it->second.page);
    auto page = decode_page(r);
    if (!r.ok() || !r.done() || page.inputs != inputs) return std::nullopt;
    page.stamp = it->second.stamp;
    return page;
}

std::optional<PageCache::Page> PageCache::previous(const std::string& path) const {
    auto it = impl_->old.find(path);
    if (it == impl_->old.end()) return std::nullopt;
    Reader r(it->second.page);
    auto page = decode_page(r);
    if (!r.ok() || !r.done()) return std::nullopt;
    page.stamp = it->second.stamp;
    return page;
}

std::optional<PageCache::Files> PageCache::previous_files() const {
    return impl_->old_files;
}

void PageCache::keep_files(Files files) {
    impl_->new_files = std::move(files);
}

void PageCache::keep(const std::string& path, const Page& page) {
    auto encoded = encode_page(page);
    std::lock_guard lock(impl_->mutex);
    impl_->kept[path] = std::move(encoded);
}

std::size_t PageCache::kept() const {
    return impl_->kept.size();
}

void PageCache::save(diag::Sink& sink, const std::function<std::uint64_t(const std::string&)>& stamp) {
    auto& c = *impl_;
    std::vector<std::vector<const std::pair<const std::string, std::string>*>> members(kBuckets);
    for (const auto& entry : c.kept) members[bucket_of(entry.first)].push_back(&entry);
    auto& fs = c.buckets.fs;
    fs::Error error = fs.make_dirs(c.buckets.folder);
    if (error.empty() && fs.kind(c.site.path(0)) != fs::Kind::none) error = fs.remove_all(c.site.path(0));
    for (std::size_t b = 0; b < kBuckets && error.empty(); ++b) {
        if (members[b].empty() && fs.kind(c.buckets.path(b)) == fs::Kind::none) continue;
        Writer w;
        w.number(members[b].size());
        for (const auto* entry : members[b]) {
            w.string(entry->first);
            w.string(entry->second);
            w.number(stamp ? stamp(entry->first) : 0);
        }
        error = c.buckets.write(b, w.take());
    }
    if (error.empty() && c.new_files) {
        Writer w;
        w.number(c.new_files->other_ids);
        w.list(c.new_files->paths, [&](const std::string& path) { w.string(path); });
        error = c.site.write(0, w.take());
    }
    if (!error.empty()) sink.warning("cache-write", c.buckets.folder, {}, "the cache could not be written: " + error);
}

}  // namespace passage::cache
