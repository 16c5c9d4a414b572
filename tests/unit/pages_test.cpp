// render/pages: the order in which a build's threads take the pages.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "render/render.hpp"

using namespace passage;

TEST_CASE("the pages are scheduled with one index page first and the other index pages last") {
    content::Corpus corpus;
    for (const char* id : {"icmw", "cedaw", "zeta"}) {
        content::Instrument x;
        x.id = id;
        x.title = id;
        corpus.instruments.push_back(x);
    }
    content::Theme theme;
    theme.id = "health";
    theme.title = "Health";
    corpus.themes.push_back(theme);
    std::vector<markdown::Tree> trees;
    crossref::Graph graph;
    diag::Sink sink;
    render::Pages pages(corpus, trees, graph, {}, sink);

    const auto order = pages.schedule();
    const auto& paths = pages.paths();
    REQUIRE(order.size() == paths.size());
    CHECK(std::set<std::size_t>(order.begin(), order.end()).size() == paths.size());  // each page once
    auto is_index = [&](std::size_t i) { return paths[i].find('/') == std::string::npos; };
    REQUIRE(std::count_if(order.begin(), order.end(), is_index) == 10);
    CHECK(is_index(order.front()));
    // After the first page: the pages of entities, then nothing but index pages.
    auto first_index_after = std::find_if(order.begin() + 1, order.end(), is_index);
    CHECK(first_index_after - order.begin() == 1 + 4);
    CHECK(std::all_of(first_index_after, order.end(), is_index));
}
