#pragma once
// JSON text written directly, byte for byte as nlohmann::json writes it, for the large files
// (graph.json, the search index) where building a JSON value for every string would cost more than
// writing it. Small documents keep using nlohmann::json.
#include <string>
#include <string_view>

namespace passage::json {

struct StringStyle {
    bool ascii = false;        // every non-ASCII character as a \u escape (nlohmann's ensure_ascii)
    bool script_safe = false;  // also '<', '>', '&', U+2028 and U+2029 escaped (script_safe below)
};

// Appends `s` as a JSON string, exactly as nlohmann::json(s).dump(-1, ' ', style.ascii, replace)
// writes it, passed through script_safe when style.script_safe. A string that is not valid UTF-8
// goes through nlohmann, for its replacement characters.
void append_string(std::string& out, std::string_view s, StringStyle style = {});

// JSON text made safe for a .js file or a <script> element: '<', '>', '&' and the raw line and
// paragraph separators U+2028 and U+2029 as \u escapes, so no "</script", no "<!--" and no line
// break a script would see can appear. REQUIRES: `dumped` is JSON text.
std::string script_safe(const std::string& dumped);

}  // namespace passage::json
