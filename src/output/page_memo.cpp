#include "output/page_memo.hpp"

#include <algorithm>
#include <iterator>

#include "util/codec.hpp"

namespace passage::output {

namespace {

bool is_html(std::string_view path) {
    return path.size() > 5 && path.ends_with(".html");
}

cache::Key page_key(const std::string& path) {
    return util::Hasher("output.page/1").add(path).value128();
}

const cache::Key& site_key() {
    static const cache::Key key = util::Hasher("output.site/1").value128();
    return key;
}

}  // namespace

// --- SiteFiles ---------------------------------------------------------------------------------

PageLinks SiteFiles::add(const std::string& path, std::string_view data) {
    PageLinks links;
    const bool html = is_html(path);
    if (html) links = scan_links(data);
    staging_.write(path, data);
    std::lock_guard lock(mutex_);
    paths_.push_back(path);
    if (html) links_[path] = links;
    return links;
}

void SiteFiles::add_reused(const std::string& path, PageLinks links) {
    std::lock_guard lock(mutex_);
    paths_.push_back(path);
    reused_.push_back(path);
    if (is_html(path)) links_[path] = std::move(links);
}

std::vector<std::string> SiteFiles::paths() const {
    std::lock_guard lock(mutex_);
    auto out = paths_;
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::string> SiteFiles::fresh_html() const {
    std::lock_guard lock(mutex_);
    auto reused = reused_;
    std::sort(reused.begin(), reused.end());
    std::vector<std::string> out;
    for (const auto& [path, _] : links_)
        if (!std::binary_search(reused.begin(), reused.end(), path)) out.push_back(path);
    return out;
}

// --- LinkPlan ----------------------------------------------------------------------------------

std::optional<std::vector<std::string>> LinkPlan::pages_to_check(const std::optional<Site>& before, const Site& now, bool ids_lost,
                                                                 const std::vector<std::string>& fresh, const LinkIndex& links,
                                                                 unsigned jobs) {
    if (ids_lost || !before || before->other_ids != now.other_ids) return std::nullopt;
    std::vector<std::string> gone;
    std::set_difference(before->paths.begin(), before->paths.end(), now.paths.begin(), now.paths.end(), std::back_inserter(gone));
    if (gone.empty()) return fresh;
    auto reaching = pages_linking_to(links, gone, jobs);
    std::vector<std::string> both;
    std::set_union(fresh.begin(), fresh.end(), reaching.begin(), reaching.end(), std::back_inserter(both));
    return both;
}

// --- PageMemo ----------------------------------------------------------------------------------

std::string PageMemo::encode(const Entry& e) {
    util::Writer w;
    w.hash(e.inputs).number(e.checksum).number(e.stamp).strings(e.links.ids);
    w.list(e.links.links, [&](const PageLinks::Link& l) { w.string(l.href).position(l.pos); });
    diag::write(w, e.diagnostics);
    return w.take();
}

std::optional<PageMemo::Entry> PageMemo::decode(std::string_view bytes) {
    util::Reader r(bytes);
    Entry e;
    e.inputs = r.hash();
    e.checksum = r.number();
    e.stamp = r.number();
    e.links.ids = r.strings();
    if (!std::is_sorted(e.links.ids.begin(), e.links.ids.end())) r.invalidate();
    e.links.links.resize(r.count());
    for (auto& l : e.links.links) {
        l.href = r.string();
        l.pos = r.position();
    }
    e.diagnostics = diag::read(r);
    if (!r.finished()) return std::nullopt;
    return e;
}

std::optional<PageMemo::Entry> PageMemo::previous(const std::string& path) const {
    if (!store_.enabled()) return std::nullopt;
    auto bytes = store_.get(page_key(path));
    return bytes ? decode(*bytes) : std::nullopt;
}

bool PageMemo::add(SiteFiles& site, const std::string& path, const util::Hash128& page_inputs,
                   const std::function<std::string(diag::Sink&)>& make, diag::Sink& sink) {
    const auto before = previous(path);
    Entry now;
    now.inputs = util::Hasher("output.inputs/1").hash(shared_).hash(page_inputs).value128();
    if (before && before->inputs == now.inputs && site.staging().reuse(path, before->checksum, before->stamp)) {
        diag::replay(before->diagnostics, sink);
        site.add_reused(path, before->links);
        std::lock_guard lock(mutex_);
        kept_.emplace_back(path, *before);
        return false;
    }
    std::string bytes;
    now.diagnostics = diag::capture(sink, [&](diag::Sink& own) { bytes = make(own); });
    now.links = site.add(path, bytes);
    now.checksum = util::hash64(bytes);
    std::lock_guard lock(mutex_);
    made_.push_back(path);
    // Ids are sorted (scan_links). One added breaks no link; one gone may.
    if (!before || !std::includes(now.links.ids.begin(), now.links.ids.end(), before->links.ids.begin(), before->links.ids.end()))
        ids_lost_ = true;
    if (store_.enabled()) kept_.emplace_back(path, std::move(now));
    return true;
}

std::vector<std::string> PageMemo::made() const {
    std::lock_guard lock(mutex_);
    auto out = made_;
    std::sort(out.begin(), out.end());
    return out;
}

std::optional<std::vector<std::string>> PageMemo::pages_to_check(const SiteFiles& site, unsigned jobs) {
    const auto made_now = made();
    const auto fresh = site.fresh_html();
    util::Hasher other;  // the ids of the HTML files that are not pages made here (assets)
    for (const auto& p : fresh) {
        if (std::binary_search(made_now.begin(), made_now.end(), p)) continue;
        const auto& ids = site.links().at(p).ids;
        other.add(p).strings(ids);
    }
    site_now_ = LinkPlan::Site{site.paths(), other.value()};
    std::optional<LinkPlan::Site> before;
    if (store_.enabled())
        if (auto bytes = store_.get(site_key())) {
            util::Reader r(*bytes);
            LinkPlan::Site s;
            s.other_ids = r.number();
            s.paths = r.strings();
            if (r.finished() && std::is_sorted(s.paths.begin(), s.paths.end())) before = std::move(s);
        }
    return LinkPlan::pages_to_check(before, *site_now_, ids_lost_, fresh, site.links(), jobs);
}

void PageMemo::save(const std::function<std::uint64_t(const std::string&)>& stamp) {
    if (!store_.enabled()) return;
    std::lock_guard lock(mutex_);
    for (auto& [path, entry] : kept_) {
        entry.stamp = stamp ? stamp(path) : 0;
        store_.put(page_key(path), encode(entry));
    }
    if (site_now_) {
        util::Writer w;
        w.number(site_now_->other_ids).strings(site_now_->paths);
        store_.put(site_key(), w.take());
    }
}

}  // namespace passage::output
