#pragma once
// Previews of internal links (render/previews.cpp), shown by assets/passage.js on hover, focus and
// a first tap. An entity's preview is written into the page that links to it; a passage's comes from
// its document's passages file, loaded by a <script> the first time one is needed (file:// allows
// nothing else), so that no page carries the text of other documents.
#include <nlohmann/json.hpp>
#include <string>

#include "render/pages.hpp"

namespace passage::render {

// The previews of the entities the view model `model` of the page at `path` links to, as JSON for a
// <script type="application/json">: {href as written in the page: {kind, title, facts[], text}}, at
// most a fixed number of them; "" when it links to none.
std::string previews_json(const Pages::State& st, const std::string& path, const nlohmann::json& model);

// A hash of everything previews_json() reads besides the page's own links: the metadata of every
// node. It goes into what every page is made from (Pages::inputs).
util::Hash128 previews_inputs(const content::Corpus& corpus);

}  // namespace passage::render
