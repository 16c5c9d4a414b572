// Rendering a parsed tree to HTML, with references resolved.
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <cstring>

#include "markdown/markdown.hpp"
#include "util/strings.hpp"

namespace passage::markdown {

namespace {

std::string open_tag(const Resolved& r) {
    std::string s = "<a href=\"" + util::html_escape(r.href) + "\"";
    if (!r.css_class.empty()) s += " class=\"" + util::html_escape(r.css_class) + "\"";
    if (!r.title.empty()) s += " title=\"" + util::html_escape(r.title) + "\"";
    return s + ">";
}

std::string to_html(cmark_node* node, cmark_parser* parser, bool raw_html) {
    int opts = CMARK_OPT_FOOTNOTES | (raw_html ? CMARK_OPT_UNSAFE : 0);
    char* html = cmark_render_html(node, opts, parser ? cmark_parser_get_syntax_extensions(parser) : nullptr);
    std::string out = html ? html : "";
    std::free(html);
    return out;
}

// Whether `sibling`'s parent takes a custom inline node (table cells do not).
bool accepts_custom_inline(cmark_node* sibling) {
    cmark_node* probe = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
    bool ok = cmark_node_insert_before(sibling, probe);
    cmark_node_free(probe);  // unlinks it first when it was inserted
    return ok;
}

// A link to `target`: a custom inline node carrying our attributes, or a plain link node.
cmark_node* make_link(const Resolved& target, bool plain) {
    if (plain) {
        cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
        cmark_node_set_url(link, target.href.c_str());
        cmark_node_set_title(link, target.title.c_str());
        return link;
    }
    cmark_node* link = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
    cmark_node_set_on_enter(link, open_tag(target).c_str());
    cmark_node_set_on_exit(link, "</a>");
    return link;
}

}  // namespace

std::string_view text_of(const TextRun& run) {
    const char* lit = cmark_node_get_literal(run.node);
    return lit ? std::string_view(lit) : std::string_view();
}

void link_mentions(const TextRun& run, const std::vector<Mention>& mentions) {
    if (mentions.empty()) return;
    // Table cells refuse custom inline children: there, mentions become plain Markdown links (the
    // target and title, without the class).
    const bool plain = !accepts_custom_inline(run.node);
    std::string text(text_of(run));
    std::size_t at = 0;
    auto add_text = [&](std::size_t b, std::size_t e) {
        if (e <= b) return;
        cmark_node* t = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(t, text.substr(b, e - b).c_str());
        cmark_node_insert_before(run.node, t);
    };
    for (const auto& m : mentions) {
        add_text(at, m.begin);
        cmark_node* link = make_link(m.target, plain);
        cmark_node* inner = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(inner, text.substr(m.begin, m.end - m.begin).c_str());
        cmark_node_append_child(link, inner);
        cmark_node_insert_before(run.node, link);
        at = m.end;
    }
    add_text(at, text.size());
    cmark_node_set_literal(run.node, "");
}

namespace {

// Resolves the links of the tree in place (see render()).
void resolve_links(Tree& tree, const std::function<std::optional<Resolved>(const Link&)>& resolve) {
    for (auto& link : tree.links) {
        auto r = resolve(link);
        if (!r) continue;
        if (!accepts_custom_inline(link.node)) {
            // In a table cell: keep the link node, pointed at its target.
            cmark_node_set_url(link.node, r->href.c_str());
            cmark_node_set_title(link.node, r->title.c_str());
            continue;
        }
        cmark_node* a = make_link(*r, false);
        while (cmark_node* child = cmark_node_first_child(link.node)) cmark_node_append_child(a, child);
        cmark_node_insert_before(link.node, a);
        cmark_node_free(link.node);
        link.node = a;
    }
}

std::map<std::string, std::string> footnotes_html(const Tree& tree) {
    std::map<std::string, std::string> out;
    for (const auto& [label, node] : tree.footnote_nodes) {
        std::string content;
        for (cmark_node* c = cmark_node_first_child(node); c; c = cmark_node_next(c)) content += to_html(c, tree.parser, tree.raw_html);
        // cmark leaves room for back-links at the end of a note's last paragraph; the page adds its own.
        if (auto p = content.rfind(" </p>\n"); p != std::string::npos && p + 6 == content.size()) content.erase(p, 1);
        out[label] = content;
    }
    return out;
}

// The anchor of a numbered paragraph's block (tree.cpp wraps each in a custom block whose opening
// tag starts with this), or "".
std::string numbered_anchor(cmark_node* n) {
    static constexpr std::string_view kOpen = "<div class=\"np\" id=\"";
    if (cmark_node_get_type(n) != CMARK_NODE_CUSTOM_BLOCK) return {};
    const char* enter = cmark_node_get_on_enter(n);
    std::string_view e = enter ? enter : "";
    if (e.substr(0, kOpen.size()) != kOpen) return {};
    auto rest = e.substr(kOpen.size());
    return std::string(rest.substr(0, rest.find('"')));
}

}  // namespace

Html render(Tree& tree, const std::function<std::optional<Resolved>(const Link&)>& resolve) {
    resolve_links(tree, resolve);
    Html html;
    html.body = to_html(tree.root, tree.parser, tree.raw_html);
    html.footnotes = footnotes_html(tree);
    return html;
}

Pieces render_pieces(Tree& tree, const std::function<std::optional<Resolved>(const Link&)>& resolve) {
    resolve_links(tree, resolve);
    // The document's blocks one at a time: cmark's HTML of a block does not depend on the blocks
    // around it (footnote references were made custom nodes by the walk), so the pieces joined are
    // the HTML of the whole document (a test holds them to it).
    Pieces out;
    out.pieces.emplace_back();
    for (cmark_node* n = cmark_node_first_child(tree.root); n; n = cmark_node_next(n)) {
        std::string html = to_html(n, tree.parser, tree.raw_html);
        std::string anchor = numbered_anchor(n);
        auto close = anchor.empty() ? std::string::npos : html.rfind("</div>");
        if (close == std::string::npos) {
            out.pieces.back() += html;
            continue;
        }
        out.pieces.back().append(html, 0, close);
        out.numbered.push_back(std::move(anchor));
        out.pieces.emplace_back(html.substr(close));
    }
    out.footnotes = footnotes_html(tree);
    return out;
}

std::string to_plain_text(std::string_view markdown) {
    cmark_node* doc = cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_VALIDATE_UTF8);
    char* text = cmark_render_plaintext(doc, CMARK_OPT_DEFAULT, 0);
    std::string out = text ? text : "";
    std::free(text);
    cmark_node_free(doc);
    return std::string(util::trim(out));
}

}  // namespace passage::markdown
