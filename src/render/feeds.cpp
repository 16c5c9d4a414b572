#include "render/feeds.hpp"

#include <tinyxml2.h>
#include <algorithm>
#include <cctype>
#include <optional>

#include "crossref/crossref.hpp"
#include "markdown/markdown.hpp"
#include "render/context.hpp"
#include "util/hash.hpp"
#include "util/parallel.hpp"
#include "util/strings.hpp"

namespace passage::render {

namespace {

bool digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

// XML 1.0 refuses most C0 controls and U+FFFE/U+FFFF even as character references; tinyxml2
// escapes markup characters but passes those through, so they are dropped here.
std::string xml_safe(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
        if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(s[i + 2]) == 0xBE || static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
            i += 2;
            continue;
        }
        out += static_cast<char>(c);
    }
    return out;
}

class Xml {
public:
    Xml() { p_.PushDeclaration("xml version=\"1.0\" encoding=\"UTF-8\""); }
    void open(const char* name) { p_.OpenElement(name); }
    void attr(const char* name, const std::string& value) { p_.PushAttribute(name, xml_safe(value).c_str()); }
    void close() { p_.CloseElement(); }
    void text_element(const char* name, const std::string& text) {
        p_.OpenElement(name);
        p_.PushText(xml_safe(text).c_str());
        p_.CloseElement();
    }
    std::string str() const { return p_.CStr(); }

private:
    tinyxml2::XMLPrinter p_;
};

struct Entry {
    std::string updated, url, title, summary;
};

}  // namespace

std::string rfc3339(std::string_view date) {
    std::string year, month = "01", day = "01";
    if (date.size() >= 4) year = date.substr(0, 4);
    if (date.size() == 7 && date[4] == '-') {
        month = date.substr(5, 2);
    } else if (date.size() == 10 && date[4] == '-' && date[7] == '-') {
        month = date.substr(5, 2);
        day = date.substr(8, 2);
    } else if (date.size() != 4) {
        return {};
    }
    if (!digits(year) || !digits(month) || !digits(day)) return {};
    int y = std::stoi(year), m = std::stoi(month), d = std::stoi(day);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1] + (m == 2 && leap ? 1 : 0)) return {};
    return year + "-" + month + "-" + day + "T00:00:00Z";
}

std::string sitemap_xml(const content::Corpus& corpus, const std::vector<std::string>& page_paths) {
    const auto& base = corpus.site.base_url;
    std::map<std::string, std::string> dates;  // page path -> content date
    for (const auto& d : corpus.documents) dates[crossref::page_path("document", d.id)] = d.date;
    for (const auto& a : corpus.annotations) {
        auto t = rfc3339(a.date);
        if (!t.empty()) dates[crossref::page_path("annotation", a.id)] = a.date;
        auto& latest = dates["annotations.html"];
        if (!t.empty() && (latest.empty() || t > rfc3339(latest))) latest = a.date;
    }
    std::vector<std::string> paths;
    for (const auto& p : page_paths)
        if (p != "404.html") paths.push_back(p);
    std::sort(paths.begin(), paths.end());
    Xml x;
    x.open("urlset");
    x.attr("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9");
    for (const auto& path : paths) {
        x.open("url");
        x.text_element("loc", base + (path == "index.html" ? "" : path));
        if (auto it = dates.find(path); it != dates.end())
            if (auto t = rfc3339(it->second); !t.empty()) x.text_element("lastmod", t);
        x.close();
    }
    x.close();
    return x.str();
}

std::string atom_feed(const content::Corpus& corpus, unsigned jobs) {
    const auto& s = corpus.site;
    // A summary is Markdown to read as plain text: the documents' entries are made on `jobs` threads.
    std::vector<std::optional<Entry>> of_document(corpus.documents.size());
    util::parallel_for(of_document.size(), jobs, [&](std::size_t i) {
        const auto& d = corpus.documents[i];
        auto t = rfc3339(d.date);
        if (t.empty()) return;
        std::string summary = d.summary.empty() ? d.subtitle : markdown::to_plain_text(d.summary);
        of_document[i] = Entry{t, s.base_url + crossref::page_path("document", d.id), d.title, shorten(summary, 400)};
    });
    std::vector<Entry> entries;
    for (auto& e : of_document)
        if (e) entries.push_back(std::move(*e));
    for (const auto& a : corpus.annotations) {
        auto t = rfc3339(a.date);
        if (t.empty()) continue;
        entries.push_back(
            {t, s.base_url + crossref::page_path("annotation", a.id), a.title, shorten(markdown::to_plain_text(a.body), 400)});
    }
    if (entries.empty()) return {};
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.updated != b.updated ? a.updated > b.updated : a.url < b.url; });

    Xml x;
    x.open("feed");
    x.attr("xmlns", "http://www.w3.org/2005/Atom");
    if (!s.language.empty()) x.attr("xml:lang", s.language);
    x.text_element("id", s.base_url);
    x.text_element("title", s.title);
    if (!s.description.empty()) x.text_element("subtitle", s.description);
    x.text_element("updated", entries.front().updated);
    x.open("link");
    x.attr("rel", "self");
    x.attr("type", "application/atom+xml");
    x.attr("href", s.base_url + "feed.xml");
    x.close();
    x.open("link");
    x.attr("rel", "alternate");
    x.attr("type", "text/html");
    x.attr("href", s.base_url);
    x.close();
    x.open("author");
    x.text_element("name", s.author.empty() ? s.title : s.author);
    x.close();
    for (const auto& e : entries) {
        x.open("entry");
        x.text_element("id", e.url);
        x.text_element("title", e.title);
        x.text_element("updated", e.updated);
        x.open("link");
        x.attr("rel", "alternate");
        x.attr("type", "text/html");
        x.attr("href", e.url);
        x.close();
        if (!e.summary.empty()) x.text_element("summary", e.summary);
        x.close();
    }
    x.close();
    return x.str();
}

std::string robots_txt(const content::Site& site) {
    return "User-agent: *\nAllow: /\n\nSitemap: " + site.base_url + "sitemap.xml\n";
}

FileMap feeds(const content::Corpus& corpus, const std::vector<std::string>& page_paths, unsigned jobs) {
    FileMap out;
    if (corpus.site.base_url.empty()) return out;
    out["sitemap.xml"] = sitemap_xml(corpus, page_paths);
    if (auto feed = atom_feed(corpus, jobs); !feed.empty()) out["feed.xml"] = std::move(feed);
    out["robots.txt"] = robots_txt(corpus.site);
    return out;
}

std::string content_hash_hex(std::string_view bytes) {
    std::uint64_t h = util::hash64(bytes);
    static const char* hex = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = hex[h & 0xF];
    return out;
}

std::map<std::string, std::string> hashed_asset_names(const content::Site& site, const FileMap& files) {
    std::map<std::string, std::string> renamed;  // old site path -> new
    if (site.base_url.empty()) return renamed;
    for (const auto& [path, data] : files) {
        if (path.rfind("assets/", 0) != 0) continue;
        auto dot = path.rfind('.');
        if (dot == std::string::npos || dot < path.rfind('/')) continue;
        std::string ext = path.substr(dot);
        if (ext != ".css" && ext != ".js") continue;
        renamed[path] = path.substr(0, dot) + "." + content_hash_hex(data).substr(0, 10) + ext;
    }
    return renamed;
}

void rename_files(FileMap& files, const std::map<std::string, std::string>& renamed) {
    for (const auto& [from, to] : renamed) {
        auto node = files.extract(from);
        if (node.empty()) continue;
        node.key() = to;
        files.insert(std::move(node));
    }
}

void rename_assets_in(nlohmann::json& model, const std::map<std::string, std::string>& renamed) {
    if (renamed.empty()) return;
    auto it = model.find("assets");
    if (it == model.end() || !it->is_object()) return;
    for (auto& [key, value] : it->items())
        if (value.is_string())
            if (auto r = renamed.find(value.get<std::string>()); r != renamed.end()) value = r->second;
}

AssetNames asset_names(const content::Site& site, const FileMap& files) {
    AssetNames out;
    out.renamed = hashed_asset_names(site, files);
    for (const auto& [path, _] : files) {
        if (!path.starts_with("assets/")) continue;
        std::vector<std::string> parts;
        for (const auto& folder : util::split(path.substr(7), '/'))
            for (auto& part : util::split(folder, '.')) parts.push_back(std::move(part));
        if (std::any_of(parts.begin(), parts.end(), [](const std::string& p) { return p.empty(); })) continue;
        auto r = out.renamed.find(path);
        const std::string url = r == out.renamed.end() ? path : r->second;
        nlohmann::json* at = &out.urls;
        for (std::size_t i = 0; at && i < parts.size(); ++i) {
            auto& next = (*at)[parts[i]];
            if (i + 1 == parts.size()) {
                if (next.is_null()) next = url;
            } else {
                if (next.is_null()) next = nlohmann::json::object();
                at = next.is_object() ? &next : nullptr;  // a file's name continues: it cannot be named
            }
        }
    }
    return out;
}

void name_assets_in(nlohmann::json& model, const AssetNames& names) {
    rename_assets_in(model, names.renamed);
    model["asset_url"] = names.urls;
}

}  // namespace passage::render
