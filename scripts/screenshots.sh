#!/usr/bin/env bash
# Screenshots of the window for the README, taken in a real X server (Xvfb) at 1600×1000.
# Usage: scripts/screenshots.sh [build dir]
set -euo pipefail
cd "$(dirname "$0")/.."
app="${1:-build}/app/tierlens"
mkdir -p docs
shoot() { # output study case tab
  HOME="$(mktemp -d)" xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$app" --study "$2" --case "$3" --tab "$4" --size 1600x1000 --screenshot "docs/$1"
}
shoot window-fig6.png paper/fig6 0 2
shoot window-fig4-mixtral.png paper/fig4-mixtral 0 0
shoot window-fig5-latency.png paper/fig5 0 1
# The dialogs and the validation gallery, drawn offscreen by their tests.
for t in tst_goalseekdialog tst_modelimport tst_validationgallery; do
  TIERLENS_SCREENSHOT_DIR="$PWD/docs" QT_QPA_PLATFORM=offscreen "${1:-build}/tests/$t" >/dev/null
done
echo "written: docs/window-fig6.png docs/window-fig4-mixtral.png docs/window-fig5-latency.png"
echo "         docs/goal-seek-dialog.png docs/model-import-dialog.png docs/validation-gallery.png"
