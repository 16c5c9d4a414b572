#include "edition/xhtml.hpp"

#include <tinyxml2.h>

#include <vector>

#include "render/render.hpp"
#include "util/strings.hpp"
#include "util/url.hpp"
#include "util/utf8.hpp"

namespace passage::edition {

namespace {

struct Attribute {
    std::string name, value;  // the value with its entities decoded
};

struct Tag {
    std::string name;
    std::vector<Attribute> attributes;
    bool self_closing = false;

    const std::string* get(std::string_view key) const {
        for (const auto& a : attributes)
            if (a.name == key) return &a.value;
        return nullptr;
    }
    void set(const std::string& key, std::string value) {
        for (auto& a : attributes)
            if (a.name == key) {
                a.value = std::move(value);
                return;
            }
        attributes.push_back({key, std::move(value)});
    }
    void erase(std::string_view key) {
        std::erase_if(attributes, [&](const Attribute& a) { return a.name == key; });
    }
    bool has_class(std::string_view c) const {
        const auto* cls = get("class");
        if (!cls) return false;
        for (const auto& word : util::split(*cls, ' '))
            if (word == c) return true;
        return false;
    }
};

// The five entities of XML and numeric references, decoded; the templates and the Markdown stage
// write no others.
std::string decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '&') {
            out += s[i];
            continue;
        }
        const auto end = s.find(';', i);
        if (end == std::string_view::npos) {
            out += s.substr(i);
            break;
        }
        const auto entity = s.substr(i + 1, end - i - 1);
        if (entity == "amp")
            out += '&';
        else if (entity == "lt")
            out += '<';
        else if (entity == "gt")
            out += '>';
        else if (entity == "quot")
            out += '"';
        else if (entity == "apos")
            out += '\'';
        else if (!entity.empty() && entity[0] == '#') {
            const bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
            const auto digits = std::string(entity.substr(hex ? 2 : 1));
            const auto code = static_cast<char32_t>(std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10));
            util::append_utf8(out, code);
        } else {
            out += s.substr(i, end - i + 1);
        }
        i = end;
    }
    return out;
}

// Reads the tag that starts at xhtml[at] ('<' of a start tag); returns the position after it.
std::size_t read_tag(std::string_view s, std::size_t at, Tag& tag) {
    std::size_t i = at + 1;
    auto name_end = [&](std::size_t j) {
        while (j < s.size() && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r' && s[j] != '>' && s[j] != '/' && s[j] != '=')
            ++j;
        return j;
    };
    std::size_t e = name_end(i);
    tag.name = std::string(s.substr(i, e - i));
    i = e;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '>') return i + 1;
        if (c == '/') {
            tag.self_closing = true;
            ++i;
            continue;
        }
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            ++i;
            continue;
        }
        e = name_end(i);
        Attribute a{std::string(s.substr(i, e - i)), {}};
        i = e;
        if (i < s.size() && s[i] == '=') {
            const char quote = s[i + 1];
            const auto close = s.find(quote, i + 2);
            a.value = decode(s.substr(i + 2, close - i - 2));
            i = close + 1;
        }
        tag.attributes.push_back(std::move(a));
    }
    return i;
}

void write_tag(std::string& out, const Tag& tag) {
    out += '<';
    out += tag.name;
    for (const auto& a : tag.attributes) {
        out += ' ';
        out += a.name;
        out += "=\"";
        util::html_escape_into(out, a.value);
        out += '"';
    }
    out += tag.self_closing ? "/>" : ">";
}

// The folder part of a site path, with its '/'.
std::string folder_of(const std::string& path) {
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

// `ref` (a relative URL without fragment) from the page at `from`, as a site path; nullopt when it
// climbs above the site.
std::optional<std::string> resolve(const std::string& from, std::string_view ref) {
    std::vector<std::string> parts;
    for (const auto& p : util::split(folder_of(from) + std::string(ref), '/')) {
        if (p == "." || p.empty()) continue;
        if (p == "..") {
            if (parts.empty()) return std::nullopt;
            parts.pop_back();
            continue;
        }
        parts.push_back(p);
    }
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
    if (!ref.empty() && ref.back() == '/') out += out.empty() ? "index.html" : "/index.html";
    return out;
}

// What a link becomes: a new href, or nullopt when it leads nowhere the book or the web can show.
std::optional<std::string> relink(const std::string& href, const std::string& site_path, const Book& book) {
    if (href.empty() || !util::url_scheme(href).empty() || href.starts_with("//")) return href;  // the web, mail
    const auto hash = href.find('#');
    const std::string fragment = hash == std::string::npos ? "" : href.substr(hash + 1);
    std::string path = href.substr(0, hash);
    if (const auto query = path.find('?'); query != std::string::npos) path.resize(query);
    const auto target = path.empty() ? std::optional<std::string>(site_path) : resolve(site_path, path);
    if (!target) return std::nullopt;
    if (const auto page = book.pages.find(*target); page != book.pages.end()) {
        std::string to = *target == site_path ? "" : render::root_of(site_path) + book_path(*target);
        if (!fragment.empty() && page->second.count(fragment)) to += "#" + fragment;
        if (to.empty()) to = render::root_of(site_path) + book_path(*target);
        return to;
    }
    if (book.base_url.empty()) return std::nullopt;
    const auto tail = hash == std::string::npos ? "" : href.substr(hash);
    return book.base_url + (*target == "index.html" ? "" : *target) + tail;
}

}  // namespace

bool well_formed(const std::string& xhtml, std::string* why) {
    tinyxml2::XMLDocument doc(true, tinyxml2::PRESERVE_WHITESPACE);
    if (doc.Parse(xhtml.data(), xhtml.size()) == tinyxml2::XML_SUCCESS) return true;
    if (why) *why = "line " + std::to_string(doc.ErrorLineNum()) + ": " + (doc.ErrorStr() ? doc.ErrorStr() : "not well-formed XML");
    return false;
}

std::set<std::string> ids_of(std::string_view xhtml) {
    std::set<std::string> ids;
    for (std::size_t i = xhtml.find('<'); i != std::string_view::npos; i = xhtml.find('<', i + 1)) {
        const char next = i + 1 < xhtml.size() ? xhtml[i + 1] : '\0';
        if (next == '/' || next == '!' || next == '?') continue;
        Tag tag;
        const auto end = read_tag(xhtml, i, tag);
        if (const auto* id = tag.get("id")) ids.insert(*id);
        i = end - 1;
    }
    return ids;
}

std::string book_path(const std::string& site_path) {
    return site_path.ends_with(".html") ? site_path.substr(0, site_path.size() - 5) + ".xhtml" : site_path;
}

std::string rewrite(std::string_view s, const std::string& site_path, const Book& book, std::set<std::string>& images) {
    // Each open element: its name as read, and the name it is written with.
    struct Open {
        std::string name, written;
        bool footnotes = false;  // section.footnotes
    };
    std::vector<Open> stack;
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    std::size_t i = 0;
    while (i < s.size()) {
        const auto lt = s.find('<', i);
        if (lt == std::string_view::npos) {
            out.append(s.substr(i));
            break;
        }
        out.append(s.substr(i, lt - i));
        const char next = lt + 1 < s.size() ? s[lt + 1] : '\0';
        if (next == '!' || next == '?') {  // the declaration, the doctype, a comment: as they are
            const auto end = s.find(next == '!' && s.substr(lt, 4) == "<!--" ? "-->" : ">", lt);
            const auto stop = end == std::string_view::npos ? s.size() : end + (s.substr(lt, 4) == "<!--" ? 3 : 1);
            out.append(s.substr(lt, stop - lt));
            i = stop;
            continue;
        }
        if (next == '/') {
            const auto gt = s.find('>', lt);
            i = gt + 1;
            if (stack.empty()) {
                out.append(s.substr(lt, i - lt));
                continue;
            }
            out += "</" + stack.back().written + ">";
            stack.pop_back();
            continue;
        }
        Tag tag;
        i = read_tag(s, lt, tag);
        const std::string name = tag.name;
        // The alignment of a table's column (GFM writes align="…"), which EPUB's HTML no longer has:
        // a class the stylesheet aligns.
        if (const auto* align = tag.get("align")) {
            const std::string cls = "align-" + *align;
            const auto* had = tag.get("class");
            tag.set("class", had ? *had + " " + cls : cls);
            tag.erase("align");
        }
        const Open* parent = stack.empty() ? nullptr : &stack.back();
        const Open* grandparent = stack.size() < 2 ? nullptr : &stack[stack.size() - 2];
        bool footnotes = false;
        if (name == "a") {
            if (const auto* href = tag.get("href")) {
                const bool noteref = parent && parent->name == "sup" && href->starts_with("#fn-");
                if (auto to = relink(*href, site_path, book)) {
                    tag.set("href", *to);
                    if (noteref) {
                        tag.set("epub:type", "noteref");
                        tag.set("role", "doc-noteref");
                    }
                } else {
                    // Nowhere to go in the book: the text stays, as a span (with the id others may link to).
                    Tag span{"span", {}, tag.self_closing};
                    if (const auto* id = tag.get("id")) span.set("id", *id);
                    if (const auto* cls = tag.get("class")) span.set("class", *cls);
                    tag = std::move(span);
                }
            }
        } else if (name == "section" && tag.has_class("footnotes")) {
            footnotes = true;
        } else if (name == "ol" && parent && parent->footnotes) {
            tag = Tag{"div", {{"class", "footnote-list"}}, tag.self_closing};
        } else if (name == "li" && grandparent && grandparent->footnotes && parent && parent->name == "ol") {
            const std::string value = tag.get("value") ? *tag.get("value") : "";
            tag.name = "aside";
            tag.erase("value");
            tag.set("epub:type", "footnote");
            tag.set("role", "doc-footnote");
            write_tag(out, tag);
            stack.push_back({name, "aside"});
            if (!value.empty()) out += "<span class=\"footnote-label\">" + util::html_escape(value) + ".</span> ";
            continue;
        } else if (name == "img") {
            const auto* src = tag.get("src");
            const auto target = src && util::url_scheme(*src).empty() ? resolve(site_path, *src) : std::nullopt;
            if (target && book.files.count(*target)) {
                images.insert(*target);
            } else {
                const auto* alt = tag.get("alt");
                out += "<span class=\"image-alt\">" + util::html_escape(alt ? *alt : "");
                if (tag.self_closing)
                    out += "</span>";
                else
                    stack.push_back({name, "span"});
                continue;
            }
        }
        write_tag(out, tag);
        if (!tag.self_closing) stack.push_back({name, tag.name, footnotes});
    }
    return out;
}

}  // namespace passage::edition
