#pragma once
// Diagnostics are data. Every message the program gives about its input goes through a Sink as a
// Diagnostic, and is printed at the end in a stable order, as text or as JSON.
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "util/source.hpp"

namespace passage::util {
class Writer;
class Reader;
}  // namespace passage::util

namespace passage::diag {

enum class Severity { note, warning, error };

struct Diagnostic {
    Severity severity = Severity::error;
    std::string code;  // stable, e.g. "json-syntax", "ref-unknown"
    std::string file;  // path as given on the command line, '/' separated; empty for none
    int line = 0;      // 1-based; 0 when the message is about the whole file
    int column = 0;    // 1-based, in characters
    std::string message;
    std::string suggestion;  // "did you mean ..." or a hint; may be empty
    bool operator==(const Diagnostic&) const = default;
};

const char* severity_name(Severity s);

// Collects diagnostics from any thread. In strict mode a warning is recorded as an error.
class Sink {
public:
    explicit Sink(bool strict = false) : strict_(strict) {}

    void report(Diagnostic d);
    void error(std::string code, std::string file, util::Position pos, std::string message, std::string suggestion = {});
    void warning(std::string code, std::string file, util::Position pos, std::string message, std::string suggestion = {});
    void note(std::string code, std::string file, util::Position pos, std::string message, std::string suggestion = {});

    // Registers a file's text, so that printed diagnostics can quote the line.
    void add_source(util::SourcePtr source);

    bool has_errors() const;
    std::size_t count(Severity s) const;
    // All diagnostics, sorted by file, line, column, code and message.
    std::vector<Diagnostic> sorted() const;
    util::SourcePtr source(const std::string& path) const;
    bool strict() const { return strict_; }

private:
    bool strict_;
    mutable std::mutex mutex_;
    std::vector<Diagnostic> items_;
    std::map<std::string, util::SourcePtr> sources_;
};

// Diagnostics kept with a result in the incremental cache, to be given again when it is reused.
// read() checks each severity; REQUIRES: the caller checks the reader's state before using them.
void write(util::Writer& w, const std::vector<Diagnostic>& list);
std::vector<Diagnostic> read(util::Reader& r);

// What `fn` reports to a sink of its own, in order, each also given to `sink`: for a stage that keeps
// what its work reported with its result.
template <typename Fn>
std::vector<Diagnostic> capture(Sink& sink, Fn fn) {
    Sink own;
    fn(own);
    auto list = own.sorted();
    for (const auto& d : list) sink.report(d);
    return list;
}
// Gives `list` to `sink`: the diagnostics of a result taken from the cache.
inline void replay(const std::vector<Diagnostic>& list, Sink& sink) {
    for (const auto& d : list) sink.report(d);
}

// `text` as a terminal may be given it: control characters, noncharacters, the controls of
// bidirectional text and bytes that are not UTF-8 written as "\x1b" or "\u{202e}"; cut after 1,000
// characters with "…". For anything a user wrote that passage prints.
std::string printable(std::string_view text);

// `path:line:col: error[code]: message`, then the source line with a caret under the column, then the
// suggestion, each on its own line, ending in '\n'.
std::string format_text(const Diagnostic& d, const util::SourceText* source);
// Every diagnostic as text, then a summary line ("2 errors, 1 warning"), or "" when there are none.
std::string format_all_text(const Sink& sink);
// One JSON array of objects with the fields of Diagnostic.
std::string format_all_json(const Sink& sink);
// One GitHub Actions workflow command a diagnostic, which GitHub shows as an annotation on the
// file's line: "::error file=F,line=L,col=C,title=passage code::message". Errors are "error",
// warnings "warning", notes "notice"; the suggestion follows the message on a line of its own.
std::string format_all_github(const Sink& sink);
// One SARIF 2.1.0 log (diag/sarif.cpp) with one run of the tool "passage" `version`: a rule per code
// met, a result per diagnostic (level error, warning or note; the suggestion after the message),
// located by the file as a URI reference relative to the folder passage ran in (uriBaseId
// "%SRCROOT%") and the line and column, counted in Unicode code points.
std::string format_all_sarif(const Sink& sink, const std::string& version);

}  // namespace passage::diag
