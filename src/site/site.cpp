#include "site/site.hpp"

#include <chrono>

#include "config/config.hpp"
#include "content/content.hpp"
#include "crossref/crossref.hpp"
#include "markdown/guard.hpp"
#include "markdown/markdown.hpp"
#include "output/links.hpp"
#include "output/output.hpp"
#include "render/feeds.hpp"
#include "render/render.hpp"
#include "search/search.hpp"
#include "templates/templates.hpp"
#include "util/parallel.hpp"

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
    util::parallel_for(trees.size(), jobs, [&](std::size_t i) {
        const auto& d = corpus.documents[i];
        markdown::Options opt;
        opt.raw_html = corpus.site.raw_html;
        opt.numbered_paragraphs = d.numbered_paragraphs;
        opt.numbering_scopes = d.numbering_scopes;
        opt.paragraphs_missing = d.gaps.paragraphs_missing;
        if (markdown::guard(*d.body, {}, sink)) trees[i] = markdown::parse(*d.body, opt, sink);
        else trees[i].path = d.md_path;  // an empty tree keeps trees[i] aligned with documents[i]
    });
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
        } else if (auto data = fs.read(path)) {
            files[prefix + name] = std::move(*data);
        }
    }
}

}  // namespace

Result build(fs::FileSystem& fs, const Options& o, diag::Sink& sink) {
    Result result;
    Timer timed(result, o.progress);

    auto site = timed("config", [&] { return config::load(fs, o.content, sink); });
    if (sink.has_errors()) return result;
    auto corpus = timed("content", [&] { return content::load(fs, o.content, site, sink); });
    const unsigned jobs = util::resolve_jobs(o.jobs);
    auto trees = timed("markdown", [&] { return parse_documents(corpus, jobs, sink); });
    auto graph = timed("crossref", [&] { return crossref::build(corpus, trees, sink); });
    auto engine = timed("templates-load", [&] { return templates::Engine::load(fs, o.templates, sink); });
    if (sink.has_errors() || !engine) return result;

    render::Build build_info{"passage", o.version, jobs};
    auto pages = timed("render", [&] { return render::pages(corpus, trees, graph, build_info, sink); });
    output::Files files;
    // Assets first: with a base_url their names carry a hash of their bytes, which the pages name.
    if (fs.kind(o.assets) == fs::Kind::directory) collect_assets(fs, o.assets, "assets/", files, sink);
    render::hash_asset_names(corpus.site, files, pages);
    timed("templates", [&] {
        std::vector<std::string> html(pages.size());
        util::parallel_for(pages.size(), jobs, [&](std::size_t i) { html[i] = engine->render(pages[i].template_name, pages[i].model, sink); });
        for (std::size_t i = 0; i < pages.size(); ++i) files[pages[i].path] = std::move(html[i]);
    });
    timed("search", [&] {
        for (auto& [path, data] : search::index_files(search::records(corpus, trees), {.head_postings = corpus.site.search_head, .jobs = jobs})) files[path] = std::move(data);
    });
    timed("graph", [&] { files["graph.json"] = render::graph_json(corpus, graph).dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"; });
    timed("feeds", [&] {
        for (auto& [path, data] : render::feeds(corpus, pages)) files[path] = std::move(data);
    });
    if (!sink.has_errors()) timed("links", [&] { return output::check_links(files, sink); });
    result.pages = pages.size();
    result.files = files.size() + 1;
    if (sink.has_errors()) return result;
    if (!o.write) {
        result.ok = true;
        return result;
    }
    result.ok = timed("output", [&] {
        return output::check_target(fs, o.out, {o.content, o.templates, o.assets}, sink) && output::publish(fs, o.out, files, sink);
    });
    return result;
}

}  // namespace passage::site
