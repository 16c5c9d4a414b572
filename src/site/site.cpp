#include "site/site.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <iterator>
#include <mutex>
#include <optional>

#include "cache/cache.hpp"
#include "config/config.hpp"
#include "content/content.hpp"
#include "crossref/crossref.hpp"
#include "markdown/markdown.hpp"
#include "output/links.hpp"
#include "output/output.hpp"
#include "render/feeds.hpp"
#include "render/render.hpp"
#include "search/search.hpp"
#include "templates/templates.hpp"
#include "util/hash.hpp"
#include "util/parallel.hpp"
#include "util/teardown.hpp"

namespace passage::site {

namespace {

class Timer {
public:
    Timer(Result& r, const std::function<void(const char*)>& progress) : r_(r), progress_(progress) {}
    template <typename Fn>
    auto operator()(const char* stage, Fn fn) {
        if (progress_) progress_(stage);
        auto start = std::chrono::steady_clock::now();
        struct Record {
            Result& r;
            const char* stage;
            std::chrono::steady_clock::time_point start;
            ~Record() { r.timings.emplace_back(stage, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()); }
        } rec{r_, stage, start};
        return fn();
    }

private:
    Result& r_;
    const std::function<void(const char*)>& progress_;
};

std::vector<markdown::Tree> parse_documents(const content::Corpus& corpus, unsigned jobs, diag::Sink& sink) {
    std::vector<markdown::Tree> trees(corpus.documents.size());
    util::parallel_for(trees.size(), jobs, [&](std::size_t i) { trees[i] = cache::parse_document(corpus, corpus.documents[i], sink); });
    return trees;
}

// Every file below `dir`, as site-relative paths under `prefix`. Symbolic links are not followed.
void collect_assets(const fs::FileSystem& fs, const std::string& dir, const std::string& prefix, output::Files& files, diag::Sink& sink) {
    for (const auto& name : fs.list(dir)) {
        std::string path = fs::join(dir, name);
        if (fs.is_symlink(path)) {
            sink.warning("asset-symlink", path, {}, "symbolic link skipped");
            continue;
        }
        if (fs.kind(path) == fs::Kind::directory) {
            collect_assets(fs, path, prefix + name + "/", files, sink);
        } else if (auto data = output::read_asset(fs, dir, path, sink)) {
            files[prefix + name] = std::move(*data);
        }
    }
}

// The files of the site as the build makes them. Each goes to the staging folder at once; what stays
// is its path and, for an HTML file, its ids and links, for the link check at the end.
class SiteFiles {
public:
    explicit SiteFiles(output::Staging& staging) : staging_(staging) {}

    // May be called from several threads at once, for different paths. Returns the ids and links of
    // an HTML file (nothing for another).
    output::PageLinks add(const std::string& path, std::string_view data) {
        output::PageLinks links;
        const bool html = is_html(path);
        if (html) links = output::scan_links(data);
        staging_.write(path, data);
        std::lock_guard lock(mutex_);
        paths_.push_back(path);
        if (html) links_[path] = links;
        return links;
    }
    // A file the staging folder took from the previous output (Staging::reuse), with, for an HTML
    // file, its ids and links as the build that wrote it found them.
    void add_reused(const std::string& path, output::PageLinks links) {
        std::lock_guard lock(mutex_);
        paths_.push_back(path);
        reused_.push_back(path);
        if (is_html(path)) links_[path] = std::move(links);
    }

    // Every path added, sorted.
    std::vector<std::string> paths() const {
        auto out = paths_;
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }
    const output::LinkIndex& links() const { return links_; }
    // The HTML files made by this build (not taken from the previous output), sorted.
    std::vector<std::string> fresh_html() const {
        auto reused = reused_;
        std::sort(reused.begin(), reused.end());
        std::vector<std::string> out;
        for (const auto& [path, _] : links_)
            if (!std::binary_search(reused.begin(), reused.end(), path)) out.push_back(path);
        return out;
    }

private:
    static bool is_html(const std::string& path) { return path.size() > 5 && path.compare(path.size() - 5, 5, ".html") == 0; }

    output::Staging& staging_;
    std::mutex mutex_;
    std::vector<std::string> paths_, reused_;
    output::LinkIndex links_;
};

// Every page, rendered, templated and added to the site on `jobs` threads, one page at a time per
// thread: its view model and its HTML are gone before the next page starts.
// With a page cache, a page is made again only when what made it changed: what render::Pages says
// its view model is made from, the templates, the asset names and the strictness. A page found
// unchanged is not even turned into a view model: it is linked from the previous output when that
// still holds the bytes the cache names, with what making it reported given again.
struct Made {
    std::size_t count = 0;           // pages made
    std::vector<std::string> paths;  // with a page cache: the pages made, sorted
    bool ids_lost = false;           // with a page cache: a page made lacks an id the cache names for it
};
Made add_pages(render::Pages& pages, const templates::Engine& engine, const std::map<std::string, std::string>& renamed_assets,
               SiteFiles& files, output::Staging& staging, cache::PageCache* memo, unsigned jobs, diag::Sink& sink) {
    util::Hasher shared;
    shared.number(engine.fingerprint()).number(sink.strict() ? 1 : 0).number(renamed_assets.size());
    for (const auto& [from, to] : renamed_assets) shared.add(from).add(to);
    // The page at `path` as the last build made it, if `inputs` are those it was made from.
    auto reuse = [&](const std::string& path, std::uint64_t inputs) {
        auto known = memo->recall(path, inputs);
        if (!known || !staging.reuse(path, known->checksum, known->stamp)) return false;
        for (const auto& d : known->diagnostics) sink.report(d);
        files.add_reused(path, known->links);
        memo->keep(path, *known);
        return true;
    };
    std::atomic<std::size_t> made_count{0};
    std::mutex made_mutex;
    Made out;
    const auto order = pages.schedule();
    util::parallel_for(order.size(), jobs, [&](std::size_t n) {
        const auto i = order[n];
        const auto& path = pages.paths()[i];
        if (!memo) {
            auto page = pages.page(i, sink);
            render::rename_assets_in(page.model, renamed_assets);
            ++made_count;
            files.add(path, engine.render(page.template_name, page.model, sink));
            return;
        }
        cache::PageCache::Page made;
        const auto inputs = pages.inputs(i);
        if (inputs) {
            made.inputs = util::Hasher(shared).number(*inputs).value();
            if (reuse(path, made.inputs)) return;
        }
        diag::Sink own(sink.strict());  // what making the page reports, for the cache, then for the build
        std::string html;
        {
            auto page = pages.page(i, own);
            render::rename_assets_in(page.model, renamed_assets);
            ++made_count;
            html = engine.render(page.template_name, page.model, own);
        }
        made.diagnostics = own.sorted();
        for (const auto& d : made.diagnostics) sink.report(d);
        made.links = files.add(path, html);
        made.checksum = util::Hasher().block(html).value();
        if (inputs) memo->keep(path, made);
        auto before = memo->previous(path);
        std::lock_guard lock(made_mutex);
        out.paths.push_back(path);
        // Ids are sorted (output::scan_links). One added breaks no link; one gone may.
        if (!before || !std::includes(made.links.ids.begin(), made.links.ids.end(), before->links.ids.begin(), before->links.ids.end()))
            out.ids_lost = true;
    });
    out.count = made_count;
    std::sort(out.paths.begin(), out.paths.end());
    return out;
}

}  // namespace

Result build(fs::FileSystem& fs, const Options& o, diag::Sink& sink) {
    Result result;
    Timer timed(result, o.progress);

    auto site = timed("config", [&] { return config::load(fs, o.content, sink); });
    if (sink.has_errors()) return result;
    const unsigned jobs = util::resolve_jobs(o.jobs);
    auto corpus = timed("content", [&] { return content::load(fs, o.content, site, sink, jobs); });
    std::unique_ptr<cache::DocumentCache> memo;
    std::vector<markdown::Tree> trees;
    if (!o.cache.empty() && o.write && output::nested(fs, o.cache, o.out)) {
        sink.error("out-unsafe", o.out, {}, "the cache folder " + o.cache + " would be inside the output folder, which every build replaces",
                   "keep the cache beside the output, e.g. --cache .passage-cache");
        return result;
    }
    if (!o.cache.empty()) {
        timed("cache-read", [&] { memo = std::make_unique<cache::DocumentCache>(fs, o.cache, corpus, jobs, sink); });
        timed("markdown", [&] { memo->parse(trees, jobs, sink); });
    } else {
        trees = timed("markdown", [&] { return parse_documents(corpus, jobs, sink); });
    }
    // The search index needs only its records, taken now, before crossref and render make skeleton
    // trees whole. With the cache and more than one job it is made on a thread of its own beside the
    // stages that follow, which then do little and leave cores idle (a rebuild at 10,000 documents
    // takes 12% less time; a full build, whose stages keep the cores busy, 3% more, and more memory);
    // otherwise where it always was, after the feeds.
    std::unique_ptr<cache::SearchCache> search_memo;
    double search_seconds = 0;
    auto search_input = timed("search-records", [&] { return search::records(corpus, trees, jobs); });
    auto search_index = std::async(memo && jobs > 1 ? std::launch::async : std::launch::deferred, [&, input = std::move(search_input)] {
        const auto start = std::chrono::steady_clock::now();
        if (memo) search_memo = std::make_unique<cache::SearchCache>(fs, o.cache, jobs, sink);
        auto index = search::index_files(input, {.head_postings = corpus.site.search_head, .jobs = jobs, .memo = search_memo.get()});
        search_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return index;
    });
    auto graph = timed("crossref", [&] { return crossref::build(corpus, trees, sink, jobs, memo ? &memo->mentions() : nullptr); });
    auto engine = timed("templates-load", [&] { return templates::Engine::load(fs, o.templates, sink); });
    if (sink.has_errors() || !engine) return result;

    // From here on the site goes to the staging folder as it is made; the folder becomes the output
    // only if the whole build passes (passage check writes nothing).
    output::Staging staging(fs, o.out);
    if (o.write) {
        std::vector<std::string> keep{o.content, o.templates, o.assets};
        if (!o.cache.empty()) keep.push_back(o.cache);  // the output must not swallow the cache
        staging.open(keep);
    }
    auto files_owner = std::make_unique<SiteFiles>(staging);
    SiteFiles& files = *files_owner;
    // Assets first: with a base_url their names carry a hash of their bytes, which the pages name.
    output::Files assets;
    if (fs.kind(o.assets) == fs::Kind::directory) collect_assets(fs, o.assets, "assets/", assets, sink);
    auto renamed_assets = render::hashed_asset_names(corpus.site, assets);
    render::rename_files(assets, renamed_assets);
    for (const auto& [path, data] : assets) files.add(path, data);
    assets.clear();

    render::Build build_info{"passage", o.version, jobs};
    std::unique_ptr<cache::PageCache> page_memo;
    if (memo) timed("cache-read", [&] { page_memo = std::make_unique<cache::PageCache>(fs, o.cache, jobs, sink); });
    std::vector<std::string> page_paths;
    std::optional<std::uint64_t> graph_inputs;
    Made made;
    {
        auto pages_owner = timed("render", [&] {
            return std::make_unique<render::Pages>(corpus, trees, graph, build_info, sink, memo ? &memo->bodies() : nullptr);
        });
        auto& pages = *pages_owner;
        if (memo) {
            auto st = memo->stats();
            result.reuse = Result::Reuse{st.loaded, st.documents, st.parsed, st.mentions_found, 0, pages.paths().size(), 0};
        }
        made = timed("pages", [&] { return add_pages(pages, *engine, renamed_assets, files, staging, page_memo.get(), jobs, sink); });
        if (memo) {
            auto st = memo->stats();  // documents parsed now to render their bodies included
            result.reuse->parsed = st.parsed;
            result.reuse->bodies_rendered = st.bodies_rendered;
            result.reuse->pages_made = made.count;
        }
        page_paths = pages.paths();
        graph_inputs = pages.graph_inputs();
        if (o.exit_after_build) util::release_at_exit(std::move(pages_owner));
    }
    timed("graph", [&] {
        // Like a page: with the cache, taken from the previous output when what it is written from
        // hashes as in the last build.
        const std::string path = "graph.json";
        if (page_memo && graph_inputs) {
            if (auto known = page_memo->recall(path, *graph_inputs); known && staging.reuse(path, known->checksum, known->stamp)) {
                files.add_reused(path, {});
                page_memo->keep(path, *known);
                return;
            }
        }
        auto text = render::graph_json(corpus, graph, jobs);
        files.add(path, text);
        if (page_memo && graph_inputs) page_memo->keep(path, {*graph_inputs, util::Hasher().block(text).value(), 0, {}, {}});
    });
    graph = {};  // read by nothing after this: its memory goes back before the search index is put together
    timed("feeds", [&] {
        for (auto& [path, data] : render::feeds(corpus, page_paths, jobs)) files.add(path, data);
    });
    if (o.progress) o.progress("search");
    auto index = search_index.get();  // made by now, or made now
    result.timings.emplace_back("search", search_seconds);
    timed("search-write", [&] {
        std::vector<std::pair<const std::string*, const std::string*>> list;
        list.reserve(index.size());
        for (const auto& [path, data] : index) list.emplace_back(&path, &data);
        util::parallel_for(list.size(), jobs, [&](std::size_t i) { files.add(*list[i].first, *list[i].second); });
        if (o.exit_after_build) util::release_at_exit(std::move(index));
    });
    if (search_memo) {
        result.reuse->search_runs = search_memo->recalled() + search_memo->indexed();
        result.reuse->runs_indexed = search_memo->indexed();
    }
    auto all_paths = files.paths();
    if (!sink.has_errors())
        timed("links", [&] {
            // With the cache, the pages taken from the previous output are those the last build
            // wrote, whose links all resolved then (the cache is written only after a build that
            // passed). When the other HTML files (assets) carry the ids they had, and no page made
            // now lost an id the cache names for it, their links still resolve (an id or a file
            // added breaks no link), except those that may lead to a file the site no longer has:
            // only the HTML files made now, and the pages with such a link, are checked.
            std::vector<std::string> fresh;
            const std::vector<std::string>* only = nullptr;
            if (page_memo) {
                fresh = files.fresh_html();
                util::Hasher h;
                for (const auto& p : fresh) {
                    if (std::binary_search(made.paths.begin(), made.paths.end(), p)) continue;
                    const auto& ids = files.links().at(p).ids;
                    h.add(p).number(ids.size());
                    for (const auto& id : ids) h.add(id);
                }
                cache::PageCache::Files site_files{all_paths, h.value()};
                if (const auto before = page_memo->previous_files();
                    !made.ids_lost && before && before->other_ids == site_files.other_ids) {
                    std::vector<std::string> gone;
                    std::set_difference(before->paths.begin(), before->paths.end(), all_paths.begin(), all_paths.end(),
                                        std::back_inserter(gone));
                    if (!gone.empty()) {
                        auto reaching = output::pages_linking_to(files.links(), gone, jobs);
                        std::vector<std::string> both;
                        std::set_union(fresh.begin(), fresh.end(), reaching.begin(), reaching.end(), std::back_inserter(both));
                        fresh = std::move(both);
                    }
                    only = &fresh;
                }
                page_memo->keep_files(std::move(site_files));
            }
            if (result.reuse) result.reuse->pages_link_checked = only ? only->size() : files.links().size();
            return output::check_links(files.links(), all_paths, sink, jobs, only);
        });
    result.pages = page_paths.size();
    result.files = all_paths.size() + 1;
    if (sink.has_errors()) return result;  // the staging folder goes with `staging`
    // What the build made, left to the process exit when the program is about to exit.
    auto leave = [&] {
        if (!o.exit_after_build) return;
        util::release_at_exit(std::move(corpus));
        util::release_at_exit(std::move(trees));
        util::release_at_exit(std::move(memo));
        util::release_at_exit(std::move(page_memo));
        util::release_at_exit(std::move(search_memo));
        util::release_at_exit(std::move(files_owner));
    };
    if (!o.write) {
        result.ok = true;
        leave();
        return result;
    }
    result.ok = timed("output", [&] { return staging.commit(sink); });
    if (result.ok && memo) timed("cache-write", [&] {
            memo->save(sink);
            search_memo->save(sink);
            // The stamps of the published files, to take them unread next time (output::Staging::reuse).
            const auto now = output::file_system_now(fs, o.out);
            page_memo->save(sink, [&](const std::string& path) { return output::cache_stamp(fs, fs::join(o.out, path), now); });
        });
    leave();
    return result;
}

}  // namespace passage::site
