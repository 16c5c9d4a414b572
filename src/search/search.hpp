#pragma once
// The search stage: one record per passage of the reference (a paragraph, a footnote, a document, an
// instrument, an organization, a recommendation item, a theme, an editorial note), indexed at build
// time and written as JavaScript files that register their data with the global function
// passageSearchRegister(name, data), so the index loads from file:// through <script> elements.
//
// Files written (all under search/, every one pure ASCII, deterministic for a given input). What a
// query loads grows with the number of words it has, not with the size of the corpus:
//   manifest.js  loaded first, small: the first word of each term shard, where each record chunk
//                starts, the folding table (one entry per non-ASCII code point of the corpus, see
//                text.hpp) and the stop words. Nothing in it is per record.
//   tN.js        term shards, split by the folded surface form of words (at words chosen by a
//                hash, so that an edit moves few cuts; see emit.cpp): each maps the surface forms
//                in its range to their terms (a stem, or an inflection family of stems put together:
//                families.hpp; so the browser never stems) and holds, for each of those terms,
//                every surface form of it and its postings (record as group and place, the tf part
//                of its BM25F weight, whether the word is in the record's title and whether the
//                record is a footnote, positions), packed in a string. For a term with
//                more than head_postings records, the shard holds only the head: its
//                best-weighted records. A query of one word ranks
//                from heads alone (the best records of a word are in its head); the rest, in xN.js,
//                loads for queries of several words and for the full results page.
//   rN.js        record chunks, by record (cut at records chosen by a hash, as the term shards):
//                URL, title path and text, for results and snippets.
//   fN.js        facets (kind, year, organization, themes) of a range of groups, for the filters of
//                the results page; labels.js names the kinds, themes and organizations.
//   vN.js        the words of N letters (3 to 24, the last file 24 or more), with how many records
//                have each: the vocabulary of "did you mean", loaded only for a word without hits.
// Every data file is `passageSearchRegister("<name>", <JSON>);`; emit.cpp documents the JSON of each
// and assets/search-engine.js reads it.
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "content/corpus.hpp"
#include "crossref/crossref.hpp"
#include "markdown/markdown.hpp"

namespace passage::search {

struct Record {
    std::string url;                    // site-relative, with fragment: "documents/desa-2004.html#p12"
    std::vector<std::string> path;      // title path, outermost first: {"Document", "Section", "¶12"}
    std::string kind;                   // one of kinds() below
    std::vector<std::string> names;     // indexed with the title weight (title, short title, aliases)
    std::vector<std::string> headings;  // indexed with the heading weight (enclosing headings, set title)
    std::string text;                   // the body: indexed, shown in snippets
    std::string year;                   // "2004", or ""
    std::string organization;           // an organization id, or ""
    std::vector<std::string> themes;    // theme ids
};

// The kinds of records, in the order the interface lists them, with their labels.
const std::vector<std::pair<std::string, std::string>>& kinds();

struct Input {
    std::vector<Record> records;                                     // record number = position
    std::vector<std::pair<std::string, std::string>> themes;         // id, title (filter labels)
    std::vector<std::pair<std::string, std::string>> organizations;  // id, name
};

// REQUIRES: extracts[i] belongs to corpus.documents[i]. Records come in reading order: documents and
// their passages, then instruments, organizations, recommendation items, themes, editorial notes.
// Documents are shared out over `jobs` threads; the records do not depend on their number.
Input records(const content::Corpus& corpus, const std::vector<markdown::Extract>& extracts, unsigned jobs = 1);

class RunMemo;  // index.hpp

struct Options {
    std::size_t shard_bytes = 24 * 1024;  // target size of a term shard (one huge term may exceed it)
    std::size_t chunk_bytes = 4 * 1024;   // target size of a record chunk
    std::size_t facet_groups = 512;       // groups of records (a page's) per facet file
    std::size_t head_postings = 1000;     // a term in more records keeps its best-weighted ones in its shard
                                          // (the head) and the others in a file of their own (the tail)
    std::size_t max_files = 0;            // the targets grow until the term, tail, record and facet files fit;
                                          // 0: 200 + records / 16 (the manifest, the labels and the 22
                                          // vocabulary files come on top)
    unsigned jobs = 1;                    // threads; the files do not depend on their number
    RunMemo* memo = nullptr;              // runs of records indexed by the last build (index.hpp); the files
                                          // do not depend on it
    // Each file as soon as it is made (site-relative path, content), from any thread: the files are
    // never all held at once. Without it, index_files returns them.
    std::function<void(std::string path, std::string data)> emit = {};
};

// The index's files: site-relative path -> content, or none when Options::emit takes them. The
// input is taken (its texts are dropped once indexed and written).
std::map<std::string, std::string> index_files(Input input, const Options& options = {});

}  // namespace passage::search
