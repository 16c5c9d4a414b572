// The walk over a parsed document: every heading, numbered paragraph, footnote, link and text run
// found, given its anchor, and the tree rewritten for rendering (anchors, footnote references).
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
// The public API gives neither a footnote definition's label nor the label a reference points to
// (a reference's literal is its ordinal); both live in the node struct of this pinned cmark-gfm.
#include <cmark-gfm/node.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <utility>

#include "markdown/rewrite.hpp"
#include "markdown/walk.hpp"
#include "util/strings.hpp"
#include "util/url.hpp"
#include "util/utf8.hpp"

namespace passage::markdown {

namespace {

// Plain text of a node's inline content, white space folded; footnote references left out.
std::string plain_text(cmark_node* node) {
    std::string out;
    cmark_iter* it = cmark_iter_new(node);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node* n = cmark_iter_get_node(it);
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
            case CMARK_NODE_HTML_INLINE:
                if (const char* lit = cmark_node_get_literal(n)) out += lit;
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                out += ' ';
                break;
            default:
                // A block (an item of a list, a paragraph of a quote) starts after a space; an inline (a
                // link, an emphasis) joins the text it stands in. Both kinds carry the "present" bit.
                if (n != node && (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK && !out.empty() && out.back() != ' ')
                    out += ' ';
        }
    }
    cmark_iter_free(it);
    // Runs of blanks become one space, none at either end: folded in place, the text never grows.
    std::size_t kept = 0;
    bool space = false;
    for (char c : out) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = true;
        } else {
            if (space && kept > 0) out[kept++] = ' ';
            space = false;
            out[kept++] = c;
        }
    }
    out.resize(kept);
    return out;
}

// "{#id}" at the end of a heading's text: the offset where the marker (and the blanks before it)
// starts, and the id. Written by hand: std::regex recurses per character and overflows on long lines.
std::optional<std::pair<std::size_t, std::string>> explicit_id(std::string_view text) {
    std::size_t end = text.size();
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
    if (end < 4 || text[end - 1] != '}') return std::nullopt;
    std::size_t open = text.rfind("{#", end - 1);
    if (open == std::string_view::npos) return std::nullopt;
    std::string_view id = text.substr(open + 2, end - 1 - open - 2);
    if (id.empty() || !std::isalpha(static_cast<unsigned char>(id[0]))) return std::nullopt;
    for (char c : id)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != ':' && c != '.') return std::nullopt;
    std::size_t cut = open;
    while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == '\t')) --cut;
    return std::make_pair(cut, std::string(id));
}

bool is_inside(cmark_node* n, cmark_node_type type) {
    for (cmark_node* p = cmark_node_parent(n); p; p = cmark_node_parent(p))
        if (cmark_node_get_type(p) == type) return true;
    return false;
}

class Walker {
public:
    Walker(const util::SourceText& src, const Options& opt, diag::Sink& sink, Tree& tree)
        : src_(src), opt_(opt), sink_(sink), tree_(tree) {}

    void run();

private:
    util::Position pos_of(cmark_node* n) const {
        if (opt_.fixed_location) return opt_.fixed_location->second;
        int line = cmark_node_get_start_line(n), col = cmark_node_get_start_column(n);
        if (line <= 0) return {};
        std::size_t offset = src_.line_start(line) + static_cast<std::size_t>(std::max(col, 1) - 1);
        return position(std::min(offset, src_.text().size()));
    }
    // SourceText::position_of counts characters from the line start; the walk asks for positions in
    // document order, so counting on from the previous answer keeps a huge line linear.
    util::Position position(std::size_t offset) const {
        if (cache_.line > 0 && offset >= cache_offset_ && offset < cache_line_end_) {
            const int column =
                cache_.column +
                static_cast<int>(util::count_characters(std::string_view(src_.text()).substr(cache_offset_, offset - cache_offset_)));
            cache_ = {cache_.line, column};
            cache_offset_ = offset;
            return cache_;
        }
        cache_ = src_.position_of(offset);
        cache_offset_ = offset;
        cache_line_end_ = src_.line_start(cache_.line + 1);
        return cache_;
    }
    // cmark's inline columns drift on continuation lines that are indented (by at most the
    // indentation the guard allows); find the destination near the reported column instead, which
    // is also what a reader of the error wants to see. The window keeps this linear in the line.
    util::Position link_pos(cmark_node* n, const std::string& url) const {
        if (opt_.fixed_location) return opt_.fixed_location->second;
        int line = cmark_node_get_start_line(n);
        if (line <= 0) return {};
        constexpr std::size_t kSlack = 256;
        auto text = src_.line_text(line);
        std::size_t col = static_cast<std::size_t>(std::max(cmark_node_get_start_column(n), 1) - 1);
        std::size_t from = col > kSlack ? col - kSlack : 0;
        std::size_t end_col =
            cmark_node_get_end_line(n) == line ? static_cast<std::size_t>(std::max(cmark_node_get_end_column(n), 0)) : text.size();
        std::size_t to = std::min(text.size(), end_col + kSlack);
        if (from < to) {
            auto window = text.substr(from, to - from);
            auto at = window.find("(" + url);
            if (at == std::string_view::npos) at = window.find("<" + url);
            if (at != std::string_view::npos) return position(src_.line_start(line) + from + at + 1);
        }
        return pos_of(n);
    }
    void error(const char* code, util::Position pos, std::string msg, std::string hint = {}) {
        sink_.error(code, where(), pos, std::move(msg), std::move(hint));
    }
    void warning(const char* code, util::Position pos, std::string msg, std::string hint = {}) {
        sink_.warning(code, where(), pos, std::move(msg), std::move(hint));
    }
    std::string where() const { return opt_.fixed_location ? opt_.fixed_location->first : src_.path(); }

    void add_anchor(const std::string& id, util::Position pos) {
        if (!tree_.anchors.insert(id).second) error("anchor-duplicate", pos, "duplicate anchor \"#" + id + "\" in this document");
    }
    std::size_t new_passage(Passage p) {
        tree_.passages.push_back(std::move(p));
        return tree_.passages.size() - 1;
    }

    // A link to a javascript:, vbscript:, data: or file: URL, or an image from anything but a
    // relative or http(s) URL: an error url-unsafe, and the URL emptied, so that no later stage sees
    // it (cmark would write it as href="" without a word).
    bool refuse_unsafe_url(cmark_node* n, const std::string& url, bool image) {
        auto problem = unsafe_url(url, image);
        if (!problem) return false;
        error("url-unsafe", link_pos(n, url), problem->first, problem->second);
        cmark_node_set_url(n, "");
        return true;
    }

    void on_heading(cmark_node* n);
    void on_paragraph(cmark_node* n);
    void check_footnotes();

    const util::SourceText& src_;
    const Options& opt_;
    diag::Sink& sink_;
    Tree& tree_;

    mutable util::Position cache_;
    mutable std::size_t cache_offset_ = 0, cache_line_end_ = 0;
    std::string section_;
    std::string scope_;  // heading id of the numbering scope, "" outside one
    int scope_level_ = 0;
    std::optional<std::size_t> passage_;                                    // the passage running text belongs to now
    std::map<std::string, int> last_number_;                                // per scope
    std::vector<std::pair<cmark_node*, std::string>> headings_to_replace_;  // node, html id
    std::vector<std::pair<cmark_node*, std::string>> numbered_to_wrap_;
    std::vector<std::pair<cmark_node*, std::vector<std::size_t>>> unnumbered_to_wrap_;  // block, its passages
    std::map<std::string, int> paragraphs_in_section_;                     // unnumbered ones, by section id
    std::vector<cmark_node*> footnote_refs_, raw_html_;
};

void Walker::on_heading(cmark_node* n) {
    Heading h;
    h.level = cmark_node_get_heading_level(n);
    h.pos = pos_of(n);
    h.text = plain_text(n);
    // An explicit anchor "{#id}" at the end of the heading wins over the slug.
    std::string id;
    if (auto marker = explicit_id(h.text)) {
        id = marker->second;
        h.text = h.text.substr(0, marker->first);
        // Remove the marker from the last text node, where cmark left it.
        cmark_node* last = cmark_node_last_child(n);
        if (last && cmark_node_get_type(last) == CMARK_NODE_TEXT) {
            std::string lit = cmark_node_get_literal(last);
            if (auto m = explicit_id(lit)) cmark_node_set_literal(last, lit.substr(0, m->first).c_str());
        }
    } else {
        id = util::slugify(h.text);
        std::string base = id;
        for (int k = 2; tree_.anchors.count(id); ++k) id = base + "-" + std::to_string(k);
    }
    h.id = id;
    add_anchor(id, h.pos);
    if (!scope_.empty() && h.level <= scope_level_) scope_.clear();
    if (std::find(opt_.numbering_scopes.begin(), opt_.numbering_scopes.end(), id) != opt_.numbering_scopes.end()) {
        scope_ = id;
        scope_level_ = h.level;
    }
    section_ = id;
    passage_ = new_passage({id, h.text, PassageKind::heading, id, h.text, h.pos});
    headings_to_replace_.emplace_back(n, id);
    tree_.headings.push_back(std::move(h));
}

void Walker::on_paragraph(cmark_node* n) {
    std::string text = plain_text(n);
    auto pos = pos_of(n);
    cmark_node* parent = cmark_node_parent(n);
    bool top = parent && cmark_node_get_type(parent) == CMARK_NODE_DOCUMENT;
    if (opt_.numbered_paragraphs && top) {
        // "N." then white space or the end: a numbered paragraph (N has one to four digits).
        std::size_t digits = 0;
        while (digits < text.size() && digits < 5 && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
        if (digits >= 1 && digits <= 4 && digits < text.size() && text[digits] == '.' &&
            (digits + 1 == text.size() || text[digits + 1] == ' ')) {
            int number = std::stoi(text.substr(0, digits));
            std::string anchor = (scope_.empty() ? "" : scope_ + "-") + "p" + std::to_string(number);
            int& last = last_number_[scope_];
            if (number != last + 1 && number > last) {
                for (int k = last + 1; k < number; ++k) {
                    if (std::find(opt_.paragraphs_missing.begin(), opt_.paragraphs_missing.end(), k) == opt_.paragraphs_missing.end()) {
                        warning("np-gap", pos,
                                "numbered paragraph " + std::to_string(number) + " follows " + std::to_string(last) + ": paragraph " +
                                    std::to_string(k) + " is missing",
                                "if the source lacks it, list it in \"source_gaps\": {\"paragraphs_missing\": [...]}");
                        break;
                    }
                }
            }
            last = std::max(last, number);
            add_anchor(anchor, pos);
            std::string label = (scope_.empty() ? "" : scope_ + " ") + "¶" + std::to_string(number);
            passage_ = new_passage({anchor, label, PassageKind::numbered, section_, text, pos});
            numbered_to_wrap_.emplace_back(n, anchor);
            return;
        }
    }
    // Other paragraphs join the numbered paragraph they follow, or stand as a passage of their section.
    if (passage_ && tree_.passages[*passage_].kind == PassageKind::numbered) {
        tree_.passages[*passage_].text += " " + text;
        return;
    }
    // A paragraph of a text without numbering (or before its first number): an anchor of its own,
    // by its section and its place in it, so that it stays put when other sections change.
    const std::string heading = section_.empty() ? std::string() : tree_.headings.back().text;
    if (!opt_.passage_anchors) {
        passage_ = new_passage({section_, heading, PassageKind::paragraph, section_, text, pos});
        return;
    }
    // The anchor goes on the block of the document the paragraph is in: itself, or the whole list or
    // quote (a list's items share it, and a tight list stays tight).
    cmark_node* block = n;
    while (cmark_node_parent(block) && cmark_node_get_type(cmark_node_parent(block)) != CMARK_NODE_DOCUMENT) block = cmark_node_parent(block);
    if (!unnumbered_to_wrap_.empty() && unnumbered_to_wrap_.back().first == block) {
        Passage shared = tree_.passages[unnumbered_to_wrap_.back().second.front()];
        shared.text = text;
        shared.pos = pos;
        passage_ = new_passage(std::move(shared));
        unnumbered_to_wrap_.back().second.push_back(*passage_);
        return;
    }
    const int ordinal = ++paragraphs_in_section_[section_];
    passage_ = new_passage({(section_.empty() ? "" : section_ + "-") + "para-" + std::to_string(ordinal),
                            (heading.empty() ? "" : heading + ", ") + "para. " + std::to_string(ordinal), PassageKind::paragraph, section_,
                            text, pos});
    unnumbered_to_wrap_.push_back({block, {*passage_}});
}

void Walker::run() {
    cmark_iter* it = cmark_iter_new(tree_.root);
    cmark_event_type ev;
    cmark_node* footnote = nullptr;
    std::optional<std::size_t> body_passage;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(it);
        auto type = cmark_node_get_type(n);
        if (type == CMARK_NODE_FOOTNOTE_DEFINITION) {
            if (ev == CMARK_EVENT_ENTER) {
                footnote = n;
                // The label is not in the public API of a definition node: read it from the source line.
                auto pos = pos_of(n);
                std::string label(reinterpret_cast<const char*>(n->as.literal.data), static_cast<std::size_t>(n->as.literal.len));
                if (label.empty()) label = "?";
                pos.column = 1;
                add_anchor("fn-" + label, pos);
                tree_.footnotes.push_back({label, pos, 0, plain_text(n)});
                tree_.footnote_nodes.emplace_back(label, n);
                body_passage = passage_;
                passage_ = new_passage({"fn-" + label, "note " + label, PassageKind::footnote, section_, tree_.footnotes.back().text, pos});
            } else {
                footnote = nullptr;
                passage_ = body_passage;
            }
            continue;
        }
        if (ev != CMARK_EVENT_ENTER) continue;
        switch (type) {
            case CMARK_NODE_HEADING:
                if (!footnote) on_heading(n);
                break;
            case CMARK_NODE_PARAGRAPH:
                if (!footnote) on_paragraph(n);
                break;
            case CMARK_NODE_LINK: {
                std::string url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
                if (refuse_unsafe_url(n, url, false)) break;
                if (!passage_) passage_ = new_passage({"", "", PassageKind::paragraph, "", "", pos_of(n)});
                tree_.links.push_back({n, url, link_pos(n, url), *passage_});
                break;
            }
            case CMARK_NODE_IMAGE:
                refuse_unsafe_url(n, cmark_node_get_url(n) ? cmark_node_get_url(n) : "", true);
                break;
            case CMARK_NODE_TEXT:
                // Emphasis inside a note is a cited title ("*Migration and Human Rights*"): a title
                // that contains an alias names a book or an article, not the entity, so it is no mention.
                if (passage_ && !is_inside(n, CMARK_NODE_HEADING) && !is_inside(n, CMARK_NODE_LINK) && !is_inside(n, CMARK_NODE_IMAGE) &&
                    !(footnote && is_inside(n, CMARK_NODE_EMPH)))
                    tree_.text_runs.push_back({n, *passage_, pos_of(n)});
                break;
            case CMARK_NODE_HTML_INLINE:
            case CMARK_NODE_HTML_BLOCK:
                if (!opt_.raw_html) {
                    warning("md-raw-html", pos_of(n), "raw HTML is off: shown as text",
                            "write Markdown, or set \"options\": {\"raw_html\": true} in site.json");
                    raw_html_.push_back(n);
                }
                break;
            default:
                if (type == CMARK_NODE_FOOTNOTE_REFERENCE) footnote_refs_.push_back(n);
        }
    }
    cmark_iter_free(it);

    // Tree changes wait until the walk is over: cmark iterators do not survive them.
    raw_html_as_text(raw_html_);
    place_footnote_references(footnote_refs_, tree_);
    outline_headings(headings_to_replace_);
    for (auto& [n, anchor] : numbered_to_wrap_) wrap_passage(n, "np", anchor);
    // After every heading's and numbered paragraph's id: an id the author gave wins, and the
    // paragraph is then cited by its section, as it would be without an anchor of its own.
    for (auto& [n, indices] : unnumbered_to_wrap_) {
        const Passage& p = tree_.passages[indices.front()];
        if (!tree_.anchors.insert(p.anchor).second) {
            const std::string label = p.section.empty() ? std::string() : p.label.substr(0, p.label.rfind(", para. "));
            for (std::size_t i : indices) {
                tree_.passages[i].anchor = tree_.passages[i].section;
                tree_.passages[i].label = label;
            }
            continue;
        }
        wrap_passage(n, "pp", p.anchor);
    }
    check_footnotes();
    // Numeric labels in numeric order, others after them by name.
    std::sort(tree_.footnotes.begin(), tree_.footnotes.end(), [](const Footnote& a, const Footnote& b) {
        bool na = !a.label.empty() && std::all_of(a.label.begin(), a.label.end(), ::isdigit);
        bool nb = !b.label.empty() && std::all_of(b.label.begin(), b.label.end(), ::isdigit);
        if (na != nb) return na;
        if (na && a.label.size() != b.label.size()) return a.label.size() < b.label.size();
        return a.label < b.label;
    });
}

void Walker::check_footnotes() {
    if (opt_.fixed_location) return;
    // cmark drops definitions nobody references and leaves references to missing notes as text,
    // so both are found in the source: definitions at line starts, references anywhere else.
    std::set<std::string> defined, referenced;
    for (const auto& f : tree_.footnotes) defined.insert(f.label);
    for (const auto& [label, ids] : tree_.footnote_ref_ids)
        if (!ids.empty()) referenced.insert(label);
    const std::string& t = src_.text();
    bool in_fence = false;
    for (int line = 1;; ++line) {
        std::size_t start = src_.line_start(line);
        if (start >= t.size()) break;
        std::string_view l = src_.line_text(line);
        auto stripped = util::trim(l);
        if (stripped.starts_with("```") || stripped.starts_with("~~~")) in_fence = !in_fence;
        if (in_fence) continue;
        for (std::size_t at = l.find("[^"); at != std::string_view::npos; at = l.find("[^", at + 2)) {
            std::size_t close = at + 2;
            while (close < l.size() && l[close] != ']' && l[close] != ' ' && l[close] != '\t' && l[close] != '[') ++close;
            if (close >= l.size() || l[close] != ']' || close == at + 2) continue;
            std::string label(l.substr(at + 2, close - at - 2));
            bool definition = close + 1 < l.size() && l[close + 1] == ':' && util::trim(l.substr(0, at)).empty();
            auto pos = position(start + at);
            if (definition && !defined.count(label)) {
                warning("fn-unreferenced", pos, "footnote [^" + label + "] is defined but never referenced",
                        "reference it with [^" + label + "] or remove it");
                defined.insert(label);
            } else if (!definition && !defined.count(label)) {
                warning("fn-undefined", pos, "footnote [^" + label + "] is referenced but never defined",
                        "add \"[^" + label + "]: ...\"; where the source lacks its wording, say so with an editorial note");
                defined.insert(label);
            }
        }
    }
}

}  // namespace

// What is wrong with the URL of a link or an image, and what to do, or nullopt when nothing is:
// links may not run code or embed a document (javascript:, vbscript:, data:, file:); images come
// from a relative or http(s) URL. Other schemes of links are references, which crossref checks.
std::optional<std::pair<std::string, std::string>> unsafe_url(const std::string& url, bool image) {
    const std::string scheme = util::url_scheme(url);
    if (image ? (scheme.empty() || scheme == "http" || scheme == "https") : !util::is_dangerous_scheme(scheme)) return std::nullopt;
    if (image)
        return std::make_pair("an image from a " + scheme + ": URL", std::string("give the image as a relative path or an http(s) URL"));
    return std::make_pair("a link to a " + scheme + ": URL", std::string("link to a web page (http:, https:, mailto:) or a reference"));
}

void walk(const util::SourceText& source, const Options& options, diag::Sink& sink, Tree& tree) {
    Walker(source, options, sink, tree).run();
}

}  // namespace passage::markdown
