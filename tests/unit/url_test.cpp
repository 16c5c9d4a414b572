#include <doctest/doctest.h>

#include "util/url.hpp"

using namespace passage;

TEST_CASE("a URL's scheme is read as a browser reads it: case folded, leading blanks and inner tabs ignored") {
    CHECK(util::url_scheme("https://example.org/") == "https");
    CHECK(util::url_scheme("JaVaScRiPt:alert(1)") == "javascript");
    CHECK(util::url_scheme("  \x01javascript:alert(1)") == "javascript");
    CHECK(util::url_scheme("java\tscr\nipt:alert(1)") == "javascript");
    CHECK(util::url_scheme("data:text/html,<script>") == "data");
    CHECK(util::url_scheme("mailto:a@b.org") == "mailto");
    // Relative: no scheme, or a ':' only after a '/', '?' or '#', or a scheme that does not start with a letter.
    CHECK(util::url_scheme("../documents/a.html#p3").empty());
    CHECK(util::url_scheme("a/b:c").empty());
    CHECK(util::url_scheme("?q=x:y").empty());
    CHECK(util::url_scheme("#fn:1").empty());
    CHECK(util::url_scheme("1javascript:x").empty());
    CHECK(util::url_scheme("").empty());
}

TEST_CASE("the checked URL constructor allows http, https, mailto and relative URLs and nothing else") {
    for (const char* ok :
         {"https://www.iom.int/", "http://example.org/a?b=c#d", "mailto:info@example.org", "../a.html", "report.pdf", "#top", ""})
        CHECK_MESSAGE(util::SafeUrl::make(ok).has_value(), ok);
    std::string why;
    for (const char* bad : {"javascript:alert(1)", " JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "vbscript:msgbox",
                            "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd", "ftp://example.org/", "https://exa\x01mple.org/"}) {
        why.clear();
        CHECK_MESSAGE(!util::SafeUrl::make(bad, util::SafeUrl::Allow::links, &why).has_value(), bad);
        CHECK_FALSE(why.empty());
    }
    CHECK_FALSE(util::SafeUrl::make("javascript:alert(1)", util::SafeUrl::Allow::links, &why).has_value());
    CHECK(why == "a javascript: URL");
}

TEST_CASE("a web URL must be absolute http or https with a host") {
    CHECK(util::SafeUrl::make("https://example.org/ref/", util::SafeUrl::Allow::web).has_value());
    CHECK(util::SafeUrl::make("HTTP://example.org", util::SafeUrl::Allow::web).has_value());
    for (const char* bad : {"example.org", "/ref/", "https:example.org", "mailto:a@b.org", "javascript://example.org/%0aalert(1)"})
        CHECK_MESSAGE(!util::SafeUrl::make(bad, util::SafeUrl::Allow::web).has_value(), bad);
}
