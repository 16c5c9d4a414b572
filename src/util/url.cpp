#include "util/url.hpp"

namespace passage::util {

std::string url_scheme(std::string_view url) {
    // The URL standard: leading and trailing C0 controls and spaces are stripped, then every tab
    // and line break is removed; a scheme is an ASCII letter, then letters, digits, '+', '-', '.',
    // then ':'.
    std::size_t i = 0;
    while (i < url.size() && static_cast<unsigned char>(url[i]) <= 0x20) ++i;
    std::string scheme;
    for (; i < url.size(); ++i) {
        char c = url[i];
        if (c == '\t' || c == '\n' || c == '\r') continue;
        if (c == ':') return scheme;
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        bool other = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
        if (!letter && !(other && !scheme.empty())) return {};
        scheme += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    return {};
}

bool is_dangerous_scheme(std::string_view scheme) {
    return scheme == "javascript" || scheme == "vbscript" || scheme == "data" || scheme == "file";
}

std::optional<SafeUrl> SafeUrl::make(std::string_view url, Allow allow, std::string* why) {
    auto refuse = [&](std::string reason) -> std::optional<SafeUrl> {
        if (why) *why = std::move(reason);
        return std::nullopt;
    };
    const std::string scheme = url_scheme(url);
    if (allow == Allow::web) {
        if (scheme != "http" && scheme != "https") return refuse(scheme.empty() ? "not an absolute URL" : "a " + scheme + ": URL");
        // "https:x" or "https:/x" is read by browsers as a link on the same host, not another site.
        auto colon = url.find(':');
        if (url.substr(colon + 1, 2) != "//") return refuse("not an absolute URL (\"" + scheme + "://\" then a host)");
    } else if (!scheme.empty() && scheme != "http" && scheme != "https" && scheme != "mailto") {
        return refuse("a " + scheme + ": URL");
    }
    // Control characters never belong in a URL; a browser would drop some and read the rest.
    for (char c : url)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return refuse("a URL with a control character");
    return SafeUrl(std::string(url));
}

}  // namespace passage::util
