#pragma once
// Internal to the markdown stage: the walk over a tree that cmark-gfm parsed (walk.cpp), which
// tree.cpp runs after the parse.
#include <optional>
#include <string>
#include <utility>

#include "markdown/markdown.hpp"

namespace passage::markdown {

// Finds every heading, numbered paragraph, footnote, link and text run of `tree`, and rewrites the
// tree for rendering. Reports md-*, anchor-*, fn-* and url-unsafe diagnostics.
void walk(const util::SourceText& source, const Options& options, diag::Sink& sink, Tree& tree);

// What is wrong with the URL of a link or an image (a message and a hint), or nullopt.
std::optional<std::pair<std::string, std::string>> unsafe_url(const std::string& url, bool image);

}  // namespace passage::markdown
