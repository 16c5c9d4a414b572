#include <doctest/doctest.h>

#include "content/corpus.hpp"
#include "edition/edition.hpp"
#include "edition/xhtml.hpp"

using namespace passage;
using edition::rewrite;

namespace {

edition::Book book(std::string base_url = {}) {
    edition::Book b;
    b.pages["documents/a.html"] = {"p1", "fn-1", "fnref-1"};
    b.pages["instruments/icmw.html"] = {"cited-title"};
    b.files = {"assets/figure.png"};
    b.base_url = std::move(base_url);
    return b;
}

std::string in_book(std::string_view xhtml, const edition::Book& b = book()) {
    std::set<std::string> images;
    return rewrite(xhtml, "documents/a.html", b, images);
}

}  // namespace

TEST_CASE("a link to a page of the book names its file in the book, with the fragment it has (only the fragment on its own page)") {
    CHECK(in_book(R"(<p>See <a href="../instruments/icmw.html#cited-title" class="ref">the Convention</a> now.</p>)") ==
          R"(<p>See <a href="../instruments/icmw.xhtml#cited-title" class="ref">the Convention</a> now.</p>)");
    CHECK(in_book(R"(<a href="#p1">¶1</a> <a href="a.html#p1">x</a>)") == R"(<a href="#p1">¶1</a> <a href="#p1">x</a>)");
}

TEST_CASE("a link to an id the book's page lacks keeps the page and drops the fragment") {
    CHECK(in_book(R"(<a href="../instruments/icmw.html#gone">x</a>)") == R"(<a href="../instruments/icmw.xhtml">x</a>)");
}

TEST_CASE("a link to a page that is not in the book goes to the web under the base_url, or becomes text") {
    CHECK(in_book(R"(<a href="../instruments/icmw/cited-2.html#c" class="more">Every citation</a>.)", book("https://example.org/ref/")) ==
          R"(<a href="https://example.org/ref/instruments/icmw/cited-2.html#c" class="more">Every citation</a>.)");
    CHECK(in_book(R"(<a href="../index.html">Home</a>)", book("https://example.org/ref/")) ==
          R"(<a href="https://example.org/ref/">Home</a>)");
    CHECK(in_book(R"(<a id="x" href="../search.html?q=a" class="more" aria-label="Search">Search</a>.)") ==
          R"(<span id="x" class="more">Search</span>.)");
}

TEST_CASE("links to the web and mail stay as they are; text and entities are not touched") {
    CHECK(in_book(R"(<a href="https://example.org/a?b=1&amp;c=2">A &amp; B &lt;C&gt; “q”</a>)") ==
          R"(<a href="https://example.org/a?b=1&amp;c=2">A &amp; B &lt;C&gt; “q”</a>)");
    CHECK(in_book(R"(<a href="mailto:x@example.org">mail</a>)") == R"(<a href="mailto:x@example.org">mail</a>)");
}

TEST_CASE("a note reference gets epub:type noteref, and each note of the list becomes a footnote aside") {
    CHECK(in_book(R"(<sup class="fnref"><a id="fnref-1" href="#fn-1">1</a></sup>)") ==
          R"(<sup class="fnref"><a id="fnref-1" href="#fn-1" epub:type="noteref" role="doc-noteref">1</a></sup>)");
    CHECK(in_book("<section class=\"footnotes\"><h2>Notes</h2>\n<ol>\n<li id=\"fn-1\" value=\"1\" class=\"footnote\"><div "
                  "class=\"footnote-body\"><p>A "
                  "note.</p></div> <a href=\"#fnref-1\" class=\"footnote-back\">↩</a></li>\n</ol>\n</section>") ==
          "<section class=\"footnotes\"><h2>Notes</h2>\n<div class=\"footnote-list\">\n<aside id=\"fn-1\" class=\"footnote\" "
          "epub:type=\"footnote\" "
          "role=\"doc-footnote\"><span class=\"footnote-label\">1.</span> <div class=\"footnote-body\"><p>A note.</p></div> <a "
          "href=\"#fnref-1\" class=\"footnote-back\">↩</a></aside>\n</div>\n</section>");
    // A list elsewhere stays a list.
    CHECK(in_book("<ol><li id=\"fn-1\">x</li></ol>") == "<ol><li id=\"fn-1\">x</li></ol>");
}

TEST_CASE("an image the book holds keeps its source; another becomes its alt text") {
    std::set<std::string> images;
    CHECK(rewrite(R"(<img src="../assets/figure.png" alt="A figure" />)", "documents/a.html", book(), images) ==
          R"(<img src="../assets/figure.png" alt="A figure"/>)");
    CHECK(images == std::set<std::string>{"assets/figure.png"});
    CHECK(in_book(R"(<img src="https://example.org/x.png" alt="Remote &amp; far" />)") ==
          R"(<span class="image-alt">Remote &amp; far</span>)");
}

TEST_CASE("a table cell's align becomes a class") {
    CHECK(in_book(R"(<th align="center">A</th><td class="n" align="right">1</td>)") ==
          R"(<th class="align-center">A</th><td class="n align-right">1</td>)");
}

TEST_CASE("well_formed tells XML from HTML that is not, and says where") {
    std::string why;
    CHECK(edition::well_formed("<?xml version=\"1.0\"?>\n<html><body><p>a<br/></p></body></html>", &why));
    CHECK_FALSE(edition::well_formed("<html><body>\n<p>a<br></p></body></html>", &why));
    CHECK(why.starts_with("line 2"));
}

TEST_CASE("the book's modified date is the latest date of the content, and its identifier a UUID of the base_url") {
    content::Corpus corpus;
    corpus.documents.resize(2);
    corpus.documents[0].date = "2004";
    corpus.documents[1].date = "2006-03";
    corpus.annotations.resize(1);
    corpus.annotations[0].date = "2005-12-31";
    CHECK(edition::modified_of(corpus) == "2006-03-01T00:00:00Z");
    CHECK(edition::modified_of(content::Corpus{}) == "2000-01-01T00:00:00Z");

    content::Site site;
    site.title = "A reference";
    const auto id = edition::identifier_of(site);
    REQUIRE(id.size() == 45);
    CHECK(id.starts_with("urn:uuid:"));
    CHECK(id[23] == '8');  // version 8
    site.description = "changed";
    CHECK(edition::identifier_of(site) == id);  // the same book, whatever its content
    site.base_url = "https://example.org/ref/";
    CHECK(edition::identifier_of(site) != id);
}
