#pragma once
// The documents' turn in a build: each document goes through the stages that work on its tree, one
// after the other, on its own (documents are shared out over the threads): the markdown stage (its
// extract), finding its mentions (crossref), rendering its body (render). A document's tree is made
// at most once, only when a stage needs it and the store does not have that stage's result, and
// is gone when the document's turn ends: a build never holds the trees of every document.
#include <vector>

#include "cache/store.hpp"
#include "content/corpus.hpp"
#include "crossref/crossref.hpp"
#include "diag/diag.hpp"
#include "markdown/markdown.hpp"
#include "render/render.hpp"

namespace passage::site {

struct Documents {
    // By document, in the corpus's order.
    std::vector<markdown::Extract> extracts;
    std::vector<crossref::DocumentMentions> mentions;
    std::vector<render::Body> bodies;
    // How many documents were parsed, searched for mentions and had their body rendered (the
    // others came from the store), and the time each of these took, summed over the threads.
    std::size_t parsed = 0, searched = 0, rendered = 0;
    double parse_seconds = 0, mentions_seconds = 0, body_seconds = 0;
};

markdown::Options markdown_options(const content::Corpus& corpus, const content::Document& d);

Documents process_documents(const content::Corpus& corpus, const crossref::Names& names, cache::Store& store, unsigned jobs,
                            diag::Sink& sink);

}  // namespace passage::site
