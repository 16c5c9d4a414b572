#pragma once
// Structured data for search engines and other readers: one schema.org object per page kind that
// has an obvious type, as JSON-LD, ready to be put inside <script type="application/ld+json">.
//
// The JSON is built with nlohmann::json and serialized with json::script_safe, so the text
// holds no '<', '>' or '&' (no "</script", no "<!--") and no U+2028/U+2029 (other text stays UTF-8);
// it goes into a <script> element as is (unescaped: {{{jsonld}}}). Dates are given as the content writes them
// (ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD), which schema.org's Date accepts. Absolute URLs ("url",
// and the "url" of themes) appear only when the site has a base_url; the rest is emitted either way.
// Fields the content leaves empty are left out, never guessed.
#include <string>

#include "content/corpus.hpp"
#include "render/context.hpp"

namespace passage::render {

// schema.org Legislation: name (title), alternateName (short title, then aliases, without
// repeats or the title itself), legislationIdentifier (symbol), legislationDate (adopted),
// legislationType (kind), legislationPassedBy (the adopting organization), legislationLegalForce
// InForce when the content gives an entry-into-force date (otherwise unknown, so left out),
// about (themes), url.
std::string instrument_jsonld(const Context& cx, const content::Instrument& x);

// schema.org Article: headline (title), alternativeHeadline (subtitle), author (the persons, or the
// issuing organization when no person is named), datePublished (date), publisher (the source's
// publisher, else the issuing organization), about (themes), inLanguage, identifier (symbol), url.
std::string document_jsonld(const Context& cx, const content::Document& d);

}  // namespace passage::render
