#include "config/config.hpp"

#include "content/content.hpp"
#include "content/fields.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"
#include "util/url.hpp"

namespace passage::config {

using content::Fields;
using content::read_json;
using content::Site;

std::optional<std::string> base_url(const std::string& url, std::string* why) {
    if (!util::SafeUrl::make(url, util::SafeUrl::Allow::web, why)) return std::nullopt;
    return url.back() == '/' ? url : url + '/';
}

Site load(const fs::FileSystem& fs, const std::string& dir, diag::Sink& sink, const std::string& base_url_override) {
    Site site;
    site.path = fs::join(dir, "site.json");
    if (fs.kind(dir) != fs::Kind::directory) {
        sink.error("content-missing", dir, {}, "the content folder does not exist", "give its path with --content");
        return site;
    }
    if (fs.kind(site.path) == fs::Kind::none && !fs.is_symlink(site.path)) {
        sink.error("content-missing", site.path, {}, "the content folder has no site.json", "create it with at least {\"title\": \"...\"}");
        return site;
    }
    auto doc = read_json(fs, dir, site.path, sink);
    if (!doc) return site;
    site.source_hash = content::hash_source(*doc->source);
    Fields f(*doc, sink);
    f.check_known("", {"title", "description", "language", "base_url", "author", "options", "downloads"});
    f.check_known("/downloads", {"epub", "zip"});
    f.check_known("/options", {"raw_html", "mention_policy", "search_head"});
    site.title = f.string("/title", true).value_or("");
    site.description = f.string("/description").value_or("");
    site.language = f.string("/language").value_or("en");
    site.base_url = f.string("/base_url").value_or("");
    site.author = f.string("/author").value_or("");
    if (!site.base_url.empty()) {
        std::string why;
        if (auto url = base_url(site.base_url, &why)) {
            site.base_url = *url;
        } else {
            sink.error("meta-url", site.path, doc->value_position("/base_url"),
                       "\"/base_url\" must be an absolute http(s) URL; it is " + why);
            site.base_url.clear();
        }
    }
    if (!base_url_override.empty()) {
        site.base_url = base_url(base_url_override, nullptr).value_or("");
        // Every page shows the base_url (canonical links): what stands for site.json in the cache's
        // keys must change with it.
        site.source_hash = util::Hasher("config.base_url/1").number(site.source_hash).add(site.base_url).value();
    }
    // Where the offline editions are published, linked from the home page: an absolute http(s) URL,
    // or a path under the base_url. Never a link into the site: the editions are written beside it.
    if (f.object("/downloads")) {
        for (auto [key, dst] : {std::pair{"epub", &site.download_epub}, std::pair{"zip", &site.download_zip}}) {
            const std::string ptr = std::string("/downloads/") + key;
            auto value = f.string(ptr);
            if (!value || value->empty()) continue;
            std::string why;
            const bool absolute = value->find("://") != std::string::npos || value->find(':') < value->find('/');
            if (absolute && util::SafeUrl::make(*value, util::SafeUrl::Allow::web, &why)) {
                *dst = *value;
            } else if (!absolute && (*value)[0] != '/' && value->find("..") == std::string::npos && !site.base_url.empty()) {
                *dst = site.base_url + *value;
            } else {
                sink.error("meta-url", site.path, doc->value_position(ptr),
                           "\"" + ptr + "\" must be an absolute http(s) URL, or a path under the base_url" +
                               (absolute                ? "; it is " + why
                                : site.base_url.empty() ? ", and there is no base_url"
                                                        : ""),
                           "e.g. \"https://example.org/reference." + std::string(key) + "\"");
            }
        }
    }
    if (f.object("/options")) {
        site.raw_html = f.boolean("/options/raw_html").value_or(false);
        site.mention_policy = f.string("/options/mention_policy").value_or("paragraph");
        if (site.mention_policy != "paragraph" && site.mention_policy != "section" && site.mention_policy != "every")
            sink.error("meta-value", site.path, doc->at("/options/mention_policy"),
                       "\"/options/mention_policy\" must be \"paragraph\", \"section\" or \"every\"");
        if (auto head = f.number("/options/search_head")) {
            if (*head < 1 || *head > 1e7 || *head != static_cast<double>(static_cast<long>(*head)))
                sink.error("meta-value", site.path, doc->at("/options/search_head"),
                           "\"/options/search_head\" must be a whole number from 1 to 10000000");
            else
                site.search_head = static_cast<std::size_t>(*head);
        }
    }
    return site;
}

}  // namespace passage::config
