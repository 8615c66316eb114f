#!/usr/bin/env bash
# Fails when a Swift file is not formatted as `swift format` with the committed .swift-format (SwiftNIO's
# configuration) formats it. Formats a copy of the files, so the working tree is never changed; prints the files
# that differ and how to fix them.
# Usage: scripts/ci/check-format.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git ls-files -z '*.swift' | xargs -0 cp --parents -t "$tmp"
(cd "$tmp" && find . -name '*.swift' -print0 |
    xargs -0 swift format format --in-place --parallel --configuration "$OLDPWD/.swift-format")
if ! diff -ru --exclude=.swift-format . "$tmp" -x .git -x .build -x '.build-*' -q > "$tmp.diff" 2>/dev/null; then
    grep -v "^Only in \.\|^Only in ./" "$tmp.diff" | sed 's/^Files \.\/\(.*\) and .* differ$/not formatted: \1/' || true
fi
n=$(grep -c "^Files " "$tmp.diff" || true)
rm -f "$tmp.diff"
if (( n > 0 )); then
    echo "$n file(s) not formatted: run  git ls-files -z '*.swift' | xargs -0 swift format format --in-place --parallel"
    exit 1
fi
echo "format: every Swift file as swift format leaves it"
