#include "output/links.hpp"

#include <map>
#include <optional>
#include <set>

#include "util/source.hpp"
#include "util/strings.hpp"

namespace passage::output {

namespace {

char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, unsigned long cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// The character references an attribute value may carry: numeric ones and the five of XML. Any
// other '&' is kept as written.
std::string decode_references(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '&') {
            out += s[i];
            continue;
        }
        auto semi = s.find(';', i);
        if (semi == std::string_view::npos || semi - i > 10) {
            out += '&';
            continue;
        }
        std::string_view name = s.substr(i + 1, semi - i - 1);
        std::optional<unsigned long> cp;
        if (name == "amp")
            cp = '&';
        else if (name == "lt")
            cp = '<';
        else if (name == "gt")
            cp = '>';
        else if (name == "quot")
            cp = '"';
        else if (name == "apos")
            cp = '\'';
        else if (name.size() > 1 && name[0] == '#') {
            bool hex = name[1] == 'x' || name[1] == 'X';
            std::string_view num = name.substr(hex ? 2 : 1);
            unsigned long v = 0;
            bool ok = !num.empty();
            for (char c : num) {
                int d = hex ? hex_value(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
                if (d < 0 || v > 0x10FFFF)
                    ok = false;
                else
                    v = v * (hex ? 16 : 10) + static_cast<unsigned long>(d);
            }
            if (ok) cp = v;
        }
        if (!cp) {
            out += '&';
            continue;
        }
        append_utf8(out, *cp);
        i = semi;
    }
    return out;
}

std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// Where the raw text of a <script>, <style>, <textarea> or <title> element ends: at its end tag.
std::size_t end_of_raw_text(std::string_view html, std::size_t from, const std::string& tag) {
    for (auto lt = html.find("</", from); lt != std::string_view::npos; lt = html.find("</", lt + 2)) {
        std::size_t i = lt + 2, k = 0;
        while (k < tag.size() && i + k < html.size() && lower(html[i + k]) == tag[k]) ++k;
        if (k < tag.size()) continue;
        if (i + k == html.size() || is_space(html[i + k]) || html[i + k] == '>' || html[i + k] == '/') return lt;
    }
    return html.size();
}

// A scheme at the start of `href` ("https", "doc"), in lowercase, or "".
std::string scheme_of(std::string_view href) {
    if (href.empty() || !is_alpha(href[0])) return {};
    for (std::size_t i = 1; i < href.size(); ++i) {
        char c = href[i];
        if (c == ':') return util::to_lower_ascii(href.substr(0, i));
        if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return {};
    }
    return {};
}

// `rel` (decoded, without query or fragment) resolved against the folder of `page`; nullopt when it
// climbs above the site root.
std::optional<std::string> resolve(const std::string& page, const std::string& rel) {
    std::vector<std::string> parts = util::split(page, '/');
    parts.pop_back();
    auto segments = util::split(rel, '/');
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const auto& seg = segments[i];
        if (seg == "..") {
            if (parts.empty()) return std::nullopt;
            parts.pop_back();
        } else if (seg != "." && !seg.empty()) {
            parts.push_back(seg);
        } else if (i + 1 == segments.size()) {
            parts.push_back("");  // "dir/" or "dir/.": a folder, which is no file of the site
        }
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    return out;
}

std::string root_of(const std::string& page) {
    std::string root;
    for (char c : page)
        if (c == '/') root += "../";
    return root;
}

const std::set<std::string>& our_schemes() {
    static const std::set<std::string> s = {"doc", "instrument", "org", "rec", "theme", "annotation", "fn"};
    return s;
}

struct Scan {
    std::set<std::string> ids;
    std::vector<Attribute> links;
};

}  // namespace

std::vector<Attribute> html_attributes(std::string_view html) {
    std::vector<Attribute> out;
    std::size_t i = 0;
    const std::size_t n = html.size();
    while (i < n) {
        auto lt = html.find('<', i);
        if (lt == std::string_view::npos) break;
        if (html.compare(lt, 4, "<!--") == 0) {
            auto end = html.find("-->", lt + 4);
            i = end == std::string_view::npos ? n : end + 3;
            continue;
        }
        if (lt + 1 >= n || !is_alpha(html[lt + 1])) {  // end tag, doctype, processing instruction, or a lone '<'
            if (lt + 1 < n && (html[lt + 1] == '/' || html[lt + 1] == '!' || html[lt + 1] == '?')) {
                auto gt = html.find('>', lt + 1);
                i = gt == std::string_view::npos ? n : gt + 1;
            } else {
                i = lt + 1;
            }
            continue;
        }
        std::size_t j = lt + 1;
        std::string tag;
        while (j < n && !is_space(html[j]) && html[j] != '/' && html[j] != '>') tag += lower(html[j++]);
        while (j < n) {
            while (j < n && (is_space(html[j]) || html[j] == '/')) ++j;
            if (j >= n) break;
            if (html[j] == '>') {
                ++j;
                break;
            }
            Attribute a;
            a.tag = tag;
            a.name += lower(html[j++]);  // a first '=' belongs to the name
            while (j < n && !is_space(html[j]) && html[j] != '/' && html[j] != '>' && html[j] != '=') a.name += lower(html[j++]);
            std::size_t k = j;
            while (k < n && is_space(html[k])) ++k;
            if (k < n && html[k] == '=') {
                j = k + 1;
                while (j < n && is_space(html[j])) ++j;
                std::size_t begin = j, end = j;
                if (j < n && (html[j] == '"' || html[j] == '\'')) {
                    char q = html[j];
                    begin = j + 1;
                    end = html.find(q, begin);
                    if (end == std::string_view::npos) end = n;
                    j = end < n ? end + 1 : n;
                } else {
                    while (j < n && !is_space(html[j]) && html[j] != '>') ++j;
                    end = j;
                }
                a.value = decode_references(html.substr(begin, end - begin));
                a.offset = begin;
            } else {
                a.offset = j;
            }
            out.push_back(std::move(a));
        }
        i = j;
        if (tag == "script" || tag == "style" || tag == "textarea" || tag == "title") i = end_of_raw_text(html, j, tag);
    }
    return out;
}

bool check_links(const Files& files, diag::Sink& sink) {
    auto is_html = [](const std::string& p) { return p.size() > 5 && p.compare(p.size() - 5, 5, ".html") == 0; };
    std::map<std::string, Scan> scans;
    for (const auto& [path, data] : files) {
        if (!is_html(path)) continue;
        auto& scan = scans[path];
        for (auto& a : html_attributes(data)) {
            if (a.name == "id")
                scan.ids.insert(a.value);
            else if (a.name == "href" || a.name == "src")
                scan.links.push_back(std::move(a));
        }
    }
    std::vector<std::string> all_files;
    for (const auto& [path, data] : files) all_files.push_back(path);

    bool ok = true;
    for (const auto& [page, scan] : scans) {
        std::optional<util::SourceText> text;  // for line and column, made at the first broken link
        std::set<std::string> reported;
        auto broken = [&](const Attribute& a, const std::string& href, const std::string& why, const std::string& suggestion) {
            ok = false;
            if (!reported.insert(href).second) return;
            if (!text) text.emplace(page, files.at(page));
            sink.error("link-broken", page, text->position_of(a.offset), "broken link \"" + href + "\": " + why, suggestion);
        };
        for (const auto& a : scan.links) {
            std::string href(util::trim(a.value));
            std::string scheme = scheme_of(href);
            if (!scheme.empty()) {
                if (our_schemes().count(scheme)) broken(a, href, "a reference that was never resolved reached the page", "");
                continue;
            }
            if (util::starts_with(href, "//")) continue;  // another host
            auto hash = href.find('#');
            std::string before = href.substr(0, hash);
            std::string raw_fragment = hash == std::string::npos ? "" : href.substr(hash + 1);
            std::string fragment = percent_decode(raw_fragment);
            std::string path = percent_decode(before.substr(0, before.find('?')));
            if (util::starts_with(path, "/")) {
                broken(a, href, "a link from the root of the server breaks on file:// and under a sub-path",
                       "write it relative to the page: \"" + root_of(page) + path.substr(1) + "\"");
                continue;
            }
            std::string target = page;
            if (!path.empty()) {
                auto resolved = resolve(page, path);
                if (!resolved) {
                    broken(a, href, "it leads out of the site", "");
                    continue;
                }
                target = *resolved;
            }
            if (!files.count(target)) {
                auto close = util::closest(target, all_files);
                broken(a, href, "the site has no file " + target,
                       close ? "did you mean \"" + root_of(page) + *close + (hash == std::string::npos ? "" : "#" + fragment) + "\"?" : "");
                continue;
            }
            if (fragment.empty() || fragment == "top" || !is_html(target)) continue;
            const auto& ids = scans.at(target).ids;
            if (ids.count(raw_fragment) || ids.count(fragment)) continue;  // as HTML does: as written, then decoded
            auto close = util::closest(fragment, std::vector<std::string>(ids.begin(), ids.end()));
            broken(a, href, target + " has no element with id \"" + fragment + "\"",
                   close ? "did you mean \"" + before + "#" + *close + "\"?" : "");
        }
    }
    return ok;
}

}  // namespace passage::output
