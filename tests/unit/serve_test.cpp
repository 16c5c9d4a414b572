// passage serve's parts: the paths it serves, the script it adds, the folders it watches, and the
// server over real HTTP on 127.0.0.1 (the browser test tests/browser/serve.test.js drives the whole).
#include <doctest/doctest.h>
#include <httplib.h>

#include <atomic>
#include <thread>

#include "serve/server.hpp"
#include "serve/watch.hpp"
#include "../support.hpp"

using namespace passage;
using passage::testing::TempDir;
using passage::testing::write_file;

TEST_CASE("site_path: a request's path as a file of the site, refusing what could leave it") {
    CHECK(serve::site_path("/") == "index.html");
    CHECK(serve::site_path("/documents/a.html") == "documents/a.html");
    CHECK(serve::site_path("/documents/") == "documents/index.html");
    CHECK(serve::site_path("/assets/x.css") == "assets/x.css");
    CHECK_FALSE(serve::site_path("/../etc/passwd"));
    CHECK_FALSE(serve::site_path("/a/../../b"));
    CHECK_FALSE(serve::site_path("/a/./b"));
    CHECK_FALSE(serve::site_path("/a//b"));
    CHECK_FALSE(serve::site_path("/.."));
    CHECK_FALSE(serve::site_path("/a\\..\\b"));
    CHECK_FALSE(serve::site_path(std::string_view("/a\0b", 4)));
    CHECK_FALSE(serve::site_path("relative"));
    CHECK_FALSE(serve::site_path(""));
    // A name that only starts with dots is a name.
    CHECK(serve::site_path("/..a/.b") == "..a/.b");
}

TEST_CASE("loopback_host: only the names of the loopback address, with our port or none") {
    CHECK(serve::loopback_host("127.0.0.1:8080", 8080));
    CHECK(serve::loopback_host("localhost:8080", 8080));
    CHECK(serve::loopback_host("[::1]:8080", 8080));
    CHECK(serve::loopback_host("localhost", 8080));
    CHECK_FALSE(serve::loopback_host("127.0.0.1:8081", 8080));
    CHECK_FALSE(serve::loopback_host("evil.example:8080", 8080));
    CHECK_FALSE(serve::loopback_host("localhost.evil.example:8080", 8080));
    CHECK_FALSE(serve::loopback_host("", 8080));
}

TEST_CASE("with_live_script: the tag goes before the last </body>, naming the generation") {
    const std::string tag = "<script src=\"/__passage/live.js\" data-generation=\"7\"></script>";
    CHECK(serve::with_live_script("<body><p>a</p></body></html>", 7) == "<body><p>a</p>" + tag + "</body></html>");
    CHECK(serve::with_live_script("<pre></body></pre></body>", 7) == "<pre></body></pre>" + tag + "</body>");
    CHECK(serve::with_live_script("<p>no body", 7) == "<p>no body" + tag);
}

TEST_CASE("media_type: by extension, bytes for anything else") {
    CHECK(serve::media_type("index.html") == "text/html; charset=utf-8");
    CHECK(serve::media_type("assets/passage.css") == "text/css; charset=utf-8");
    CHECK(serve::media_type("search/shard-01.js") == "text/javascript; charset=utf-8");
    CHECK(serve::media_type("feed.xml") == "application/xml");
    CHECK(serve::media_type("a.html/x") == "application/octet-stream");
    CHECK(serve::media_type("README") == "application/octet-stream");
    CHECK(serve::media_type("x.PNG") == "image/png");
    CHECK(serve::media_type("x.unknown") == "application/octet-stream");
}

TEST_CASE("Watcher: sees a file written in a folder made after the start, not an editor's scratch files") {
    TempDir dir;
    const auto root = dir.path() / "content";
    std::filesystem::create_directories(root / "documents");
    serve::Watcher watcher({root.string(), (dir.path() / "missing").string()});
    REQUIRE(watcher.ok());
    CHECK(watcher.watched() == std::vector<std::string>{root.string()});
    std::atomic<bool> stop{false};
    using std::chrono::milliseconds;

    // Nothing changed: the wait times out empty.
    CHECK(watcher.wait(milliseconds(20), milliseconds(100), stop).empty());

    write_file(root / "documents" / ".a.md.swp", "x");
    write_file(root / "documents" / "a.md~", "x");
    CHECK(watcher.wait(milliseconds(20), milliseconds(200), stop).empty());

    std::filesystem::create_directories(root / "new");
    auto changed = watcher.wait(milliseconds(50), milliseconds(2000), stop);
    REQUIRE(changed == std::vector<std::string>{(root / "new").string()});
    write_file(root / "new" / "b.md", "text");
    changed = watcher.wait(milliseconds(50), milliseconds(2000), stop);
    CHECK(changed == std::vector<std::string>{(root / "new" / "b.md").string()});

    stop = true;
    write_file(root / "documents" / "c.md", "text");
    CHECK(watcher.wait(milliseconds(20), milliseconds(2000), stop).empty());
}

TEST_CASE("editor_scratch") {
    CHECK(serve::editor_scratch(".a.md.swp"));
    CHECK(serve::editor_scratch("a.md~"));
    CHECK(serve::editor_scratch("#a.md#"));
    CHECK(serve::editor_scratch("4913"));
    CHECK_FALSE(serve::editor_scratch("a.md"));
    CHECK_FALSE(serve::editor_scratch("site.json"));
}

namespace {

// A server on a free port of 127.0.0.1 over `root`, stopped when the object dies.
struct Running {
    serve::Live live;
    serve::Server server;
    int port = 0;
    std::thread thread;
    explicit Running(const std::string& root) : server(root, live) {
        std::string why;
        auto p = server.bind("127.0.0.1", 0, why);
        REQUIRE_MESSAGE(p, why);
        port = *p;
        thread = std::thread([this] { server.run(); });
    }
    ~Running() {
        server.stop();
        thread.join();
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(std::chrono::seconds(10));
        return c;
    }
};

}  // namespace

TEST_CASE("Server: serves the site's files, the live script in each page, the 404 page, nothing outside") {
    TempDir dir;
    const auto site = dir.path() / "site";
    write_file(site / "index.html", "<!DOCTYPE html><html><body><p>home</p></body></html>");
    write_file(site / "documents" / "index.html", "<html><body>documents</body></html>");
    write_file(site / "404.html", "<html><body>no such page</body></html>");
    write_file(site / "assets" / "style.css", "p { color: red }");
    write_file(dir.path() / "secret.txt", "secret");
    std::filesystem::create_symlink(dir.path() / "secret.txt", site / "link.txt");

    Running running(site.string());
    running.live.published();
    auto client = running.client();

    auto home = client.Get("/");
    REQUIRE(home);
    CHECK(home->status == 200);
    CHECK(home->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(home->get_header_value("Cache-Control") == "no-store");
    CHECK(home->body == "<!DOCTYPE html><html><body><p>home</p><script src=\"/__passage/live.js\" data-generation=\"1\"></script></body></html>");

    auto css = client.Get("/assets/style.css");
    REQUIRE(css);
    CHECK(css->status == 200);
    CHECK(css->body == "p { color: red }");  // only pages get the script

    auto folder = client.Get("/documents");
    REQUIRE(folder);
    CHECK(folder->status == 302);
    CHECK(folder->get_header_value("Location") == "/documents/");
    auto index = client.Get("/documents/");
    REQUIRE(index);
    CHECK(index->body.find("documents<script") != std::string::npos);

    auto missing = client.Get("/a/b/c/missing");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(missing->body.find("no such page") != std::string::npos);
    auto missing_image = client.Get("/assets/none.png");
    REQUIRE(missing_image);
    CHECK(missing_image->status == 404);
    CHECK(missing_image->body == "not found\n");
    auto icon = client.Get("/favicon.ico");  // the browser's own request, for a site without one
    REQUIRE(icon);
    CHECK(icon->status == 204);

    // Out of the site: by "..", encoded or not, and through a symbolic link.
    for (const char* path : {"/%2e%2e/secret.txt", "/documents/%2E%2E/%2e%2e/secret.txt"}) {
        auto out = client.Get(path);
        REQUIRE(out);
        CHECK(out->status == 400);
        CHECK(out->body.find("secret") == std::string::npos);
    }
    auto link = client.Get("/link.txt");
    REQUIRE(link);
    CHECK(link->status == 404);
    CHECK(link->body.find("secret") == std::string::npos);

    // Another name for 127.0.0.1 (DNS rebinding) is refused.
    auto rebound = client.Get("/", {{"Host", "evil.example:" + std::to_string(running.port)}});
    REQUIRE(rebound);
    CHECK(rebound->status == 403);

    auto script = client.Get("/__passage/live.js");
    REQUIRE(script);
    CHECK(script->status == 200);
    CHECK(script->body.find("EventSource(\"/__passage/events\")") != std::string::npos);
}

TEST_CASE("Server: the event stream gives the state at once, then each change") {
    TempDir dir;
    Running running(dir.path().string());
    running.live.published();
    auto client = running.client();
    std::vector<std::string> events;
    std::string buffer;
    std::thread builder;
    auto result = client.Get("/__passage/events", [&](const char* data, std::size_t n) {
        buffer.append(data, n);
        for (auto end = buffer.find("\n\n"); end != std::string::npos; end = buffer.find("\n\n")) {
            events.push_back(buffer.substr(0, end));
            buffer.erase(0, end + 2);
            if (events.size() == 1)  // a build fails, then one succeeds
                builder = std::thread([&] {
                    running.live.building();
                    running.live.failed("content/a.md:3:4: error[ref-unknown]: <script>");
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                    running.live.building();
                    running.live.published();
                });
        }
        return events.size() < 3;
    });
    if (builder.joinable()) builder.join();
    REQUIRE(events.size() == 3);
    CHECK(events[0] == "event: state\ndata: {\"failed\":false,\"generation\":1,\"report\":\"\"}");
    CHECK(events[1] == "event: state\ndata: {\"failed\":true,\"generation\":1,\"report\":\"content/a.md:3:4: error[ref-unknown]: <script>\"}");
    CHECK(events[2] == "event: state\ndata: {\"failed\":false,\"generation\":2,\"report\":\"\"}");
}

TEST_CASE("Server: before any build has succeeded, a page is a placeholder that shows the errors") {
    TempDir dir;
    Running running((dir.path() / "site").string());
    running.live.failed("content/site.json:1:1: error[json-syntax]: x");
    auto client = running.client();
    auto page = client.Get("/documents/a.html");
    REQUIRE(page);
    CHECK(page->status == 404);
    CHECK(page->body.find("No build has succeeded yet.") != std::string::npos);
    CHECK(page->body.find("data-generation=\"0\"") != std::string::npos);
}

TEST_CASE("Server: a port that is taken is an error, with the reason") {
    TempDir dir;
    Running first(dir.path().string());
    serve::Live live;
    serve::Server second(dir.path().string(), live);
    std::string why;
    CHECK_FALSE(second.bind("127.0.0.1", first.port, why));
    CHECK(why.find("cannot listen on 127.0.0.1:" + std::to_string(first.port)) == 0);
}
