// The conformance suites given from outside (GitHub's GFM spec, the Mustache spec): `passage_conformance
// gfm` or `passage_conformance mustache` runs one when its folder is given (the environment variable
// PASSAGE_GFM_SPEC or PASSAGE_MUSTACHE_SPEC, or the CMake option of the same name), and exits with
// status 77, which CTest reports as skipped, when it is not: a suite that did not run never shows
// as passed.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
    const std::string suite = argc > 1 ? argv[1] : "";
    const char* variable = suite == "gfm" ? "PASSAGE_GFM_SPEC" : suite == "mustache" ? "PASSAGE_MUSTACHE_SPEC" : nullptr;
    if (!variable) {
        std::cerr << "usage: passage_conformance gfm|mustache\n";
        return 2;
    }
    const char* given = std::getenv(variable);
    const std::string folder = given && *given ? given : suite == "gfm" ? PASSAGE_GFM_SPEC_DIR : PASSAGE_MUSTACHE_SPEC_DIR;
    if (folder.empty()) {
        std::cout << suite << " spec conformance: " << variable << " not given, skipped\n";
        return 77;
    }
    doctest::Context context;
    context.setOption("test-case", (suite + " spec conformance").c_str());
    return context.run();
}
