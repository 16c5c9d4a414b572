// The link scanner and checker: the input is an HTML page of a small site; its attributes, ids and
// links are read, and its links checked against the site.
#include <string>
#include <string_view>

#include "output/links.hpp"

using namespace passage;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view html(reinterpret_cast<const char*>(data), size);
    (void)output::html_attributes(html);
    output::LinkIndex pages;
    pages["documents/a.html"] = output::scan_links(html);
    pages["index.html"] = output::scan_links("<a href=\"documents/a.html#p1\" id=\"top\">a</a>");
    const std::vector<std::string> files = {"assets/passage.css", "documents/a.html", "index.html"};
    diag::Sink sink;
    (void)output::check_links(pages, files, sink);
    (void)output::pages_linking_to(pages, {"index.html"});
    return 0;
}
