#pragma once
// The incremental cache (`passage build --cache DIR`): what each document gave the last build, kept
// in a few hundred files so that the next build does again only what a change calls for.
//
// Per document, under keys that hash every input of each step (the file itself names the passage
// executable that wrote it; another one starts afresh):
//   parse     the document's Markdown and the options of its metadata -> the tree as a skeleton
//             (markdown::Tree without cmark-gfm nodes) and what parsing reported;
//   mentions  the tree, the document's aliases (with the title of what each names) and mention
//             policy, and every name of every instrument and organization -> the mentions found
//             (crossref::DocumentMentions) and what finding them reported;
//   body      the tree, plus a hash of what rendering took from the rest of the site (mention
//             targets, link targets, the ends of numbered paragraphs) -> the body's HTML. That hash
//             is checked on every build: the targets are looked up again, which is cheap, and a
//             body is rendered again when any of them changed.
// Everything else (the graph, the search index, the feeds) is made on every build from these;
// PageCache below spares the making of pages whose inputs did not change, and the writing of
// graph.json when what it lists did not change; SearchCache the indexing of runs of search records
// that did not change. Diagnostics
// a step gave are given again when its result is reused, so a build with the cache reports exactly
// what one without it does, and writes the same bytes (tests check both).
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "content/corpus.hpp"
#include "crossref/crossref.hpp"
#include "diag/diag.hpp"
#include "fs/fs.hpp"
#include "markdown/markdown.hpp"
#include "output/links.hpp"
#include "render/render.hpp"
#include "search/index.hpp"

namespace passage::cache {

// Parses document `d` of `corpus` as a build does (markdown::guard, then markdown::parse with the
// options of its metadata). A document the guard refuses gets an empty tree.
markdown::Tree parse_document(const content::Corpus& corpus, const content::Document& d, diag::Sink& sink);

// How much of the last build a build could reuse, for --timings and tests.
struct Stats {
    bool loaded = false;          // a cache of this executable was found and read
    std::size_t documents = 0;
    std::size_t parsed = 0;       // documents parsed (their tree was not in the cache, or was needed whole)
    std::size_t mentions_found = 0;  // documents whose mentions were looked for again
    std::size_t bodies_rendered = 0;  // document bodies rendered again
};

class DocumentCache {
public:
    // Reads the cache in `folder`. A missing folder is an empty cache; a file of it that cannot be
    // read, or was written by another passage executable, is set aside with a note.
    DocumentCache(fs::FileSystem& fs, std::string folder, const content::Corpus& corpus, unsigned jobs, diag::Sink& sink);
    ~DocumentCache();
    DocumentCache(const DocumentCache&) = delete;
    DocumentCache& operator=(const DocumentCache&) = delete;

    // The markdown stage: a tree per document, a skeleton from the cache where the document did not
    // change (its diagnostics given again), parsed otherwise. The cache keeps `trees` (to parse a
    // skeleton whole when needed): REQUIRES that it outlives the build's use of this object.
    void parse(std::vector<markdown::Tree>& trees, unsigned jobs, diag::Sink& sink);

    // For crossref::build and render::Pages. REQUIRES: parse() was called.
    crossref::MentionMemo& mentions();
    render::BodyMemo& bodies();

    // Writes what this build made, for the next one: each file of the cache that changed goes to a
    // temporary file, then is renamed into place. A failure is a warning: the site is built, only
    // the next build is slower.
    void save(diag::Sink& sink);

    Stats stats() const;

    struct Impl;  // cache.cpp

private:
    struct Memos;
    std::unique_ptr<Impl> impl_;
    std::unique_ptr<Memos> memos_;
};

// The pages of the last build: per page, a hash of what made it (render::Pages::inputs, the
// templates, the asset names and the strictness of the build), a checksum of its
// bytes, its ids and links (for the link check) and what making it reported. A page whose inputs
// hash as before is not made again: its file is linked from the previous output, provided that file
// still has the bytes the checksum names (it may have been replaced, or the output be another folder).
// The file is read to tell only when its stamp (fs::Stamp: size, times, inode, device) is not the one
// it had when the last build was published; otherwise it is taken unread.
// The cache is written only after a build that passed, so the links of a page it names did resolve
// in the site of that build.
class PageCache {
public:
    struct Page {
        std::uint64_t inputs = 0, checksum = 0;
        std::uint64_t stamp = 0;  // of its file in the output once published (output::cache_stamp), or 0; see save()
        output::PageLinks links;
        std::vector<diag::Diagnostic> diagnostics;
    };

    // Reads the page files of the cache in `folder` (notes as DocumentCache's).
    PageCache(fs::FileSystem& fs, std::string folder, unsigned jobs, diag::Sink& sink);
    ~PageCache();
    PageCache(const PageCache&) = delete;
    PageCache& operator=(const PageCache&) = delete;

    // The page at `path` as the last build made it, if its inputs hashed to `inputs`. Thread-safe.
    std::optional<Page> recall(const std::string& path, std::uint64_t inputs) const;
    // The page at `path` as the last build made it, whatever it was made from. Thread-safe.
    std::optional<Page> previous(const std::string& path) const;
    // What the link check needs to know of the files of a build's site (see site.cpp): their paths,
    // sorted, and a hash of the ids of its HTML files that are not pages (assets).
    struct Files {
        std::vector<std::string> paths;
        std::uint64_t other_ids = 0;
        bool operator==(const Files&) const = default;
    };
    // The files of the last build's site, when every page of the cache comes from that build; and
    // the same for this build.
    std::optional<Files> previous_files() const;
    void keep_files(Files files);
    // What this build made at `path`. Thread-safe; once per path.
    void keep(const std::string& path, const Page& page);
    // As DocumentCache::save. `stamp` gives the stamp to keep for each page's file, taken once the
    // site is published (passage's own links and removals change a file's status time); none: 0.
    void save(diag::Sink& sink, const std::function<std::uint64_t(const std::string& path)>& stamp = {});

    std::size_t kept() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The runs of search records the last build indexed (search::Run), by the hash of their records
// (search::run_key): a run whose records did not change is decoded instead of tokenized and stemmed
// again. Files "search-XX.bin", an entry going to the one its key names; only the runs of the last
// build are kept.
class SearchCache final : public search::RunMemo {
public:
    // Reads the search files of the cache in `folder` (notes as DocumentCache's).
    SearchCache(fs::FileSystem& fs, std::string folder, unsigned jobs, diag::Sink& sink);
    ~SearchCache() override;
    SearchCache(const SearchCache&) = delete;
    SearchCache& operator=(const SearchCache&) = delete;

    std::optional<search::Run> recall(std::uint64_t key) override;
    void keep(std::uint64_t key, const search::Run& run) override;
    // As DocumentCache::save.
    void save(diag::Sink& sink);

    // Runs taken from the last build, and runs indexed now (for --timings and tests).
    std::size_t recalled() const;
    std::size_t indexed() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace passage::cache
