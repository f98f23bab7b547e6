#!/usr/bin/env bash
# Proves the README's set-up on a clean Debian 12: a minimal system from debootstrap, the tracked
# files of this tree copied in, then the README's test command run there as a newcomer would
# (`make test`: install-deps.sh, configure, build, every test). A package the build or the tests
# need that install-deps.sh does not install fails here, whatever this machine has installed.
# Usage: scripts/check-fresh.sh [make targets run after `make test`, e.g. bench deb]
# The build is left in build-fresh/ (the root's /src/build), so a following `make deb` there
# gives the package that check-deb.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then  # debootstrap and chroot need root
    command -v sudo >/dev/null || { echo "check-fresh: needs root or sudo" >&2; exit 1; }
    exec sudo "$PWD/scripts/check-fresh.sh" "$@"
fi
command -v debootstrap >/dev/null || { echo "check-fresh: debootstrap is missing; run scripts/install-deps.sh" >&2; exit 1; }
source scripts/debian-root.sh
trap debian_root_cleanup EXIT
started=$SECONDS

root=$(mktemp -d "${TMPDIR:-/var/tmp}/tierlens-fresh.XXXXXX")
new_root "$root" || { echo "check-fresh: FAIL: debootstrap" >&2; exit 1; }
echo "check-fresh: clean Debian 12 in $((SECONDS - started)) s"
in_root "${apt_in_root[@]}" update >/dev/null
# Only what any Debian install has before a newcomer types the README's commands: make, to run them.
in_root env DEBIAN_FRONTEND=noninteractive "${apt_in_root[@]}" install -y --no-install-recommends make >/dev/null

mkdir -p "$root/src"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$root/src"

# A compiler cache, when this machine has one, only saves compile time: preprocessing still runs
# in the root, so a missing header fails as it would without it.
flags=${CMAKE_FLAGS:-}
ccache_dir=${CCACHE_DIR:-$HOME/.cache/ccache}
if command -v ccache >/dev/null && [ -d "$ccache_dir" ]; then
    in_root env DEBIAN_FRONTEND=noninteractive "${apt_in_root[@]}" install -y --no-install-recommends ccache >/dev/null
    mkdir -p "$root/ccache"
    mount --bind "$ccache_dir" "$root/ccache"
    flags="$flags -DCMAKE_CXX_COMPILER_LAUNCHER=ccache"
fi
cleanup_fresh() {
    mountpoint -q "$root/ccache" && umount -l "$root/ccache"
    debian_root_cleanup
}
trap cleanup_fresh EXIT

status=0
in_root env CCACHE_DIR=/ccache CCACHE_BASEDIR=/src CCACHE_NOHASHDIR=1 HOME=/root FLAGS="$flags" bash -c \
    'cd /src && make test CMAKE_FLAGS="$FLAGS" && for t in "$@"; do make "$t" CMAKE_FLAGS="$FLAGS" || exit 1; done' \
    _ "$@" 2>&1 | tee build-fresh.log || status=$?
rm -rf build-fresh && mkdir -p build-fresh
cp "$root"/src/build/*.deb build-fresh/ 2>/dev/null || true
[ "$status" -eq 0 ] || { echo "check-fresh: FAIL: the README's set-up on a clean Debian 12 (log: build-fresh.log)" >&2; exit 1; }
echo "check-fresh: OK in $((SECONDS - started)) s"
