#pragma once
// The link checker: every internal link of the generated site must lead somewhere, anchors
// included, before the site is published. `passage build` and `passage check` both run it.
//
// It reads the HTML with a small linear scanner of start tags and their attributes (not a full HTML
// parser): comments, doctypes, end tags and the contents of <script> and <style> are skipped;
// attribute values are unquoted, single- or double-quoted, and their character references (&amp;,
// &quot;, &#39;, &#x27;, ...) are decoded.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diag.hpp"
#include "util/source.hpp"

namespace passage::output {

// One attribute of a start tag: the tag and attribute names (ASCII lowercase), the decoded value,
// and the byte offset of the value in the HTML.
struct Attribute {
    std::string tag, name, value;
    std::size_t offset = 0;
};

// Every attribute of every start tag of `html`, in document order.
std::vector<Attribute> html_attributes(std::string_view html);

// What the link check needs of one HTML page, so that a build can check the links of the whole site
// without keeping its pages: the ids the page carries, and the links it makes that the check looks at
// (relative ones and passage's own schemes; see below), each href once, where it first occurs.
struct PageLinks {
    struct Link {
        std::string href;    // the attribute value, decoded and trimmed
        util::Position pos;  // line and column (in characters) of the value's first occurrence
        bool operator==(const Link&) const = default;
    };
    std::vector<std::string> ids;  // sorted, without repeats
    std::vector<Link> links;       // in document order
    // An id given to a second element (and a third...), where it is: a page made with it is not
    // published (the check reports html-duplicate-id). Not kept by the cache: a page it keeps had none.
    std::vector<Link> repeated_ids;
    bool operator==(const PageLinks&) const = default;
};

// The ids and links of one HTML page.
PageLinks scan_links(std::string_view html);

// Site-relative path of each HTML page -> its ids and links.
using LinkIndex = std::map<std::string, PageLinks>;

// Checks each href and src attribute of each .html file of the site.
//   - Links with a scheme (http:, https:, mailto:, tel:, data:, ...) and protocol-relative "//host"
//     links are external and not checked, except passage's own reference schemes (doc:,
//     instrument:, org:, rec:, theme:, annotation:, fn:), which must never reach the output.
//   - A relative link, with its query removed and its %-escapes decoded, is resolved against the
//     page's folder; it must stay inside the site and name a file of `files` (a folder is not
//     enough: file:// shows no index.html).
//   - A fragment (after '#', as written or %-decoded) on a link to an .html file must be the id
//     attribute of an element of that file; "" and "top" are always valid (HTML scrolls to the top
//     for both). Fragments of links to other files are not checked.
//   - A link starting with '/' is refused: it breaks under a sub-path and on file://.
// An id the page gives to two elements is an error `html-duplicate-id` at the second.
// Each broken link is an error `link-broken`, reported once per page and href, at the page's
// site-relative path, line and column, with a "did you mean" for a close id or file name. Returns
// true when every link resolves.
// REQUIRES: `files` holds the site-relative path of every file of the site, sorted, without
// repeats; `pages` has the scan of every one of them that ends in ".html". Pages are shared out over
// `jobs` threads.
// With `only`, the links of those pages alone are checked (against the whole site).
bool check_links(const LinkIndex& pages, const std::vector<std::string>& files, diag::Sink& sink, unsigned jobs = 1,
                 const std::vector<std::string>* only = nullptr);

// The pages of `pages` with a link that may lead to one of the files `gone` (site-relative paths):
// every link whose path, decoded, ends with the name of one of them (or in "." or ".."), which is
// more than those that lead there. Sorted. Pages are shared out over `jobs` threads.
std::vector<std::string> pages_linking_to(const LinkIndex& pages, const std::vector<std::string>& gone, unsigned jobs = 1);

}  // namespace passage::output
