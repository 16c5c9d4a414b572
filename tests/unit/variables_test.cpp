#include <doctest/doctest.h>

#include "../support.hpp"
#include "builtin/builtin.hpp"
#include "templates/mustache.hpp"
#include "templates/variables.hpp"

using namespace passage;

namespace {

const char* kDoc = R"(# T

## Page kinds

### `page`

| variable | type | what |
|---|---|---|
| `doc.title` | text | |
| `doc.notes[]` | `note` | |
| `doc.tags[]` | text | |
| `doc.parent` | `note` or null | |
| `breadcrumbs[]` | `note` | |

### `other`

| variable | type | what |
|---|---|---|
| `list.items[].n` | number | |

## Every page

| variable | type | what |
|---|---|---|
| `site.title` | text | |
| `root` | text | |
| `asset_url` | `asset-files` | |

## Shapes

### `note`

| variable | type | what |
|---|---|---|
| `.title` | text | |
| `.href` | text or absent | |
| `.notes[]` | `note` | |

### `asset-files`
)";

// "template:line:column name (suggestion)" of each unknown variable of `templates` (name -> text).
std::string unknown(const std::map<std::string, std::string>& templates, const nlohmann::json& assets = nlohmann::json::object()) {
    auto v = templates::Variables::parse(kDoc);
    REQUIRE(v);
    templates::Library library([&](std::string_view name) -> std::optional<std::string> {
        auto it = templates.find(std::string(name));
        if (it == templates.end()) return std::nullopt;
        return it->second;
    });
    std::vector<std::string> out;
    for (const auto& u : templates::unknown_variables(library, *v, assets))
        out.push_back(u.template_name + ":" + std::to_string(u.line) + ":" + std::to_string(u.column) + " " + u.name +
                      (u.suggestion.empty() ? "" : " (" + u.suggestion + ")"));
    return testing::join(out);
}

}  // namespace

TEST_CASE("the tables of the variables document are read into shapes, with shapes named before they are listed") {
    std::string error;
    auto v = templates::Variables::parse(kDoc, &error);
    REQUIRE_MESSAGE(v, error);
    CHECK(v->kinds() == std::vector<std::string>{"other", "page"});
    const auto* page = v->kind("page");
    REQUIRE(page);
    CHECK(page->fields.count("site"));  // every page's variables too
    const auto& parent = page->fields.at("doc").shape->fields.at("parent");
    CHECK(parent.nullable);
    CHECK(parent.shape->fields.at("href").optional);
    CHECK(parent.shape->fields.at("notes").shape->element == parent.shape);  // a shape may hold itself
    CHECK(page->fields.at("doc").shape->fields.at("tags").shape->element->type == templates::Shape::Type::text);
}

TEST_CASE("a row the variables document cannot read is an error with its line") {
    std::string error;
    CHECK_FALSE(templates::Variables::parse("## Page kinds\n\n### `p`\n\n| v | t | w |\n|---|---|---|\n| `a` | txt | |\n", &error));
    CHECK(error == "line 7: unknown type \"txt\"");
    CHECK_FALSE(templates::Variables::parse(
        "## Page kinds\n\n### `p`\n\n| v | t | w |\n|---|---|---|\n| `a` | text | |\n| `a` | text | |\n", &error));
    CHECK(error == "line 8: `a` is listed twice");
    CHECK_FALSE(
        templates::Variables::parse("## Page kinds\n\n### `p`\n\n| v | t | w |\n|---|---|---|\n| `a` | `s` | |\n| `a.b` | text | |\n"
                                    "\n## Shapes\n\n### `s`\n\n| v | t | w |\n|---|---|---|\n| `.c` | text | |\n",
                                    &error));
    CHECK(error == "line 8: `a.b` adds to a shape: list it in the shape's table");
}

TEST_CASE("the built-in variables document is read whole, and the built-in templates use no variable it does not list") {
    std::string error;
    auto v = templates::Variables::parse(builtin::template_variables(), &error);
    REQUIRE_MESSAGE(v, error);
    CHECK(v->kinds().size() == 19);  // 18, and "passages" (a theme's passages)
    templates::Library library([](std::string_view name) -> std::optional<std::string> {
        const auto* f = builtin::find(builtin::templates(), std::string(name) + ".mustache");
        if (!f) return std::nullopt;
        return std::string(f->bytes);
    });
    auto assets = nlohmann::json::parse(R"({"passage": {"css": "assets/passage.css"}})");
    CHECK(templates::unknown_variables(library, *v, assets).empty());
}

TEST_CASE("a name no page kind gives is unknown, at its tag, with the closest name given there") {
    CHECK(unknown({{"page", "{{site.titel}} {{site.title}}\n  {{#doc.notse}}x{{/doc.notse}}"}}) ==
          "page:1:1 site.titel (site.title); page:2:3 doc.notse (doc.notes)");
    CHECK(unknown({{"page", "{{^sitee}}{{/sitee}}{{{root}}}{{.}}"}}) == "page:1:1 sitee (site)");
}

TEST_CASE("names resolve on the context stack of sections, as rendering does") {
    // Inside a list of notes: a note's own names, then the page's; a dotted name does not fall back.
    CHECK(unknown({{"page",
                    "{{#doc.notes}}{{title}}{{href}}{{site.title}}{{#notes}}{{title}}{{/notes}}{{doc.title}}{{nope}}{{/doc.notes}}"}}) ==
          "page:1:88 nope");
    CHECK(unknown({{"page", "{{#doc}}{{parent.title}}{{parent.nope}}{{/doc}}"}}) == "page:1:25 parent.nope (parent.notes)");
    // A number indexes a list; the implicit iterator over a list of texts.
    CHECK(unknown({{"page", "{{#breadcrumbs.0}}{{title}}{{/breadcrumbs.0}}{{breadcrumbs.0.title}}{{#doc.tags}}{{.}}{{/doc.tags}}"}}) == "");
    // An unknown section is one report, not one for each tag inside it.
    CHECK(unknown({{"page", "{{#nope}}{{a}}{{b.c}}{{/nope}}"}}) == "page:1:1 nope");
}

TEST_CASE("a tag is unknown only when no page kind that renders its template gives it") {
    // The layout is rendered by both kinds: `list` is given by one, `doc` by the other.
    std::map<std::string, std::string> t = {{"layout", "{{#list}}{{/list}}{{#doc}}{{/doc}}{{nowhere}}{{$main}}{{/main}}"},
                                            {"page", "{{<layout}}{{$main}}{{doc.title}}{{list}}{{/main}}{{/layout}}"},
                                            {"other", "{{<layout}}{{$main}}{{#list.items}}{{n}}{{/list.items}}{{/main}}{{/layout}}"}};
    CHECK(unknown(t) == "layout:1:35 nowhere; page:1:34 list");
}

TEST_CASE("partials are checked in the context they are included in, and a partial that includes itself ends") {
    std::map<std::string, std::string> t = {{"page", "{{#doc.notes}}{{>note}}{{/doc.notes}}"},
                                            {"note", "{{title}}{{#notes}}{{>note}}{{/notes}}{{titl}}"}};
    CHECK(unknown(t) == "note:1:39 titl (title)");
}

TEST_CASE("asset_url names the site's asset files, a part of the path at a time") {
    auto assets = nlohmann::json::parse(
        R"({"extra": {"css": "assets/extra.1234567890.css"}, "fonts": {"serif": {"woff2": "assets/fonts/serif.woff2"}}})");
    CHECK(unknown({{"page", "{{asset_url.extra.css}}{{asset_url.fonts.serif.woff2}}{{asset_url.extra.js}}{{asset_url.other.css}}"}},
                  assets) == "page:1:55 asset_url.extra.js (asset_url.extra.css); page:1:77 asset_url.other.css");
}
