#pragma once
// Internal to the markdown stage: the rewriting of a parsed tree for rendering, once the walk
// (walk.cpp) has found what to change. cmark's iterators do not survive changes to the tree, so the
// walk collects nodes and these functions change them afterwards.
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "markdown/markdown.hpp"

struct cmark_node;

namespace passage::markdown {

// Raw HTML shown as text: each inline or block of raw HTML replaced by a text node (in a paragraph
// for a block) that holds its source.
void raw_html_as_text(const std::vector<cmark_node*>& nodes);

// Each footnote reference replaced by its marker `<sup class="fnref">`, with ids fnref-<label>,
// fnref-<label>-2, ... recorded in tree.footnote_ref_ids and tree.anchors; the definitions unlinked.
void place_footnote_references(const std::vector<cmark_node*>& references, Tree& tree);

// Each heading given its id, a "#" link, and its depth in the page's outline (the title is the
// only <h1>; a level skipped in the source is not skipped in the page).
void outline_headings(const std::vector<std::pair<cmark_node*, std::string>>& headings);

// Wraps a block in `<div class="cls" id="anchor">` with a ¶ permalink: a passage a reader can cite.
void wrap_passage(cmark_node* block, const char* cls, const std::string& anchor);

}  // namespace passage::markdown
