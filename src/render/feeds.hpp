#pragma once
// What a site published at a known address (content::Site::base_url set) gets beyond its pages:
// sitemap.xml, an Atom feed (feed.xml), robots.txt, and content-hashed asset names. Without a
// base_url none of this happens: the site is meant for file:// and keeps its plain asset names.
//
// Everything here is a function of the content and of the bytes of the assets: no clock time is
// read, so two builds of the same input give the same bytes.
//
// Dates. Content dates are ISO 8601 with the precision the source gives (YYYY, YYYY-MM or
// YYYY-MM-DD). Atom and the sitemap need a full timestamp, so a date is read as the first instant of
// the period it names, in UTC: 2006 -> 2006-01-01T00:00:00Z, 2004-05 -> 2004-05-01T00:00:00Z,
// 2004-05-17 -> 2004-05-17T00:00:00Z. This never dates anything later than the source does.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "content/corpus.hpp"
#include "render/render.hpp"

namespace passage::render {

// Site-relative path -> bytes (the same shape as output::Files).
using FileMap = std::map<std::string, std::string>;

// The RFC 3339 timestamp of a content date, by the rule above; "" for "" or a date that is
// malformed or does not exist (2005-02-29).
std::string rfc3339(std::string_view date);

// sitemap.xml: one <url> per page except 404.html, <loc> the page's absolute URL (the same as its
// canonical link), <lastmod> only where the page has a content date: a document page its `date`,
// annotations.html the latest annotation `date`, an annotation's page its own. REQUIRES: site.base_url ends with '/'.
std::string sitemap_xml(const content::Corpus& corpus, const std::vector<std::string>& page_paths);

// feed.xml (Atom, RFC 4287): one entry per document and per dated annotation, newest first (ties by
// id). An entry's id and link are its absolute URL (annotations: annotations.html#<id>), `updated`
// its content date, `summary` the plain text of the document's summary or of the annotation's body
// (shortened). The feed's `updated` is the latest entry date; its author is site.author, or the site
// title when there is none. Undated annotations are left out (an Atom entry must carry a date, and
// none is invented). Returns "" when there is no entry at all. REQUIRES: base_url ends with '/'.
// Documents are shared out over `jobs` threads; the feed does not depend on their number.
std::string atom_feed(const content::Corpus& corpus, unsigned jobs = 1);

// robots.txt: allow everything, point at the sitemap.
std::string robots_txt(const content::Site& site);

// sitemap.xml, feed.xml (unless empty) and robots.txt; nothing without a base_url.
FileMap feeds(const content::Corpus& corpus, const std::vector<std::string>& page_paths, unsigned jobs = 1);

// XXH3, 64 bits, of `bytes` (util::hash64), as 16 lowercase hex digits.
std::string content_hash_hex(std::string_view bytes);

// With a base_url: every .css and .js file under assets/ in `files` gets the name
// <name>.<first 10 hex digits of content_hash_hex of its bytes>.<ext> (assets/passage.css ->
// assets/passage.0123456789.css). Returns old site path -> new; empty without a base_url.
std::map<std::string, std::string> hashed_asset_names(const content::Site& site, const FileMap& files);

// Gives the files of `files` their new names.
void rename_files(FileMap& files, const std::map<std::string, std::string>& renamed);

// Rewrites the values of a view model's `assets` (css, js, search_js, ...) that name a renamed file.
void rename_assets_in(nlohmann::json& model, const std::map<std::string, std::string>& renamed);

// The asset files of a site as its pages name them.
struct AssetNames {
    std::map<std::string, std::string> renamed;      // hashed_asset_names
    nlohmann::json urls = nlohmann::json::object();  // the view models' `asset_url` (docs/templates.md)
};
// The names of the files under assets/ of `files` (before rename_files): with a base_url the .css and
// .js files get hashed names; `urls` gives each file, by its path below assets/ split at '/' and '.',
// its site path ({"fonts": {"a": {"woff2": "assets/fonts/a.woff2"}}}). A file whose parts continue
// another's ("app.js.map" beside "app.js") or that has an empty part is left out of `urls`.
AssetNames asset_names(const content::Site& site, const FileMap& files);
// rename_assets_in, and `asset_url`.
void name_assets_in(nlohmann::json& model, const AssetNames& names);

}  // namespace passage::render
