#include "edition/edition.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "builtin/builtin.hpp"
#include "edition/xhtml.hpp"
#include "edition/zip.hpp"
#include "util/hash.hpp"
#include "util/media.hpp"
#include "util/parallel.hpp"
#include "util/strings.hpp"

namespace passage::edition {

namespace {

using util::html_escape;

// The folder of the book inside the container, and the folders of the site whose pages it holds, in
// the order of the book: the texts, then the appendix.
constexpr std::string_view kRoot = "EPUB/";
struct Part {
    std::string folder, heading;
};
const std::vector<Part>& appendix_parts() {
    static const std::vector<Part> parts = {{"instruments", "Instruments"},
                                            {"organizations", "Organizations"},
                                            {"recommendations", "Recommendation sets"},
                                            {"themes", "Themes"}};
    return parts;
}

// A page of the site in the book: "documents/<id>.html", "instruments/<id>.html" and so on (not the
// "cited in" and relation pages below them, nor the indexes).
struct Entry {
    std::size_t index = 0;  // in Pages::paths()
    std::string path, title;
    std::string source;                                    // what a diagnostic names: a text's Markdown file, else the page
    std::vector<std::pair<std::string, std::string>> toc;  // a text's headings: id, text
    std::string xhtml;
};

std::string folder_of_page(const std::string& path) {
    const auto slash = path.find('/');
    if (slash == std::string::npos || path.find('/', slash + 1) != std::string::npos || !path.ends_with(".html")) return {};
    return path.substr(0, slash);
}

// The pages of the book in reading order: the texts in the corpus' order, then each part of the
// appendix in the order of the site's paths.
std::vector<Entry> book_entries(const content::Corpus& corpus, const render::Pages& pages) {
    std::map<std::string, std::size_t> index_of;
    for (std::size_t i = 0; i < pages.paths().size(); ++i) index_of[pages.paths()[i]] = i;
    std::vector<Entry> out;
    for (const auto& d : corpus.documents)
        if (auto it = index_of.find("documents/" + d.id + ".html"); it != index_of.end())
            out.push_back({it->second, it->first, {}, d.md_path, {}, {}});
    for (const auto& part : appendix_parts())
        for (std::size_t i = 0; i < pages.paths().size(); ++i)
            if (folder_of_page(pages.paths()[i]) == part.folder) out.push_back({i, pages.paths()[i], {}, pages.paths()[i], {}, {}});
    return out;
}

std::string builtin_text(std::string_view name) {
    const auto* file = builtin::find(builtin::edition(), name);
    return file ? std::string(file->bytes) : std::string();
}

// The images a book may hold: EPUB 3's core media types of images.
std::string media_type_of(const std::string& path) {
    const std::string type = util::media_type(path);
    const bool core = type == "image/png" || type == "image/jpeg" || type == "image/gif" || type == "image/svg+xml";
    return core ? type : std::string();
}

// The head of every document the book makes itself (the navigation, the appendix).
std::string xhtml_head(const content::Site& site, const std::string& title) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
           "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"" +
           html_escape(site.language) + "\" xml:lang=\"" + html_escape(site.language) + "\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>" +
           html_escape(title) + "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"edition.css\"/>\n</head>\n";
}

std::string heading_of(const std::string& folder) {
    for (const auto& p : appendix_parts())
        if (p.folder == folder) return p.heading;
    return folder;
}

// The navigation document: the contents (each text with its headings, the appendix by part) and the
// landmarks.
std::string nav_document(const content::Site& site, const std::vector<Entry>& entries) {
    std::string out = xhtml_head(site, "Contents");
    out +=
        "<body>\n<nav epub:type=\"toc\" id=\"toc\" role=\"doc-toc\" aria-labelledby=\"toc-title\">\n<h1 "
        "id=\"toc-title\">Contents</h1>\n<ol>\n";
    std::string folder;
    bool in_appendix = false;
    for (const auto& e : entries) {
        const auto f = folder_of_page(e.path);
        const std::string href = book_path(e.path);
        if (f == "documents") {
            out += "<li><a href=\"" + html_escape(href) + "\">" + html_escape(e.title) + "</a>";
            if (!e.toc.empty()) {
                out += "\n<ol>\n";
                for (const auto& [id, text] : e.toc)
                    out += "<li><a href=\"" + html_escape(href + "#" + id) + "\">" + html_escape(text) + "</a></li>\n";
                out += "</ol>\n";
            }
            out += "</li>\n";
            continue;
        }
        if (!in_appendix) {
            out += "<li><a href=\"appendix.xhtml\">Appendix</a>\n<ol>\n";
            in_appendix = true;
        }
        if (f != folder) {
            if (!folder.empty() && folder != "documents") out += "</ol>\n</li>\n";
            // A heading, not a link: the appendix' own page comes before every part in reading order.
            out += "<li><span>" + html_escape(heading_of(f)) + "</span>\n<ol>\n";
            folder = f;
        }
        out += "<li><a href=\"" + html_escape(href) + "\">" + html_escape(e.title) + "</a></li>\n";
    }
    if (in_appendix) out += "</ol>\n</li>\n</ol>\n</li>\n";
    out += "</ol>\n</nav>\n";
    out +=
        "<nav epub:type=\"landmarks\" id=\"landmarks\" aria-labelledby=\"landmarks-title\" hidden=\"hidden\">\n<h2 "
        "id=\"landmarks-title\">Landmarks</h2>\n<ol>\n"
        "<li><a epub:type=\"toc\" href=\"#toc\">Contents</a></li>\n";
    if (!entries.empty() && folder_of_page(entries.front().path) == "documents")
        out += "<li><a epub:type=\"bodymatter\" href=\"" + html_escape(book_path(entries.front().path)) + "\">" +
               html_escape(entries.front().title) + "</a></li>\n";
    if (in_appendix) out += "<li><a epub:type=\"appendix\" href=\"appendix.xhtml\">Appendix</a></li>\n";
    out += "</ol>\n</nav>\n</body>\n</html>\n";
    return out;
}

// The appendix' own page: what it holds, part by part.
std::string appendix_document(const content::Site& site, const std::vector<Entry>& entries) {
    std::string out = xhtml_head(site, "Appendix");
    out +=
        "<body>\n<section epub:type=\"appendix\" role=\"doc-appendix\" aria-labelledby=\"appendix-title\">\n<h1 "
        "id=\"appendix-title\">Appendix</h1>\n"
        "<p>The instruments, organizations, recommendation sets and themes that the texts name, each on a page of its own.</p>\n";
    std::string folder;
    for (const auto& e : entries) {
        const auto f = folder_of_page(e.path);
        if (f == "documents") continue;
        if (f != folder) {
            if (!folder.empty()) out += "</ul>\n</section>\n";
            out += "<section id=\"" + f + "\" aria-labelledby=\"" + f + "-title\">\n<h2 id=\"" + f + "-title\">" +
                   html_escape(heading_of(f)) + "</h2>\n<ul>\n";
            folder = f;
        }
        out += "<li><a href=\"" + html_escape(book_path(e.path)) + "\">" + html_escape(e.title) + "</a></li>\n";
    }
    if (!folder.empty()) out += "</ul>\n</section>\n";
    out += "</section>\n</body>\n</html>\n";
    return out;
}

std::string package_document(const content::Site& site, const content::Corpus& corpus, const std::vector<Entry>& entries,
                             const std::set<std::string>& images, bool appendix) {
    std::string out =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"book-id\" xml:lang=\"" +
        html_escape(site.language) + "\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n";
    out += "<dc:identifier id=\"book-id\">" + identifier_of(site) + "</dc:identifier>\n";
    out += "<dc:title>" + html_escape(site.title) + "</dc:title>\n";
    out += "<dc:language>" + html_escape(site.language) + "</dc:language>\n";
    if (!site.author.empty()) out += "<dc:creator>" + html_escape(site.author) + "</dc:creator>\n";
    if (!site.description.empty()) out += "<dc:description>" + html_escape(site.description) + "</dc:description>\n";
    if (!site.base_url.empty()) out += "<dc:source>" + html_escape(site.base_url) + "</dc:source>\n";
    out += "<meta property=\"dcterms:modified\">" + modified_of(corpus) + "</meta>\n";
    out +=
        "<meta property=\"schema:accessMode\">textual</meta>\n"
        "<meta property=\"schema:accessModeSufficient\">textual</meta>\n"
        "<meta property=\"schema:accessibilityFeature\">structuralNavigation</meta>\n"
        "<meta property=\"schema:accessibilityFeature\">tableOfContents</meta>\n"
        "<meta property=\"schema:accessibilityHazard\">none</meta>\n"
        "<meta property=\"schema:accessibilitySummary\">Text with headings, numbered paragraphs and notes; every link "
        "between the texts and the appendix leads inside the book.</meta>\n";
    out +=
        "</metadata>\n<manifest>\n"
        "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
        "<item id=\"css\" href=\"edition.css\" media-type=\"text/css\"/>\n";
    if (appendix) out += "<item id=\"appendix\" href=\"appendix.xhtml\" media-type=\"application/xhtml+xml\"/>\n";
    for (std::size_t i = 0; i < entries.size(); ++i)
        out += "<item id=\"page-" + std::to_string(i + 1) + "\" href=\"" + html_escape(book_path(entries[i].path)) +
               "\" media-type=\"application/xhtml+xml\"/>\n";
    std::size_t k = 0;
    for (const auto& image : images)
        out += "<item id=\"image-" + std::to_string(++k) + "\" href=\"" + html_escape(image) + "\" media-type=\"" + media_type_of(image) +
               "\"/>\n";
    out += "</manifest>\n<spine>\n<itemref idref=\"nav\"/>\n";
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (appendix && folder_of_page(entries[i].path) != "documents" && (i == 0 || folder_of_page(entries[i - 1].path) == "documents"))
            out += "<itemref idref=\"appendix\"/>\n";
        out += "<itemref idref=\"page-" + std::to_string(i + 1) + "\"/>\n";
    }
    out += "</spine>\n</package>\n";
    return out;
}

constexpr std::string_view kContainer =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "<rootfiles>\n<rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n"
    "</container>\n";

// A date as the content writes it ("2004", "2004-06", "2004-06-16"), as "YYYY-MM-DD"; "" when it is
// not one.
std::string full_date(const std::string& d) {
    auto digits = [&](std::size_t from, std::size_t n) {
        if (d.size() < from + n) return false;
        for (std::size_t i = from; i < from + n; ++i)
            if (d[i] < '0' || d[i] > '9') return false;
        return true;
    };
    if (!digits(0, 4)) return {};
    if (d.size() == 4) return d + "-01-01";
    if (d.size() == 7 && d[4] == '-' && digits(5, 2)) return d + "-01";
    if (d.size() == 10 && d[4] == '-' && d[7] == '-' && digits(5, 2) && digits(8, 2)) return d;
    return {};
}

}  // namespace

std::string modified_of(const content::Corpus& corpus) {
    std::string latest;
    auto consider = [&](const std::string& d) { latest = std::max(latest, full_date(d)); };
    for (const auto& d : corpus.documents) consider(d.date);
    for (const auto& a : corpus.annotations) consider(a.date);
    for (const auto& i : corpus.instruments) {
        consider(i.adopted);
        consider(i.entry_into_force);
        for (const auto& f : i.facts) consider(f.as_of);
    }
    return (latest.empty() ? std::string("2000-01-01") : latest) + "T00:00:00Z";
}

std::string identifier_of(const content::Site& site) {
    std::string hex = util::Hasher("edition.identifier/1").add(site.base_url.empty() ? site.title : site.base_url).value128().hex();
    hex[12] = '8';                                              // version 8: made by its own rule (RFC 9562)
    hex[16] = "89ab"[static_cast<unsigned char>(hex[16]) % 4];  // the variant of RFC 9562
    return "urn:uuid:" + hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20);
}

std::optional<Made> epub(const EpubInput& in, diag::Sink& sink) {
    const auto& site = in.corpus.site;
    diag::Sink own(sink.strict());
    const std::string layout_file = "<built-in>/edition/layout.mustache";
    auto engine = in.engine.with("layout", builtin_text("layout.mustache"), layout_file, own);
    if (!engine) {
        for (auto& d : own.sorted()) sink.report(d);
        return std::nullopt;
    }
    auto entries = book_entries(in.corpus, in.pages);

    // Each page rendered in the book's frame, and checked to be XML.
    std::vector<std::string> problems(entries.size());
    util::parallel_for(entries.size(), in.jobs, [&](std::size_t i) {
        diag::Sink quiet;  // the site's build reported what making these pages says
        auto page = in.pages.page(entries[i].index, quiet);
        entries[i].title = page.model.value("/page/title"_json_pointer, std::string());
        if (const auto toc = page.model.find("document"); toc != page.model.end() && toc->contains("toc"))
            for (const auto& h : (*toc)["toc"])
                if (h.value("level", 0) == 2) entries[i].toc.emplace_back(h.value("id", ""), h.value("text", ""));
        entries[i].xhtml = engine->render(page.template_name, page.model, quiet);
        std::string why;
        if (!well_formed(entries[i].xhtml, &why)) problems[i] = why;
    });
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (!problems[i].empty())
            sink.error("epub-xhtml", entries[i].source, {}, "the page is not well-formed XHTML in the EPUB (" + problems[i] + ")",
                       "the EPUB's pages are XML: raw HTML in the Markdown (options.raw_html) or a template must close every element");
    if (sink.has_errors()) return std::nullopt;

    Book book;
    book.base_url = site.base_url;
    for (const auto& e : entries) book.pages[e.path] = ids_of(e.xhtml);
    for (const auto& f : in.site_files)
        if (!media_type_of(f).empty()) book.files.insert(f);
    std::vector<std::set<std::string>> used(entries.size());
    util::parallel_for(entries.size(), in.jobs,
                       [&](std::size_t i) { entries[i].xhtml = rewrite(entries[i].xhtml, entries[i].path, book, used[i]); });
    std::set<std::string> images;
    for (const auto& u : used) images.insert(u.begin(), u.end());

    const bool appendix = std::any_of(entries.begin(), entries.end(), [](const Entry& e) { return folder_of_page(e.path) != "documents"; });
    ZipWriter zip;
    bool fits = zip.add("mimetype", "application/epub+zip", ZipWriter::Method::stored);
    fits = fits && zip.add("META-INF/container.xml", kContainer);
    fits = fits && zip.add(std::string(kRoot) + "package.opf", package_document(site, in.corpus, entries, images, appendix));
    fits = fits && zip.add(std::string(kRoot) + "nav.xhtml", nav_document(site, entries));
    fits = fits && zip.add(std::string(kRoot) + "edition.css", builtin_text("edition.css"));
    if (appendix) fits = fits && zip.add(std::string(kRoot) + "appendix.xhtml", appendix_document(site, entries));
    for (const auto& e : entries) fits = fits && zip.add(std::string(kRoot) + book_path(e.path), e.xhtml);
    for (const auto& image : images) {
        auto bytes = in.read(image);
        if (!bytes) {
            sink.error("out-write", image, {}, "cannot read the image back from the site for the EPUB");
            return std::nullopt;
        }
        fits = fits && zip.add(std::string(kRoot) + image, *bytes);
    }
    if (!fits) {
        sink.error("epub-too-large", site.path, {}, "the EPUB would pass the limits of a zip file (65,535 files, 4 GiB)");
        return std::nullopt;
    }
    const std::size_t files = zip.entries();
    return Made{zip.finish(), files};
}

}  // namespace passage::edition
