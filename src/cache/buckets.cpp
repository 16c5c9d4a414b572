#include "cache/buckets.hpp"

#include <sys/stat.h>

#ifndef PASSAGE_VERSION
#define PASSAGE_VERSION "0.0.0"
#endif

namespace passage::cache {

std::string identity() {
    std::string id = std::string(kMagic) + "version " + PASSAGE_VERSION + "\n";
    struct stat st {};
    if (::stat("/proc/self/exe", &st) == 0) {
        id += "program " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) +
              " " + std::to_string(st.st_ino) + "\n";
    } else {
        id += "program unknown\n";  // every cache is then as good as none: see DocumentCache()
    }
    return id;
}

}  // namespace passage::cache
