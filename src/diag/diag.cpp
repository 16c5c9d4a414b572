#include "diag/diag.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>

namespace passage::diag {

const char* severity_name(Severity s) {
    switch (s) {
        case Severity::note: return "note";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
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

bool Sink::has_errors() const { return count(Severity::error) > 0; }

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
    out.erase(std::unique(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
                  return std::tie(a.file, a.line, a.column, a.code, a.message) == std::tie(b.file, b.line, b.column, b.code, b.message);
              }), out.end());
    return out;
}

util::SourcePtr Sink::source(const std::string& path) const {
    std::lock_guard lock(mutex_);
    auto it = sources_.find(path);
    return it == sources_.end() ? nullptr : it->second;
}

std::string format_text(const Diagnostic& d, const util::SourceText* source) {
    std::string out;
    if (!d.file.empty()) {
        out += d.file;
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
    out += "[" + d.code + "]: " + d.message + "\n";
    if (source && d.line > 0) {
        std::string_view line = source->line_text(d.line);
        std::string number = std::to_string(d.line);
        std::string gutter(number.size(), ' ');
        out += " " + number + " | " + std::string(line) + "\n";
        out += " " + gutter + " | ";
        // Walk the line by characters so the caret sits under the right one; tabs stay tabs.
        int col = 1;
        for (std::size_t i = 0; i < line.size() && col < d.column; ++i) {
            auto c = static_cast<unsigned char>(line[i]);
            if ((c & 0xC0) == 0x80) continue;
            out += (c == '\t') ? '\t' : ' ';
            ++col;
        }
        out += "^\n";
    }
    if (!d.suggestion.empty()) out += " = help: " + d.suggestion + "\n";
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

std::string format_all_json(const Sink& sink) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& d : sink.sorted()) {
        arr.push_back({{"severity", severity_name(d.severity)}, {"code", d.code}, {"file", d.file}, {"line", d.line},
                       {"column", d.column}, {"message", d.message}, {"suggestion", d.suggestion}});
    }
    return arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace passage::diag
