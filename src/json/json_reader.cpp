#include "json/json_reader.hpp"

#include <iterator>
#include <vector>

#include "util/strings.hpp"
#include "util/utf8.hpp"

namespace passage::json {

std::string escape_token(std::string_view token) {
    std::string out;
    for (char c : token) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

util::Position Document::at(const std::string& pointer) const {
    std::string p = pointer;
    while (true) {
        if (auto it = key_positions.find(p); it != key_positions.end()) return it->second;
        if (auto it = value_positions.find(p); it != value_positions.end()) return it->second;
        if (p.empty()) return {1, 1};
        p = p.substr(0, p.rfind('/'));
    }
}

util::Position Document::value_position(const std::string& pointer) const {
    if (auto it = value_positions.find(pointer); it != value_positions.end()) return it->second;
    return at(pointer);
}

std::string Document::number_literal(const std::string& pointer) const {
    auto it = number_literals.find(pointer);
    return it == number_literals.end() ? std::string() : it->second;
}

namespace {

// An input iterator over the text that records how far the parser has read, which is how SAX events
// learn their position (nlohmann's SAX interface does not pass one).
struct TrackingIterator {
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    const char* p = nullptr;
    const char** high_water = nullptr;

    reference operator*() const { return *p; }
    TrackingIterator& operator++() {
        ++p;
        *high_water = p;
        return *this;
    }
    TrackingIterator operator++(int) {
        auto copy = *this;
        ++*this;
        return copy;
    }
    bool operator==(const TrackingIterator& o) const { return p == o.p; }
    bool operator!=(const TrackingIterator& o) const { return p != o.p; }
};

class Builder : public nlohmann::json_sax<nlohmann::json> {
public:
    Builder(const util::SourceText& src, const char* const* read_to, Document& doc, diag::Sink& sink)
        : src_(src), read_to_(read_to), doc_(doc), sink_(sink) {}

    bool null() override { return put(nullptr, scalar_start()); }
    bool boolean(bool v) override { return put(v, scalar_start()); }
    bool number_integer(number_integer_t v) override { return number(v, {}); }
    bool number_unsigned(number_unsigned_t v) override { return number(v, {}); }
    bool number_float(number_float_t v, const string_t& literal) override { return number(v, literal); }
    bool string(string_t& v) override {
        const auto start = string_start();
        check_characters(v, start);
        return put(std::move(v), start);
    }
    bool binary(binary_t&) override { return true; }

    bool start_object(std::size_t) override { return open(nlohmann::json::object()); }
    bool start_array(std::size_t) override { return open(nlohmann::json::array()); }
    bool end_object() override { return close(); }
    bool end_array() override { return close(); }

    bool key(string_t& k) override {
        auto& frame = stack_.back();
        auto pos = string_start();
        check_characters(k, pos);
        auto ptr = frame.pointer + "/" + escape_token(k);
        if (frame.value->contains(k)) {
            auto first = doc_.key_positions[ptr];
            sink_.error("json-duplicate-key", src_.path(), src_.position_of(pos),
                        "duplicate key \"" + k + "\" in one object (first at line " + std::to_string(first.line) + ")",
                        "remove one of the two");
            failed_ = true;
        } else {
            doc_.key_positions[ptr] = src_.position_of(pos);
        }
        frame.key = k;
        return true;
    }

    bool parse_error(std::size_t, const std::string& last_token, const nlohmann::detail::exception& ex) override {
        std::string msg = ex.what();
        // nlohmann's text is "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ...";
        // the position is ours to print, so keep only what follows it.
        if (auto p = msg.find(": syntax error"); p != std::string::npos)
            msg = msg.substr(p + 2);
        else if (auto q = msg.find("] "); q != std::string::npos)
            msg = msg.substr(q + 2);
        // nlohmann quotes the token it read last, which can be the rest of a huge file: a few
        // characters of it say enough.
        if (auto q = msg.find("last read: '"); q != std::string::npos && msg.size() - q > 80) {
            std::size_t cut = q + 72;
            while (cut > q && (static_cast<unsigned char>(msg[cut]) & 0xC0) == 0x80) --cut;
            msg = msg.substr(0, cut) + "\u2026'";
        }
        // Point at the start of the token that broke the syntax: the lexer may have read one
        // character past it, so look for the token's text just before where reading stopped.
        std::size_t offset = read_offset() > 0 ? read_offset() - 1 : 0;
        if (!last_token.empty() && last_token.size() <= read_offset()) {
            auto at = src_.text().rfind(last_token, read_offset() - last_token.size());
            if (at != std::string::npos && at + last_token.size() + 1 >= read_offset()) offset = at;
        }
        // The text ended too soon: the place to write what is missing is after its last character.
        if (msg.find("unexpected end of input") != std::string::npos) {
            const auto last = src_.text().find_last_not_of(" \t\r\n");
            offset = last == std::string::npos ? 0 : last + 1;
        }
        sink_.error("json-syntax", src_.path(), src_.position_of(offset), msg);
        failed_ = true;
        return false;
    }

    bool failed() const { return failed_; }

private:
    struct Frame {
        nlohmann::json* value;
        std::string pointer;
        std::string key;
    };

    std::size_t read_offset() const { return static_cast<std::size_t>(*read_to_ - src_.text().data()); }

    // The parser has just consumed a string's closing quote: walk back to its opening quote.
    std::size_t string_start() const {
        const std::string& t = src_.text();
        std::size_t end = read_offset();
        if (end == 0) return 0;
        std::size_t i = end - 1;  // the closing quote
        while (i > 0) {
            --i;
            if (t[i] != '"') continue;
            std::size_t slashes = 0;
            for (std::size_t j = i; j > 0 && t[j - 1] == '\\'; --j) ++slashes;
            if (slashes % 2 == 0) return i;
        }
        return 0;
    }

    // A string may write, as a \u escape, a character that does not belong in text (a control
    // character, a noncharacter): an error text-control where it is written.
    void check_characters(const std::string& decoded, std::size_t quote) {
        auto bad = util::find_forbidden_character(decoded);
        if (!bad) return;
        sink_.error(
            "text-control", src_.path(), src_.position_of(raw_offset(quote, bad->offset)),
            "the character " + util::code_point_name(bad->code) + " does not belong in text (a control character or a noncharacter)",
            "remove it");
        failed_ = true;
    }

    // The offset in the text of the byte `decoded` of the string whose opening quote is at `quote`.
    std::size_t raw_offset(std::size_t quote, std::size_t decoded) const {
        const std::string& t = src_.text();
        auto hex4 = [&](std::size_t at) {
            unsigned v = 0;
            for (std::size_t k = at; k < at + 4 && k < t.size(); ++k) {
                char c = t[k];
                v = v * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
            }
            return v;
        };
        std::size_t i = quote + 1, d = 0;
        while (i < t.size() && d < decoded) {
            if (t[i] != '\\') {
                ++d, ++i;
            } else if (i + 1 < t.size() && t[i + 1] == 'u') {
                unsigned cp = hex4(i + 2);
                const bool pair = cp >= 0xD800 && cp <= 0xDBFF;  // a surrogate pair: two escapes, one character
                d += pair ? 4 : util::utf8_length(cp);
                i += pair ? 12 : 6;
            } else {
                ++d, i += 2;
            }
        }
        return std::min(i, t.size());
    }

    // Numbers and literals: the parser has read past the token (and maybe one character more).
    std::size_t scalar_start() const {
        const std::string& t = src_.text();
        std::size_t i = std::min(read_offset(), t.size());
        auto delim = [](char c) {
            return c == ',' || c == ':' || c == '[' || c == '{' || c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ']' || c == '}';
        };
        while (i > 0 && delim(t[i - 1])) --i;
        while (i > 0 && !delim(t[i - 1])) --i;
        return i;
    }

    std::string child_pointer() const {
        if (stack_.empty()) return "";
        const auto& f = stack_.back();
        if (f.value->is_array()) return f.pointer + "/" + std::to_string(f.value->size());
        return f.pointer + "/" + escape_token(f.key);
    }

    nlohmann::json* insert(nlohmann::json v) {
        if (stack_.empty()) {
            doc_.value = std::move(v);
            return &doc_.value;
        }
        auto& f = stack_.back();
        if (f.value->is_array()) {
            f.value->push_back(std::move(v));
            return &f.value->back();
        }
        auto& slot = (*f.value)[f.key];
        slot = std::move(v);
        return &slot;
    }

    // A number, with its text as written (given by nlohmann for a float, read back for an integer).
    bool number(nlohmann::json v, std::string literal) {
        const auto start = scalar_start();
        if (literal.empty()) {
            const std::string& t = src_.text();
            std::size_t end = start;
            while (end < t.size() && std::string_view("+-0123456789.eE").find(t[end]) != std::string_view::npos) ++end;
            literal = t.substr(start, end - start);
        }
        doc_.number_literals[child_pointer()] = std::move(literal);
        return put(std::move(v), start);
    }

    bool put(nlohmann::json v, std::size_t start) {
        doc_.value_positions[child_pointer()] = src_.position_of(start);
        insert(std::move(v));
        return true;
    }

    bool open(nlohmann::json empty) {
        std::size_t start = read_offset() > 0 ? read_offset() - 1 : 0;
        if (static_cast<int>(stack_.size()) >= kMaxDepth) {
            sink_.error("json-too-deep", src_.path(), src_.position_of(start),
                        "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
            failed_ = true;
            return false;
        }
        auto ptr = child_pointer();
        doc_.value_positions[ptr] = src_.position_of(start);
        nlohmann::json* slot = insert(std::move(empty));
        stack_.push_back({slot, ptr, {}});
        return true;
    }

    bool close() {
        stack_.pop_back();
        return true;
    }

    const util::SourceText& src_;
    const char* const* read_to_;
    Document& doc_;
    diag::Sink& sink_;
    std::vector<Frame> stack_;
    bool failed_ = false;
};

}  // namespace

std::optional<Document> parse(util::SourcePtr source, diag::Sink& sink) {
    Document doc;
    doc.source = source;
    const std::string& text = source->text();
    std::size_t skip = (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) ? 3 : 0;
    const char* read_to = text.data() + skip;
    Builder builder(*source, &read_to, doc, sink);
    TrackingIterator first{text.data() + skip, &read_to};
    TrackingIterator last{text.data() + text.size(), &read_to};
    nlohmann::json::sax_parse(first, last, &builder);
    if (builder.failed()) return std::nullopt;
    return doc;
}

}  // namespace passage::json
