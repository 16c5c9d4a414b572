#pragma once
// The variables each page kind gives its template, and the check of templates against them.
//
// The tables of docs/templates.md are the contract (compiled in: builtin::template_variables()).
// Variables::parse reads them; a test holds the render stage's view models to them, and every build
// checks the templates a page kind renders against them (unknown_variables, tpl-unknown-var).
#include <deque>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passage::templates {

class Library;

// What a variable holds.
struct Shape {
    enum class Type { text, html, number, yes_no, object, list };
    Type type = Type::object;
    struct Field;
    std::map<std::string, Field> fields;  // object: its keys
    const Shape* element = nullptr;       // list: its elements
    bool assets = false;                  // object: the files of the site's assets/ folder, its keys
};

struct Shape::Field {
    const Shape* shape = nullptr;
    bool nullable = false;  // "or null": the value may be null
    bool optional = false;  // "or absent": some pages do not have the key
};

class Variables {
public:
    // The tables of `markdown` (docs/templates.md): the page kinds (level-3 headings under "## Page
    // kinds"), the variables of every page ("## Every page") and the shapes ("## Shapes"). False,
    // with what is wrong in `error`, for a row or a type it cannot read.
    static std::optional<Variables> parse(std::string_view markdown, std::string* error = nullptr);
    // The tables compiled into the program.
    static const Variables& builtin();

    Variables() = default;
    Variables(const Variables&) = delete;  // shapes point into the arena
    Variables& operator=(const Variables&) = delete;
    Variables(Variables&&) = default;
    Variables& operator=(Variables&&) = default;

    // The variables of page kind `kind` (its template's name), or nullptr for no such kind.
    const Shape* kind(const std::string& kind) const;
    std::vector<std::string> kinds() const;

private:
    std::deque<Shape> arena_;  // every shape; pointers into it stay valid
    std::map<std::string, const Shape*> kinds_;
    Shape* make(Shape::Type type);
    friend class VariablesParser;
};

// A variable a template uses that no page kind that renders the template gives.
struct UnknownVariable {
    std::string template_name;  // the template the tag is in
    int line = 0, column = 0;   // the tag's
    std::string name;           // as written
    std::string suggestion;     // the closest name that is given there, or ""
};

// The tags of every template the page kinds of `variables` render through `library` (with their
// partials, parents and blocks) whose name no such kind gives, following the context stack of
// sections as rendering does; one entry a tag, sorted by template, line and column. A template that
// does not compile is skipped (the build reports it elsewhere). `asset_url`: the value the pages
// give `asset_url` (render::AssetNames::urls), whose keys are the names it has.
std::vector<UnknownVariable> unknown_variables(const Library& library, const Variables& variables, const nlohmann::json& asset_url);

}  // namespace passage::templates
