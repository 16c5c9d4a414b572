#pragma once
// Small string helpers that know nothing of sites.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passage::util {

// Levenshtein distance over bytes, stopping early once it exceeds `limit` (returns limit + 1 then).
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// The candidate closest to `name` when it is close enough to be a plausible typo, for "did you mean".
std::optional<std::string> closest(std::string_view name, const std::vector<std::string>& candidates);

// Lowercase ASCII slug of a heading or title: letters and digits kept, runs of anything else become '-'.
// Non-ASCII letters are kept as they are (UTF-8), so headings in other scripts get readable anchors.
std::string slugify(std::string_view text);

// True when `id` is a valid content id: [a-z][a-z0-9-]*, no trailing or doubled '-'.
bool is_valid_id(std::string_view id);

std::string to_lower_ascii(std::string_view s);
std::string_view trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);

// Escapes text for HTML element content and attribute values (& < > " ').
std::string html_escape(std::string_view s);
void html_escape_into(std::string& out, std::string_view s);

// A character that does not belong in text, and where it stands.
struct ForbiddenCharacter {
    std::size_t offset = 0;  // of its first byte
    char32_t code = 0;
};
// Whether `c` does not belong in text: a C0 control other than tab, line feed and carriage return,
// DEL, a C1 control (U+0080 to U+009F), or a Unicode noncharacter (U+FDD0 to U+FDEF, and the last
// two code points of every plane). HTML calls them parse errors; a terminal obeys some of them.
bool is_forbidden_character(char32_t c);
// The first such character of `s`. REQUIRES: `s` is valid UTF-8 (util::find_invalid_utf8).
std::optional<ForbiddenCharacter> find_forbidden_character(std::string_view s);
// "U+0007", "U+FDD0", "U+10FFFF".
std::string code_point_name(char32_t c);

}  // namespace passage::util
