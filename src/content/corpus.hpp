#pragma once
// The content model as plain values: what content::load reads from the content folder. See
// docs/content-model.md for the meaning of every field.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/source.hpp"

namespace passage::content {

// Where a value was written, for diagnostics about it.
// A hash of the files a value was read from (their paths and bytes), so that the incremental cache can
// tell whether anything about it may have changed without comparing its fields one by one.
using SourceHash = std::uint64_t;

struct Loc {
    std::string file;
    util::Position pos;
};

// An id or reference written in metadata, with its place.
struct IdRef {
    std::string value;
    Loc loc;
};

struct SourceCitation {
    std::string symbol, publisher, place, url, citation, version;
};

struct SourceGaps {
    std::vector<int> paragraphs_missing, footnotes_missing, footnotes_cut;
};

struct Document {
    std::string id;
    std::string md_path, json_path;
    util::SourcePtr body;  // the Markdown text
    std::string title, short_title, subtitle, kind, language, date, summary, mention_policy;
    std::vector<std::string> authors;
    std::optional<IdRef> organization;
    SourceCitation source;
    std::vector<IdRef> themes;
    bool numbered_paragraphs = false;
    std::vector<std::string> numbering_scopes;
    std::vector<std::pair<std::string, IdRef>> context_aliases;  // phrase -> reference
    SourceGaps gaps;
    std::optional<double> order;
    SourceHash source_hash = 0;    // of the .md and the .json
    SourceHash metadata_hash = 0;  // of the .json alone
};

struct Fact {
    std::string fact;
    std::string value;  // numbers printed as written
    std::string as_of;
    std::optional<IdRef> source;
    std::string note;
};

struct RecordLink {
    std::string label, url;
};

struct Instrument {
    std::string id, path;
    std::string title, short_title, kind, adopted, entry_into_force, symbol, annotation;
    std::optional<bool> binding;
    std::vector<std::string> aliases;
    std::optional<IdRef> body, parent;
    std::vector<IdRef> supplements, supersedes, related, themes;
    std::vector<Fact> facts;
    std::vector<RecordLink> record;
    std::vector<Loc> alias_locs;  // where each alias is written
    SourceHash source_hash = 0;
};

struct Organization {
    std::string id, path;
    std::string name, short_name, kind, description, url;
    std::vector<std::string> aliases;
    std::optional<IdRef> parent;
    std::vector<IdRef> themes;
    std::vector<Loc> alias_locs;
    SourceHash source_hash = 0;
};

struct RecItem {
    std::string n;       // as written ("3")
    std::string number;  // full dotted number ("3.2")
    std::string title, text;
    std::optional<IdRef> source;
    std::vector<IdRef> themes, instruments;
    std::vector<std::string> addressees;
    std::vector<RecItem> items;
    Loc loc;
};

struct RecSet {
    std::string id, path;
    std::string title, intro;
    IdRef document;
    std::optional<IdRef> source, issued_by;
    std::vector<std::string> addressees;
    std::vector<IdRef> themes;
    std::vector<RecItem> items;
    SourceHash source_hash = 0;
};

struct Theme {
    std::string id, title, description;
    std::optional<IdRef> parent;
    Loc loc;
    SourceHash source_hash = 0;  // of themes.json, which holds them all
};

struct Annotation {
    std::string id, path;
    std::string title, date, body;
    IdRef target;
    std::vector<IdRef> also, themes;
    SourceHash source_hash = 0;
};

struct Site {
    std::string path;
    std::string title, description, language = "en", base_url, author;
    // Where the offline editions are published (site.json "downloads"), as absolute URLs; "" for none.
    std::string download_epub, download_zip;
    bool raw_html = false;
    std::string mention_policy = "paragraph";
    std::size_t search_head = 1000;  // postings of a word that a first query loads (see search.hpp)
    SourceHash source_hash = 0;      // of site.json
};

struct Corpus {
    Site site;
    std::vector<Document> documents;  // in reading order: `order`, then date, then id
    std::vector<Instrument> instruments;  // by id
    std::vector<Organization> organizations;
    std::vector<RecSet> recommendations;
    std::vector<Theme> themes;  // as listed
    std::vector<Annotation> annotations;
};

}  // namespace passage::content
