#pragma once
// The output stage: the only code that writes the site. The build writes the site into a staging
// folder beside the target as it goes, and the folder is swapped in with one atomic rename once the
// whole build has passed, so a failed or killed build leaves the previous output as it was.
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diag.hpp"
#include "fs/fs.hpp"

namespace passage::output {

// Site-relative path -> bytes. A map, so files are written in a deterministic order.
using Files = std::map<std::string, std::string>;

// The file that marks a folder as passage's own output, so that it may be replaced.
inline constexpr const char* kMarker = ".passage-output";

// The most bytes one asset may have.
inline constexpr std::size_t kMaxAssetBytes = std::size_t{64} << 20;

// The bytes of the asset `path`, a file of the assets folder `dir` (fs::FileSystem::read_regular),
// or nullopt, with a warning that it is skipped: asset-symlink, asset-special (a FIFO, a device, a
// socket), asset-too-large or asset-read.
std::optional<std::string> read_asset(const fs::FileSystem& fs, const std::string& dir, const std::string& path, diag::Sink& sink);

// Whether one of two folders is, or lies inside, the other (compared in canonical form: the
// folders need not exist).
bool nested(const fs::FileSystem& fs, const std::string& a, const std::string& b);

// Refuses (out-unsafe) an output folder that is, contains or lies inside one of `protected_dirs`, or
// that exists, is not empty and does not carry the marker.
bool check_target(const fs::FileSystem& fs, const std::string& out, const std::vector<std::string>& protected_dirs, diag::Sink& sink);

// Refuses (cache-unsafe) a cache folder that is, contains or lies inside one of `inputs` (the
// content, templates and assets folders, those that exist): a build writes into its cache.
bool check_cache_folder(const fs::FileSystem& fs, const std::string& cache, const std::vector<std::string>& inputs, diag::Sink& sink);

// A site being written. Its files go to "<out>.staging" beside the output folder as the build makes
// them; commit() swaps that folder in for `out` with one atomic rename and removes the previous
// output. A Staging destroyed without a successful commit removes its folder, so a failed or killed
// build leaves the previous output as it was.
//
// A file whose bytes the previous output already holds is not written again but linked to the
// previous one (a hard link, where the disk allows it): no new inode, no data written, and removing
// the previous output after the swap only drops a name. On a rebuild, where most files come out as
// they were, creating and deleting files is most of the cost of the output stage otherwise.
//
// What goes wrong with the disk on the way (out-unsafe, out-write) is held back and reported by
// commit(): a build that fails for its content reports that, and only that, whatever the state of
// the output folder. After a failed write, further writes are skipped.
class Staging {
public:
    Staging(fs::FileSystem& fs, const std::string& out);
    ~Staging();
    Staging(const Staging&) = delete;
    Staging& operator=(const Staging&) = delete;

    // Checks the target (check_target, with `protected_dirs`), then makes an empty staging folder that
    // carries the marker, in place of one left by a killed build. A Staging not opened (passage check)
    // or whose opening failed writes nothing. Returns false when it failed.
    bool open(const std::vector<std::string>& protected_dirs);
    // Writes one file at its site-relative path, making its folder. May be called from several
    // threads at once. REQUIRES: each path once.
    void write(const std::string& path, std::string_view data);
    // Links the previous output's file at `path` into the staging folder, if it is a regular file
    // whose bytes hash (util::hash64) to `checksum`: the file a build would write again.
    // Returns false, having written nothing, otherwise. REQUIRES: as write().
    //
    // `stamp` spares the reading: when it is not 0 and is the file's stamp (cache_stamp, taken once
    // the last build was published), nothing has changed the file since, and it is linked without
    // being read.
    bool reuse(const std::string& path, std::uint64_t checksum, std::uint64_t stamp);
    // The bytes of the file written (or linked) at `path`, for what is made of the whole site (the
    // archive of --zip); nullopt when it cannot be read. REQUIRES: open() succeeded.
    std::optional<std::string> read(const std::string& path) const;
    // REQUIRES: open() was called. Reports what was held back, or publishes: swaps the staging folder
    // in and removes the previous output. Returns true when the site was published.
    bool commit(diag::Sink& sink);

private:
    void fail(const std::string& message);
    // Makes the staging folder of `path` (once per folder); whether the previous output's files in
    // it may be linked. False when the folder could not be made (then the build has failed).
    bool folder_of(const std::string& path, bool& linkable);
    // Whether `folder` of the previous output is a folder of it, not a symbolic link to one elsewhere
    // (whose files must not become ours).
    bool real_folder(const std::string& folder) const;

    fs::FileSystem& fs_;
    std::string given_out_;      // as given, for check_target's messages
    std::string out_, staging_;  // normalized
    bool previous_ = false;      // out_ holds a previous output, whose files may be reused
    diag::Sink problems_;        // held back until commit()
    bool made_ = false;          // the staging folder is ours to remove
    bool committed_ = false;
    std::atomic<bool> failed_{false};
    std::mutex mutex_;                     // guards folders_ and the first failure
    std::map<std::string, bool> folders_;  // made so far -> whether files of it may be linked
};

// A file's fs::Stamp as one number (never 0), for Staging::reuse.
std::uint64_t stamp_of(const fs::Stamp& s);
// Whether a later change to a file with this stamp is sure to give it another: its modification
// time is more than a few seconds past (by the system clock), so that a write, on any file system
// whose clock keeps time to a second or two, sets a later one. A file written just now could be
// written again within the same tick of a coarse clock, with the same size, and keep its stamp.
bool settled(const fs::Stamp& s);
// The time of the file system that holds folder `dir`, now (nanoseconds): the time it gives a file
// written there (and removed at once); 0 when none could be written, or the disk keeps no time.
std::uint64_t file_system_now(fs::FileSystem& fs, const std::string& dir);
// The stamp to keep for the file at `path` (stamp_of): taken after the site is published, when
// passage is done with its files, with `now` from file_system_now just before. 0 unless the file is
// a regular file that has settled and whose status time is before `now`: a change made after the
// stamp is taken, in the same tick of the clock, would keep its times. (A disk that keeps no time,
// now 0, stamps by bytes: see MemoryFileSystem.)
std::uint64_t cache_stamp(const fs::FileSystem& fs, const std::string& path, std::uint64_t now);

}  // namespace passage::output
