#include "site/theme.hpp"

#include "builtin/builtin.hpp"
#include "output/output.hpp"
#include "render/feeds.hpp"

namespace passage::site {

namespace {

// Every file below `dir`, as site-relative paths under `prefix`. Symbolic links are not followed.
void collect_assets(const fs::FileSystem& fs, const std::string& dir, const std::string& prefix, output::Files& files, diag::Sink& sink) {
    for (const auto& name : fs.list(dir)) {
        std::string path = fs::join(dir, name);
        if (fs.is_symlink(path)) {
            sink.warning("asset-symlink", path, {}, "symbolic link skipped");
            continue;
        }
        if (fs.kind(path) == fs::Kind::directory) {
            collect_assets(fs, path, prefix + name + "/", files, sink);
        } else if (auto data = output::read_asset(fs, dir, path, sink)) {
            files[prefix + name] = std::move(*data);
        }
    }
}

}  // namespace

bool check_theme_folders(const fs::FileSystem& fs, const Options& o, diag::Sink& sink) {
    bool ok = true;
    auto check = [&](bool named, const std::string& dir, const char* flag, const char* code, const char* what) {
        if (!named) return;
        const auto kind = fs.kind(dir);
        if (kind == fs::Kind::directory) return;
        sink.error(
            code, dir, {},
            std::string("the ") + what + " folder given with " + flag + (kind == fs::Kind::none ? " does not exist" : " is not a folder"),
            std::string("give an existing folder, or leave out ") + flag + " to use the built-in " + what);
        ok = false;
    };
    check(o.templates_named, o.templates, "--templates", "tpl-missing", "templates");
    check(o.assets_named, o.assets, "--assets", "asset-missing", "assets");
    return ok;
}

render::AssetNames add_assets(const fs::FileSystem& fs, const Options& o, const content::Corpus& corpus, output::SiteFiles& files,
                              diag::Sink& sink) {
    output::Files assets;
    for (const auto& file : builtin::assets()) assets["assets/" + std::string(file.path)] = std::string(file.bytes);
    if (fs.kind(o.assets) == fs::Kind::directory) collect_assets(fs, o.assets, "assets/", assets, sink);
    auto names = render::asset_names(corpus.site, assets);
    render::rename_files(assets, names.renamed);
    for (const auto& [path, data] : assets) files.add(path, data);
    return names;
}

}  // namespace passage::site
