#!/usr/bin/env bash
# Recorder benchmark (issue 15): 20,000 tracks per second of data written as fast as possible and at 1× real time
# (with and without 10 history queries per second against the same file), and the database size per hour of
# 5,000 tracks. One command:
#
#   scripts/bench-recorder.sh [--tracks N] [--seconds S] [--size-tracks N] [--size-seconds S] [--queries Q]
#
# Builds the probe in release mode and writes its databases to a temporary directory (removed afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product skywatch-record-probe >&2
dir=$(mktemp -d "${TMPDIR:-/tmp}/bench-recorder.XXXXXX")
trap 'rm -rf "$dir"' EXIT
.build/release/skywatch-record-probe bench "$dir" "$@"
