#include "util/unicode.hpp"

#include <utf8proc.h>

#include "util/utf8.hpp"

namespace passage::util::unicode_detail {

namespace {

utf8proc_category_t category(char32_t c) {
    // utf8proc gives a value that is no code point the category of an unassigned one (Cn).
    return c <= 0x10FFFF ? utf8proc_category(static_cast<utf8proc_int32_t>(c)) : UTF8PROC_CATEGORY_CN;
}

}  // namespace

bool is_word_character(char32_t c) {
    switch (category(c)) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_MN:
        case UTF8PROC_CATEGORY_MC:
        case UTF8PROC_CATEGORY_ME:
        case UTF8PROC_CATEGORY_ND:
        case UTF8PROC_CATEGORY_NL:
        case UTF8PROC_CATEGORY_NO:
            return true;
        default:
            return false;
    }
}

bool is_space_character(char32_t c) {
    return category(c) == UTF8PROC_CATEGORY_ZS;
}

char32_t fold_case_same_length(char32_t c) {
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return c;
    utf8proc_int32_t folded[4];
    int boundclass = 0;
    const auto n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(c), folded, 4, UTF8PROC_CASEFOLD, &boundclass);
    if (n != 1) return c;
    const auto f = static_cast<char32_t>(folded[0]);
    return utf8_length(f) == utf8_length(c) ? f : c;
}

}  // namespace passage::util::unicode_detail
