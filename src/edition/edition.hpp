#pragma once
// The offline editions, made from what the site is made of:
//   - the EPUB 3 (--epub): the texts with their numbered passages and notes, and the pages of the
//     instruments, organizations, recommendation sets and themes as an appendix, each page rendered
//     with the site's own templates in the book's frame (src/builtin/edition/), every link resolved
//     inside the book (xhtml.hpp), with a navigation document, landmarks and a stylesheet for reading
//     systems; no script.
//   - the archive of the site (--zip): every file of the built site under one folder, which works
//     from file:// once unzipped, as the site does.
// Both are deterministic: the same content gives the same bytes (zip.hpp).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "content/corpus.hpp"
#include "diag/diag.hpp"
#include "render/render.hpp"
#include "templates/templates.hpp"

namespace passage::edition {

// Reads a file of the built site by its site path (the staging folder's); nullopt when it cannot.
using SiteReader = std::function<std::optional<std::string>(const std::string& path)>;

struct EpubInput {
    const content::Corpus& corpus;
    const render::Pages& pages;
    const templates::Engine& engine;      // the site's templates
    std::vector<std::string> site_files;  // the files of the site so far (its images among them)
    SiteReader read;
    unsigned jobs = 1;
};

// What an edition is, once made.
struct Made {
    std::string bytes;
    std::size_t files = 0;  // entries of the zip
};

// The EPUB. Errors (epub-xhtml: a page that is not well-formed XML, e.g. with raw HTML;
// epub-too-large) go to `sink`; nullopt then.
std::optional<Made> epub(const EpubInput& in, diag::Sink& sink);

// The site as one zip: each of `paths` (site paths, sorted), read with `read`, under the folder
// `folder` ("reference/index.html"). Errors (out-write: a file that cannot be read back; zip-too-large:
// past the limits of a zip without zip64) go to `sink`; nullopt then.
std::optional<Made> site_archive(const std::vector<std::string>& paths, const SiteReader& read, const std::string& folder,
                                 const std::string& file, diag::Sink& sink);

// The latest date the content gives (documents, editorial notes, instruments' dates and dated
// facts), as "YYYY-MM-DDT00:00:00Z": the book's dcterms:modified, which changes with the content
// and never with the clock. "2000-01-01T00:00:00Z" for a content without dates.
std::string modified_of(const content::Corpus& corpus);

// The book's identifier, "urn:uuid:…": made from the base_url (or, without one, the title), so
// that every build of one reference, whatever its content, is the same book to a reading system.
std::string identifier_of(const content::Site& site);

}  // namespace passage::edition
