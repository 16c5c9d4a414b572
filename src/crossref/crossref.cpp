// Names, references and the read side of the graph.
#include "crossref/crossref.hpp"

#include <algorithm>

#include "util/strings.hpp"

namespace passage::crossref {

namespace {

constexpr const char* kKindNames[kKinds] = {"document", "instrument", "organization", "recommendations", "theme", "annotation"};
constexpr const char* kTypeNames[kEdgeTypes] = {"about",   "adopted-by",  "annotates", "cites",  "invokes",    "issued-by",  "mentions",
                                                "part-of", "protocol-to", "related",   "source", "supersedes", "supplements"};

struct Scheme {
    const char* name;
    const char* kind;
};
constexpr Scheme kSchemes[] = {{"instrument", "instrument"}, {"org", "organization"},      {"doc", "document"}, {"rec", "recommendations"},
                               {"theme", "theme"},           {"annotation", "annotation"}, {"fn", "footnote"}};

const char* kind_of_scheme(std::string_view scheme) {
    for (const auto& s : kSchemes)
        if (scheme == s.name) return s.kind;
    return nullptr;
}

void collect_items(const std::vector<content::RecItem>& items, std::vector<std::string>& out) {
    for (const auto& it : items) {
        out.push_back(it.number);
        collect_items(it.items, out);
    }
}

}  // namespace

const char* kind_name(Kind kind) {
    return kKindNames[static_cast<std::size_t>(kind)];
}

std::optional<Kind> kind_named(std::string_view name) {
    for (std::size_t k = 0; k < kKinds; ++k)
        if (name == kKindNames[k]) return static_cast<Kind>(k);
    return std::nullopt;
}

const char* type_name(EdgeType type) {
    return kTypeNames[static_cast<std::size_t>(type)];
}

std::optional<EdgeType> type_named(std::string_view name) {
    for (std::size_t t = 0; t < kEdgeTypes; ++t)
        if (name == kTypeNames[t]) return static_cast<EdgeType>(t);
    return std::nullopt;
}

bool is_citation(EdgeType type) {
    return type == EdgeType::cites || type == EdgeType::mentions || type == EdgeType::invokes || type == EdgeType::source ||
           type == EdgeType::annotates;
}

std::string page_path(const std::string& kind, const std::string& id) {
    if (kind == "document") return "documents/" + id + ".html";
    if (kind == "instrument") return "instruments/" + id + ".html";
    if (kind == "organization") return "organizations/" + id + ".html";
    if (kind == "recommendations") return "recommendations/" + id + ".html";
    if (kind == "theme") return "themes/" + id + ".html";
    if (kind == "annotation") return "annotations/" + id + ".html";
    return "index.html";
}

std::string item_anchor(const std::string& number) {
    std::string anchor = "item-" + number;
    std::replace(anchor.begin(), anchor.end(), '.', '-');
    return anchor;
}

bool has_our_scheme(const std::string& ref) {
    auto colon = ref.find(':');
    return colon != std::string::npos && kind_of_scheme(std::string_view(ref).substr(0, colon));
}

bool is_external(const std::string& ref) {
    for (const char* p : {"http://", "https://", "mailto:", "ftp://", "tel:"})
        if (ref.starts_with(p)) return true;
    return false;
}

// --- Names --------------------------------------------------------------------------------------

Names::Names(const content::Corpus& c, diag::Sink& sink) {
    auto add = [&](Kind kind, const std::string& id, const std::string& title) {
        auto k = static_cast<std::size_t>(kind);
        if (by_id_[k].emplace(id, static_cast<NodeId>(nodes_.size())).second) {
            nodes_.push_back({kind, id, title});
            ids_[k].push_back(id);
        }
    };
    for (const auto& d : c.documents) add(Kind::document, d.id, d.title);
    for (const auto& x : c.instruments) add(Kind::instrument, x.id, x.short_title.empty() ? x.title : x.short_title);
    for (const auto& x : c.organizations) add(Kind::organization, x.id, x.short_name.empty() ? x.name : x.short_name);
    for (const auto& x : c.recommendations) {
        add(Kind::recommendations, x.id, x.title);
        collect_items(x.items, items_[find(Kind::recommendations, x.id)]);
    }
    for (const auto& x : c.themes) {
        if (find(Kind::theme, x.id) != kNoNode)
            sink.error("content-duplicate-id", x.loc.file, x.loc.pos, "duplicate theme id \"" + x.id + "\"");
        add(Kind::theme, x.id, x.title);
    }
    for (const auto& x : c.annotations) add(Kind::annotation, x.id, x.title);
    for (auto& list : ids_) std::sort(list.begin(), list.end());

    // Every name of every instrument and organization: title, short title and aliases.
    auto name = [&](const std::string& target, const std::string& phrase, const content::Loc& loc) {
        if (!util::trim(phrase).empty()) named_.push_back({target, phrase, loc});
    };
    for (const auto& x : c.instruments) {
        name("instrument:" + x.id, x.title, {x.path, {}});
        name("instrument:" + x.id, x.short_title, {x.path, {}});
        for (std::size_t i = 0; i < x.aliases.size(); ++i) name("instrument:" + x.id, x.aliases[i], x.alias_locs[i]);
    }
    for (const auto& x : c.organizations) {
        name("org:" + x.id, x.name, {x.path, {}});
        name("org:" + x.id, x.short_name, {x.path, {}});
        for (std::size_t i = 0; i < x.aliases.size(); ++i) name("org:" + x.id, x.aliases[i], x.alias_locs[i]);
    }
    std::vector<Alias> aliases;
    aliases.reserve(named_.size());
    for (const auto& n : named_) aliases.push_back({n.phrase, n.target});
    std::vector<AliasConflict> conflicts;
    aliases_ = std::make_shared<const Matcher>(Matcher::build(aliases, &conflicts));
    for (const auto& k : conflicts) {
        const auto& second = named_[k.second];
        sink.error("alias-conflict", second.loc.file, second.loc.pos,
                   "\"" + k.phrase + "\" names both " + k.first_target + " and " + k.second_target,
                   "keep the alias on one entity; where a document means one of them, use its \"context_aliases\"");
    }

    util::Hasher a("crossref.aliases/1");
    for (const auto& n : nodes_)
        if (n.kind == Kind::instrument || n.kind == Kind::organization) a.number(static_cast<std::uint64_t>(n.kind)).add(n.id).add(n.title);
    a.number(named_.size());
    for (const auto& n : named_) a.add(n.target).add(n.phrase);
    aliases_fingerprint_ = a.value128();

    util::Hasher h("crossref.names/1");
    h.number(nodes_.size());
    for (const auto& n : nodes_) h.number(static_cast<std::uint64_t>(n.kind)).add(n.id).add(n.title);
    for (const auto& n : nodes_)
        if (auto it = items_.find(static_cast<NodeId>(&n - nodes_.data())); it != items_.end()) {
            h.add(n.id).number(it->second.size());
            for (const auto& item : it->second) h.add(item);
        }
    h.number(named_.size());
    for (const auto& n : named_) h.add(n.target).add(n.phrase);
    fingerprint_ = h.value128();
}

NodeId Names::find(Kind kind, std::string_view id) const {
    const auto& map = by_id_[static_cast<std::size_t>(kind)];
    auto it = map.find(std::string(id));
    return it == map.end() ? kNoNode : it->second;
}

NodeId Names::find(std::string_view kind, std::string_view id) const {
    auto k = kind_named(kind);
    return k ? find(*k, id) : kNoNode;
}

const std::vector<std::string>& Names::items(NodeId set) const {
    static const std::vector<std::string> none;
    auto it = items_.find(set);
    return it == items_.end() ? none : it->second;
}

std::optional<Target> Names::target(const std::string& ref, const std::string& current_doc,
                                    const std::vector<std::string>* own_anchors) const {
    auto colon = ref.find(':');
    if (colon == std::string::npos) return std::nullopt;
    const char* kind = kind_of_scheme(std::string_view(ref).substr(0, colon));
    if (!kind) return std::nullopt;
    std::string rest = ref.substr(colon + 1);
    if (std::string_view(kind) == "footnote") {
        if (current_doc.empty()) return std::nullopt;
        std::string anchor = "fn-" + rest;
        if (own_anchors && !std::binary_search(own_anchors->begin(), own_anchors->end(), anchor)) return std::nullopt;
        return Target{
            {"document", current_doc, anchor}, page_path("document", current_doc) + "#" + anchor, "Note " + rest, "ref ref-footnote"};
    }
    std::string id = rest, anchor;
    const char sep = std::string_view(kind) == "recommendations" ? '/' : '#';
    if (auto p = rest.find(sep); p != std::string::npos) {
        id = rest.substr(0, p);
        anchor = rest.substr(p + 1);
    }
    const NodeId n = find(kind, id);
    if (n == kNoNode) return std::nullopt;
    Target t{{kind, id, anchor}, page_path(kind, id), nodes_[n].title, std::string("ref ref-") + kind};
    if (anchor.empty()) return t;
    // '#' and the anchor appended one after the other: GCC 12 warns falsely (-Wrestrict, PR105329)
    // on "#" + a temporary string in a Release build.
    if (std::string_view(kind) == "document") {
        t.path += '#';
        t.path += anchor;
    } else if (std::string_view(kind) == "recommendations") {
        const auto& list = items(n);
        if (std::find(list.begin(), list.end(), anchor) == list.end()) return std::nullopt;
        t.path += '#';
        t.path += item_anchor(anchor);
    } else {
        return std::nullopt;
    }
    return t;
}

// --- Graph, read side ------------------------------------------------------------------------

const std::string& Graph::source_label(const Arc& arc) const {
    return strings_[arc.from_label];
}

std::string Graph::label(NodeId document, std::string_view anchor) const {
    if (document < doc_passages_.size())
        if (auto it = doc_passages_[document].find(std::string(anchor)); it != doc_passages_[document].end() && !it->second.label.empty())
            return it->second.label;
    return std::string(anchor);
}

std::uint32_t Graph::rank(NodeId node, std::string_view anchor) const {
    if (anchor.empty()) return 0;
    if (node < doc_passages_.size() && !doc_passages_[node].empty()) {
        auto it = doc_passages_[node].find(std::string(anchor));
        return it == doc_passages_[node].end() ? 0xFFFFFFFFu : it->second.rank;
    }
    const auto& items = names_->items(node);
    auto it = std::find(items.begin(), items.end(), anchor);
    return it == items.end() ? 0xFFFFFFFFu : static_cast<std::uint32_t>(it - items.begin()) + 1;
}

const std::vector<std::string>& Graph::anchors_of(NodeId document) const {
    static const std::vector<std::string> none;
    return document < doc_anchors_.size() ? doc_anchors_[document] : none;
}

const std::string* Graph::title(std::string_view kind, std::string_view id) const {
    const NodeId n = names_->find(kind, id);
    return n == kNoNode ? nullptr : &names_->node(n).title;
}

Edge Graph::edge(std::size_t i) const {
    const Arc& a = arcs_[i];
    const auto& from = names_->node(a.from);
    const auto& to = names_->node(a.to);
    return {type_name(a.type),
            {kind_name(from.kind), from.id, strings_[a.from_anchor]},
            {kind_name(to.kind), to.id, strings_[a.to_anchor]},
            a.snippet,
            strings_[a.from_label],
            a.count};
}

std::optional<Target> Graph::resolve(const std::string& ref, const std::string& current_doc, const std::string& file, util::Position pos,
                                     diag::Sink* sink) const {
    auto fail = [&](const std::string& msg, const std::string& hint) -> std::optional<Target> {
        if (sink) sink->error("ref-unknown", file, pos, msg, hint);
        return std::nullopt;
    };
    auto suggest = [&](const std::string& name, const std::vector<std::string>& options, const std::string& prefix) {
        auto c = util::closest(name, options);
        return c ? "did you mean \"" + prefix + *c + "\"?" : std::string();
    };
    auto colon = ref.find(':');
    if (colon == std::string::npos) return std::nullopt;
    std::string scheme = ref.substr(0, colon), rest = ref.substr(colon + 1);
    const char* kind = kind_of_scheme(scheme);
    if (!kind) {
        std::vector<std::string> names;
        for (const auto& s : kSchemes) names.push_back(s.name);
        auto c = util::closest(scheme, names);
        return fail("unknown reference scheme \"" + scheme + ":\"",
                    c ? "did you mean \"" + *c + ":\"?" : "use one of instrument:, org:, doc:, rec:, theme:, annotation:, fn:");
    }
    if (std::string_view(kind) == "footnote") {
        if (current_doc.empty()) return fail("\"fn:\" references work only inside a document", "");
        const auto& anchors = anchors_of(names_->find(Kind::document, current_doc));
        if (!std::binary_search(anchors.begin(), anchors.end(), "fn-" + rest)) {
            std::vector<std::string> notes;
            for (const auto& a : anchors)
                if (a.starts_with("fn-")) notes.push_back(a.substr(3));
            return fail("no footnote " + rest + " in this document", suggest(rest, notes, "fn:"));
        }
        return names_->target(ref, current_doc);
    }
    std::string id = rest, anchor;
    const char sep = std::string_view(kind) == "recommendations" ? '/' : '#';
    if (auto p = rest.find(sep); p != std::string::npos) {
        id = rest.substr(0, p);
        anchor = rest.substr(p + 1);
    }
    const auto k = *kind_named(kind);
    const NodeId n = names_->find(k, id);
    if (n == kNoNode) return fail(std::string("unknown ") + kind + " \"" + id + "\"", suggest(id, names_->ids(k), scheme + ":"));
    if (!anchor.empty()) {
        if (k == Kind::document) {
            const auto& anchors = anchors_of(n);
            if (!std::binary_search(anchors.begin(), anchors.end(), anchor))
                return fail("no anchor \"#" + anchor + "\" in document \"" + id + "\"", suggest(anchor, anchors, "doc:" + id + "#"));
        } else if (k == Kind::recommendations) {
            const auto& items = names_->items(n);
            if (std::find(items.begin(), items.end(), anchor) == items.end())
                return fail("no item " + anchor + " in recommendation set \"" + id + "\"", suggest(anchor, items, "rec:" + id + "/"));
        } else {
            return fail(std::string("a reference to ") + kind + " \"" + id + "\" takes no anchor",
                        "remove \"" + std::string(1, sep) + anchor + "\"");
        }
    }
    return names_->target(ref, current_doc);
}

}  // namespace passage::crossref
