#pragma once
// The HTTP side of `passage serve`: the built site's files, from one folder, on a local address, to a
// browser that is told when the site changes (Server-Sent Events) and reloads itself.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace httplib {
class Server;
}

namespace passage::serve {

// The state of the site as the last build left it, shared by the builder and the server's threads.
class Live {
public:
    struct State {
        std::uint64_t generation = 0;  // how many builds have published; 0: none yet
        bool failed = false;           // the last build failed: the site is the previous one's
        std::string report;            // the last failed build's diagnostics, as text
        bool operator==(const State&) const = default;
    };

    State current() const;
    // A build starts; requests for files that are missing wait for it to end (the build swaps the
    // output folder in place, so a file may be missing for an instant).
    void building();
    // The build published the site: a new generation.
    void published();
    // The build failed with this report; the site stays as it was.
    void failed(std::string report);
    // Waits until the state is no longer `seen`, `wait` passes or stop() is called; returns the state.
    State wait_change(const State& seen, std::chrono::milliseconds wait) const;
    // Waits until no build is running (or stop()).
    void wait_built() const;
    // Wakes every waiter for good: the server stops.
    void stop();
    bool stopped() const;

private:
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    State state_;
    bool building_ = false;
    bool stopped_ = false;
};

// The script added to every HTML page served: listens to /__passage/events, reloads the page when a
// new generation is published, shows a failed build's diagnostics over the page.
extern const std::string_view kLiveScript;

// `html` with the live script's tag before its last "</body>" (or at its end), naming `generation`.
std::string with_live_script(std::string_view html, std::uint64_t generation);

// The media type of a file as served (text with its charset), by its extension; bytes for anything else.
std::string media_type(std::string_view path);

// The file a request path names inside the site, relative to it ("index.html" for "/", "a/index.html"
// for "/a/"), or nullopt when the path may not name a file of the site: a ".." or "." segment, an
// empty segment, a NUL byte, a backslash. REQUIRES: `path` is percent-decoded and starts with '/'.
std::optional<std::string> site_path(std::string_view path);

// Whether a Host header names the loopback address the server listens on (127.0.0.1, localhost or
// [::1], with `port`): a page of another site cannot make the browser read ours through a DNS name
// that points at 127.0.0.1 (DNS rebinding).
bool loopback_host(std::string_view host, int port);

class Server {
public:
    // Serves the files of the folder `root` (made later is fine), telling browsers of `live`.
    Server(std::string root, Live& live);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds `host`:`port` (port 0: a free one). Returns the port, or nullopt with the reason in `why`.
    std::optional<int> bind(const std::string& host, int port, std::string& why);
    // Serves until stop(). REQUIRES: bind() succeeded.
    void run();
    // Makes run() return, from any thread; open event streams end.
    void stop();

private:
    void routes();

    std::string root_;
    Live& live_;
    std::unique_ptr<httplib::Server> http_;
    int port_ = 0;
    bool loopback_ = true;
    std::mutex run_mutex_;
    bool started_ = false, stopping_ = false;  // run() began; stop() was called
    std::atomic<bool> done_{false};            // run() returned
};

}  // namespace passage::serve
