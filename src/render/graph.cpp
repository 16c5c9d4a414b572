// graph.json, written straight into a string. At 10,000 documents the graph has a quarter of a
// million edges; building them as an nlohmann::json tree first cost more time than anything else in
// this stage and hundreds of megabytes. The text is byte for byte what nlohmann::json's
// dump(1, ' ', false, error_handler_t::replace) gives for the same tree: keys in sorted order (the
// order of its std::map objects), one space of indent per level, UTF-8 left as it is.

#include "json/json_writer.hpp"
#include "render/render.hpp"
#include "util/parallel.hpp"

namespace passage::render {

namespace {

class Writer {
public:
    explicit Writer(std::string& out) : out_(out) {}
    // One that goes on from `depth`, after an element when `first` is false (for a piece of an
    // array written apart).
    Writer(std::string& out, std::size_t depth, bool first) : out_(out), depth_(depth), first_(first) {}

    // A JSON string, as nlohmann::json writes it without ensure_ascii.
    void string(std::string_view s) { json::append_string(out_, s); }

    // Opens an object or an array: the members that follow are indented one step further.
    void open(char bracket) {
        out_ += bracket;
        ++depth_;
        first_ = true;
    }
    // Closes it; one with nothing in it stays on one line ("{}", "[]").
    void close(char bracket) {
        --depth_;
        if (!first_) {
            out_ += '\n';
            out_.append(depth_, ' ');
        }
        out_ += bracket;
        first_ = false;
    }
    // Says that elements were written into the open array by other writers (see the constructor).
    void wrote_elements() { first_ = false; }
    // Starts the next element of an array.
    void element() {
        out_ += first_ ? "\n" : ",\n";
        out_.append(depth_, ' ');
        first_ = false;
    }
    // Starts the next member of an object, up to its value.
    void key(std::string_view name) {
        element();
        string(name);
        out_ += ": ";
    }
    void member(std::string_view name, std::string_view value) {
        key(name);
        string(value);
    }

private:
    std::string& out_;
    std::size_t depth_ = 0;
    bool first_ = true;
};

void node_ref(Writer& w, const char* name, const crossref::NodeRef& n) {
    w.key(name);
    w.open('{');
    if (!n.anchor.empty()) w.member("anchor", n.anchor);
    w.member("id", n.id);
    w.member("kind", n.kind);
    w.close('}');
}

void edge(Writer& w, const crossref::Edge& e) {
    w.element();
    w.open('{');
    node_ref(w, "from", e.from);
    if (!e.snippet.empty()) w.member("snippet", e.snippet);
    node_ref(w, "to", e.to);
    w.member("type", e.type);
    w.close('}');
}

}  // namespace

std::string graph_json(const content::Corpus& corpus, const crossref::Graph& graph, unsigned jobs) {
    std::string out;
    out.reserve(graph.edges.size() * 320 + graph.titles.size() * 160);
    Writer w(out);
    w.open('{');
    w.key("edges");
    w.open('[');
    // The edges in pieces written on `jobs` threads, each as it would be in place, then joined.
    const std::size_t count = graph.edges.size(), pieces = std::min<std::size_t>(count, std::size_t{jobs} * 8);
    std::vector<std::string> text(pieces);
    util::parallel_for(pieces, jobs, [&](std::size_t k) {
        const std::size_t begin = count * k / pieces, end = count * (k + 1) / pieces;
        text[k].reserve((end - begin) * 320);
        Writer piece(text[k], 2, k == 0);
        for (std::size_t i = begin; i < end; ++i) edge(piece, graph.edges[i]);
    });
    for (auto& t : text) {
        out += t;
        t = {};
    }
    if (count > 0) w.wrote_elements();
    w.close(']');
    w.member("format", "passage-graph/1");
    w.key("nodes");
    w.open('[');
    for (const auto& [kind, ids] : graph.ids)
        for (const auto& id : ids) {
            w.element();
            w.open('{');
            w.member("id", id);
            w.member("kind", kind);
            w.member("path", crossref::page_path(kind, id));
            w.member("title", graph.titles.at(kind + ":" + id));
            w.close('}');
        }
    w.close(']');
    w.member("site", corpus.site.title);
    w.close('}');
    out += '\n';
    return out;
}

}  // namespace passage::render
