#pragma once
// `passage serve`: builds the site into a temporary folder, serves it on a local address, and on each
// change to the content, templates or assets builds again, in the same process, with the cache in
// memory (so only what changed is made again), and tells open pages to reload. A build that fails
// prints its diagnostics and shows them over the open pages; the previous site keeps being served.
#include <atomic>
#include <ostream>
#include <string>

#include "site/site.hpp"

namespace passage::serve {

struct Settings {
    std::string host = "127.0.0.1";  // --bind
    int port = 8080;                 // --port; 0: a free one
    bool strict = false;
    bool quiet = false;
};

// Serves until `stop` is set (the program sets it on SIGINT or SIGTERM). `options.out`, `store` and
// `write` are the function's own. Returns the exit status: 0 once stopped, 1 when it could not start
// (the address is taken, no temporary folder, no inotify).
int run(site::Options options, const Settings& settings, std::ostream& out, std::ostream& err, const std::atomic<bool>& stop);

}  // namespace passage::serve
