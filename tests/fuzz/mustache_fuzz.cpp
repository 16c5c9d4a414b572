// The Mustache parser and renderer: the input is a template, then, after each NUL byte, the JSON
// data to render it with and the partials "p1", "p2", ... it may include.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "templates/mustache.hpp"

using namespace passage;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> parts(1);
    for (std::size_t i = 0; i < size; ++i) {
        if (data[i] == 0)
            parts.emplace_back();
        else
            parts.back() += static_cast<char>(data[i]);
    }
    nlohmann::json context = {
        {"title", "T"}, {"items", {{{"name", "a"}}, {{"name", "<b>"}}}}, {"page", {{"path", "x.html"}, {"kind", "home"}}}};
    if (parts.size() > 1) {
        auto given = nlohmann::json::parse(parts[1], nullptr, false);
        if (!given.is_discarded() && given.is_object()) context = std::move(given);
    }
    templates::Library library([&](std::string_view name) -> std::optional<std::string> {
        if (name == "main") return parts[0];
        if (name.size() == 2 && name[0] == 'p' && name[1] >= '1' && name[1] <= '9') {
            std::size_t k = static_cast<std::size_t>(name[1] - '1') + 2;
            if (k < parts.size()) return parts[k];
        }
        return std::nullopt;
    });
    (void)library.preload("main");
    templates::RenderOptions options;
    options.max_output_bytes = std::size_t{1} << 20;  // enough to show a bug, small enough to stay quick
    options.on_missing = [](const templates::RenderOptions::Missing&) {};
    (void)library.render("main", context, options);
    options.missing_partial_is_error = false;
    (void)library.render("main", context, options);
    return 0;
}
