#include "templates/templates.hpp"

#include <set>
#include <tuple>

#include "templates/mustache.hpp"
#include "templates/variables.hpp"
#include "util/hash.hpp"

namespace passage::templates {

namespace {

constexpr std::string_view kExtension = ".mustache";
constexpr std::size_t kMaxTemplateBytes = std::size_t{1} << 20;  // a template is a page's frame, not its content

// Template names are plain file names: no folders, no "..", nothing a path could be made of.
bool valid_name(std::string_view name) {
    if (name.empty() || name.size() > 100) return false;
    for (char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
    return true;
}

// Where diagnostics say a built-in template comes from: no file on the disk, but a name that tells
// which one to copy into the templates folder to change it.
constexpr std::string_view kBuiltinFolder = "<built-in>/templates";

// The file a template came from (a built-in one's name under the built-in folder).
std::string file_of(const std::map<std::string, std::string>& files, const std::string& dir, const std::string& name) {
    auto it = files.find(name);
    return it != files.end() ? it->second : fs::join(dir, name + std::string(kExtension));
}

void report(diag::Sink& sink, const std::map<std::string, std::string>& files, const std::string& dir, const TemplateError& e,
            const std::string& code) {
    sink.error(code, file_of(files, dir, e.name), {e.line, e.column}, e.message);
}

}  // namespace

std::optional<Engine> Engine::load(const fs::FileSystem& fs, const std::string& dir, diag::Sink& sink,
                                   std::span<const builtin::File> defaults) {
    const auto kind = dir.empty() ? fs::Kind::none : fs.kind(dir);
    if (kind != fs::Kind::none && kind != fs::Kind::directory) {
        sink.error("tpl-missing", dir, {}, "the templates path is not a folder", "give a folder with --templates");
        return std::nullopt;
    }
    Engine engine;
    engine.dir_ = dir.empty() ? std::string(kBuiltinFolder) : dir;
    for (const auto& file : defaults) {
        if (!file.path.ends_with(kExtension)) continue;
        std::string name(file.path.substr(0, file.path.size() - kExtension.size()));
        std::string path = std::string(kBuiltinFolder) + "/" + std::string(file.path);
        sink.add_source(std::make_shared<util::SourceText>(path, std::string(file.bytes)));
        engine.sources_[name] = std::string(file.bytes);
        engine.files_[name] = std::move(path);
    }
    for (const auto& file : kind == fs::Kind::directory ? fs.list(dir) : std::vector<std::string>{}) {
        if (file.size() <= kExtension.size() || !file.ends_with(kExtension)) continue;
        std::string name = file.substr(0, file.size() - kExtension.size());
        std::string path = fs::join(dir, file);
        if (!valid_name(name)) {
            sink.warning("tpl-name", path, {}, "ignored: template names use letters, digits, '-' and '_' only");
            continue;
        }
        fs::ReadError err;
        auto text = fs.read_regular(dir, path, kMaxTemplateBytes, &err);
        if (!text && err.refusal == fs::Refusal::symlink) {
            sink.error("tpl-symlink", path, {}, "templates may not be symbolic links");
            continue;
        }
        if (!text) {
            sink.error("tpl-read", path, {}, "cannot read the template: " + err.message);
            continue;
        }
        sink.add_source(std::make_shared<util::SourceText>(path, *text));
        engine.sources_[name] = std::move(*text);
        engine.files_[name] = path;
    }
    if (!engine.compile(sink)) return std::nullopt;
    return engine;
}

std::optional<Engine> Engine::with(const std::string& name, std::string text, const std::string& file, diag::Sink& sink) const {
    Engine engine = *this;
    sink.add_source(std::make_shared<util::SourceText>(file, text));
    engine.sources_[name] = std::move(text);
    engine.files_[name] = file;
    if (!engine.compile(sink)) return std::nullopt;
    return engine;
}

bool Engine::compile(diag::Sink& sink) {
    auto sources = std::make_shared<const std::map<std::string, std::string>>(sources_);
    library_ = std::make_shared<const Library>([sources](std::string_view name) -> std::optional<std::string> {
        if (!valid_name(name)) return std::nullopt;
        auto it = sources->find(std::string(name));
        if (it == sources->end()) return std::nullopt;
        return it->second;
    });
    bool ok = true;
    for (const auto& [name, _] : sources_) {
        if (auto e = library_->preload(name)) {
            report(sink, files_, dir_, *e, "tpl-syntax");
            ok = false;
        }
    }
    return ok;
}

void Engine::check_variables(const Variables& variables, const nlohmann::json& asset_url, diag::Sink& sink) {
    for (const auto& u : unknown_variables(*library_, variables, asset_url)) {
        std::string help = u.suggestion.empty() ? std::string() : "did you mean \"" + u.suggestion + "\"? ";
        help += "docs/templates.md lists the variables of each page kind";
        sink.warning("tpl-unknown-var", file_of(files_, dir_, u.template_name), {u.line, u.column},
                     "no page kind that renders this template gives a variable \"" + u.name + "\"", help);
        unknown_.emplace(u.template_name, u.line, u.column);
    }
}

std::string Engine::render(const std::string& name, const nlohmann::json& context, diag::Sink& sink) const {
    if (!has(name)) {
        sink.error("tpl-missing", fs::join(dir_, name + std::string(kExtension)), {}, "no template \"" + name + "\" in " + dir_);
        return {};
    }
    RenderOptions opt;
    std::set<std::tuple<std::string, int, int, std::string>> missing;  // template, line, column, variable
    opt.on_missing = [&](const RenderOptions::Missing& m) {
        if (unknown_.count({std::string(m.template_name), m.line, m.column})) return;  // reported as tpl-unknown-var
        missing.emplace(std::string(m.template_name), m.line, m.column, std::string(m.variable));
    };
    auto result = library_->render(name, context, opt);
    // The same words for every page, so that the sink keeps one warning a tag however many pages
    // meet it.
    for (const auto& [tmpl, line, column, variable] : missing)
        sink.warning("tpl-missing-variable", file_of(files_, dir_, tmpl), {line, column}, "variable \"" + variable + "\" has no value",
                     "check its name; a value that may be absent goes in a section: {{#" + variable + "}}…{{/" + variable + "}}");
    if (result.error) {
        report(sink, files_, dir_, *result.error, "tpl-render");
        return {};
    }
    return std::move(result.output);
}

bool Engine::mentions(std::string_view name) const {
    for (const auto& [_, text] : sources_)
        if (text.find(name) != std::string::npos) return true;
    return false;
}

std::uint64_t Engine::fingerprint() const {
    util::Hasher h;
    for (const auto& [name, text] : sources_) h.add(name).add(text);
    return h.value();
}

}  // namespace passage::templates
