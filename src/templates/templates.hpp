#pragma once
// The template stage: every *.mustache file of the templates folder compiled once per build, then
// rendered with a page's view model. Template syntax is known only to this module.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <nlohmann/json.hpp>

#include "builtin/builtin.hpp"
#include "diag/diag.hpp"
#include "fs/fs.hpp"

namespace passage::templates {

class Library;
class Variables;

class Engine {
public:
    // Loads and compiles the templates of `dir` (names are file names without ".mustache"; only
    // plain names: no sub-folders, no "..", no symbolic links), over `defaults` (the built-in theme,
    // builtin::templates()): a file of `dir` replaces the default of the same name, the other
    // defaults stay. A `dir` that does not exist (or "") holds no template; one that is not a folder
    // is an error. Errors (tpl-*) go to `sink`; a default is named "<built-in>/templates/NAME.mustache".
    static std::optional<Engine> load(const fs::FileSystem& fs, const std::string& dir, diag::Sink& sink,
                                      std::span<const builtin::File> defaults = {});

    // A copy of this engine in which template `name` is `text` (named `file` in diagnostics), every
    // other template as it is: the offline edition renders the site's page templates in a frame of
    // its own. nullopt, with tpl-syntax errors in `sink`, when a template no longer compiles.
    std::optional<Engine> with(const std::string& name, std::string text, const std::string& file, diag::Sink& sink) const;

    bool has(const std::string& name) const { return sources_.count(name) > 0; }
    // A hash of every template's name and text: equal for template sets that render alike.
    std::uint64_t fingerprint() const;
    // Whether the text of some template holds `name`: a template that does not cannot read it.
    bool mentions(std::string_view name) const;
    // Checks every template a page kind renders against the variables the kind gives
    // (templates/variables.hpp), `asset_url` being what the pages give it: a tag whose name no such
    // kind gives is a warning tpl-unknown-var, and is not reported again by render. Call it once,
    // before the pages are rendered.
    void check_variables(const Variables& variables, const nlohmann::json& asset_url, diag::Sink& sink);
    // Renders template `name`; errors, and tags that have no value (tpl-missing-variable, a warning),
    // are reported to `sink`.
    std::string render(const std::string& name, const nlohmann::json& context, diag::Sink& sink) const;

private:
    // Compiles sources_ into library_; false, with the errors in `sink`, when one does not compile.
    bool compile(diag::Sink& sink);

    std::string dir_;
    std::map<std::string, std::string> sources_;  // name -> text
    std::map<std::string, std::string> files_;    // name -> the file it came from, as diagnostics name it
    std::shared_ptr<const Library> library_;
    std::set<std::tuple<std::string, int, int>> unknown_;  // template, line, column of the tags check_variables reported
};

}  // namespace passage::templates
