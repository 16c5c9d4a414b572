// Unit tests for the byte format of the incremental cache (src/cache/codec.hpp): what is encoded
// decodes to the same, and damaged bytes are refused, never trusted.
#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "cache/codec.hpp"
#include "search/index.hpp"

namespace {

namespace ps = passage::search;
using passage::cache::codec::decode_run;
using passage::cache::codec::encode_run;
using passage::cache::codec::Reader;

// Collects the runs build_index indexes.
struct Collect final : ps::RunMemo {
    std::vector<ps::Run> runs;
    std::optional<ps::Run> recall(std::uint64_t) override { return std::nullopt; }
    void keep(std::uint64_t, const ps::Run& run) override { runs.push_back(run); }
};

ps::Run indexed_run() {
    std::vector<ps::Record> records;
    for (int i = 0; i < 6; ++i) {
        ps::Record r;
        r.url = "d.html#p" + std::to_string(i);
        r.path = {"Ébauche du traité", "¶" + std::to_string(i)};
        r.names = {i == 0 ? "Convention on Migrant Workers" : ""};
        r.headings = {"Chapter I", "Protection of the rights of migrants"};
        for (int k = 0; k < 50; ++k) r.text += "word" + std::to_string((i * 7 + k) % 13) + (k % 4 ? " " : " de l’État ");
        records.push_back(r);
    }
    Collect c;
    ps::build_index(records, {}, 1, {.memo = &c});
    REQUIRE(c.runs.size() == 1);
    return c.runs[0];
}

}  // namespace

TEST_CASE("cache codec: a search run decodes to what was encoded") {
    const auto run = indexed_run();
    REQUIRE(run.stems.size() > 10);
    REQUIRE(!run.fold.empty());
    const auto bytes = encode_run(run);
    Reader r(bytes);
    const auto back = decode_run(r);
    CHECK(r.ok());
    CHECK(r.done());
    CHECK(back == run);
}

TEST_CASE("cache codec: a truncated or damaged search run is refused") {
    const auto bytes = encode_run(indexed_run());
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        Reader r(std::string_view(bytes).substr(0, n));
        decode_run(r);
        CHECK_MESSAGE(!(r.ok() && r.done()), "a run cut at byte " << n << " was taken whole");
    }
    // Every single byte changed, in turn: what decodes is either refused or consistent (each
    // number points within the run), never out of bounds (the sanitizer builds would tell).
    std::size_t refused = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        auto damaged = bytes;
        damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
        Reader r(damaged);
        auto run = decode_run(r);
        if (!(r.ok() && r.done())) {
            ++refused;
            continue;
        }
        for (const auto& st : run.stems)
            for (const auto& o : st.occ) {
                CHECK(o.record < run.lengths.size());
                CHECK(o.first + o.count <= st.positions.size());
                CHECK(o.count <= ps::kMaxPositions);
            }
        for (const auto& [surface, stem] : run.surfaces) CHECK(stem < run.stems.size());
    }
    CHECK(refused > bytes.size() / 4);
}
