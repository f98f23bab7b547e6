#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format makes of it (the repository's
# .clang-format, clang-format 14 as Debian 12 ships it, so every machine formats alike).
# `scripts/check-format.sh --fix` rewrites the files instead.
set -euo pipefail
cd "$(dirname "$0")/.."
format=$(command -v clang-format-14 || true)
[ -n "$format" ] || { echo "check-format: clang-format-14 is missing; run scripts/install-deps.sh" >&2; exit 1; }
mapfile -d '' files < <(git ls-files -z -- '*.cpp' '*.h')
if [ "${1:-}" = "--fix" ]; then
    "$format" -i "${files[@]}"
    exit 0
fi
report=$(mktemp)
trap 'rm -f "$report"' EXIT
if ! "$format" --dry-run --Werror "${files[@]}" 2>"$report"; then
    grep -o '^[^:]*:[0-9]*:[0-9]*: error' "$report" | cut -d: -f1 | sort -u | sed 's/^/  /' >&2
    echo "check-format: FAIL: the files above are not formatted; run scripts/check-format.sh --fix" >&2
    exit 1
fi
echo "check-format: OK (${#files[@]} files)"
