// The JSON reader and metadata validation: the input is one JSON file of a small valid content
// folder (the first byte picks which), read by config::load and content::load as a build reads it.
#include "config/config.hpp"
#include "content/content.hpp"
#include "fuzz_site.hpp"

using namespace passage;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const char* const kFiles[] = {"c/site.json",
                                         "c/themes.json",
                                         "c/documents/a.json",
                                         "c/instruments/icmw.json",
                                         "c/organizations/unga.json",
                                         "c/recommendations/set.json",
                                         "c/annotations/n.json",
                                         "c/instruments/new.json"};
    if (size == 0) return 0;
    auto disk = fuzz::small_site();
    disk.add_file(kFiles[data[0] % (sizeof kFiles / sizeof kFiles[0])], std::string(reinterpret_cast<const char*>(data) + 1, size - 1));
    diag::Sink sink;
    auto site = config::load(disk, "c", sink);
    auto corpus = content::load(disk, "c", site, sink);
    fuzz::print_diagnostics(sink);
    return 0;
}
