// graph.json, format passage-graph/2: the cross-reference graph for other tools, as one JSON object
// written one node or edge to a line, so that it is both plain JSON and readable as a stream:
//
//   {"format":"passage-graph/2","site":"<site title>","nodes":[
//   ["document","desa-2004","<title>","documents/desa-2004.html"],
//   ...
//   ],"edges":[
//   ["mentions",0,"annex-p8",57,"",2],
//   ...
//   ]}
//
// A node is [kind, id, title, path]; nodes are numbered from 0 in the order listed. An edge is
// [type, from, from anchor, to, to anchor, count]: from and to are node numbers, an anchor "" means
// the whole node, count how many times the passage refers to the target in this way. Edges come in
// the order of their sources: each document in reading order, its references in text order, then
// the relations written in metadata. Strings are JSON strings with every non-ASCII character kept.
#include "json/json_writer.hpp"
#include "render/render.hpp"

namespace passage::render {

std::string graph_json(const content::Corpus& corpus, const crossref::Graph& graph) {
    const auto& names = graph.names();
    std::string out;
    out.reserve(names.nodes().size() * 100 + graph.arcs().size() * 48);
    out += "{\"format\":\"passage-graph/2\",\"site\":";
    json::append_string(out, corpus.site.title);
    out += ",\"nodes\":[\n";
    for (std::size_t n = 0; n < names.nodes().size(); ++n) {
        const auto& node = names.node(static_cast<crossref::NodeId>(n));
        const std::string kind = crossref::kind_name(node.kind);
        out += '[';
        json::append_string(out, kind);
        out += ',';
        json::append_string(out, node.id);
        out += ',';
        json::append_string(out, node.title);
        out += ',';
        json::append_string(out, crossref::page_path(kind, node.id));
        out += n + 1 < names.nodes().size() ? "],\n" : "]\n";
    }
    out += "],\"edges\":[\n";
    const auto& arcs = graph.arcs();
    for (std::size_t i = 0; i < arcs.size(); ++i) {
        const auto& a = arcs[i];
        out += "[\"";
        out += crossref::type_name(a.type);
        out += "\"," + std::to_string(a.from) + ',';
        json::append_string(out, graph.text(a.from_anchor));
        out += ',' + std::to_string(a.to) + ',';
        json::append_string(out, graph.text(a.to_anchor));
        out += ',' + std::to_string(a.count);
        out += i + 1 < arcs.size() ? "],\n" : "]\n";
    }
    out += "]}\n";
    return out;
}

}  // namespace passage::render
