// Unit tests for the Mustache engine (src/templates/mustache.hpp): behaviour the spec files do not
// pin down (escaping of ', truthiness, errors and their positions, limits, caching, threads) and
// template inheritance, whose official spec file is optional in the conformance run.

#include <atomic>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "templates/mustache.hpp"

namespace {

namespace mt = passage::templates;
using nlohmann::json;
using Partials = std::map<std::string, std::string>;

mt::PartialLoader loader_for(Partials partials) {
  return [partials = std::move(partials)](std::string_view name) -> std::optional<std::string> {
    const auto it = partials.find(std::string(name));
    if (it == partials.end()) return std::nullopt;
    return it->second;
  };
}

// Compiles `source` as "main" and renders it; the result's error covers both steps.
mt::RenderResult run(std::string_view source, const json& data = json::object(), Partials partials = {},
                     const mt::RenderOptions& options = {}) {
  const mt::CompileResult compiled = mt::compile("main", source);
  if (compiled.error) return {{}, compiled.error};
  const mt::Library library(loader_for(std::move(partials)));
  return library.render(*compiled.tmpl, data, options);
}

// The output, failing the test if there was an error.
std::string render(std::string_view source, const json& data = json::object(), Partials partials = {}) {
  const mt::RenderResult r = run(source, data, std::move(partials));
  if (r.error) FAIL_CHECK(mt::to_string(*r.error));
  return r.output;
}

// The error, failing the test if there was none.
mt::TemplateError error_of(std::string_view source, const json& data = json::object(), Partials partials = {},
                           const mt::RenderOptions& options = {}) {
  const mt::RenderResult r = run(source, data, std::move(partials), options);
  REQUIRE_MESSAGE(r.error.has_value(), "expected an error, got output " << json(r.output).dump());
  CHECK(r.output.empty());
  return *r.error;
}

}  // namespace

TEST_CASE("interpolation escapes HTML, including the apostrophe") {
  CHECK(render("{{x}}", {{"x", "<a href=\"/\">Tom & Jerry's</a>"}}) ==
        "&lt;a href=&quot;/&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  CHECK(render("{{{x}}}|{{& x}}", {{"x", "<b>'&'</b>"}}) == "<b>'&'</b>|<b>'&'</b>");
  CHECK(render("{{=<% %>=}}<%{x}%> <%x%>", {{"x", "<"}}) == "< &lt;");
}

TEST_CASE("scalars, arrays and objects interpolate as text") {
  CHECK(render("{{i}} {{f}} {{t}} {{n}}|", {{"i", -7}, {"f", 2.5}, {"t", true}, {"n", nullptr}}) == "-7 2.5 true |");
  CHECK(render("{{{a}}} {{{o}}}", {{"a", {1, "x"}}, {"o", {{"k", 1}}}}) == "[1,\"x\"] {\"k\":1}");
  CHECK(render("{{big}}", {{"big", 18446744073709551615ULL}}) == "18446744073709551615");
  CHECK(render("{{a}}", {{"a", {std::string("bad \xff utf-8")}}}) == "[&quot;bad \xef\xbf\xbd utf-8&quot;]");
}

TEST_CASE("name resolution: context stack, dotted names, array indices") {
  const json data = {{"site", {{"title", "Passage"}}},
                     {"items", {{{"title", "first"}}, {{"title", "second"}}}},
                     {"title", "outer"}};
  CHECK(render("{{site.title}}", data) == "Passage");
  CHECK(render("{{items.1.title}}|{{items.9.title}}|{{items.x}}", data) == "second||");
  CHECK(render("{{#items}}{{title}}/{{site.title}};{{/items}}", data) == "first/Passage;second/Passage;");
  CHECK(render("{{#site}}{{title}}{{/site}}", data) == "Passage");
  CHECK(render("{{#items}}{{#.}}{{title}}{{/.}}{{/items}}", data) == "firstsecond");
}

TEST_CASE("truthiness: missing, null, false, empty string and empty list are falsey") {
  const json data = {{"null", nullptr}, {"no", false}, {"empty", ""}, {"none", json::array()},
                     {"zero", 0},       {"obj", json::object()}, {"s", "x"}};
  CHECK(render("{{#null}}a{{/null}}{{#no}}b{{/no}}{{#empty}}c{{/empty}}{{#none}}d{{/none}}{{#missing}}e{{/missing}}",
               data) == "");
  CHECK(render("{{^null}}a{{/null}}{{^no}}b{{/no}}{{^empty}}c{{/empty}}{{^none}}d{{/none}}{{^missing}}e{{/missing}}",
               data) == "abcde");
  CHECK(render("{{#zero}}[{{.}}]{{/zero}}{{#obj}}o{{/obj}}{{#s}}<{{.}}>{{/s}}", data) == "[0]o<x>");
}

TEST_CASE("sections iterate lists, push objects, and nest") {
  const json data = {{"rows", {{{"cells", {1, 2}}}, {{"cells", {3}}}}}};
  CHECK(render("{{#rows}}<tr>{{#cells}}<td>{{.}}</td>{{/cells}}</tr>\n{{/rows}}", data) ==
        "<tr><td>1</td><td>2</td></tr>\n<tr><td>3</td></tr>\n");
  CHECK(render("<ul>\n  {{#rows}}\n  <li>{{#cells}}{{.}}{{/cells}}</li>\n  {{/rows}}\n</ul>\n", data) ==
        "<ul>\n  <li>12</li>\n  <li>3</li>\n</ul>\n");
}

TEST_CASE("comments and set delimiters") {
  CHECK(render("a{{! hidden {x} }}b\n{{!\n multi\n}}\nc") == "ab\nc");
  CHECK(render("a{{! ends at the first {{x}} }}b") == "a }}b");  // a comment cannot contain the closer
  CHECK(render("{{=[[ ]]=}}[[x]] {{x}}\n[[={{ }}=]]{{x}}", {{"x", 1}}) == "1 {{x}}\n1");
  CHECK(render("{{= <% %> =}}\n<%#l%><%.%><%/l%>", {{"l", {1, 2}}}) == "12");
}

TEST_CASE("standalone lines are removed, CRLF included") {
  CHECK(render("a\r\n  {{#t}}\r\nb\r\n  {{/t}}\r\nc", {{"t", true}}) == "a\r\nb\r\nc");
  CHECK(render("  {{! only }}  \n  {{x}}\n", {{"x", "v"}}) == "  v\n");
  CHECK(render("{{#t}}{{/t}}\n", {{"t", true}}) == "\n");  // two tags on a line: not standalone
}

TEST_CASE("partials: context, indentation of standalone partials, nesting") {
  const Partials partials = {{"item", "<li>{{name}}</li>\n"},
                             {"list", "<ul>\n  {{#items}}\n  {{>item}}\n  {{/items}}\n</ul>\n"},
                             {"gap", "one\n\ntwo\n"},
                             {"inline", "x\ny"}};
  const json data = {{"items", {{{"name", "a"}}, {{"name", "<b>"}}}}};
  CHECK(render("<nav>\n  {{>list}}\n</nav>\n", data, partials) ==
        "<nav>\n  <ul>\n    <li>a</li>\n    <li>&lt;b&gt;</li>\n  </ul>\n</nav>\n");
  // Blank lines of an indented partial get no trailing whitespace.
  CHECK(render("  {{>gap}}", {}, partials) == "  one\n\n  two\n");
  // An inline partial is not indented, even inside an indented one.
  CHECK(render("-\n  {{>outer}}\n", {}, {{"outer", "[{{>inline}}]\nz\n"}, {"inline", "x\ny"}}) == "-\n  [x\ny]\n  z\n");
  // Indentation is applied to template lines, never inside interpolated values.
  CHECK(render("  {{>v}}\n", {{"v", "1\n2"}}, {{"v", "{{v}}\n"}}) == "  1\n2\n");
}

TEST_CASE("missing partials: error by default, empty in spec mode") {
  const mt::TemplateError e = error_of("line\n  ab {{>nope}}");
  CHECK(e.name == "main");
  CHECK(e.line == 2);
  CHECK(e.column == 6);
  CHECK(e.message == "partial 'nope' not found");
  mt::RenderOptions lenient;
  lenient.missing_partial_is_error = false;
  const mt::RenderResult r = run("[{{>nope}}][{{<nope}}{{/nope}}]", {}, {}, lenient);
  CHECK_FALSE(r.error);
  CHECK(r.output == "[][]");
  CHECK(error_of("{{<base}}{{/base}}").message == "parent 'base' not found");
}

TEST_CASE("on_missing reports unresolved variables only") {
  std::vector<std::string> missing;
  mt::RenderOptions options;
  options.on_missing = [&missing](const mt::RenderOptions::Missing& m) {
    missing.emplace_back(std::string(m.variable) + "@" + std::to_string(m.line) + ":" + std::to_string(m.column));
  };
  const mt::RenderResult r =
      run("{{a}}{{b.c}}{{n}}{{#sec}}{{/sec}}{{^sec}}{{d.e}}{{/sec}}{{ok}}", {{"b", 1}, {"n", nullptr}, {"ok", 1}}, {},
          options);
  CHECK(r.output == "1");
  CHECK(missing == std::vector<std::string>{"a@1:1", "b.c@1:6", "d.e@1:42"});
}

TEST_CASE("compile errors carry name, line, column (in characters) and message") {
  struct Case {
    const char* source;
    int line;
    int column;
    const char* message;
  };
  const Case cases[] = {
      {"ab\ncd {{x", 2, 4, "unclosed tag: missing '}}'"},
      {"{{{x}}", 1, 1, "unclosed tag: missing '}}}'"},
      {"a {{#s}}\n{{#t}}x{{/t}}", 1, 3, "unclosed section 's': missing {{/s}}"},
      {"{{#s}}\n {{/t}}", 2, 2, "mismatched closing tag {{/t}}: expected {{/s}} for the tag at line 1, column 1"},
      {"x{{/s}}", 1, 2, "unexpected closing tag {{/s}}: no section is open"},
      {"{{=<% %>}}", 1, 1, "bad set-delimiter tag: missing '=}}'"},
      {"{{=<%=}}", 1, 1, "bad set-delimiter tag: expected two delimiters without whitespace or '=', as in {{=<% %>=}}"},
      {"{{= a= b =}}", 1, 1, "bad set-delimiter tag: expected two delimiters without whitespace or '=', as in {{=<% %>=}}"},
      {"{{%x}}", 1, 1, "unknown tag type '%'"},
      {"{{ }}", 1, 1, "empty tag"},
      {"{{#}}{{/}}", 1, 1, "empty tag name"},
      {"{{a b}}", 1, 1, "invalid tag name 'a b': contains whitespace"},
      {"{{a..b}}", 1, 1, "invalid dotted name 'a..b'"},
      {"{{>}}", 1, 1, "empty tag name"},
      {"été {{#x}}", 1, 5, "unclosed section 'x': missing {{/x}}"},  // é is one character
  };
  for (const Case& c : cases) {
    CAPTURE(c.source);
    const mt::CompileResult r = mt::compile("page.html", c.source);
    REQUIRE(r.error.has_value());
    CHECK_FALSE(r.tmpl);
    CHECK(r.error->name == "page.html");
    CHECK(r.error->line == c.line);
    CHECK(r.error->column == c.column);
    CHECK(r.error->message == c.message);
  }
  CHECK(mt::to_string(mt::TemplateError{"a.html", 3, 7, "boom"}) == "a.html:3:7: boom");
  CHECK(mt::to_string(mt::TemplateError{"a.html", 0, 0, "template not found"}) == "a.html: template not found");
}

TEST_CASE("errors inside partials are attributed to the partial") {
  const mt::TemplateError compile_error = error_of("ok {{>bad}}", {}, {{"bad", "\n  {{#x}}"}});
  CHECK(compile_error.name == "bad");
  CHECK(compile_error.line == 2);
  CHECK(compile_error.column == 3);
  const mt::TemplateError missing = error_of("{{>mid}}", {}, {{"mid", "a\nb{{>gone}}"}});
  CHECK(missing.name == "mid");
  CHECK(missing.line == 2);
  CHECK(missing.column == 2);
}

TEST_CASE("hostile input: deep nesting, unbounded recursion, exponential output") {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "{{#a}}";
  const mt::CompileResult r = mt::compile("deep", deep);
  REQUIRE(r.error.has_value());
  CHECK(r.error->message == "sections nested too deeply (limit 256)");
  CHECK(r.error->column == 256 * 6 + 1);

  // 200,000 tags on one line: a quadratic scan would take minutes, a linear one milliseconds.
  std::string wide;
  for (int i = 0; i < 100000; ++i) wide += "{{#a}}x{{/a}}";
  CHECK(render(wide, {{"a", true}}).size() == 100000);

  // Nesting up to the limit compiles and renders without recursion problems.
  std::string ok;
  for (int i = 0; i < 256; ++i) ok += "{{#a}}";
  ok += "{{b}}";
  for (int i = 0; i < 256; ++i) ok += "{{/a}}";
  CHECK(render(ok, {{"a", true}, {"b", "!"}}) == "!");

  const mt::TemplateError self = error_of("{{>me}}", {}, {{"me", "x{{>me}}"}});
  CHECK(self.name == "me");
  CHECK(self.message == "partials, parents and blocks nested deeper than 64 levels (recursive template?)");
  mt::RenderOptions shallow;
  shallow.max_depth = 3;
  CHECK(run("{{>a}}", {}, {{"a", "{{>b}}"}, {"b", "{{>c}}"}, {"c", "c"}}, shallow).output == "c");
  CHECK(error_of("{{>a}}", {}, {{"a", "{{>b}}"}, {"b", "{{>c}}"}, {"c", "{{>d}}"}, {"d", "d"}}, shallow).name == "c");

  // A block whose override contains the same block expands forever without any partial.
  CHECK(error_of("{{<p}}{{$a}}<{{$a}}{{/a}}>{{/a}}{{/p}}", {}, {{"p", "{{$a}}{{/a}}"}}).message.find("nested deeper") !=
        std::string::npos);

  // Twenty levels of doubling partials ask for 2^20 copies: stopped by the output limit.
  Partials doubling;
  for (int i = 0; i < 20; ++i) {
    doubling["p" + std::to_string(i)] = "{{>p" + std::to_string(i + 1) + "}}{{>p" + std::to_string(i + 1) + "}}";
  }
  doubling["p20"] = "xxxxxxxxxx";
  mt::RenderOptions small;
  small.max_output_bytes = 1000;
  CHECK(error_of("{{>p0}}", {}, doubling, small).message == "output exceeds 1000 bytes");
}

TEST_CASE("rendering large data is linear") {
  json items = json::array();
  for (int i = 0; i < 200000; ++i) items.push_back({{"n", i}});
  const std::string out = render("{{#items}}<i>{{n}}</i>\n{{/items}}", {{"items", items}});
  std::size_t digits = 0;
  for (int i = 0; i < 200000; ++i) digits += std::to_string(i).size();
  CHECK(out.size() == 200000 * 8 + digits);
  CHECK(out.substr(0, 17) == "<i>0</i>\n<i>1</i>");
  CHECK(out.substr(out.size() - 14) == "<i>199999</i>\n");
}

TEST_CASE("Library: compiles each template once, caches misses, preloads, renders by name") {
  std::atomic<int> calls{0};
  const Partials files = {{"page", "<h1>{{title}}</h1>\n{{>footer}}"}, {"footer", "<p>{{>year}}</p>"},
                          {"year", "{{y}}"},
                          {"broken", "{{>footer}}{{>ghost}}"},
                          {"bad", "{{#x}}"}};
  const mt::PartialLoader base = loader_for(files);
  mt::Library library([&](std::string_view name) {
    ++calls;
    return base(name);
  });
  const json data = {{"title", "T"}, {"y", 2024}};
  CHECK_FALSE(library.preload("page"));
  CHECK(calls == 3);
  for (int i = 0; i < 3; ++i) CHECK(library.render("page", data).output == "<h1>T</h1>\n<p>2024</p>");
  CHECK(calls == 3);

  const auto missing = library.preload("broken");
  REQUIRE(missing);
  CHECK(missing->name == "broken");
  CHECK(missing->column == 12);
  CHECK(missing->message == "partial 'ghost' not found");
  CHECK(library.preload("bad")->message == "unclosed section 'x': missing {{/x}}");
  const mt::RenderResult not_found = library.render("nothing", data);
  REQUIRE(not_found.error);
  CHECK(mt::to_string(*not_found.error) == "nothing: template not found");
  const int after = calls;
  CHECK(library.render("nothing", data).error);
  CHECK(calls == after);  // the miss is cached too

  mt::Library moved = std::move(library);
  CHECK(moved.get("page").tmpl->name() == "page");
}

TEST_CASE("Library: render is safe from several threads at once") {
  Partials files = {{"page", "{{#items}}{{>row}}{{/items}}"}};
  for (int i = 0; i < 50; ++i) files["row"] = "[{{n}}]";
  const mt::Library library(loader_for(files));
  json items = json::array();
  std::string expected;
  for (int i = 0; i < 100; ++i) {
    items.push_back({{"n", i}});
    expected += "[" + std::to_string(i) + "]";
  }
  const json data = {{"items", items}};
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (library.render("page", data).output == expected) ++good;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(good == 8 * 50);
}

// ---- template inheritance (the spec's optional inheritance module) -----------------------------

TEST_CASE("inheritance: blocks render their default content outside any parent") {
  CHECK(render("<title>{{$title}}Untitled {{site}}{{/title}}</title>\n", {{"site", "<S>"}}) ==
        "<title>Untitled &lt;S&gt;</title>\n");
  CHECK(render("{{$b}}{{#list}}{{.}}{{/list}}{{^list}}none{{/list}}{{/b}}", {{"list", {1, 2}}}) == "12");
}

TEST_CASE("inheritance: a parent's blocks are replaced by the child's arguments") {
  const Partials layout = {{"layout", "<title>{{$title}}Site{{/title}}</title>|{{$body}}empty{{/body}}"}};
  CHECK(render("{{<layout}}{{$body}}Hello{{/body}}{{/layout}}", {}, layout) == "<title>Site</title>|Hello");
  CHECK(render("{{<layout}}{{$title}}T{{/title}}{{$body}}B{{/body}}{{/layout}}", {}, layout) ==
        "<title>T</title>|B");
  // Text and other tags directly inside a parent are ignored; the context never overrides a block.
  CHECK(render("{{<layout}} noise {{x}} {{$body}}B{{/body}} more {{/layout}}", {{"title", "ctx"}, {"x", 1}},
               layout) == "<title>Site</title>|B");
  // The same parent used twice with different arguments.
  CHECK(render("{{<layout}}{{$body}}1{{/body}}{{/layout}} {{<layout}}{{$body}}2{{/body}}{{/layout}}", {}, layout) ==
        "<title>Site</title>|1 <title>Site</title>|2");
  // A partial is a parent without arguments.
  CHECK(render("{{>layout}}", {}, layout) == "<title>Site</title>|empty");
}

TEST_CASE("inheritance: the outermost argument wins across several levels") {
  const Partials chain = {{"base", "[{{$x}}base{{/x}}]"},
                          {"middle", "{{<base}}{{$x}}middle{{/x}}{{/base}}"},
                          {"top", "{{<middle}}{{$x}}top{{/x}}{{/middle}}"}};
  CHECK(render("{{<top}}{{/top}}", {}, chain) == "[top]");
  CHECK(render("{{<middle}}{{/middle}}", {}, chain) == "[middle]");
  CHECK(render("{{<top}}{{$x}}page{{/x}}{{/top}}", {}, chain) == "[page]");
}

TEST_CASE("inheritance: parents may recurse through blocks without looping") {
  const Partials p = {{"a", "{{$x}}ax{{/x}}-{{$y}}{{<b}}{{/b}}{{/y}}"}, {"b", "{{$x}}bx{{/x}}-{{<a}}{{$y}}end{{/y}}{{/a}}"}};
  CHECK(render("{{<a}}{{$x}}X{{/x}}{{/a}}", {}, p) == "X-X-X-end");
}

TEST_CASE("inheritance: arguments render against the context where the block is expanded") {
  const json data = {{"who", "page"}, {"inner", {{"who", "section"}}}};
  CHECK(render("{{<p}}{{$b}}by {{who}}{{/b}}{{/p}}", data, {{"p", "{{#inner}}{{$b}}default{{/b}}{{/inner}}"}}) ==
        "by section");
}

TEST_CASE("inheritance: whitespace and indentation") {
  // A parent pair on one indented line is standalone: its lines are indented, its line end dropped.
  CHECK(render("<body>\n  {{<p}}{{/p}}\n</body>\n", {}, {{"p", "<a>\n<b>\n"}}) == "<body>\n  <a>\n  <b>\n</body>\n");
  // A newline right after an argument's opening tag belongs to the tag.
  CHECK(render("{{<p}}{{$b}}\nx\n\ny\n{{/b}}{{/p}}", {}, {{"p", "{{$b}}{{/b}}"}}) == "x\n\ny\n");
  // Arguments lose their own indentation and take the block's.
  const Partials page = {{"page", "<main>\n    {{$content}}\n    {{/content}}\n</main>\n"}};
  CHECK(render("{{<page}}\n  {{$content}}\n      <p>a</p>\n      <p>b</p>\n  {{/content}}\n{{/page}}\n", {}, page) ==
        "<main>\n    <p>a</p>\n    <p>b</p>\n</main>\n");
  // A standalone block's indentation comes from its default content.
  CHECK(render("{{<p}}{{$b}}\nq\n{{/b}}{{/p}}", {}, {{"p", "<\n{{$b}}\n   d\n{{/b}}\n>"}}) == "<\n   q\n>");
  // Not standalone (text before the opening tag): the argument is inserted as is.
  CHECK(render("{{<p}}{{$b}}\nq\nr{{/b}}{{/p}}", {}, {{"p", "<{{$b}}\n   d\n{{/b}}>"}}) == "<q\nr>");
  // An opening tag that starts its line but shares it: later lines get its leading blanks.
  CHECK(render("{{<p}}{{$b}}1\n2{{/b}}{{/p}}", {}, {{"p", "-\n  {{$b}}{{/b}}\n-"}}) == "-\n  1\n  2\n-");
  // Nested blocks are indented relative to the block around them.
  const Partials nested = {{"outer", "{{$all}}x{{/all}}"},
                           {"mid", "{{<outer}}{{$all}}\n  a\n  {{$part}}\n    b\n  {{/part}}\n{{/all}}{{/outer}}\n"}};
  CHECK(render("{{<mid}}{{$part}}\nc\nd\n{{/part}}{{/mid}}\n", {}, nested) == "a\n  c\n  d\n");
  CHECK(render("{{<mid}}{{/mid}}", {}, nested) == "a\n  b\n");
  // A standalone partial inside an argument keeps its indentation relative to the argument.
  CHECK(render("{{<p}}{{$b}}\n    <ul>\n      {{>li}}\n    </ul>\n{{/b}}{{/p}}", {},
               {{"p", "<nav>\n  {{$b}}\n  {{/b}}\n</nav>"}, {"li", "<li>1</li>\n<li>2</li>\n"}}) ==
        "<nav>\n  <ul>\n    <li>1</li>\n    <li>2</li>\n  </ul>\n</nav>");
}

TEST_CASE("inheritance: errors") {
  CHECK(mt::compile("t", "{{<p}}{{$b}}{{/p}}").error->message ==
        "mismatched closing tag {{/p}}: expected {{/b}} for the tag at line 1, column 7");
  CHECK(mt::compile("t", "{{<p}}").error->message == "unclosed section 'p': missing {{/p}}");
  const mt::TemplateError e = error_of("{{<p}}{{$b}}{{>nope}}{{/b}}{{/p}}", {}, {{"p", "{{$b}}{{/b}}"}});
  CHECK(e.name == "main");  // the argument's tags belong to the template that wrote them
  CHECK(e.column == 13);
}
