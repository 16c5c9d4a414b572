#pragma once
// The pages of the site, made XHTML content documents of the book. A page is rendered with the
// site's own templates in the book's frame (src/builtin/edition/layout.mustache), checked to be
// well-formed XML (tinyxml2), then rewritten tag by tag, its text left exactly as it is:
//   - each link to a page of the book names the book's file ("../instruments/icmw.xhtml#fn-3"), and
//     keeps its fragment only when the target has that id;
//   - a link to a page that is not in the book (a "cited in" page, an index, the search) becomes an
//     absolute link under the base_url when there is one, and a <span> of its text otherwise;
//   - a footnote reference (<sup class="fnref"><a href="#fn-…">) gets epub:type="noteref", and each
//     note of a list of notes (<section class="footnotes"><ol><li id="fn-…">) becomes an
//     <aside epub:type="footnote">, so that reading systems show notes as pop-ups;
//   - an image that the book holds keeps its source; any other is replaced by its alt text.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace passage::edition {

// Whether `xhtml` is well-formed XML; when it is not, *why says where (line and message).
bool well_formed(const std::string& xhtml, std::string* why);

// Every value of an id attribute in `xhtml`.
std::set<std::string> ids_of(std::string_view xhtml);

// What a link may lead to.
struct Book {
    // Site path of each page in the book ("documents/desa-2004.html") -> its ids.
    std::map<std::string, std::set<std::string>> pages;
    // Site path of each other file the book holds (an image).
    std::set<std::string> files;
    std::string base_url;  // "" or an absolute URL ending in '/'
};

// The book's path of a page of the site: ".html" becomes ".xhtml".
std::string book_path(const std::string& site_path);

// `xhtml`, the page at `site_path`, rewritten as above. `images` gets the site path of each image it
// keeps (to be added to the book).
std::string rewrite(std::string_view xhtml, const std::string& site_path, const Book& book, std::set<std::string>& images);

}  // namespace passage::edition
