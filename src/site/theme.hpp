#pragma once
// The theme of a build: the built-in templates and assets (src/builtin), each replaced by the file of
// the same name in the project's folders, and the folders' other files.
#include <map>
#include <string>

#include "content/corpus.hpp"
#include "diag/diag.hpp"
#include "fs/fs.hpp"
#include "output/page_memo.hpp"
#include "render/feeds.hpp"
#include "site/site.hpp"

namespace passage::site {

// False, with an error in `sink` (tpl-missing, asset-missing), when a templates or assets folder the
// user named does not exist or is not a folder. The first thing build checks; the program checks it
// before it takes any lock, so that such a run writes nothing at all.
bool check_theme_folders(const fs::FileSystem& fs, const Options& options, diag::Sink& sink);

// The assets, added to `files`: the built-in ones, each replaced by the file of the same name in the
// assets folder, and the folder's others. With a base_url the names of the .css and .js files carry a
// hash of their bytes; returned: the names the pages give them (render::AssetNames).
render::AssetNames add_assets(const fs::FileSystem& fs, const Options& o, const content::Corpus& corpus, output::SiteFiles& files,
                              diag::Sink& sink);

}  // namespace passage::site
