#include "output/links.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "util/parallel.hpp"
#include "util/source.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

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

// A numeric character reference's code point in UTF-8, as HTML reads it: U+FFFD for 0, a surrogate
// or a value past U+10FFFF.
void append_reference(std::string& out, unsigned long cp) {
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    util::append_utf8(out, static_cast<char32_t>(cp));
}

// The character references an attribute value may carry: numeric ones and the five of XML. Any
// other '&' is kept as written.
std::string decode_references(std::string_view s) {
    if (s.find('&') == std::string_view::npos) return std::string(s);  // most values
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
        append_reference(out, *cp);
        i = semi;
    }
    return out;
}

std::string percent_decode(std::string_view s) {
    if (s.find('%') == std::string_view::npos) return std::string(s);  // most links
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
std::size_t end_of_raw_text(std::string_view html, std::size_t from, std::string_view tag) {
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
    // Views into `page` and `rel`: this runs for every link of every page.
    std::vector<std::string_view> parts;  // the folders of the page
    const std::string_view from(page), to(rel);
    for (std::size_t start = 0, slash; (slash = from.find('/', start)) != std::string_view::npos; start = slash + 1)
        parts.push_back(from.substr(start, slash - start));
    for (std::size_t start = 0;;) {
        const std::size_t slash = to.find('/', start);
        const bool last = slash == std::string_view::npos;
        const std::string_view seg = to.substr(start, last ? std::string_view::npos : slash - start);
        if (seg == "..") {
            if (parts.empty()) return std::nullopt;
            parts.pop_back();
        } else if (seg != "." && !seg.empty()) {
            parts.push_back(seg);
        } else if (last) {
            parts.emplace_back();  // "dir/" or "dir/.": a folder, which is no file of the site
        }
        if (last) break;
        start = slash + 1;
    }
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += '/';
        out += p;
    }
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

// The ASCII lowercase form of `s`: `s` itself when it has no uppercase letter (tag and attribute
// names in the pages passage writes never do), else a copy in `buffer`.
std::string_view lowered(std::string_view s, std::string& buffer) {
    std::size_t k = 0;
    while (k < s.size() && !(s[k] >= 'A' && s[k] <= 'Z')) ++k;
    if (k == s.size()) return s;
    buffer.assign(s);
    for (std::size_t i = k; i < buffer.size(); ++i) buffer[i] = lower(buffer[i]);
    return buffer;
}

// Calls fn(tag, name, raw_value, offset) for every attribute of every start tag of `html`, in
// document order: tag and attribute names in ASCII lowercase, the value as written (references not
// decoded) and its byte offset; an attribute without a value has an empty one, at the end of its name.
// The views fn is given last until it returns.
template <typename Fn>
void for_each_attribute(std::string_view html, Fn fn) {
    std::size_t i = 0;
    const std::size_t n = html.size();
    std::string tag_buffer, name_buffer;  // for names with uppercase letters only
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
        while (j < n && !is_space(html[j]) && html[j] != '/' && html[j] != '>') ++j;
        const std::string_view tag = lowered(html.substr(lt + 1, j - lt - 1), tag_buffer);
        while (j < n) {
            while (j < n && (is_space(html[j]) || html[j] == '/')) ++j;
            if (j >= n) break;
            if (html[j] == '>') {
                ++j;
                break;
            }
            const std::size_t name_begin = j++;  // a first '=' belongs to the name
            while (j < n && !is_space(html[j]) && html[j] != '/' && html[j] != '>' && html[j] != '=') ++j;
            const std::string_view name = lowered(html.substr(name_begin, j - name_begin), name_buffer);
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
                fn(tag, name, html.substr(begin, end - begin), begin);
            } else {
                fn(tag, name, std::string_view(), j);
            }
        }
        i = j;
        if (tag == "script" || tag == "style" || tag == "textarea" || tag == "title") i = end_of_raw_text(html, j, tag);
    }
}

// Line and column of byte offsets of one text, asked in increasing order, by the rules of
// util::SourceText::position_of (columns count characters; a leading byte order mark is none), in
// one pass over the text however many offsets are asked.
class PositionCursor {
public:
    explicit PositionCursor(std::string_view text) : text_(text) {
        if (text_.starts_with("\xEF\xBB\xBF")) at_ = 3;
    }
    // REQUIRES: offset is not less than the previous one.
    util::Position operator()(std::size_t offset) {
        offset = std::min(offset, text_.size());
        while (at_ < offset) {
            // Up to the next line break, then the characters of the rest of the line: a page is
            // hundreds of kilobytes, and this runs over all of it.
            const char* line_end = static_cast<const char*>(std::memchr(text_.data() + at_, '\n', offset - at_));
            const std::size_t stop = line_end ? static_cast<std::size_t>(line_end - text_.data()) : offset;
            if (line_end) {
                ++pos_.line;
                pos_.column = 1;
                at_ = stop + 1;
                continue;
            }
            pos_.column += static_cast<int>(util::count_characters(text_.substr(at_, stop - at_)));
            at_ = stop;
        }
        return pos_;
    }

private:
    std::string_view text_;
    std::size_t at_ = 0;
    util::Position pos_{1, 1};
};

// Whether check_links looks at a link at all: external links (another scheme, another host) it
// leaves alone.
bool checked(std::string_view href) {
    std::string scheme = scheme_of(href);
    if (!scheme.empty()) return our_schemes().count(scheme) > 0;
    return !href.starts_with("//");
}

// The files of the site and the scans of its pages, found by hash: a page of a large site makes
// hundreds of links, and looking each target up in the sorted list and the ordered map compared
// long, mostly equal paths ("documents/...") a dozen times per link.
struct Site {
    Site(const LinkIndex& pages, const std::vector<std::string>& files) : files(files) {
        file_set.reserve(files.size());
        for (const auto& f : files) file_set.insert(f);
        scans.reserve(pages.size());
        for (const auto& [path, scan] : pages) scans.emplace(path, &scan);
    }
    const std::vector<std::string>& files;  // sorted, for "did you mean"
    std::unordered_set<std::string_view> file_set;
    std::unordered_map<std::string_view, const PageLinks*> scans;
};

// The links of one page (see check_links). Returns true when they all resolve.
bool check_page(const std::string& page, const PageLinks& scan, const Site& site, diag::Sink& sink) {
    bool ok = true;
    const auto& files = site.files;
    auto is_html = [](const std::string& p) { return p.size() > 5 && p.ends_with(".html"); };
    auto has_file = [&](const std::string& p) { return site.file_set.count(p) > 0; };
    auto broken = [&](const PageLinks::Link& link, const std::string& why, const std::string& suggestion) {
        ok = false;
        sink.error("link-broken", page, link.pos, "broken link \"" + link.href + "\": " + why, suggestion);
    };
    for (const auto& id : scan.repeated_ids) {
        ok = false;
        sink.error("html-duplicate-id", page, id.pos, "the id \"" + id.href + "\" is given to a second element of this page",
                   "ids name one element; links to it cannot tell the two apart (raw HTML in the Markdown or a template gives it)");
    }
    for (const auto& link : scan.links) {
        const std::string& href = link.href;
        if (!scheme_of(href).empty()) {  // one of ours: the scan leaves out the others
            broken(link, "a reference that was never resolved reached the page", "");
            continue;
        }
        auto hash = href.find('#');
        const std::string_view before = std::string_view(href).substr(0, hash);
        const std::string_view raw_fragment = hash == std::string::npos ? std::string_view() : std::string_view(href).substr(hash + 1);
        std::string fragment = percent_decode(raw_fragment);
        std::string path = percent_decode(before.substr(0, before.find('?')));
        if (path.starts_with("/")) {
            broken(link, "a link from the root of the server breaks on file:// and under a sub-path",
                   "write it relative to the page: \"" + root_of(page) + path.substr(1) + "\"");
            continue;
        }
        std::string target = page;
        if (!path.empty()) {
            auto resolved = resolve(page, path);
            if (!resolved) {
                broken(link, "it leads out of the site", "");
                continue;
            }
            target = std::move(*resolved);
        }
        if (!has_file(target)) {
            auto close = util::closest(target, files);
            broken(link, "the site has no file " + target,
                   close ? "did you mean \"" + root_of(page) + *close + (hash == std::string::npos ? "" : "#" + fragment) + "\"?" : "");
            continue;
        }
        if (fragment.empty() || fragment == "top" || !is_html(target)) continue;
        const auto& ids = site.scans.at(target)->ids;
        auto has_id = [&](std::string_view id) { return std::binary_search(ids.begin(), ids.end(), id); };
        if (has_id(raw_fragment) || (fragment != raw_fragment && has_id(fragment))) continue;  // as HTML does: as written, then decoded
        auto close = util::closest(fragment, ids);
        broken(link, target + " has no element with id \"" + fragment + "\"",
               close ? "did you mean \"" + std::string(before) + "#" + *close + "\"?" : "");
    }
    return ok;
}

}  // namespace

std::vector<Attribute> html_attributes(std::string_view html) {
    std::vector<Attribute> out;
    for_each_attribute(html, [&](std::string_view tag, std::string_view name, std::string_view raw, std::size_t offset) {
        out.push_back({std::string(tag), std::string(name), decode_references(raw), offset});
    });
    return out;
}

namespace {

// The second and later elements of `html` that carry an id an element before them has (rare: read
// again only when the scan found fewer ids than id attributes).
std::vector<PageLinks::Link> repeated_ids(std::string_view html) {
    std::vector<PageLinks::Link> out;
    std::unordered_set<std::string> seen;
    PositionCursor position(html);
    for_each_attribute(html, [&](std::string_view, std::string_view name, std::string_view raw, std::size_t offset) {
        if (name != "id") return;
        auto id = decode_references(raw);
        if (!seen.insert(id).second) out.push_back({std::move(id), position(offset)});
    });
    return out;
}

}  // namespace

PageLinks scan_links(std::string_view html) {
    PageLinks scan;
    PositionCursor position(html);
    // The hrefs kept so far, as views: into `html` when decoding and trimming changed nothing (most
    // values), else into `decoded`, whose strings do not move.
    std::unordered_set<std::string_view> seen;
    std::deque<std::string> decoded;
    for_each_attribute(html, [&](std::string_view tag, std::string_view name, std::string_view raw, std::size_t offset) {
        if (name == "id") {
            scan.ids.push_back(decode_references(raw));
        } else if ((name == "href" && tag != "base") || name == "src") {
            // A <base> (404.html's, served at any address) names where the site is on its server: not
            // a link; the page's links are checked from the page's own place, where file:// has them.
            auto pos = position(offset);  // every offset, in order: the cursor only moves forward
            std::string_view href =
                raw.find('&') == std::string_view::npos ? util::trim(raw) : util::trim(decoded.emplace_back(decode_references(raw)));
            if (!checked(href) || !seen.insert(href).second) return;
            scan.links.push_back({std::string(href), pos});
        }
    });
    const std::size_t given = scan.ids.size();
    std::sort(scan.ids.begin(), scan.ids.end());
    scan.ids.erase(std::unique(scan.ids.begin(), scan.ids.end()), scan.ids.end());
    if (scan.ids.size() != given) scan.repeated_ids = repeated_ids(html);
    return scan;
}

bool check_links(const LinkIndex& pages, const std::vector<std::string>& files, diag::Sink& sink, unsigned jobs,
                 const std::vector<std::string>* only) {
    std::vector<LinkIndex::const_iterator> list;
    if (only) {
        for (const auto& path : *only)
            if (auto it = pages.find(path); it != pages.end()) list.push_back(it);
    } else {
        for (auto it = pages.begin(); it != pages.end(); ++it) list.push_back(it);
    }
    const Site site(pages, files);
    std::atomic<bool> ok{true};
    util::parallel_for(list.size(), jobs, [&](std::size_t i) {
        if (!check_page(list[i]->first, list[i]->second, site, sink)) ok = false;
    });
    return ok;
}

std::vector<std::string> pages_linking_to(const LinkIndex& pages, const std::vector<std::string>& gone, unsigned jobs) {
    std::unordered_set<std::string_view> names;
    for (const auto& path : gone) names.insert(std::string_view(path).substr(path.rfind('/') + 1));
    std::vector<LinkIndex::const_iterator> list;
    for (auto it = pages.begin(); it != pages.end(); ++it) list.push_back(it);
    std::vector<char> reaches(list.size(), 0);
    util::parallel_for_blocks(
        list.size(), jobs,
        [&](std::size_t i) {
            for (const auto& link : list[i]->second.links) {
                std::string_view path = link.href;
                path = path.substr(0, path.find('#'));
                path = path.substr(0, path.find('?'));
                if (path.empty()) continue;  // the page itself, which is there
                std::string decoded;
                if (path.find('%') != std::string_view::npos) path = decoded = percent_decode(path);
                const auto name = path.substr(path.rfind('/') + 1);
                if (names.count(name) || name.empty() || name == "." || name == "..") {
                    reaches[i] = 1;
                    return;
                }
            }
        },
        64);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < list.size(); ++i)
        if (reaches[i]) out.push_back(list[i]->first);
    return out;
}

}  // namespace passage::output
