#include "diag/diag.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

#include "util/codec.hpp"
#include "util/strings.hpp"
#include "util/utf8.hpp"

namespace passage::diag {

void write(util::Writer& w, const std::vector<Diagnostic>& list) {
    w.list(list, [&](const Diagnostic& d) {
        w.number(static_cast<std::uint64_t>(d.severity)).string(d.code).string(d.file);
        w.position({d.line, d.column}).string(d.message).string(d.suggestion);
    });
}

std::vector<Diagnostic> read(util::Reader& r) {
    std::vector<Diagnostic> out(r.count());
    for (auto& d : out) {
        d.severity = static_cast<Severity>(r.below(3));
        d.code = r.string();
        d.file = r.string();
        auto p = r.position();
        d.line = p.line;
        d.column = p.column;
        d.message = r.string();
        d.suggestion = r.string();
    }
    return out;
}

const char* severity_name(Severity s) {
    switch (s) {
        case Severity::note:
            return "note";
        case Severity::warning:
            return "warning";
        case Severity::error:
            return "error";
    }
    return "error";
}

void Sink::report(Diagnostic d) {
    if (strict_ && d.severity == Severity::warning) d.severity = Severity::error;
    std::lock_guard lock(mutex_);
    items_.push_back(std::move(d));
}

void Sink::error(std::string code, std::string file, util::Position pos, std::string message, std::string suggestion) {
    report({Severity::error, std::move(code), std::move(file), pos.line, pos.column, std::move(message), std::move(suggestion)});
}
void Sink::warning(std::string code, std::string file, util::Position pos, std::string message, std::string suggestion) {
    report({Severity::warning, std::move(code), std::move(file), pos.line, pos.column, std::move(message), std::move(suggestion)});
}
void Sink::note(std::string code, std::string file, util::Position pos, std::string message, std::string suggestion) {
    report({Severity::note, std::move(code), std::move(file), pos.line, pos.column, std::move(message), std::move(suggestion)});
}

void Sink::add_source(util::SourcePtr source) {
    std::lock_guard lock(mutex_);
    sources_[source->path()] = std::move(source);
}

bool Sink::has_errors() const {
    return count(Severity::error) > 0;
}

std::size_t Sink::count(Severity s) const {
    std::lock_guard lock(mutex_);
    return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [s](const Diagnostic& d) { return d.severity == s; }));
}

std::vector<Diagnostic> Sink::sorted() const {
    std::vector<Diagnostic> out;
    {
        std::lock_guard lock(mutex_);
        out = items_;
    }
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.file, a.line, a.column, a.code, a.message) < std::tie(b.file, b.line, b.column, b.code, b.message);
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const Diagnostic& a, const Diagnostic& b) {
                              return std::tie(a.file, a.line, a.column, a.code, a.message) ==
                                     std::tie(b.file, b.line, b.column, b.code, b.message);
                          }),
              out.end());
    return out;
}

util::SourcePtr Sink::source(const std::string& path) const {
    std::lock_guard lock(mutex_);
    auto it = sources_.find(path);
    return it == sources_.end() ? nullptr : it->second;
}

namespace {

constexpr std::size_t kMaxMessage = 1000;  // characters of a message or a suggestion that are printed
constexpr std::size_t kLongLine = 160;     // a source line longer than this is shown cut ...
constexpr std::size_t kExcerpt = 120;      // ... to this many characters around the caret
const char* const kEllipsis = "\u2026";

// One character of `s` from byte `i` as a terminal should be shown it, appended to `out`; returns
// the bytes it took. Control characters (tab kept where `keep_tab`), noncharacters, the controls of
// bidirectional text and bytes that are not UTF-8 are written as "\x1b" or "\u{202e}": a terminal
// obeys some of them, and they would change what the line seems to say.
std::size_t show_character(std::string_view s, std::size_t i, bool keep_tab, std::string& out) {
    static const char* hex = "0123456789abcdef";
    const auto c = static_cast<unsigned char>(s[i]);
    const util::Utf8Char ch = util::decode_utf8(s, i);  // a byte that is not UTF-8 is a character of its own
    if (ch.code == util::kNotUtf8 || (c < 0x20 && !(c == '\t' && keep_tab)) || c == 0x7F) {
        out += "\\x";
        out += hex[c >> 4];
        out += hex[c & 0xF];
        return 1;
    }
    const char32_t cp = ch.code;
    const bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F;
    if (ch.length > 1 && (util::is_forbidden_character(cp) || bidi))
        out += "\\u{" + util::to_lower_ascii(util::code_point_name(cp).substr(2)) + "}";
    else
        out.append(s.substr(i, ch.length));
    return ch.length;
}

// `s` as a terminal should show it (show_character), cut after `max` characters with "…".
std::string visible(std::string_view s, std::size_t max = kMaxMessage) {
    std::string out;
    std::size_t shown = 0;
    for (std::size_t i = 0; i < s.size(); ++shown) {
        if (shown == max) {
            out += kEllipsis;
            break;
        }
        i += show_character(s, i, false, out);
    }
    return out;
}

// The source line and the caret line under it: a long line is cut to a window around the caret, with
// "…" where it was cut, so that one diagnostic on a huge one-line file prints a few hundred bytes.
std::pair<std::string, std::string> excerpt(std::string_view line, int column) {
    const std::size_t total = util::count_characters(line);
    const std::size_t caret = static_cast<std::size_t>(std::max(column, 1));  // 1-based character
    std::size_t first = 1, last = total;
    if (total > kLongLine) {
        first = caret > kExcerpt / 2 ? caret - kExcerpt / 2 : 1;
        last = std::min(total, first + kExcerpt - 1);
        if (last - first + 1 < kExcerpt) first = last >= kExcerpt ? last - kExcerpt + 1 : 1;
    }
    std::string text = first > 1 ? kEllipsis : "", under = first > 1 ? " " : "";
    std::size_t n = 1, i = 0;
    for (; i < line.size() && n < first; ++n) i += util::decode_utf8(line, i).length;
    for (; i < line.size() && n <= last; ++n) {
        const std::size_t before = text.size();
        const bool tab = line[i] == '\t';
        i += show_character(line, i, true, text);
        if (n < caret) under += tab ? std::string("\t") : std::string(util::count_characters(std::string_view(text).substr(before)), ' ');
    }
    if (last < total) text += kEllipsis;
    return {text, under + "^"};
}

}  // namespace

std::string printable(std::string_view text) { return visible(text); }

std::string format_text(const Diagnostic& d, const util::SourceText* source) {
    std::string out;
    if (!d.file.empty()) {
        out += visible(d.file, std::string::npos);
        if (d.line > 0) {
            // Appended piece by piece: `":" + std::to_string(...)` trips a false -Wrestrict in GCC 12.
            out += ':';
            out += std::to_string(d.line);
            out += ':';
            out += std::to_string(std::max(d.column, 1));
        }
        out += ": ";
    }
    out += severity_name(d.severity);
    out += "[" + visible(d.code) + "]: " + visible(d.message) + "\n";
    if (source && d.line > 0) {
        auto [text, caret] = excerpt(source->line_text(d.line), d.column);
        std::string number = std::to_string(d.line);
        std::string gutter(number.size(), ' ');
        out += " " + number + " | " + text + "\n";
        out += " " + gutter + " | " + caret + "\n";
    }
    if (!d.suggestion.empty()) out += " = help: " + visible(d.suggestion) + "\n";
    return out;
}

namespace {
std::string plural(std::size_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}
}  // namespace

std::string format_all_text(const Sink& sink) {
    auto all = sink.sorted();
    if (all.empty()) return {};
    std::string out;
    for (const auto& d : all) {
        auto src = sink.source(d.file);
        out += format_text(d, src.get());
    }
    std::size_t e = 0, w = 0, n = 0;
    for (const auto& d : all) (d.severity == Severity::error ? e : d.severity == Severity::warning ? w : n)++;
    out += plural(e, "error") + ", " + plural(w, "warning");
    if (n) out += ", " + plural(n, "note");
    out += "\n";
    return out;
}

namespace {
// At most kMaxMessage characters of `s`, then "…".
std::string cut(const std::string& s) {
    if (s.size() <= kMaxMessage) return s;
    std::size_t i = 0;
    for (std::size_t n = 0; i < s.size() && n < kMaxMessage; ++n) do
            ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80);
    return i < s.size() ? s.substr(0, i) + kEllipsis : s;
}
}  // namespace

std::string format_all_json(const Sink& sink) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& d : sink.sorted()) {
        // Control characters are escaped by JSON itself; messages are cut as in the text form.
        arr.push_back({{"severity", severity_name(d.severity)},
                       {"code", d.code},
                       {"file", d.file},
                       {"line", d.line},
                       {"column", d.column},
                       {"message", cut(d.message)},
                       {"suggestion", cut(d.suggestion)}});
    }
    return arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

namespace {

// The escapes of a workflow command's message (%, CR, LF) and, for a property, also of ':' and ','.
std::string github_escaped(std::string_view text, bool property) {
    std::string out;
    for (const char c : text) {
        if (c == '%')
            out += "%25";
        else if (c == '\r')
            out += "%0D";
        else if (c == '\n')
            out += "%0A";
        else if (property && c == ':')
            out += "%3A";
        else if (property && c == ',')
            out += "%2C";
        else
            out += c;
    }
    return out;
}

}  // namespace

std::string format_all_github(const Sink& sink) {
    std::string out;
    for (const auto& d : sink.sorted()) {
        out += "::";
        out += d.severity == Severity::error ? "error" : d.severity == Severity::warning ? "warning" : "notice";
        std::string properties;
        if (!d.file.empty()) properties += "file=" + github_escaped(printable(d.file), true);
        if (!d.file.empty() && d.line > 0) properties += ",line=" + std::to_string(d.line);
        if (!d.file.empty() && d.line > 0 && d.column > 0) properties += ",col=" + std::to_string(d.column);
        properties += std::string(properties.empty() ? "" : ",") + "title=" + github_escaped("passage " + d.code, true);
        out += " " + properties + "::";
        std::string message = printable(d.message);
        if (!d.suggestion.empty()) message += "\nhelp: " + printable(d.suggestion);
        out += github_escaped(message, false) + "\n";
    }
    return out;
}

}  // namespace passage::diag
