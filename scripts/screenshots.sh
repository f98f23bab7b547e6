#!/usr/bin/env bash
# Pictures for people to look at, made by the programs themselves: the window, its dialogs and
# editor sections by `tierlens --screenshot` in a real X server (Xvfb), and the figures at paper
# sizes by `tierlens-cli export`. The tests draw nothing to disk.
#
# Usage: scripts/screenshots.sh [BUILD_DIR] [DOCS_DIR] [REVIEW_DIR]
#   BUILD_DIR   where tierlens and tierlens-cli were built (default: build)
#   DOCS_DIR    the window and dialog pictures the docs show (default: docs)
#   REVIEW_DIR  editor sections and figures to look over before a release
#               (default: BUILD_DIR/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
docs="${2:-docs}"
review="${3:-$build/screenshots}"
app="$build/app/tierlens"
cli="$build/cli/tierlens-cli"
for exe in "$app" "$cli"; do
  [[ -x "$exe" ]] || { echo "screenshots.sh: $exe not built" >&2; exit 1; }
done
mkdir -p "$docs" "$review"
written=()

# shoot OUT.png WxH STUDY CASE TAB [--show WHAT]: the window (or what --show opens) once drawn.
# A fresh HOME each time, so no saved layout or recovery file changes the picture.
shoot() {
  local out="$1" size="$2" study="$3" case="$4" tab="$5"
  shift 5
  local home
  home="$(mktemp -d)"
  HOME="$home" xvfb-run -a -s "-screen 0 ${size}x24" \
    "$app" --study "$study" --case "$case" --tab "$tab" --size "$size" --screenshot "$out" "$@"
  rm -rf "$home"
  written+=("$out")
}

# The window, for the README and docs/window.md.
shoot "$docs/window-fig6.png" 1600x1000 paper/fig6 0 2
shoot "$docs/window-fig4-mixtral.png" 1600x1000 paper/fig4-mixtral 0 0
shoot "$docs/window-fig5-latency.png" 1600x1000 paper/fig5 0 1
# The dialogs and the validation gallery, as the menus open them.
shoot "$docs/goal-seek-dialog.png" 1600x1000 paper/fig6 0 2 --show goal-seek
shoot "$docs/model-import-dialog.png" 1600x1000 paper/fig4-mixtral 0 0 \
  --show "import-model:$PWD/tests/data/hf/llama4-maverick.json"
shoot "$docs/validation-gallery.png" 1100x760 paper/fig6 0 2 --show validation

# Each editor section, as the left panel shows it.
n=1
for section in system tiers links model placement; do
  shoot "$review/editors-$n-$section.png" 1600x1000 paper/fig4-mixtral 0 0 --show "editor:$section"
  n=$((n + 1))
done

# figure OUT STUDY VIEW [export options…]: a figure drawn headless as the study's view settings
# say, with the options given overriding them.
figure() {
  local out="$1" study="$2" view="$3"
  shift 3
  QT_QPA_PLATFORM=offscreen "$cli" export "$study" --view "$view" --out "$out" "$@" >/dev/null
  written+=("$out")
}
column=(--width-in 3.5 --font-pt 8 --dpi 300) # one column of a two-column paper
wide=(--width-in 7.16 --font-pt 8 --dpi 300)  # both columns
for v in energy:paper/fig4-mixtral latency:paper/fig5 heatmap:paper/fig6; do
  view="${v%%:*}" study="${v#*:}"
  figure "$review/$view-column.png" "$study" "$view" "${column[@]}"
  figure "$review/$view-wide.png" "$study" "$view" "${wide[@]}"
  figure "$review/$view-column-gray.png" "$study" "$view" "${column[@]}" --palette grayscale
  figure "$review/$view-screen.png" "$study" "$view" --width-in 13.33 --height-in 8.33 --dpi 96 --font-pt 10
done
figure "$review/energy-log-column.png" paper/fig4-mixtral energy "${column[@]}" --log
figure "$review/energy-log-column-gray.svg" paper/fig4-mixtral energy "${column[@]}" --log --palette grayscale
figure "$review/energy-log-column.pdf" paper/fig4-mixtral energy "${column[@]}" --log

printf 'written:\n'
printf '  %s\n' "${written[@]}"
