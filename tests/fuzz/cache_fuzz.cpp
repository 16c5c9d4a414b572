// The decoders of the incremental cache: the input's first byte, modulo 5, picks one (an extract, a
// document's mentions, a rendered body, a search run, a page's memo) and the rest is given to it as
// the bytes a damaged or foreign cache could hold. A decoder either refuses them or returns a value
// that encodes to bytes it decodes again to the same value: nothing it accepts can surprise the stage
// that reads it.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "crossref/memo.hpp"
#include "markdown/memo.hpp"
#include "output/page_memo.hpp"
#include "render/render.hpp"
#include "search/memo.hpp"

using namespace passage;

namespace {

// decode(encode(value)) gives back encode(value): the value survives a round trip.
template <typename Decode, typename Encode>
void round_trip(std::string_view bytes, Decode decode, Encode encode) {
    const auto value = decode(bytes);
    if (!value) return;
    const std::string once = encode(*value);
    const auto again = decode(once);
    if (!again || encode(*again) != once) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] % 5) {
    case 0:
        round_trip(bytes, markdown::decode_extract, [](const auto& v) { return markdown::encode_extract(v.first, v.second); });
        break;
    case 1:
        round_trip(bytes, crossref::decode_mentions, [](const auto& v) { return crossref::encode_mentions(v.first, v.second); });
        break;
    case 2:
        round_trip(bytes, render::decode_body, render::encode_body);
        break;
    case 3:
        round_trip(bytes, search::decode_run, search::encode_run);
        break;
    default:
        round_trip(bytes, output::PageMemo::decode, output::PageMemo::encode);
        break;
    }
    return 0;
}
