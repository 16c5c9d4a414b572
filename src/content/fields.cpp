#include "content/fields.hpp"

#include <limits>

#include "markdown/markdown.hpp"
#include "util/strings.hpp"
#include "util/url.hpp"

namespace passage::content {

namespace {
const char* type_name(const nlohmann::json& j) {
    if (j.is_string()) return "a string";
    if (j.is_boolean()) return "a boolean";
    if (j.is_number()) return "a number";
    if (j.is_array()) return "an array";
    if (j.is_object()) return "an object";
    return "null";
}

bool is_date(const std::string& s) {
    // YYYY, YYYY-MM or YYYY-MM-DD, and a day that exists in that month (2005-02-30 does not).
    auto digits = [&](std::size_t from, std::size_t n) {
        for (std::size_t i = from; i < from + n; ++i)
            if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
        return true;
    };
    if (!(s.size() == 4 || s.size() == 7 || s.size() == 10) || !digits(0, 4)) return false;
    if (s.size() == 4) return true;
    if (s[4] != '-' || !digits(5, 2)) return false;
    int year = std::stoi(s.substr(0, 4)), month = std::stoi(s.substr(5, 2));
    if (month < 1 || month > 12) return false;
    if (s.size() == 7) return true;
    if (s[7] != '-' || !digits(8, 2)) return false;
    int day = std::stoi(s.substr(8, 2));
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day >= 1 && day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}
}  // namespace

const nlohmann::json* Fields::get(const std::string& ptr) const {
    nlohmann::json::json_pointer p(ptr);
    if (!doc_.value.contains(p)) return nullptr;
    return &doc_.value.at(p);
}

Loc Fields::loc(const std::string& ptr) const {
    return {file(), doc_.at(ptr)};
}

Loc Fields::value_loc(const std::string& ptr) const {
    return {file(), doc_.value_position(ptr)};
}

void Fields::type_error(const std::string& ptr, const char* expected, const nlohmann::json& found) {
    sink_.error("meta-type", file(), doc_.at(ptr), "\"" + ptr + "\" must be " + expected + ", found " + type_name(found));
}

void Fields::missing(const std::string& ptr) {
    auto parent = ptr.substr(0, ptr.rfind('/'));
    sink_.error("meta-missing", file(), doc_.at(parent), "missing required field \"" + ptr + "\"");
}

std::optional<std::string> Fields::string(const std::string& ptr, bool required) {
    auto* j = get(ptr);
    if (!j) {
        if (required) missing(ptr);
        return std::nullopt;
    }
    if (!j->is_string()) {
        type_error(ptr, "a string", *j);
        return std::nullopt;
    }
    if (required && util::trim(j->get_ref<const std::string&>()).empty()) {
        sink_.error("meta-empty", file(), doc_.at(ptr), "\"" + ptr + "\" must not be empty");
        return std::nullopt;
    }
    return j->get<std::string>();
}

std::optional<std::string> Fields::date(const std::string& ptr, bool required) {
    auto s = string(ptr, required);
    if (s && !is_date(*s)) {
        sink_.error("meta-date", file(), doc_.at(ptr),
                    "\"" + ptr + "\" must be a date (YYYY, YYYY-MM or YYYY-MM-DD), found \"" + *s + "\"");
        return std::nullopt;
    }
    return s;
}

std::optional<std::string> Fields::url(const std::string& ptr, bool required) {
    auto s = string(ptr, required);
    if (!s) return s;
    std::string why;
    if (!util::SafeUrl::make(*s, util::SafeUrl::Allow::links, &why)) {
        sink_.error("url-unsafe", file(), doc_.value_position(ptr),
                    "\"" + ptr + "\" is " + why + ": only http:, https:, mailto: and relative URLs may be links",
                    "give the address of a web page");
        return std::nullopt;
    }
    return s;
}

std::optional<std::string> Fields::markdown(const std::string& ptr, bool required) {
    auto s = string(ptr, required);
    if (s && !markdown::check_urls(*s, file(), doc_.value_position(ptr), sink_)) return std::nullopt;
    return s;
}

std::optional<bool> Fields::boolean(const std::string& ptr) {
    auto* j = get(ptr);
    if (!j) return std::nullopt;
    if (!j->is_boolean()) {
        type_error(ptr, "a boolean", *j);
        return std::nullopt;
    }
    return j->get<bool>();
}

std::optional<double> Fields::number(const std::string& ptr) {
    auto* j = get(ptr);
    if (!j) return std::nullopt;
    if (!j->is_number()) {
        type_error(ptr, "a number", *j);
        return std::nullopt;
    }
    return j->get<double>();
}

std::size_t Fields::array_size(const std::string& ptr, bool required) {
    auto* j = get(ptr);
    if (!j) {
        if (required) missing(ptr);
        return 0;
    }
    if (!j->is_array()) {
        type_error(ptr, "an array", *j);
        return 0;
    }
    return j->size();
}

bool Fields::object(const std::string& ptr, bool required) {
    auto* j = get(ptr);
    if (!j) {
        if (required) missing(ptr);
        return false;
    }
    if (!j->is_object()) {
        type_error(ptr, "an object", *j);
        return false;
    }
    return true;
}

std::vector<std::string> Fields::strings(const std::string& ptr) {
    std::vector<std::string> out;
    auto n = array_size(ptr);
    for (std::size_t i = 0; i < n; ++i)
        if (auto s = string(ptr + "/" + std::to_string(i))) out.push_back(*s);
    return out;
}

std::optional<IdRef> Fields::id_ref(const std::string& ptr, bool required) {
    auto s = string(ptr, required);
    if (!s) return std::nullopt;
    return IdRef{*s, loc(ptr)};
}

std::vector<IdRef> Fields::id_refs(const std::string& ptr) {
    std::vector<IdRef> out;
    auto n = array_size(ptr);
    for (std::size_t i = 0; i < n; ++i)
        if (auto r = id_ref(ptr + "/" + std::to_string(i))) out.push_back(*r);
    return out;
}

std::vector<int> Fields::ints(const std::string& ptr) {
    std::vector<int> out;
    auto n = array_size(ptr);
    for (std::size_t i = 0; i < n; ++i) {
        auto p = ptr + "/" + std::to_string(i);
        auto* j = get(p);
        const bool fits = j->is_number_unsigned()  ? j->get<std::uint64_t>() <= std::numeric_limits<int>::max()
                          : j->is_number_integer() ? j->get<std::int64_t>() >= std::numeric_limits<int>::min() &&
                                                         j->get<std::int64_t>() <= std::numeric_limits<int>::max()
                                                   : false;
        if (!fits)
            type_error(p, "a whole number from -2147483648 to 2147483647", *j);
        else
            out.push_back(j->get<int>());
    }
    return out;
}

std::string Fields::text(const std::string& ptr) const {
    auto* j = get(ptr);
    if (!j) return {};
    if (j->is_string()) return j->get<std::string>();
    if (j->is_number()) return doc_.number_literal(ptr);
    return j->dump();
}

void Fields::check_known(const std::string& ptr, std::initializer_list<const char*> known) {
    auto* j = get(ptr);
    if (!j || !j->is_object()) return;
    std::vector<std::string> names(known.begin(), known.end());
    for (const auto& [key, _] : j->items()) {
        if (std::find(names.begin(), names.end(), key) != names.end()) continue;
        auto p = ptr + "/" + json::escape_token(key);
        std::string hint;
        if (auto c = util::closest(key, names)) hint = "did you mean \"" + *c + "\"?";
        sink_.warning("meta-unknown-field", file(), doc_.at(p), "unknown field \"" + p + "\"", hint);
    }
}

}  // namespace passage::content
