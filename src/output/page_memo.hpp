#pragma once
// Writing the site's files, with the incremental cache: a page whose inputs hash as they did in the
// last build is not made again but linked from the previous output (Staging::reuse), with what
// making it reported given again; and the link check looks only at the pages whose links may have
// broken. Without the cache (a store that remembers nothing) every page is made and checked.
//
// What the store keeps: per page, under "output.page/1" and its path, the hash of its inputs, the
// checksum of its bytes, the stamp of its file once published (see cache_stamp), its ids and links
// and its diagnostics; and under "output.site/1" the site's files (see LinkPlan). The store keeps
// them only for a build that published its site, so the links of a page it names did resolve in
// the site of that build.
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cache/store.hpp"
#include "diag/diag.hpp"
#include "output/links.hpp"
#include "output/output.hpp"
#include "util/hash.hpp"

namespace passage::output {

// The files of the site as a build makes them: each goes to the staging folder at once; what stays is
// its path and, for an HTML file, its ids and links, for the link check at the end.
class SiteFiles {
public:
    explicit SiteFiles(Staging& staging) : staging_(staging) {}
    // Writes a file. May be called from several threads at once, for different paths. Returns the ids
    // and links of an HTML file (nothing for another).
    PageLinks add(const std::string& path, std::string_view data);
    // A file the staging folder took from the previous output, with its ids and links.
    void add_reused(const std::string& path, PageLinks links);

    std::vector<std::string> paths() const;  // every path added, sorted
    const LinkIndex& links() const { return links_; }
    std::vector<std::string> fresh_html() const;  // the HTML files written (not reused), sorted
    Staging& staging() { return staging_; }

private:
    Staging& staging_;
    mutable std::mutex mutex_;
    std::vector<std::string> paths_, reused_;
    LinkIndex links_;
};

// What the link check must look at, given the site of the last build and this one's.
struct LinkPlan {
    // The last build's site: its files, sorted, and a hash of the ids of its HTML files that are not
    // pages (assets), which pages may link to.
    struct Site {
        std::vector<std::string> paths;
        std::uint64_t other_ids = 0;
        bool operator==(const Site&) const = default;
    };
    // Pages taken from the last build had every link resolve in its site. An id or a file added
    // breaks no link; a file gone breaks the links to it; an id gone, any link. So: when no page made
    // now lost an id it had, and the other HTML files have the ids they had, only the HTML files
    // written now need checking, and the pages with a link that may lead to a file gone; otherwise
    // all of them (nullopt).
    static std::optional<std::vector<std::string>> pages_to_check(const std::optional<Site>& before, const Site& now, bool ids_lost,
                                                                  const std::vector<std::string>& fresh, const LinkIndex& links,
                                                                  unsigned jobs);
};

class PageMemo {
public:
    // `shared`: what every page is made with besides its own inputs (templates, asset names, the
    // strictness of the build).
    PageMemo(cache::Store& store, const util::Hash128& shared) : store_(store), shared_(shared) {}

    // Adds the file at `path`: taken from the previous output when the last build made it from the
    // same `inputs` and the previous output still holds its bytes, made by `make` (with what making
    // it reports going to the sink it is given) otherwise. Returns whether it was made. Thread-safe.
    bool add(SiteFiles& site, const std::string& path, const util::Hash128& inputs, const std::function<std::string(diag::Sink&)>& make,
             diag::Sink& sink);

    // The HTML pages made by add(), sorted; whether one of them lacks an id it had in the last build.
    std::vector<std::string> made() const;
    bool ids_lost() const { return ids_lost_; }

    // The pages whose links the link check must look at (nullopt: all), see LinkPlan.
    std::optional<std::vector<std::string>> pages_to_check(const SiteFiles& site, unsigned jobs);

    // Keeps every file added, with the stamp `stamp(path)` gives of its published file (0: none).
    void save(const std::function<std::uint64_t(const std::string& path)>& stamp);

    struct Entry {
        util::Hash128 inputs;
        std::uint64_t checksum = 0, stamp = 0;
        PageLinks links;
        std::vector<diag::Diagnostic> diagnostics;
        bool operator==(const Entry&) const = default;
    };
    static std::string encode(const Entry& e);
    static std::optional<Entry> decode(std::string_view bytes);

private:
    std::optional<Entry> previous(const std::string& path) const;

    cache::Store& store_;
    util::Hash128 shared_;
    mutable std::mutex mutex_;
    std::vector<std::pair<std::string, Entry>> kept_;
    std::vector<std::string> made_;
    bool ids_lost_ = false;
    std::optional<LinkPlan::Site> site_now_;
};

}  // namespace passage::output
