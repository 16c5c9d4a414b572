// The preview files beside the pages: an instrument's summary with its key facts, a document's
// passages with their labels, a recommendation set's items; hostile text in metadata stays inside
// the JSON; no page carries them.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support.hpp"

using namespace passage;
namespace stdfs = std::filesystem;

namespace {

// The data of the preview file of `page` ("instruments/icmw.html") in the site at `out`.
nlohmann::json preview(const stdfs::path& out, const std::string& page) {
    const auto file = testing::read_file(out / (page.substr(0, page.size() - 5) + ".preview.js"));
    const std::string head = "passagePreviews(\"" + page + "\",";
    REQUIRE(file.starts_with(head));
    REQUIRE(file.ends_with(");\n"));
    return nlohmann::json::parse(file.substr(head.size(), file.size() - head.size() - 3));
}

}  // namespace

TEST_CASE("every node has a preview file beside its page: key facts, passages, items") {
    testing::TempDir tmp;
    const auto out = tmp.path() / "public";
    REQUIRE(testing::build_site(testing::source_dir() / "content", out).result.ok);

    const auto icmw = preview(out, "instruments/icmw.html");
    CHECK(icmw["title"] == "International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families");
    CHECK(icmw["kind"] == "Convention");
    const auto facts = icmw["facts"].dump();
    CHECK(facts.find("Adopted 18 December 1990") != std::string::npos);
    CHECK(facts.find("In force 1 July 2003") != std::string::npos);
    CHECK(icmw["text"].get<std::string>().size() <= 250);

    const auto desa = preview(out, "documents/desa-2004.html");
    CHECK(desa["title"] == "A Social Perspective on International Migration");
    CHECK(desa["kind"] == "Background note");
    const auto& p8 = desa["passages"]["annex-p8"];
    CHECK(p8[0] == "annex ¶8");
    CHECK(p8[1].get<std::string>().starts_with("8. "));
    CHECK(p8[1].get<std::string>().size() <= 380);
    CHECK(desa["passages"]["introduction"][0] == "I. Introduction");  // a heading, with the text under it
    CHECK(preview(out, "documents/irri-2006.html")["passages"]["fn-1"][0] == "note 1");

    const auto gcim = preview(out, "recommendations/gcim-principles.html");
    CHECK(gcim["kind"] == "Recommendations");
    CHECK(gcim["passages"]["item-1"][0] == "Recommendation 1");
    CHECK(preview(out, "themes/remittances.html")["kind"] == "Theme");
    CHECK(preview(out, "organizations/iom.html")["title"] == "International Organization for Migration");
    CHECK(preview(out, "annotations/icmw-ratification-counts.html")["kind"] == "Editorial note");

    // The pages themselves carry none of it.
    CHECK(testing::read_file(out / "documents" / "desa-2004.html").find("passagePreviews") == std::string::npos);
}

TEST_CASE("hostile text in an entity's metadata stays inside its preview file's JSON") {
    testing::TempDir tmp;
    const auto content = tmp.path() / "content";
    stdfs::copy(testing::source_dir() / "tests" / "sites" / "minimal" / "content", content, stdfs::copy_options::recursive);
    const auto instrument = content / "instruments" / "icmw.json";
    auto json = nlohmann::json::parse(testing::read_file(instrument));
    json["annotation"] = "Ends </script><script>alert(1)</script> and `</script><!--` and <!-- a comment & more";
    testing::write_file(instrument, json.dump());
    const auto out = tmp.path() / "public";
    REQUIRE(testing::build_site(content, out, false).result.ok);
    const auto file = testing::read_file(out / "instruments" / "icmw.preview.js");
    CHECK(file.find('<') == std::string::npos);  // nothing a browser could take for markup, were it inline
    CHECK(file.find('>') == std::string::npos);
    // The plain text of the Markdown: its HTML tags go, the rest stays as written.
    CHECK(preview(out, "instruments/icmw.html")["text"] == "Ends alert(1) and </script><!-- and <!-- a comment & more");
}
