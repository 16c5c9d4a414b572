#pragma once
// What the fuzz targets share: a small valid content folder in memory that a target changes one file
// of, and the checks every target makes of what the diagnostics print.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "diag/diag.hpp"
#include "fs/fs.hpp"

namespace passage::fuzz {

// A content folder "c" with one document "a" (a numbered paragraph, a footnote, references), one
// instrument "icmw" (alias "ICMW"), one organization "unga", one recommendation set and a theme.
inline fs::MemoryFileSystem small_site() {
    fs::MemoryFileSystem disk;
    disk.add_file("c/site.json", R"({"title": "Fuzz", "base_url": "https://example.org/"})");
    disk.add_file("c/themes.json",
                  R"({"themes": [{"id": "rights", "title": "Rights"}, {"id": "work", "title": "Work", "parent": "rights"}]})");
    disk.add_file("c/documents/a.md",
                  "# A {#top}\n\n1\\. The [Convention](instrument:icmw) and the [Assembly](org:unga).[^1]\n\n"
                  "2\\. The ICMW again, [item 1](rec:set/1), see [p1](doc:a#p1).\n\n[^1]: A note.\n");
    disk.add_file(
        "c/documents/a.json",
        R"({"title": "A", "date": "2004-01-16", "kind": "note", "numbered_paragraphs": true, "themes": ["rights"], "summary": "On the [ICMW](instrument:icmw)."})");
    disk.add_file("c/instruments/icmw.json",
                  R"({"title": "Convention", "aliases": ["ICMW"], "kind": "convention", "body": "unga", "annotation": "See [a](doc:a#p2).",
                      "facts": [{"fact": "ratifications", "value": 23, "as_of": "2004", "source": "doc:a#p2"}], "record": [{"label": "UN", "url": "https://treaties.un.org/"}]})");
    disk.add_file("c/organizations/unga.json", R"({"name": "General Assembly", "kind": "un-body", "url": "https://www.un.org/"})");
    disk.add_file("c/recommendations/set.json",
                  R"({"title": "Set", "document": "a", "items": [{"n": "1", "text": "Ratify.", "instruments": ["icmw"]}]})");
    disk.add_file("c/annotations/n.json",
                  R"({"title": "N", "target": "doc:a#p1", "body": "A note on [the Convention](instrument:icmw)."})");
    return disk;
}

// Prints every diagnostic in both forms, as a build would, and checks what a terminal would get: no
// escape character, no control character but line feeds and tabs.
inline void print_diagnostics(const diag::Sink& sink) {
    const std::string text = diag::format_all_text(sink);
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\n' && c != '\t') || u == 0x7F) std::abort();  // a control byte would reach the terminal
    }
    (void)diag::format_all_json(sink);
}

}  // namespace passage::fuzz
