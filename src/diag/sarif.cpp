// Diagnostics as a SARIF 2.1.0 log (OASIS, errata 01), the format code scanning services read.
#include <map>
#include <nlohmann/json.hpp>

#include "diag/diag.hpp"

namespace passage::diag {

namespace {

// A file name as a URI reference: every byte but the unreserved characters, the sub-delimiters, ':',
// '@' and '/' percent-encoded ("<built-in>/templates/x" -> "%3Cbuilt-in%3E/templates/x"). A ':' in
// the first segment would read as a scheme, so a relative name that has one starts with "./".
std::string uri_reference(const std::string& path) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const char ch : path) {
        const auto c = static_cast<unsigned char>(ch);
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                           std::string_view("-._~!$&'()*+,;=:@/").find(static_cast<char>(c)) != std::string_view::npos;
        if (plain) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    const auto colon = out.find(':');
    if (colon != std::string::npos && colon < out.find('/')) out = "./" + out;
    return out;
}

const char* level(Severity s) {
    return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
}

}  // namespace

std::string format_all_sarif(const Sink& sink, const std::string& version) {
    using nlohmann::json;
    const auto all = sink.sorted();
    std::map<std::string, std::size_t> rule_index;  // code -> index in rules, in order of the codes
    for (const auto& d : all) rule_index.emplace(d.code, 0);
    json rules = json::array();
    for (auto& [code, index] : rule_index) {
        index = rules.size();
        rules.push_back({{"id", code}, {"name", code}});
    }
    json results = json::array();
    for (const auto& d : all) {
        std::string text = d.message;
        if (!d.suggestion.empty()) text += "\nhelp: " + d.suggestion;
        json result = {{"ruleId", d.code}, {"ruleIndex", rule_index[d.code]}, {"level", level(d.severity)}, {"message", {{"text", text}}}};
        if (!d.file.empty()) {
            json physical = {{"artifactLocation", {{"uri", uri_reference(d.file)}, {"uriBaseId", "%SRCROOT%"}}}};
            if (d.line > 0) {
                physical["region"] = {{"startLine", d.line}};
                if (d.column > 0) physical["region"]["startColumn"] = d.column;
            }
            result["locations"] = json::array({{{"physicalLocation", std::move(physical)}}});
        }
        results.push_back(std::move(result));
    }
    json log = {{"$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", json::array({{{"tool", {{"driver", {{"name", "passage"}, {"version", version}, {"rules", std::move(rules)}}}}},
                                       {"columnKind", "unicodeCodePoints"},
                                       {"results", std::move(results)}}})}};
    return log.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace passage::diag
