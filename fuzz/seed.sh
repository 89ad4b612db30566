#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with the examples and every fixture, the
# starting points each fuzz target mutates. Run from anywhere.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
for target in check fmt render lsp; do
  mkdir -p "$here/corpus/$target"
  for file in "$repo"/examples/*.campaign "$repo"/tests/fixtures/*/*.campaign "$repo"/src/cli/starter.campaign; do
    cp "$file" "$here/corpus/$target/$(basename "$(dirname "$file")")-$(basename "$file")"
  done
done
echo "seeded $(ls "$here/corpus/check" | wc -l) files per target"
