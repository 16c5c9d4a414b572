#pragma once
// The time each stage of a build takes, and the process's peak memory once it ended (--timings).
#include <sys/resource.h>

#include <chrono>
#include <functional>

#include "site/site.hpp"

namespace passage::site {

// timed("stage", fn) runs fn, tells `progress` the stage's name first, and records its time and
// the peak resident set after it in the result.
class Timer {
public:
    Timer(Result& r, const std::function<void(const char*)>& progress) : r_(r), progress_(progress) {}
    template <typename Fn>
    auto operator()(const char* stage, Fn fn) {
        if (progress_) progress_(stage);
        struct Record {
            Result& r;
            const char* stage;
            std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
            ~Record() {
                r.timings.emplace_back(stage, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
                struct rusage usage {};
                if (::getrusage(RUSAGE_SELF, &usage) == 0) r.memory.emplace_back(stage, static_cast<double>(usage.ru_maxrss) / 1024.0);
            }
        } rec{r_, stage};
        return fn();
    }

private:
    Result& r_;
    const std::function<void(const char*)>& progress_;
};

}  // namespace passage::site
