#include "site/site.hpp"

#include "config/config.hpp"
#include "content/content.hpp"
#include "crossref/crossref.hpp"
#include "edition/edition.hpp"
#include "output/edition_file.hpp"
#include "output/links.hpp"
#include "output/output.hpp"
#include "output/page_memo.hpp"
#include "render/feeds.hpp"
#include "render/render.hpp"
#include "search/memo.hpp"
#include "search/search.hpp"
#include "site/documents.hpp"
#include "site/session.hpp"
#include "site/theme.hpp"
#include "site/timer.hpp"
#include "templates/templates.hpp"
#include "templates/variables.hpp"
#include "util/parallel.hpp"
#include "util/teardown.hpp"

namespace passage::site {

namespace {

// What every page is made with besides its own inputs: the templates, the strictness, the assets'
// names, and the asset files themselves when a template names `asset_url` (which no other template
// can read: Mustache has no computed names), so that a file added or lost does not make every page
// again for nothing.
util::Hash128 pages_context(const templates::Engine& engine, const render::AssetNames& assets, bool strict) {
    util::Hasher h("site.pages/2");
    h.number(engine.fingerprint()).number(strict).number(assets.renamed.size());
    for (const auto& [from, to] : assets.renamed) h.add(from).add(to);
    h.add(engine.mentions("asset_url") ? assets.urls.dump() : std::string());
    return h.value128();
}

// Every page, made (or taken from the last build) and added to the site on `jobs` threads, one page
// at a time per thread: its view model and its HTML are gone before the next page starts.
std::size_t add_pages(const render::Pages& pages, const templates::Engine& engine, const render::AssetNames& assets,
                      output::SiteFiles& files, output::PageMemo& memo, bool remembered, unsigned jobs, diag::Sink& sink) {
    std::atomic<std::size_t> made{0};
    util::parallel_for(pages.paths().size(), jobs, [&](std::size_t i) {
        const auto inputs = remembered ? pages.inputs(i) : util::Hash128{};
        made += memo.add(
            files, pages.paths()[i], inputs,
            [&](diag::Sink& own) {
                auto page = pages.page(i, own);
                render::name_assets_in(page.model, assets);
                return engine.render(page.template_name, page.model, own);
            },
            sink);
    });
    return made;
}

// The search index, with the runs of records the last build indexed taken from the store. The
// documents' extracts go once their records are made: nothing after the index needs them.
std::pair<std::size_t, std::size_t> add_search(const content::Corpus& corpus, std::vector<markdown::Extract>& extracts, cache::Store& store,
                                               output::SiteFiles& files, unsigned jobs) {
    search::RunStore runs(store);
    auto records = search::records(corpus, extracts, jobs);
    std::vector<markdown::Extract>().swap(extracts);
    search::index_files(std::move(records), {.head_postings = corpus.site.search_head,
                                             .jobs = jobs,
                                             .memo = store.enabled() ? &runs : nullptr,
                                             .emit = [&](std::string path, std::string data) { files.add(path, data); }});
    return {runs.recalled() + runs.indexed(), runs.indexed()};
}

// What the build counts: pages, and with the cache what it took from the last build.
void summarise(Result& result, const Session& session, const content::Corpus& corpus, const Documents& docs, std::size_t pages,
               std::size_t made, std::pair<std::size_t, std::size_t> runs, std::size_t link_checked) {
    result.pages = pages;
    if (session.enabled())
        result.reuse = Result::Reuse{session.loaded(), corpus.documents.size(), docs.parsed, docs.searched, docs.rendered, pages, made,
                                     runs.first,       runs.second,             link_checked};
    // Within "documents": the time of each of its stages, summed over the threads.
    result.timings.emplace_back("doc:markdown", docs.parse_seconds);
    result.timings.emplace_back("doc:mentions", docs.mentions_seconds);
    result.timings.emplace_back("doc:bodies", docs.body_seconds);
}

// Frees what the build no longer needs now: the next stages need the memory.
template <typename T>
void drop(T& value) {
    T gone = std::move(value);
}

// What the build made, at its end: freed, or left to the process exit when the program is about to
// exit (util/teardown.hpp), as freeing it block by block would cost time for nothing.
template <typename T>
void release(T&& value, const Options& o) {
    if (o.exit_after_build) util::release_at_exit(std::move(value));
}

// The folder the site's archive unpacks into: the file's name without ".zip".
std::string archive_folder(const std::string& file) {
    const auto slash = file.rfind('/');
    std::string name = slash == std::string::npos ? file : file.substr(slash + 1);
    if (name.size() > 4 && name.ends_with(".zip")) name.resize(name.size() - 4);
    return name;
}

// An offline edition being made: where it goes, and its bytes once made.
struct Edition {
    output::EditionFile file;
    std::optional<edition::Made> made;
    Edition(fs::FileSystem& fs, const std::string& path, const char* option) : file(fs, path, option) {}
};

}  // namespace

Result build(fs::FileSystem& fs, const Options& o, diag::Sink& sink) {
    Result result;
    Timer timed(result, o.progress);
    const unsigned jobs = util::resolve_jobs(o.jobs);
    if (!check_theme_folders(fs, o, sink)) return result;

    auto site = timed("config", [&] { return config::load(fs, o.content, sink, o.base_url); });
    if (!o.cache.empty() && o.write && output::nested(fs, o.cache, o.out))
        sink.error("out-unsafe", o.out, {},
                   "the cache folder " + o.cache + " would be inside the output folder, which every build replaces",
                   "keep the cache beside the output, e.g. --cache .passage-cache");
    std::optional<Edition> epub, zip;
    if (o.write && !o.epub.empty()) epub.emplace(fs, o.epub, "--epub");
    if (o.write && !o.zip.empty()) zip.emplace(fs, o.zip, "--zip");
    for (auto* e : {&epub, &zip})
        if (*e) (*e)->file.check(o.out, {o.content, o.templates, o.assets, o.cache}, sink);
    if (sink.has_errors()) return result;
    Session session = timed("cache-read", [&] { return Session(fs, o, jobs, sink); });
    auto corpus = timed("content", [&] { return content::load(fs, o.content, site, sink, jobs); });
    auto names = timed("names", [&] { return std::make_shared<const crossref::Names>(corpus, sink); });
    auto docs = timed("documents", [&] { return process_documents(corpus, *names, session.store(), jobs, sink); });
    auto graph = timed("crossref", [&] { return crossref::build(corpus, names, docs.extracts, docs.mentions, sink, jobs); });
    drop(docs.mentions);  // in the graph now
    auto engine = timed("templates", [&] { return templates::Engine::load(fs, o.templates, sink, builtin::templates()); });
    if (sink.has_errors() || !engine) return result;

    // From here on the site goes to the staging folder as it is made; the folder becomes the output
    // only if the whole build passes (passage check writes nothing).
    output::Staging staging(fs, o.out);
    if (o.write) staging.open({o.content, o.templates, o.assets, o.cache});
    output::SiteFiles files(staging);
    const auto assets = timed("assets", [&] { return add_assets(fs, o, corpus, files, sink); });
    timed("template-check", [&] { engine->check_variables(templates::Variables::builtin(), assets.urls, sink); });
    output::PageMemo memo(session.store(), pages_context(*engine, assets, sink.strict()));
    auto pages =
        std::make_unique<const render::Pages>(corpus, graph, docs.extracts, docs.bodies, render::Build{"passage", o.version, jobs});
    const auto made = timed("pages", [&] { return add_pages(*pages, *engine, assets, files, memo, session.enabled(), jobs, sink); });
    timed("graph", [&] {
        memo.add(
            files, "graph.json", session.enabled() ? pages->graph_inputs() : util::Hash128{},
            [&](diag::Sink&) { return render::graph_json(corpus, graph); }, sink);
    });
    timed("previews", [&] {
        // Small files, made whole each time: their bytes are their key.
        for (std::size_t n = 0; n < pages->previews(); ++n) {
            std::string script = pages->preview_script(n);
            const auto key = session.enabled() ? util::Hasher("render.preview/1").add(script).value128() : util::Hash128{};
            memo.add(files, pages->preview_path(n), key, [&](diag::Sink&) { return script; }, sink);
        }
    });
    if (epub && !sink.has_errors())
        epub->made = timed("epub", [&] {
            return edition::epub({.corpus = corpus,
                                  .pages = *pages,
                                  .engine = *engine,
                                  .site_files = files.paths(),
                                  .read = [&](const std::string& path) { return staging.read(path); },
                                  .jobs = jobs},
                                 sink);
        });
    const auto page_paths = pages->paths();
    drop(pages);  // the search index needs none of these
    drop(graph);
    drop(docs.bodies);
    timed("feeds", [&] {
        for (auto& [path, data] : render::feeds(corpus, page_paths, jobs)) files.add(path, data);
    });
    const auto runs = timed("search", [&] { return add_search(corpus, docs.extracts, session.store(), files, jobs); });
    const auto all_paths = files.paths();
    std::optional<std::vector<std::string>> checked;
    if (!sink.has_errors())
        timed("links", [&] {
            checked = memo.pages_to_check(files, jobs);
            output::check_links(files.links(), all_paths, sink, jobs, checked ? &*checked : nullptr);
        });

    if (zip && !sink.has_errors())
        zip->made = timed("zip", [&] {
            return edition::site_archive(
                all_paths, [&](const std::string& path) { return staging.read(path); }, archive_folder(o.zip), o.zip, sink);
        });
    // The editions go beside their files before the site is published, and over them once it is.
    for (auto* e : {&epub, &zip})
        if (*e && (*e)->made && !sink.has_errors()) (*e)->file.stage((*e)->made->bytes, sink);

    summarise(result, session, corpus, docs, page_paths.size(), made, runs, checked ? checked->size() : files.links().size());
    result.files = all_paths.size() + 1;
    if (!sink.has_errors() && o.write) {
        result.ok = timed("output", [&] { return staging.commit(sink); });
        for (auto* e : {&epub, &zip})
            if (result.ok && *e && (*e)->made) {
                result.ok = (*e)->file.commit(sink);
                result.editions.push_back({(*e)->file.path(), (*e)->made->bytes.size(), (*e)->made->files});
            }
        if (result.ok)
            timed("cache-write", [&] {
                // The stamps of the published files, to take them unread next time (Staging::reuse).
                const auto now = session.enabled() ? output::file_system_now(fs, o.out) : 0;
                memo.save([&](const std::string& path) { return output::cache_stamp(fs, fs::join(o.out, path), now); });
                session.save(jobs, sink);
            });
    } else {
        result.ok = !sink.has_errors();
    }
    release(std::move(corpus), o);
    release(std::move(docs), o);
    return result;
}

}  // namespace passage::site
