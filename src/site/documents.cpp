#include "site/documents.hpp"

#include <atomic>
#include <chrono>
#include <optional>

#include "crossref/memo.hpp"
#include "markdown/memo.hpp"
#include "util/parallel.hpp"

namespace passage::site {

markdown::Options markdown_options(const content::Corpus& corpus, const content::Document& d) {
    markdown::Options opt;
    opt.raw_html = corpus.site.raw_html;
    opt.numbered_paragraphs = d.numbered_paragraphs;
    opt.passage_anchors = true;
    opt.numbering_scopes = d.numbering_scopes;
    opt.paragraphs_missing = d.gaps.paragraphs_missing;
    return opt;
}

namespace {

// Adds the time `fn` takes to `total` (nanoseconds).
template <typename Fn>
auto timed(std::atomic<std::int64_t>& total, Fn fn) {
    const auto start = std::chrono::steady_clock::now();
    struct Add {
        std::atomic<std::int64_t>& total;
        std::chrono::steady_clock::time_point start;
        ~Add() { total += std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start).count(); }
    } add{total, start};
    return fn();
}

}  // namespace

Documents process_documents(const content::Corpus& corpus, const crossref::Names& names, cache::Store& store, unsigned jobs,
                            diag::Sink& sink) {
    const std::size_t n = corpus.documents.size();
    Documents out;
    out.extracts.resize(n);
    out.mentions.resize(n);
    out.bodies.resize(n);
    std::atomic<std::size_t> parsed{0}, searched{0}, rendered{0};
    std::atomic<std::int64_t> parse_ns{0}, mentions_ns{0}, body_ns{0};
    util::parallel_for(n, jobs, [&](std::size_t i) {
        const auto& d = corpus.documents[i];
        const auto options = markdown_options(corpus, d);
        std::optional<markdown::Tree> tree;
        auto analysed = timed(parse_ns, [&] { return markdown::analyse(store, *d.body, options, sink, tree); });
        if (analysed.parsed) ++parsed;
        // A stage that needs the tree when the markdown stage's result came from the store parses
        // the document again (what that reports was given with the result).
        auto whole = [&]() -> markdown::Tree& {
            if (!tree) {
                diag::Sink given;
                tree = markdown::parse_guarded(*d.body, options, given);  // timed with the stage that asks
                ++parsed;
            }
            return *tree;
        };
        auto found =
            timed(mentions_ns, [&] { return crossref::mentions_of(store, corpus, names, d, analysed.extract, analysed.key, whole, sink); });
        if (found.searched) ++searched;
        auto body = timed(body_ns, [&] { return render::body_of(store, names, d, analysed.extract, found.mentions, found.key, whole); });
        if (body.rendered) ++rendered;
        out.extracts[i] = std::move(analysed.extract);
        out.mentions[i] = std::move(found.mentions);
        out.bodies[i] = std::move(body.body);
    });
    out.parsed = parsed;
    out.searched = searched;
    out.rendered = rendered;
    out.parse_seconds = static_cast<double>(parse_ns.load()) * 1e-9;
    out.mentions_seconds = static_cast<double>(mentions_ns.load()) * 1e-9;
    out.body_seconds = static_cast<double>(body_ns.load()) * 1e-9;
    return out;
}

}  // namespace passage::site
