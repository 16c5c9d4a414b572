#include "markdown/rewrite.hpp"

#include <cmark-gfm.h>
// A reference's definition and a definition's label are not in the public API; both live in the
// node struct of this pinned cmark-gfm (see walk.cpp).
#include <cmark-gfm/node.h>

#include "util/strings.hpp"

namespace passage::markdown {

namespace {

// Puts `node` right after `sibling`. A table cell refuses custom inline nodes in cmark-gfm's API
// (its extension lists the inline types it takes), though the HTML renderer writes them anywhere:
// the node is linked in by hand then, as cmark's own insertion does.
void put_after(cmark_node* sibling, cmark_node* node) {
    if (cmark_node_insert_after(sibling, node)) return;
    node->parent = sibling->parent;
    node->prev = sibling;
    node->next = sibling->next;
    if (sibling->next)
        sibling->next->prev = node;
    else if (sibling->parent)
        sibling->parent->last_child = node;
    sibling->next = node;
}

std::string definition_label(cmark_node* def) {
    if (!def) return "?";
    return std::string(reinterpret_cast<const char*>(def->as.literal.data), static_cast<std::size_t>(def->as.literal.len));
}

}  // namespace

void raw_html_as_text(const std::vector<cmark_node*>& nodes) {
    for (auto* n : nodes) {
        bool block = cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK;
        cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(text, cmark_node_get_literal(n));
        if (block) {
            cmark_node* para = cmark_node_new(CMARK_NODE_PARAGRAPH);
            cmark_node_append_child(para, text);
            text = para;
        }
        cmark_node_insert_before(n, text);
        cmark_node_free(n);
    }
}

void place_footnote_references(const std::vector<cmark_node*>& references, Tree& tree) {
    for (auto& entry : tree.footnote_nodes) cmark_node_unlink(entry.second);
    std::map<cmark_node*, cmark_node*> after;  // image or link -> the last reference moved after it
    for (auto* n : references) {
        const std::string label = definition_label(n->parent_footnote_def);
        auto& ids = tree.footnote_ref_ids[label];
        // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, a false positive) on "-" + string here.
        std::string id = "fnref-" + label;
        if (!ids.empty()) id.append("-").append(std::to_string(ids.size() + 1));
        ids.push_back(id);
        tree.anchors.insert(id);
        std::string esc = util::html_escape(label);
        std::string html = "<sup class=\"fnref\"><a id=\"" + util::html_escape(id) + "\" href=\"#fn-" + esc + "\" data-fn=\"" + esc +
                           "\" aria-label=\"Note " + esc + "\">" + esc + "</a></sup>";
        cmark_node* ci = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
        cmark_node_set_on_enter(ci, html.c_str());
        cmark_node_set_on_exit(ci, "");
        // An image's alt text keeps only text, and a link may hold no other: a reference inside
        // either goes right after the outermost of them (after the references put there before it).
        cmark_node* outer = nullptr;
        for (cmark_node* p = cmark_node_parent(n); p; p = cmark_node_parent(p))
            if (cmark_node_get_type(p) == CMARK_NODE_IMAGE || cmark_node_get_type(p) == CMARK_NODE_LINK) outer = p;
        if (outer) {
            auto& last = after[outer];
            put_after(last ? last : outer, ci);
            last = ci;
        } else {
            put_after(n, ci);
        }
        cmark_node_free(n);
    }
    for (auto& fn : tree.footnotes) fn.references = static_cast<int>(tree.footnote_ref_ids[fn.label].size());
}

void outline_headings(const std::vector<std::pair<cmark_node*, std::string>>& headings) {
    std::vector<int> enclosing;  // source levels of the headings the current one lies under
    for (auto& [n, id] : headings) {
        int source = cmark_node_get_heading_level(n);
        while (!enclosing.empty() && enclosing.back() >= source) enclosing.pop_back();
        enclosing.push_back(source);
        int level = 1 + static_cast<int>(enclosing.size());
        std::string esc = util::html_escape(id);
        // HTML has six heading elements; a sixth-level heading moved down becomes an ARIA level 7.
        std::string open = level <= 6 ? "<h" + std::to_string(level) + " id=\"" + esc + "\">"
                                      : "<div role=\"heading\" aria-level=\"7\" class=\"h7\" id=\"" + esc + "\">";
        std::string close = level <= 6 ? "</h" + std::to_string(level) + ">" : "</div>";
        cmark_node* block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
        cmark_node_set_on_enter(block, open.c_str());
        cmark_node_set_on_exit(block,
                               (" <a class=\"anchor\" href=\"#" + esc + "\" aria-label=\"Link to this section\">#</a>" + close).c_str());
        while (cmark_node* child = cmark_node_first_child(n)) cmark_node_append_child(block, child);
        cmark_node_insert_before(n, block);
        cmark_node_free(n);
    }
}

void wrap_passage(cmark_node* n, const char* cls, const std::string& anchor) {
    cmark_node* block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
    std::string esc = util::html_escape(anchor);
    cmark_node_set_on_enter(block, ("<div class=\"" + std::string(cls) + "\" id=\"" + esc + "\"><a class=\"pilcrow\" href=\"#" + esc +
                                    "\" aria-label=\"Permalink to " + esc + "\">¶</a>")
                                       .c_str());
    cmark_node_set_on_exit(block, "</div>");
    cmark_node_insert_before(n, block);
    cmark_node_append_child(block, n);
}

}  // namespace passage::markdown
