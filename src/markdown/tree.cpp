// Parsing (cmark-gfm with passage's extensions and options), then the walk (walk.cpp).
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
// The public API gives neither a footnote definition's label nor the label a reference points to
// (a reference's literal is its ordinal); both live in the node struct of this pinned cmark-gfm.
#include <cmark-gfm/node.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <utility>

#include "markdown/guard.hpp"
#include "markdown/markdown.hpp"
#include "markdown/walk.hpp"
#include "util/strings.hpp"
#include "util/url.hpp"

namespace passage::markdown {

Tree::~Tree() {
    free_nodes();
}

void Tree::free_nodes() {
    for (auto& [_, n] : footnote_nodes) cmark_node_free(n);
    footnote_nodes.clear();
    if (root) cmark_node_free(std::exchange(root, nullptr));
    if (parser) cmark_parser_free(std::exchange(parser, nullptr));
}

Tree::Tree(Tree&& o) noexcept {
    *this = std::move(o);
}

Tree& Tree::operator=(Tree&& o) noexcept {
    if (this == &o) return *this;
    free_nodes();  // the other members are replaced below (not destroyed: they are assigned to)
    path = std::move(o.path);
    headings = std::move(o.headings);
    passages = std::move(o.passages);
    footnotes = std::move(o.footnotes);
    links = std::move(o.links);
    text_runs = std::move(o.text_runs);
    anchors = std::move(o.anchors);
    footnote_nodes = std::move(o.footnote_nodes);
    footnote_ref_ids = std::move(o.footnote_ref_ids);
    raw_html = o.raw_html;
    root = std::exchange(o.root, nullptr);
    parser = std::exchange(o.parser, nullptr);
    o.footnote_nodes.clear();
    return *this;
}

namespace {

void ensure_extensions() {
    static std::once_flag once;
    std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

// cmark's parse with passage's options and extensions, before the walk.
Tree parse_only(const util::SourceText& source, const Options& options) {
    ensure_extensions();
    Tree tree;
    tree.path = options.fixed_location ? options.fixed_location->first : source.path();
    tree.raw_html = options.raw_html;
    int opts = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8;
    tree.parser = cmark_parser_new(opts);
    for (const char* name : {"table", "strikethrough", "autolink", "tagfilter", "tasklist"})
        if (auto* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(tree.parser, ext);
    const std::string& t = source.text();
    std::size_t skip = t.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    cmark_parser_feed(tree.parser, t.data() + skip, t.size() - skip);
    tree.root = cmark_parser_finish(tree.parser);
    return tree;
}

}  // namespace

Tree parse(const util::SourceText& source, const Options& options, diag::Sink& sink) {
    Tree tree = parse_only(source, options);
    walk(source, options, sink, tree);
    return tree;
}

bool check_urls(std::string_view markdown, const std::string& file, util::Position where, diag::Sink& sink) {
    // A URL with a scheme has a ':' (or an entity that cmark decodes to one).
    if (markdown.find_first_of(":&") == std::string_view::npos) return true;
    util::SourceText src(file, std::string(markdown));
    diag::Sink ignored;
    if (!guard(src, {}, ignored)) return true;
    Tree tree = parse_only(src, {});
    bool ok = true;
    cmark_iter* it = cmark_iter_new(tree.root);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node* n = cmark_iter_get_node(it);
        auto type = cmark_node_get_type(n);
        if (ev != CMARK_EVENT_ENTER || (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE)) continue;
        const char* url = cmark_node_get_url(n);
        if (auto problem = unsafe_url(url ? url : "", type == CMARK_NODE_IMAGE)) {
            sink.error("url-unsafe", file, where, problem->first, problem->second);
            ok = false;
        }
    }
    cmark_iter_free(it);
    return ok;
}

Extract extract_of(const Tree& tree) {
    Extract e;
    e.path = tree.path;
    e.headings = tree.headings;
    e.passages = tree.passages;
    e.footnotes = tree.footnotes;
    e.links.reserve(tree.links.size());
    for (const auto& l : tree.links) e.links.push_back({l.url, l.pos, l.passage});
    e.anchors.assign(tree.anchors.begin(), tree.anchors.end());
    e.footnote_ref_ids = tree.footnote_ref_ids;
    return e;
}

std::string render_reference(std::string_view markdown) {
    util::SourceText src("reference.md", std::string(markdown));
    Tree tree = parse_only(src, {});
    char* html = cmark_render_html(tree.root, CMARK_OPT_FOOTNOTES | CMARK_OPT_UNSAFE, cmark_parser_get_syntax_extensions(tree.parser));
    std::string out = html ? html : "";
    std::free(html);
    return out;
}

}  // namespace passage::markdown
