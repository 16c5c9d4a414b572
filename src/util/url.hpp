#pragma once
// URLs that passage writes into an href or a src. A URL is read as a browser reads it: leading
// spaces and C0 control characters dropped, tabs and line breaks anywhere ignored, the scheme's case
// folded; so "JaVa\tScript:" is a javascript: URL. Only http:, https:, mailto: and relative URLs
// may be written from metadata; every field that becomes a link goes through SafeUrl::make.
#include <optional>
#include <string>
#include <string_view>

namespace passage::util {

// The scheme of `url`, lowercase and without its ':', as a browser finds it; "" for a relative URL
// (no scheme, or a ':' only after a '/', '?' or '#').
std::string url_scheme(std::string_view url);

// Schemes that run code or embed a document when followed: javascript:, vbscript:, data:, file:.
bool is_dangerous_scheme(std::string_view scheme);

// A URL that may be written into a link: relative, http:, https: or mailto:. The checked
// constructor is the only way to make one.
class SafeUrl {
public:
    enum class Allow { links, web };  // links: http, https, mailto, relative; web: absolute http(s) only

    // The URL when it is allowed; otherwise nullopt and, in *why, what is wrong with it (for a
    // diagnostic: "a javascript: URL", "a relative URL", ...).
    static std::optional<SafeUrl> make(std::string_view url, Allow allow = Allow::links, std::string* why = nullptr);

    const std::string& str() const { return url_; }

private:
    explicit SafeUrl(std::string url) : url_(std::move(url)) {}
    std::string url_;
};

}  // namespace passage::util
