#include "serve/server.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "util/media.hpp"

namespace passage::serve {

// --- the state of the site -------------------------------------------------------------------

Live::State Live::current() const {
    std::lock_guard lock(mutex_);
    return state_;
}

void Live::building() {
    std::lock_guard lock(mutex_);
    building_ = true;
}

void Live::published() {
    {
        std::lock_guard lock(mutex_);
        building_ = false;
        ++state_.generation;
        state_.failed = false;
        state_.report.clear();
    }
    changed_.notify_all();
}

void Live::failed(std::string report) {
    {
        std::lock_guard lock(mutex_);
        building_ = false;
        state_.failed = true;
        state_.report = std::move(report);
    }
    changed_.notify_all();
}

Live::State Live::wait_change(const State& seen, std::chrono::milliseconds wait) const {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, wait, [&] { return stopped_ || !(state_ == seen); });
    return state_;
}

void Live::wait_built() const {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || !building_; });
}

void Live::stop() {
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
    }
    changed_.notify_all();
}

bool Live::stopped() const {
    std::lock_guard lock(mutex_);
    return stopped_;
}

// --- what a page is given --------------------------------------------------------------------

// Written for this program. Reloads on a new generation; shows a failed build's report in a dialog
// over the page (text only: the report is never parsed as HTML), which Escape or its button hides.
const std::string_view kLiveScript = R"JS("use strict";
(() => {
  const script = document.currentScript;
  const loaded = Number(script.dataset.generation);
  let box = null;
  function hide() {
    if (box) box.remove();
    box = null;
  }
  function show(report) {
    hide();
    box = document.createElement("div");
    box.id = "passage-build-failed";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "passage-build-failed-title");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;" +
      "background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace";
    const title = document.createElement("h2");
    title.id = "passage-build-failed-title";
    title.textContent = "The last build failed; this page is from the one before. Fix the file and save: the page reloads.";
    title.style.cssText = "font:bold 16px/1.4 system-ui,sans-serif;margin:0 0 1rem;color:#ffb3b3";
    const text = document.createElement("pre");
    text.textContent = report;
    text.style.cssText = "white-space:pre-wrap;margin:0 0 1rem";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide (Escape)";
    close.addEventListener("click", hide);
    box.append(title, text, close);
    document.body.append(box);
    close.focus();
  }
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hide(); });
  const events = new EventSource("/__passage/events");
  events.addEventListener("state", (e) => {
    const state = JSON.parse(e.data);
    window.passageLiveState = state;  // for tests and the curious
    if (state.generation !== loaded && state.generation > 0) location.reload();
    else if (state.failed) show(state.report);
    else hide();
  });
})();
)JS";

std::string with_live_script(std::string_view html, std::uint64_t generation) {
    const std::string tag = "<script src=\"/__passage/live.js\" data-generation=\"" + std::to_string(generation) + "\"></script>";
    std::string out(html);
    const auto at = out.rfind("</body>");
    out.insert(at == std::string::npos ? out.size() : at, tag);
    return out;
}

std::string media_type(std::string_view path) {
    const std::string type = util::media_type(path);
    if (type.empty()) return "application/octet-stream";
    return type.starts_with("text/") ? type + "; charset=utf-8" : type;
}

std::optional<std::string> site_path(std::string_view path) {
    if (path.empty() || path[0] != '/') return std::nullopt;
    std::string rel(path.substr(1));
    if (rel.find('\0') != std::string::npos || rel.find('\\') != std::string::npos) return std::nullopt;
    // Each segment: not empty (but the last, for a folder's index), not "." or "..".
    for (std::size_t start = 0; start <= rel.size();) {
        auto end = rel.find('/', start);
        if (end == std::string::npos) end = rel.size();
        const auto segment = std::string_view(rel).substr(start, end - start);
        if (segment == "." || segment == "..") return std::nullopt;
        if (segment.empty() && end != rel.size()) return std::nullopt;
        start = end + 1;
    }
    if (rel.empty() || rel.back() == '/') rel += "index.html";
    return rel;
}

bool loopback_host(std::string_view host, int port) {
    const std::string digits = std::to_string(port);
    for (std::string_view name : {"127.0.0.1", "localhost", "[::1]"}) {
        if (!host.starts_with(name)) continue;
        const auto rest = host.substr(name.size());
        if (rest.empty() || (rest[0] == ':' && rest.substr(1) == digits)) return true;
    }
    return false;
}

// --- the server ------------------------------------------------------------------------------

namespace {

// The bytes of the regular file `rel` of `root`, read through no symbolic link; nullopt when there is
// none. (The output stage writes no symbolic link; one put there by hand is not followed.)
std::optional<std::string> read_site_file(const std::string& root, const std::string& rel) {
    int dir = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return std::nullopt;
    // Walks down the folders one at a time, refusing a link at each step.
    std::size_t start = 0;
    for (auto slash = rel.find('/'); slash != std::string::npos; slash = rel.find('/', start)) {
        const std::string folder = rel.substr(start, slash - start);
        int next = ::openat(dir, folder.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        ::close(dir);
        if (next < 0) return std::nullopt;
        dir = next;
        start = slash + 1;
    }
    const int fd = ::openat(dir, rel.c_str() + start, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    ::close(dir);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    std::optional<std::string> bytes;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        std::string data(static_cast<std::size_t>(st.st_size), '\0');
        std::size_t got = 0;
        while (got < data.size()) {
            const ssize_t n = ::read(fd, data.data() + got, data.size() - got);
            if (n <= 0) break;
            got += static_cast<std::size_t>(n);
        }
        data.resize(got);
        bytes = std::move(data);
    }
    ::close(fd);
    return bytes;
}

bool is_folder(const std::string& root, const std::string& rel) {
    struct stat st {};
    return ::lstat((root + "/" + rel).c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string event(const Live::State& state) {
    const nlohmann::json data = {{"generation", state.generation}, {"failed", state.failed}, {"report", state.report}};
    return "event: state\ndata: " + data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n";
}

// The page given while no build has published a site yet: the script shows the report and reloads
// once a build succeeds.
constexpr const char* kNoSiteYet =
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>passage serve: no site yet</title></head>"
    "<body><p>No build has succeeded yet.</p></body></html>\n";

}  // namespace

Server::Server(std::string root, Live& live) : root_(std::move(root)), live_(live), http_(std::make_unique<httplib::Server>()) {
    // Each open page holds one thread with its event stream.
    http_->new_task_queue = [] { return new httplib::ThreadPool(64); };
    // SO_REUSEADDR only: httplib's default, SO_REUSEPORT, lets a second server take the same port and
    // share its requests, where the second `passage serve` must be told the port is taken.
    http_->set_socket_options([](int sock) {
        int yes = 1;
        ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    routes();
}

Server::~Server() = default;

std::optional<int> Server::bind(const std::string& host, int port, std::string& why) {
    loopback_ = host == "127.0.0.1" || host == "localhost" || host == "::1";
    const int got = port == 0 ? http_->bind_to_any_port(host) : (http_->bind_to_port(host, port) ? port : -1);
    if (got < 0) {
        why = "cannot listen on " + host + ":" + std::to_string(port) + ": " + std::strerror(errno);
        return std::nullopt;
    }
    port_ = got;
    return got;
}

void Server::run() {
    {
        std::lock_guard lock(run_mutex_);
        if (stopping_) return;
        started_ = true;
    }
    http_->listen_after_bind();
    done_ = true;
}

void Server::stop() {
    live_.stop();
    bool started = false;
    {
        std::lock_guard lock(run_mutex_);
        stopping_ = true;
        started = started_;
    }
    // httplib's stop() does nothing until its loop has begun: ask until run() has returned.
    while (started && !done_) {
        http_->stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

void Server::routes() {
    http_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_header("X-Content-Type-Options", "nosniff");
        if (loopback_ && !loopback_host(req.get_header_value("Host"), port_)) {
            res.status = 403;
            res.set_content("passage serve answers only requests for 127.0.0.1 or localhost\n", "text/plain; charset=utf-8");
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });

    http_->Get("/__passage/live.js", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(std::string(kLiveScript), "text/javascript; charset=utf-8");
    });

    http_->Get("/__passage/events", [this](const httplib::Request&, httplib::Response& res) {
        // The state at once, then each change; a comment now and then finds closed connections.
        auto seen = std::make_shared<std::optional<Live::State>>();
        res.set_chunked_content_provider("text/event-stream", [this, seen](std::size_t, httplib::DataSink& sink) {
            if (live_.stopped()) return false;
            const auto state = seen->has_value() ? live_.wait_change(**seen, std::chrono::seconds(15)) : live_.current();
            if (live_.stopped()) return false;
            const std::string text = seen->has_value() && **seen == state ? std::string(":\n\n") : event(state);
            *seen = state;
            return sink.write(text.data(), text.size());
        });
    });

    http_->Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
        const auto rel = site_path(req.path);
        if (!rel) {
            res.status = 400;
            res.set_content("bad path\n", "text/plain; charset=utf-8");
            return;
        }
        // "/a" for the folder "a": to "/a/", so that the index's relative links resolve.
        if (req.path.back() != '/' && is_folder(root_, *rel)) {
            res.set_redirect(req.path + "/");
            return;
        }
        auto state = live_.current();
        auto bytes = read_site_file(root_, *rel);
        if (!bytes) {  // the build may be swapping the folder: once it is done, look again
            live_.wait_built();
            state = live_.current();
            bytes = read_site_file(root_, *rel);
        }
        // A page that is not there: the site's own 404 page (a missing image or script: a short answer).
        const bool page = media_type(*rel).starts_with("text/html") || rel->rfind('.') == std::string::npos ||
                          rel->rfind('.') < rel->rfind('/') + 1;
        if (!bytes && page) {
            res.status = 404;
            bytes = state.generation > 0 ? read_site_file(root_, "404.html") : std::optional<std::string>(kNoSiteYet);
        }
        if (!bytes && *rel == "favicon.ico") {  // asked for by the browser itself, not by the site
            res.status = 204;
            return;
        }
        if (!bytes) {
            res.status = 404;
            res.set_content("not found\n", "text/plain; charset=utf-8");
            return;
        }
        const auto type = media_type(res.status == 404 ? std::string("404.html") : *rel);
        if (type.starts_with("text/html"))
            res.set_content(with_live_script(*bytes, state.generation), type);
        else
            res.set_content(std::move(*bytes), type);
    });
}

}  // namespace passage::serve
