#include "crossref/matcher.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "util/unicode.hpp"
#include "util/utf8.hpp"

namespace passage::crossref {

namespace {

bool is_acronym(std::string_view phrase) {
    int capitals = 0;
    for (char c : phrase) {
        if (c >= 'A' && c <= 'Z') {
            ++capitals;
        } else if (!((c >= '0' && c <= '9') || c == '-' || c == '.' || c == '/' || c == '&' || c == ' ')) {
            return false;
        }
    }
    return capitals >= 2;
}

}  // namespace

// The text (or a phrase) with whitespace runs collapsed, in two spellings of equal length: as written
// and case-folded, with the word-character flag of every byte and the source offset of any byte.
struct Matcher::Stream {
    std::string exact, folded;
    std::vector<char> word;

    // The source offset of byte `k`. The stream follows the source byte for byte except where a run
    // of blanks became one space: only those places are kept (most texts have none).
    std::size_t offset(std::size_t k) const {
        auto it = std::upper_bound(jumps_.begin(), jumps_.end(), k, [](std::size_t v, const Jump& j) { return v < j.index; });
        --it;  // jumps_[0] is byte 0
        return it->source + (k - it->index);
    }

    Stream(std::string_view text, bool trim) {
        // Never longer than the text (a run of spaces becomes one): sized once, cut at the end.
        exact.resize(text.size());
        folded.resize(text.size());
        word.resize(text.size());
        // Written through local pointers: a store through a char pointer may alias anything, so
        // members would be read again after every byte.
        char* const ex = exact.data();
        char* const fo = folded.data();
        char* const wo = word.data();
        std::size_t size = 0, next_at = 0;
        auto push = [&](char e, char f, std::size_t at, bool w) {
            if (size == 0 || at != next_at) jumps_.push_back({size, at});
            next_at = at + 1;
            ex[size] = e;
            fo[size] = f;
            wo[size] = w ? 1 : 0;
            ++size;
        };
        std::string folding;  // the UTF-8 of one folded character
        bool pending_space = false;
        std::size_t space_at = 0;
        for (std::size_t i = 0; i < text.size();) {
            const util::Utf8Char c = util::decode_utf8(text, i);  // a byte that is not UTF-8 is a boundary
            const bool valid = c.code != util::kNotUtf8;
            if (valid && util::is_space_character(c.code)) {
                if (!pending_space) pending_space = true, space_at = i;
                i += c.length;
                continue;
            }
            if (pending_space && !(trim && size == 0)) push(' ', ' ', space_at, false);
            pending_space = false;
            const bool w = valid && util::is_word_character(c.code);
            const char32_t f = valid ? util::fold_case_same_length(c.code) : c.code;
            if (f == c.code) {
                for (std::size_t k = 0; k < c.length; ++k) push(text[i + k], text[i + k], i + k, w);
            } else {  // as many bytes as the character: byte k of the fold stands for byte k of the text
                folding.clear();
                util::append_utf8(folding, f);
                for (std::size_t k = 0; k < c.length; ++k) push(text[i + k], folding[k], i + k, w);
            }
            i += c.length;
        }
        if (pending_space && !trim) push(' ', ' ', space_at, false);
        size_ = size;
        exact.resize(size_);
        folded.resize(size_);
        word.resize(size_);
    }

    std::size_t size() const { return size_; }

private:
    struct Jump {
        std::size_t index, source;  // byte `index` of the stream is byte `source` of the text
    };
    std::vector<Jump> jumps_;
    std::size_t size_ = 0;
};

Matcher::Matcher() : nodes_(1), root_(256, 0) {}

std::uint32_t Matcher::child(std::uint32_t state, unsigned char byte) const {
    if (state == 0) return root_[byte];
    const Node& n = nodes_[state];
    const unsigned char* first = edge_bytes_.data() + n.edge_begin;
    const unsigned char* last = first + n.edge_count;
    const unsigned char* it = n.edge_count <= 8 ? std::find(first, last, byte) : std::lower_bound(first, last, byte);
    if (it == last || *it != byte) return kNone;
    return edge_to_[n.edge_begin + static_cast<std::uint32_t>(it - first)];
}

Matcher Matcher::build(const std::vector<Alias>& aliases, std::vector<AliasConflict>* conflicts, std::uint32_t dense_depth) {
    Matcher m;

    // 1. Keys and conflicts. An acronym is keyed by its exact spelling, any other alias by its folding;
    //    `by_fold_*` also catch an acronym and a case-insensitive alias that read the same letters.
    struct Keyed {
        std::size_t source;
        std::string folded;
    };
    std::vector<Keyed> keyed;  // parallel to m.patterns_
    std::map<std::string, std::size_t> sensitive_by_exact, sensitive_by_fold, insensitive_by_fold;
    auto report = [&](std::size_t first_pattern, std::size_t second, const std::string& phrase, bool case_variant) {
        if (!conflicts) return;
        const Keyed& first = keyed[first_pattern];
        conflicts->push_back({phrase, aliases[first.source].target, aliases[second].target, first.source, second, case_variant});
    };
    for (std::size_t i = 0; i < aliases.size(); ++i) {
        const Stream s(aliases[i].phrase, true);
        if (s.size() == 0) continue;
        const bool sensitive = is_acronym(s.exact);
        const std::string& key = sensitive ? s.exact : s.folded;
        auto& same_mode = sensitive ? sensitive_by_exact : insensitive_by_fold;
        if (auto it = same_mode.find(key); it != same_mode.end()) {
            if (m.patterns_[it->second].target != aliases[i].target) report(it->second, i, s.exact, false);
            continue;
        }
        auto& other_mode = sensitive ? insensitive_by_fold : sensitive_by_fold;
        if (auto it = other_mode.find(s.folded); it != other_mode.end() && m.patterns_[it->second].target != aliases[i].target)
            report(it->second, i, s.exact, true);
        const std::size_t index = m.patterns_.size();
        same_mode.emplace(key, index);
        if (sensitive) sensitive_by_fold.emplace(s.folded, index);
        m.patterns_.push_back({s.exact, aliases[i].target, sensitive});
        keyed.push_back({i, s.folded});
    }

    // 2. Trie over the reversed folded phrases, built with per-node child lists.
    std::vector<std::vector<std::pair<unsigned char, std::uint32_t>>> kids(1);
    for (std::size_t p = 0; p < keyed.size(); ++p) {
        std::uint32_t state = 0;
        const std::string& f = keyed[p].folded;
        for (auto it = f.rbegin(); it != f.rend(); ++it) {
            const auto b = static_cast<unsigned char>(*it);
            auto& list = kids[state];
            auto found = std::find_if(list.begin(), list.end(), [b](const auto& e) { return e.first == b; });
            if (found != list.end()) {
                state = found->second;
                continue;
            }
            const auto next = static_cast<std::uint32_t>(m.nodes_.size());
            list.emplace_back(b, next);
            Node node;
            node.depth = m.nodes_[state].depth + 1;
            m.nodes_.push_back(node);
            kids.emplace_back();
            state = next;
        }
        (m.patterns_[p].case_sensitive ? m.nodes_[state].sensitive : m.nodes_[state].insensitive) = static_cast<std::int32_t>(p);
    }

    // 3. Flatten the child lists into sorted edge arrays and the dense root table.
    for (std::size_t n = 0; n < kids.size(); ++n) {
        auto& list = kids[n];
        std::sort(list.begin(), list.end());
        m.nodes_[n].edge_begin = static_cast<std::uint32_t>(m.edge_bytes_.size());
        m.nodes_[n].edge_count = static_cast<std::uint32_t>(list.size());
        for (const auto& [b, to] : list) {
            m.edge_bytes_.push_back(b);
            m.edge_to_.push_back(to);
            if (n == 0) m.root_[b] = to;
        }
    }

    // 4. Failure and dictionary links, breadth first so every shallower node is done before it is used.
    std::vector<std::uint32_t> queue;
    queue.reserve(m.nodes_.size());
    for (const auto& [b, to] : kids[0]) queue.push_back(to);  // depth 1: fail to the root, already set
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const std::uint32_t u = queue[head];
        for (const auto& [b, v] : kids[u]) {
            std::uint32_t f = m.nodes_[u].fail;
            std::uint32_t target = m.child(f, b);
            while (target == kNone) {
                f = m.nodes_[f].fail;
                target = m.child(f, b);
            }
            Node& node = m.nodes_[v];
            node.fail = target;
            node.out = m.nodes_[target].terminal() ? target : m.nodes_[target].out;
            queue.push_back(v);
        }
    }

    // 5. For the shallow nodes, where a scan spends most of its steps, dense rows of 256 transitions
    //    with the failure links followed in advance: one lookup per byte instead of a search and a
    //    walk up the failure links. Breadth first again, so a node's failure row is ready before it.
    m.row_.assign(m.nodes_.size(), kNone);
    for (const std::uint32_t u : queue) {
        if (m.nodes_[u].depth > dense_depth) break;
        const std::uint32_t fail = m.nodes_[u].fail;
        const std::size_t at = m.dense_.size();
        m.row_[u] = static_cast<std::uint32_t>(at / 256);
        m.dense_.resize(at + 256);
        for (unsigned b = 0; b < 256; ++b) {
            const std::uint32_t next = m.child(u, static_cast<unsigned char>(b));
            m.dense_[at + b] = next != kNone ? next : fail == 0 ? m.root_[b] : m.dense_[std::size_t{m.row_[fail]} * 256 + b];
        }
    }
    return m;
}

std::vector<Matcher::Candidate> Matcher::scan(const Stream& s, std::size_t& steps_out) const {
    std::vector<Candidate> found;
    if (patterns_.empty()) return found;
    // Locals, not members or the caller's counter, so that nothing is read again after each store.
    const std::size_t n = s.size();
    const char* const folded = s.folded.data();
    const char* const word = s.word.data();
    const std::uint32_t* const row = row_.data();
    const std::uint32_t* const dense = dense_.data();
    const Node* const nodes = nodes_.data();
    std::size_t steps = 0;
    std::uint32_t state = 0;
    for (std::size_t i = n; i-- > 0;) {
        const auto b = static_cast<unsigned char>(folded[i]);
        for (;;) {
            ++steps;
            if (state != 0 && row[state] != kNone) {  // a shallow node: its row has the answer
                state = dense[std::size_t{row[state]} * 256 + b];
                break;
            }
            const std::uint32_t next = child(state, b);
            if (next != kNone) {
                state = next;
                break;
            }
            state = nodes[state].fail;
        }
        if (i > 0 && word[i - 1]) continue;  // not a word start: no phrase may begin here
        // Longest first: the first candidate that passes its end boundary and case check is the answer.
        for (std::uint32_t t = nodes[state].terminal() ? state : nodes[state].out; t != kNone; t = nodes[t].out) {
            ++steps;
            const Node& node = nodes[t];
            const std::size_t end = i + node.depth;
            if (end < n && word[end]) continue;
            std::int32_t hit = -1;
            if (node.sensitive >= 0) {
                ++steps;
                const Pattern& p = patterns_[static_cast<std::size_t>(node.sensitive)];
                if (std::string_view(s.exact).substr(i, node.depth) == p.exact) hit = node.sensitive;
            }
            if (hit < 0) hit = node.insensitive;
            if (hit >= 0) {
                found.push_back({i, node.depth, static_cast<std::uint32_t>(hit)});
                break;
            }
        }
    }
    steps_out += steps;
    return found;
}

std::vector<Match> Matcher::find(std::string_view text, const Matcher* context, std::size_t* steps) const {
    std::vector<Match> result;
    if (context && context->empty()) context = nullptr;
    if (text.empty() || (empty() && !context)) return result;
    const Stream s(text, false);
    std::size_t work = 0;
    const std::vector<Candidate> global = scan(s, work);
    const std::vector<Candidate> local = context ? context->scan(s, work) : std::vector<Candidate>{};
    if (steps) *steps += work;

    // Both lists hold at most one candidate per start, in decreasing order of start: walk them from
    // the back, keep the longer (context on a tie), and skip what overlaps the last match kept.
    std::size_t gi = global.size(), li = local.size(), free_from = 0;
    while (gi > 0 || li > 0) {
        const Candidate* g = gi > 0 ? &global[gi - 1] : nullptr;
        const Candidate* l = li > 0 ? &local[li - 1] : nullptr;
        bool from_context;
        if (g && l && g->begin == l->begin) {
            from_context = l->length >= g->length;
            --gi, --li;
        } else if (l && (!g || l->begin < g->begin)) {
            from_context = true;
            --li;
        } else {
            from_context = false;
            --gi;
        }
        const Candidate& c = from_context ? *l : *g;
        if (c.begin < free_from) continue;
        const Matcher& owner = from_context ? *context : *this;
        result.push_back({s.offset(c.begin), s.offset(c.begin + c.length - 1) + 1, owner.patterns_[c.pattern].target, from_context});
        free_from = c.begin + c.length;
    }
    return result;
}

}  // namespace passage::crossref
