# Shared by scripts/build-site and scripts/test: installs missing Debian packages, configures and
# builds. Sourced, not run.
set -euo pipefail

PASSAGE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_PACKAGES=(g++ cmake make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev nlohmann-json3-dev libtinyxml2-dev doctest-dev libutf8proc-dev libstemmer-dev libxxhash-dev libmimalloc-dev zlib1g-dev libcpp-httplib-dev)

# Installs the Debian packages given that are not installed yet; without root, prints the command.
ensure_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "passage needs these Debian packages: ${missing[*]}" >&2
    echo "Run as root:  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# configure BUILD_DIR [cmake options...]: configures once (again when the options change).
configure() {
  local dir="$1"; shift
  local stamp="$dir/.passage-configure-args"
  local args="$*"
  if [ ! -f "$dir/CMakeCache.txt" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$args" ]; then
    cmake -S "$PASSAGE_ROOT" -B "$dir" "$@" >/dev/null
    echo "$args" > "$stamp"
  fi
}

# configure_and_build BUILD_DIR [cmake options...]: configure, then build everything with every core.
configure_and_build() {
  configure "$@"
  cmake --build "$1" -j "$(nproc)"
}
