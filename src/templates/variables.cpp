#include "templates/variables.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "builtin/builtin.hpp"
#include "templates/mustache.hpp"
#include "util/strings.hpp"

namespace passage::templates {

using detail::Node;
using detail::NodeKind;

// --- reading the tables ------------------------------------------------------------------------

namespace {

struct Row {
    std::string name, type;
    int line = 0;
};
struct Table {
    std::string section;  // "page kinds", "every page", "shapes"
    std::string name;     // the heading's first `word`: a page kind or a shape
    std::vector<Row> rows;
};

// The text between the first pair of backquotes of `s`, or "".
std::string backquoted(std::string_view s) {
    const auto a = s.find('`');
    const auto b = a == std::string_view::npos ? a : s.find('`', a + 1);
    return b == std::string_view::npos ? std::string() : std::string(s.substr(a + 1, b - a - 1));
}

std::vector<std::string> cells(std::string_view line) {
    std::vector<std::string> out;
    for (auto& c : util::split(util::trim(line), '|')) out.emplace_back(util::trim(c));
    if (!out.empty() && out.front().empty()) out.erase(out.begin());
    if (!out.empty() && out.back().empty()) out.pop_back();
    return out;
}

// The tables of `markdown`, each under the heading before it: a level-2 heading names the section, a
// level-3 heading (its first `word`) a page kind or a shape; "## Every page" is a table of its own.
std::vector<Table> tables_of(std::string_view markdown) {
    std::vector<Table> out;
    std::string section;
    bool in_code = false, in_table = false;
    int number = 0;
    for (auto& raw : util::split(markdown, '\n')) {
        ++number;
        std::string_view line = raw;
        if (line.starts_with("```")) in_code = !in_code;
        if (in_code) continue;
        if (line.starts_with("## ")) {
            section = util::to_lower_ascii(util::trim(line.substr(3)));
            out.push_back({section, section == "every page" ? section : "", {}});
        } else if (line.starts_with("### ")) {
            if (section != "every page") out.push_back({section, backquoted(line), {}});
        }
        if (!line.starts_with("|")) {
            in_table = false;
            continue;
        }
        auto c = cells(line);
        if (!in_table) {  // the header row
            in_table = true;
            continue;
        }
        if (out.empty() || c.size() < 2 || c[0].find_first_not_of("-: ") == std::string::npos) continue;  // the delimiter row
        Row row;
        row.name = backquoted(c[0]);
        row.type = c[1];
        row.line = number;
        out.back().rows.push_back(std::move(row));
    }
    return out;
}

}  // namespace

class VariablesParser {
public:
    VariablesParser(Variables& v, std::string* error) : v_(v), error_(error) {}

    bool run(std::string_view markdown) {
        const auto tables = tables_of(markdown);
        // The shapes first, empty, so that rows may name a shape defined further on.
        for (const auto& t : tables)
            if (t.section == "shapes" && !t.name.empty()) shapes_[t.name] = v_.make(Shape::Type::object);
        if (auto it = shapes_.find("asset-files"); it != shapes_.end()) it->second->assets = true;
        const Table* every = nullptr;
        for (const auto& t : tables)
            if (t.section == "every page") every = &t;
        for (const auto& t : tables) {
            if (t.section == "shapes" && !t.rows.empty()) {
                if (t.name.empty()) return fail(t.rows[0].line, "a table of shapes under a heading without a `name`");
                for (const auto& r : t.rows)
                    if (!add(shapes_[t.name], r, true)) return false;
            } else if (t.section == "page kinds" && !(t.name.empty() && t.rows.empty())) {
                if (t.name.empty()) return fail(t.rows[0].line, "a table of a page kind under a heading without a `name`");
                Shape* root = v_.make(Shape::Type::object);
                for (const auto* table : {every, &t})
                    if (table)
                        for (const auto& r : table->rows)
                            if (!add(root, r, false)) return false;
                v_.kinds_[t.name] = root;
            }
        }
        if (v_.kinds_.empty()) return fail(0, "no page kind");
        return true;
    }

private:
    Variables& v_;
    std::string* error_;
    std::map<std::string, Shape*> shapes_;

    bool fail(int line, const std::string& what) {
        if (error_) *error_ = "line " + std::to_string(line) + ": " + what;
        return false;
    }

    // The shape a type names ("text", "`link`"), or nullptr.
    const Shape* named(const std::string& word) {
        static const std::map<std::string, Shape::Type> basic = {
            {"text", Shape::Type::text}, {"html", Shape::Type::html}, {"number", Shape::Type::number}, {"yes/no", Shape::Type::yes_no}};
        if (auto b = basic.find(word); b != basic.end()) {
            auto& s = scalars_[word];
            if (!s) s = v_.make(b->second);
            return s;
        }
        if (word.size() > 2 && word.front() == '`' && word.back() == '`') {
            auto it = shapes_.find(word.substr(1, word.size() - 2));
            if (it != shapes_.end()) return it->second;
        }
        return nullptr;
    }
    std::map<std::string, Shape*> scalars_;

    // Adds the variable of row `r` below `root`.
    bool add(Shape* root, const Row& r, bool shape_row) {
        std::string name = r.name;
        if (shape_row) {
            if (!name.starts_with(".")) return fail(r.line, "a row of a shape names `.variable`");
            name = name.substr(1);
        }
        if (name.empty()) return fail(r.line, "a row without a `variable`");
        // The type: "T", "T or null", "T or absent".
        Shape::Field field;
        std::string type = r.type;
        for (auto [suffix, flag] : {std::pair{" or null", &field.nullable}, std::pair{" or absent", &field.optional}})
            if (type.ends_with(suffix)) {
                *flag = true;
                type.resize(type.size() - std::string_view(suffix).size());
            }
        field.shape = named(type);
        if (!field.shape) return fail(r.line, "unknown type \"" + r.type + "\"");
        // The path: parts split on '.', a part ending in "[]" a list of what follows.
        const auto parts = util::split(name, '.');
        Shape* at = root;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            std::string part = parts[i];
            const bool list = part.ends_with("[]");
            if (list) part.resize(part.size() - 2);
            if (part.empty() || at->type != Shape::Type::object) return fail(r.line, "cannot read the name `" + r.name + "`");
            const bool last = i + 1 == parts.size();
            auto& f = at->fields[part];
            if (last && !list) {
                if (f.shape) return fail(r.line, "`" + r.name + "` is listed twice");
                f = field;
                break;
            }
            if (!f.shape) f.shape = v_.make(list ? Shape::Type::list : Shape::Type::object);
            auto* next = const_cast<Shape*>(f.shape);  // every shape is one of v_'s, made here
            if (list) {
                if (next->type != Shape::Type::list) return fail(r.line, "`" + r.name + "` is not a list elsewhere");
                if (last) {
                    if (next->element) return fail(r.line, "`" + r.name + "` is listed twice");
                    next->element = field.shape;
                    f.nullable = field.nullable;
                    f.optional = field.optional;
                    break;
                }
                if (!next->element) next->element = v_.make(Shape::Type::object);
                next = const_cast<Shape*>(next->element);
            }
            at = next;
            if (at->assets || std::any_of(shapes_.begin(), shapes_.end(), [&](auto& s) { return s.second == at; }))
                return fail(r.line, "`" + r.name + "` adds to a shape: list it in the shape's table");
        }
        return true;
    }
};

Shape* Variables::make(Shape::Type type) {
    arena_.emplace_back();
    arena_.back().type = type;
    return &arena_.back();
}

std::optional<Variables> Variables::parse(std::string_view markdown, std::string* error) {
    Variables v;
    if (!VariablesParser(v, error).run(markdown)) return std::nullopt;
    return v;
}

const Variables& Variables::builtin() {
    static const Variables v = [] {
        std::string error;
        auto parsed = parse(builtin::template_variables(), &error);
        // The document is checked by the tests: a program built from a broken one checks nothing.
        return parsed ? std::move(*parsed) : Variables();
    }();
    return v;
}

const Shape* Variables::kind(const std::string& kind) const {
    auto it = kinds_.find(kind);
    return it == kinds_.end() ? nullptr : it->second;
}

std::vector<std::string> Variables::kinds() const {
    std::vector<std::string> out;
    for (const auto& [k, _] : kinds_) out.push_back(k);
    return out;
}

// --- checking templates -------------------------------------------------------------------------

namespace {

// What a name resolves to on the context stack: a shape, anything (below a name of unknown shape),
// or nothing.
struct Resolved {
    const Shape* shape = nullptr;
    bool any = false;
    bool found() const { return shape || any; }
};

class Checker {
public:
    Checker(const Library& library, const nlohmann::json& asset_url) : library_(library), assets_root_(shape_of(asset_url)) {}

    void check(const std::string& name, const Shape* root) {
        auto t = library_.get(name);
        if (!t.tmpl) return;
        std::vector<Resolved> stack{{root, false}};
        walk(name, t.tmpl->nodes(), stack, {}, 0);
    }

    std::vector<UnknownVariable> unknown() const {
        std::vector<UnknownVariable> out;
        for (const auto& [key, tag] : tags_)
            if (!tag.known) out.push_back(tag.report);
        return out;
    }

private:
    struct Override {
        std::string template_name;
        const Node* block;
    };
    using Overrides = std::map<std::string, Override>;
    struct Tag {
        bool known = false;
        UnknownVariable report;
    };

    const Library& library_;
    std::deque<Shape> arena_;
    const Shape* text_ = make(Shape::Type::text);
    const Shape* assets_root_;
    std::map<std::tuple<std::string, int, int, std::string>, Tag> tags_;
    std::set<std::pair<std::string, std::vector<const Shape*>>> visited_;  // partials walked, by stack

    Shape* make(Shape::Type type) {
        arena_.emplace_back();
        arena_.back().type = type;
        return &arena_.back();
    }

    // The shape of the value `asset_url` is given: objects of objects, texts at the leaves.
    const Shape* shape_of(const nlohmann::json& value) {
        if (!value.is_object()) return text_;
        Shape* s = make(Shape::Type::object);
        for (const auto& [key, v] : value.items()) s->fields[key].shape = shape_of(v);
        return s;
    }

    const Shape* field(const Shape* s, const std::string& part) const {
        if (!s) return nullptr;
        if (s->assets) s = assets_root_;
        if (s->type == Shape::Type::list && !part.empty() && part.find_first_not_of("0123456789") == std::string::npos) return s->element;
        if (s->type != Shape::Type::object) return nullptr;
        auto it = s->fields.find(part);
        return it == s->fields.end() ? nullptr : it->second.shape;
    }

    // The names that could have been meant where `part` was not found.
    std::vector<std::string> names_at(const Shape* s) const {
        std::vector<std::string> out;
        if (s && s->assets) s = assets_root_;
        if (s && s->type == Shape::Type::object)
            for (const auto& [k, _] : s->fields) out.push_back(k);
        return out;
    }

    Resolved resolve(const std::vector<std::string>& path, const std::vector<Resolved>& stack, std::string* suggestion) const {
        if (path.empty()) return {stack.back().shape, stack.back().any || !stack.back().shape};  // "."
        const Shape* at = nullptr;
        for (auto frame = stack.rbegin(); frame != stack.rend() && !at; ++frame) {
            if (frame->any) return {nullptr, true};
            at = field(frame->shape, path[0]);
        }
        if (!at) {
            std::vector<std::string> names;
            for (const auto& frame : stack)
                for (auto& n : names_at(frame.shape)) names.push_back(n);
            if (auto c = util::closest(path[0], names)) *suggestion = *c;
            return {};
        }
        std::string written = path[0];
        for (std::size_t i = 1; i < path.size(); ++i) {
            const Shape* next = field(at, path[i]);
            if (!next) {
                // Compared whole ("site.titel" with "site.title"): a short last part leaves no room for a typo.
                std::vector<std::string> names;
                for (const auto& n : names_at(at)) names.push_back(written + "." + n);
                if (auto c = util::closest(written + "." + path[i], names)) *suggestion = *c;
                return {};
            }
            written += "." + path[i];
            at = next;
        }
        return {at, false};
    }

    void record(const std::string& tmpl, const Node& n, bool known, const std::string& suggestion) {
        auto& tag = tags_[{tmpl, n.line, n.column, n.text}];
        if (known) tag.known = true;
        if (tag.report.name.empty()) tag.report = {tmpl, n.line, n.column, n.text, suggestion};
    }

    // The frame a section over a value of shape `r` pushes: an element of a list, else the value.
    static Resolved frame_of(const Resolved& r) {
        if (r.any || !r.shape) return {nullptr, true};
        if (r.shape->type == Shape::Type::list) return r.shape->element ? Resolved{r.shape->element, false} : Resolved{nullptr, true};
        return r;
    }

    void walk(const std::string& tmpl, const std::vector<Node>& nodes, std::vector<Resolved>& stack, const Overrides& overrides,
              int depth) {
        if (depth > 32) return;
        for (const auto& n : nodes) {
            switch (n.kind) {
                case NodeKind::text:
                    break;
                case NodeKind::variable:
                case NodeKind::inverted:
                case NodeKind::section: {
                    std::string suggestion;
                    const auto r = resolve(n.path, stack, &suggestion);
                    record(tmpl, n, r.found(), suggestion);
                    if (n.kind == NodeKind::variable) break;
                    if (n.kind == NodeKind::section) {
                        // An unknown section's content is checked as if it gave anything: one report, not one a tag.
                        stack.push_back(r.found() ? frame_of(r) : Resolved{nullptr, true});
                        walk(tmpl, n.children, stack, overrides, depth);
                        stack.pop_back();
                    } else {
                        walk(tmpl, n.children, stack, overrides, depth);
                    }
                    break;
                }
                case NodeKind::partial: {
                    // Each partial once for each context stack it is met with (as a set of shapes: a
                    // shape met again adds no name, which ends the recursion of a partial in itself).
                    std::vector<const Shape*> key;
                    for (const auto& f : stack) key.push_back(f.any ? nullptr : f.shape);
                    std::sort(key.begin(), key.end());
                    key.erase(std::unique(key.begin(), key.end()), key.end());
                    if (!visited_.insert({n.text, key}).second) break;
                    auto t = library_.get(n.text);
                    if (t.tmpl) walk(n.text, t.tmpl->nodes(), stack, overrides, depth + 1);
                    break;
                }
                case NodeKind::parent: {
                    Overrides inner = overrides;  // the outer template's blocks win
                    for (const auto& b : n.children)
                        if (b.kind == NodeKind::block) inner.emplace(b.text, Override{tmpl, &b});
                    auto t = library_.get(n.text);
                    if (t.tmpl) walk(n.text, t.tmpl->nodes(), stack, inner, depth + 1);
                    break;
                }
                case NodeKind::block: {
                    auto it = overrides.find(n.text);
                    if (it != overrides.end())
                        walk(it->second.template_name, it->second.block->children, stack, overrides, depth + 1);
                    else
                        walk(tmpl, n.children, stack, overrides, depth);
                    break;
                }
            }
        }
    }
};

}  // namespace

std::vector<UnknownVariable> unknown_variables(const Library& library, const Variables& variables, const nlohmann::json& asset_url) {
    Checker checker(library, asset_url);
    for (const auto& kind : variables.kinds()) checker.check(kind, variables.kind(kind));
    return checker.unknown();
}

}  // namespace passage::templates
