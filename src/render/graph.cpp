// graph.json, written straight into a string. At 10,000 documents the graph has a quarter of a
// million edges; building them as an nlohmann::json tree first cost more time than anything else in
// this stage and hundreds of megabytes. The text is byte for byte what nlohmann::json's
// dump(1, ' ', false, error_handler_t::replace) gives for the same tree: keys in sorted order (the
// order of its std::map objects), one space of indent per level, UTF-8 left as it is.
#include <nlohmann/json.hpp>

#include "render/render.hpp"
#include "util/strings.hpp"

namespace passage::render {

namespace {

class Writer {
public:
    explicit Writer(std::string& out) : out_(out) {}

    // A JSON string, escaped as nlohmann::json escapes it without ensure_ascii.
    void string(std::string_view s) {
        if (util::find_invalid_utf8(s) != std::string_view::npos) {
            // nlohmann replaces invalid bytes by U+FFFD in ways that depend on its decoder; let it.
            out_ += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            return;
        }
        static const char* hex = "0123456789abcdef";
        out_ += '"';
        std::size_t plain = 0;  // start of the bytes not yet copied
        for (std::size_t i = 0; i < s.size(); ++i) {
            auto c = static_cast<unsigned char>(s[i]);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out_.append(s, plain, i - plain);
            plain = i + 1;
            switch (c) {
                case '"':
                    out_ += "\\\"";
                    break;
                case '\\':
                    out_ += "\\\\";
                    break;
                case '\b':
                    out_ += "\\b";
                    break;
                case '\t':
                    out_ += "\\t";
                    break;
                case '\n':
                    out_ += "\\n";
                    break;
                case '\f':
                    out_ += "\\f";
                    break;
                case '\r':
                    out_ += "\\r";
                    break;
                default:
                    out_ += "\\u00";
                    out_ += hex[c >> 4];
                    out_ += hex[c & 0xF];
            }
        }
        out_.append(s, plain, s.size() - plain);
        out_ += '"';
    }

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

}  // namespace

std::string graph_json(const content::Corpus& corpus, const crossref::Graph& graph) {
    std::string out;
    out.reserve(graph.edges.size() * 320 + graph.titles.size() * 160);
    Writer w(out);
    w.open('{');
    w.key("edges");
    w.open('[');
    for (const auto& e : graph.edges) {
        w.element();
        w.open('{');
        node_ref(w, "from", e.from);
        if (!e.snippet.empty()) w.member("snippet", e.snippet);
        node_ref(w, "to", e.to);
        w.member("type", e.type);
        w.close('}');
    }
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
