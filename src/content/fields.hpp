#pragma once
// Typed access to the fields of a JSON metadata file, reporting a wrong type, a missing required
// field or an unknown field at the position of its key, with the field's JSON pointer.
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "content/corpus.hpp"
#include "diag/diag.hpp"
#include "json/json_reader.hpp"

namespace passage::content {

class Fields {
public:
    Fields(const json::Document& doc, diag::Sink& sink) : doc_(doc), sink_(sink) {}

    const nlohmann::json* get(const std::string& ptr) const;
    Loc loc(const std::string& ptr) const;
    // Where the value at `ptr` starts (the key's place when there is none).
    Loc value_loc(const std::string& ptr) const;
    const std::string& file() const { return doc_.source->path(); }

    std::optional<std::string> string(const std::string& ptr, bool required = false);
    std::optional<std::string> date(const std::string& ptr, bool required = false);
    // A string that becomes a link (util::SafeUrl: http, https, mailto or relative). Any other URL is
    // an error url-unsafe at the value, and gives nullopt: the render stage never sees it.
    std::optional<std::string> url(const std::string& ptr, bool required = false);
    // A string of Markdown (summary, annotation, description, intro, body). A link or image in it
    // that the Markdown stage refuses (markdown::check_urls) is an error url-unsafe at the value, and
    // gives nullopt: the render stage never sees it.
    std::optional<std::string> markdown(const std::string& ptr, bool required = false);
    std::optional<bool> boolean(const std::string& ptr);
    std::optional<double> number(const std::string& ptr);
    std::vector<std::string> strings(const std::string& ptr);
    std::optional<IdRef> id_ref(const std::string& ptr, bool required = false);
    std::vector<IdRef> id_refs(const std::string& ptr);
    // Whole numbers that fit an int; any other is an error meta-type (never another number).
    std::vector<int> ints(const std::string& ptr);
    // The value at `ptr` as text: a string as it is, a number as written (digits past 2^53 kept),
    // anything else as JSON. "" when absent.
    std::string text(const std::string& ptr) const;
    // Array length at ptr (0 when absent or not an array, which is reported).
    std::size_t array_size(const std::string& ptr, bool required = false);
    bool object(const std::string& ptr, bool required = false);

    // Warns about every key of the object at `ptr` that is not in `known`, with a "did you mean".
    void check_known(const std::string& ptr, std::initializer_list<const char*> known);

private:
    void type_error(const std::string& ptr, const char* expected, const nlohmann::json& found);
    void missing(const std::string& ptr);

    const json::Document& doc_;
    diag::Sink& sink_;
};

}  // namespace passage::content
