#include "search/memo.hpp"

#include "util/codec.hpp"

namespace passage::search {

std::string encode_run(const Run& run) {
    util::Writer w;
    w.list(run.lengths, [&](const auto& l) {
        for (auto n : l) w.number(n);
    });
    char32_t last_cp = 0;
    w.list(run.fold, [&](const auto& entry) {
        w.number(entry.first - last_cp);
        last_cp = entry.first;
    });
    w.list(run.stems, [&](const Run::Stem& st) {
        w.string(st.stem);
        std::uint32_t last = 0;
        w.list(st.occ, [&](const Run::Occurrences& o) {
            w.number(o.record - last);
            last = o.record;
            for (auto n : o.tf) w.number(n);
            w.number(o.title);
            w.number(o.count);
            std::uint32_t prev = 0;
            for (std::uint32_t k = 0; k < o.count; ++k) {
                const auto pos = st.positions[o.first + k];
                w.number(pos - prev);
                prev = pos;
            }
        });
    });
    w.list(run.surfaces, [&](const auto& s) {
        w.string(s.first);
        w.number(s.second);
    });
    return w.take();
}

std::optional<Run> decode_run(std::string_view bytes) {
    util::Reader r(bytes);
    Run run;
    run.lengths.resize(r.count());
    for (auto& l : run.lengths)
        for (auto& n : l) n = static_cast<std::uint32_t>(r.number());
    std::uint64_t cp = 0;
    for (auto n = r.count(); n > 0 && r.ok(); --n) {
        const auto delta = r.number();
        cp += delta;
        if ((delta == 0 && !run.fold.empty()) || cp > 0x10FFFF)
            r.invalidate();
        else
            run.fold.emplace_hint(run.fold.end(), static_cast<char32_t>(cp), fold_char(static_cast<char32_t>(cp)));
    }
    run.stems.resize(r.count());
    for (std::size_t i = 0; i < run.stems.size() && r.ok(); ++i) {
        auto& st = run.stems[i];
        st.stem = r.string();
        if (i > 0 && !(run.stems[i - 1].stem < st.stem)) r.invalidate();
        st.occ.resize(r.count());
        std::uint64_t record = 0;
        for (std::size_t k = 0; k < st.occ.size() && r.ok(); ++k) {
            auto& o = st.occ[k];
            const auto delta = r.number();
            record += delta;
            if ((k > 0 && delta == 0) || record >= run.lengths.size()) r.invalidate();
            o.record = static_cast<std::uint32_t>(record);
            for (auto& n : o.tf) n = static_cast<std::uint32_t>(r.number());
            o.title = static_cast<std::uint32_t>(r.number());
            if (o.title > o.tf[0]) r.invalidate();
            const auto count = r.number();
            if (count > kMaxPositions) r.invalidate();
            o.first = static_cast<std::uint32_t>(st.positions.size());
            o.count = static_cast<std::uint32_t>(r.ok() ? count : 0);
            std::uint64_t pos = 0;
            for (std::uint32_t p = 0; p < o.count; ++p) {
                pos += r.number();
                if (pos > 0xFFFFFFFFu) r.invalidate();
                st.positions.push_back(static_cast<std::uint32_t>(pos));
            }
        }
    }
    run.surfaces.resize(r.count());
    for (std::size_t i = 0; i < run.surfaces.size() && r.ok(); ++i) {
        auto& s = run.surfaces[i];
        s.first = r.string();
        const auto stem = r.number();
        if (stem >= run.stems.size() || (i > 0 && !(run.surfaces[i - 1].first < s.first))) r.invalidate();
        s.second = static_cast<std::uint32_t>(stem);
    }
    if (!r.finished()) return std::nullopt;
    return run;
}

std::optional<Run> RunStore::recall(const util::Hash128& key) {
    auto bytes = store_.get(key);
    if (!bytes) return std::nullopt;
    auto run = decode_run(*bytes);
    if (run) ++recalled_;
    return run;
}

void RunStore::keep(const util::Hash128& key, const Run& run) {
    ++indexed_;
    store_.put(key, encode_run(run));
}

}  // namespace passage::search
