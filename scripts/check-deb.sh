#!/usr/bin/env bash
# Proves the Debian package installs and starts on a clean Debian 12: a minimal system from
# debootstrap, the package installed there by apt (which must find every dependency in Debian),
# then both programs run inside it. Fails when the package misses a dependency or a file.
# Usage: scripts/check-deb.sh [package.deb]   (default: the one `make deb` built in build/)
set -euo pipefail
cd "$(dirname "$0")/.."

deb=${1:-$(ls -t "${BUILD_DIR:-build}"/tierlens_*.deb 2>/dev/null | head -n1)}
[ -f "$deb" ] || { echo "check-deb: no package; run 'make deb' first" >&2; exit 1; }
if [ "$(id -u)" -ne 0 ]; then  # debootstrap and chroot need root
  command -v sudo >/dev/null || { echo "check-deb: needs root or sudo" >&2; exit 1; }
  exec sudo "$PWD/scripts/check-deb.sh" "$(realpath "$deb")"
fi
for tool in debootstrap desktop-file-validate appstreamcli; do
  command -v "$tool" >/dev/null || { echo "check-deb: $tool is missing; run scripts/install-deps.sh" >&2; exit 1; }
done

source scripts/debian-root.sh
trap debian_root_cleanup EXIT
fail() { echo "check-deb: FAIL: $*" >&2; exit 1; }
started=$SECONDS

root=$(mktemp -d "${TMPDIR:-/var/tmp}/tierlens-debian.XXXXXX")
echo "check-deb: clean Debian 12 (bookworm minbase) in $root"
new_root "$root" || fail "debootstrap"
echo "check-deb: base system in $((SECONDS - started)) s"

# Only Depends, no Recommends: what the package declares must be enough.
cp "$deb" "$root/tmp/"
in_root "${apt_in_root[@]}" update >/dev/null
in_root env DEBIAN_FRONTEND=noninteractive "${apt_in_root[@]}" install -y --no-install-recommends \
  "/tmp/$(basename "$deb")" || fail "apt-get install $(basename "$deb")"
echo "check-deb: installed with its dependencies at $((SECONDS - started)) s"

id=io.github.tierlens.Tierlens
for f in /usr/bin/tierlens /usr/bin/tierlens-cli \
         /usr/share/applications/$id.desktop /usr/share/metainfo/$id.metainfo.xml \
         /usr/share/mime/packages/$id.xml \
         /usr/share/icons/hicolor/scalable/apps/$id.svg /usr/share/icons/hicolor/256x256/apps/$id.png \
         /usr/share/tierlens/presets/scenarios/default.json; do
  [ -s "$root$f" ] || fail "the package does not install $f"
done
for bin in tierlens tierlens-cli; do
  if readelf -d "$root/usr/bin/$bin" | grep -Eq 'R(UN)?PATH'; then fail "$bin carries an RPATH"; fi
done
desktop-file-validate "$root/usr/share/applications/$id.desktop" || fail "desktop entry"
appstreamcli validate --no-net "$root/usr/share/metainfo/$id.metainfo.xml" || fail "metainfo"

out=$(in_root tierlens-cli eval default) || fail "tierlens-cli eval default"
grep -q "^Energy component" <<<"$out" && grep -q "^Total" <<<"$out" || fail "tierlens-cli eval default printed no energy table: $out"

install -d -m 700 "$root/run/user/0"
in_root env QT_QPA_PLATFORM=offscreen XDG_RUNTIME_DIR=/run/user/0 tierlens --screenshot /tmp/window.png --size 1200x800 \
  || fail "tierlens --screenshot"
png="$root/tmp/window.png"
[ -f "$png" ] || fail "the window wrote no screenshot"
# A drawn window is a PNG of the requested size with real content, not a blank frame. Read with
# coreutils alone (the PNG header holds the width and height as big-endian 32-bit numbers).
[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "the screenshot is not a PNG"
be32() { od -An -tu1 -j "$1" -N 4 "$png" | awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }'; }
size=$(stat -c %s "$png")
[ "$(be32 16)x$(be32 20)" = 1200x800 ] || fail "the screenshot is $(be32 16)x$(be32 20), not 1200x800"
[ "$size" -gt 40000 ] || fail "the screenshot has only $size bytes: not a drawn window"
echo "check-deb: screenshot 1200x800, $size bytes"
echo "check-deb: OK in $((SECONDS - started)) s"
