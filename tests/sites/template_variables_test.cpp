// docs/templates.md against the view models: every page of the bundled reference, made with small
// budgets so that every list has pages, pagers have gaps and every relation a "more" link, has the
// variables the document lists for its kind, of the types it gives, and every variable listed is
// met with a value on some page.
#include <doctest/doctest.h>

#include <filesystem>
#include <functional>
#include <set>

#include "../support.hpp"
#include "render/feeds.hpp"
#include "render/render.hpp"
#include "templates/variables.hpp"

using namespace passage;
using templates::Shape;

namespace {

struct Comparison {
    std::set<std::string> problems;
    std::set<std::pair<const Shape*, std::string>> met;  // fields met with a value that is not null
};

const char* type_name(Shape::Type t) {
    switch (t) {
        case Shape::Type::text:
            return "text";
        case Shape::Type::html:
            return "html";
        case Shape::Type::number:
            return "number";
        case Shape::Type::yes_no:
            return "yes/no";
        case Shape::Type::object:
            return "an object";
        case Shape::Type::list:
            return "a list";
    }
    return "?";
}

void compare(const nlohmann::json& v, const Shape* s, const std::string& where, Comparison& c) {
    bool ok = true;
    switch (s->type) {
        case Shape::Type::text:
        case Shape::Type::html:
            ok = v.is_string();
            break;
        case Shape::Type::number:
            ok = v.is_number();
            break;
        case Shape::Type::yes_no:
            ok = v.is_boolean();
            break;
        case Shape::Type::list:
            ok = v.is_array();
            if (ok)
                for (const auto& e : v) compare(e, s->element, where + "[]", c);
            break;
        case Shape::Type::object:
            ok = v.is_object();
            if (!ok || s->assets) break;
            for (const auto& [key, value] : v.items()) {
                auto f = s->fields.find(key);
                if (f == s->fields.end()) {
                    c.problems.insert(where + "." + key + ": given, but not in docs/templates.md");
                    continue;
                }
                if (value.is_null()) {
                    if (!f->second.nullable) c.problems.insert(where + "." + key + ": null, but not \"or null\"");
                    continue;
                }
                c.met.insert({s, key});
                compare(value, f->second.shape, where + "." + key, c);
            }
            for (const auto& [key, f] : s->fields)
                if (!f.optional && !v.contains(key)) c.problems.insert(where + "." + key + ": in docs/templates.md, but not given");
            break;
    }
    if (!ok) c.problems.insert(where + ": " + v.type_name() + ", not " + type_name(s->type));
}

// Every field of every object shape reachable from the page kinds, named by the first way to it.
std::map<std::pair<const Shape*, std::string>, std::string> fields_of(const templates::Variables& v) {
    std::map<std::pair<const Shape*, std::string>, std::string> out;
    std::set<const Shape*> seen;
    std::function<void(const Shape*, const std::string&)> visit = [&](const Shape* s, const std::string& where) {
        if (!s || !seen.insert(s).second) return;
        if (s->type == Shape::Type::list) visit(s->element, where + "[]");
        for (const auto& [key, f] : s->fields) {
            out.emplace(std::pair{s, key}, where + "." + key);
            visit(f.shape, where + "." + key);
        }
    };
    for (const auto& k : v.kinds()) visit(v.kind(k), k);
    return out;
}

}  // namespace

TEST_CASE("each page kind's view model has the variables docs/templates.md lists for it, and every one listed is met") {
    std::string error;
    const auto variables = templates::Variables::parse(testing::read_file(testing::source_dir() / "docs/templates.md"), &error);
    REQUIRE_MESSAGE(variables, error);

    // The reference, with a passage that cites a recommendation item (its texts cite none).
    testing::TempDir dir;
    std::filesystem::copy(testing::source_dir() / "content", dir.path() / "content", std::filesystem::copy_options::recursive);
    const auto text = dir.path() / "content/documents/desa-2004.md";
    testing::write_file(text, testing::read_file(text) + "\nSee [principle 1](rec:gcim-principles/1).\n");
    auto loaded = testing::load_content(dir.path() / "content");
    auto& corpus = loaded.corpus;
    corpus.site.base_url = "https://example.org/ref/";  // page.canonical, 404's base_path
    diag::Sink sink;
    auto linked = testing::link(corpus, sink);
    render::Budget small;
    small.list = 2;
    small.related = 1;
    small.cited = 2;
    small.sources = 1;
    small.cited_page = 3;
    small.margin = 1;
    small.home = 1;
    render::Pages pages(corpus, linked.graph, linked.documents.extracts, linked.documents.bodies, render::Build{"passage", "0"}, small);
    render::FileMap assets = {{"assets/passage.css", "a"}, {"assets/extra.css", "b"}, {"assets/fonts/serif.woff2", "c"}};
    const auto names = render::asset_names(corpus.site, assets);

    Comparison c;
    std::set<std::string> kinds;
    for (std::size_t i = 0; i < pages.paths().size(); ++i) {
        auto page = pages.page(i, sink);
        render::name_assets_in(page.model, names);
        kinds.insert(page.template_name);
        const Shape* shape = variables->kind(page.template_name);
        if (!shape) {
            c.problems.insert(page.template_name + ": a page kind that docs/templates.md does not list");
            continue;
        }
        compare(page.model, shape, page.template_name, c);
    }
    CHECK(testing::join(std::vector<std::string>(c.problems.begin(), c.problems.end())) == "");
    std::vector<std::string> unmet;
    for (const auto& [field, where] : fields_of(*variables))
        if (!c.met.count(field)) unmet.push_back(where);
    CHECK_MESSAGE(testing::join(unmet) == "", "listed, but never given a value on the reference's pages");
    for (const auto& k : variables->kinds()) CHECK_MESSAGE(kinds.count(k), k);
}
