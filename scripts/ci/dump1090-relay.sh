#!/usr/bin/env bash
# A real ADS-B receiver in front of Skywatch (issue 13): Debian's dump1090-mutability, network-only on loopback,
# relays a Beast recording that `skywatch simulate` writes; Skywatch is connected to dump1090's Beast output.
# dump1090 is killed mid-run and restarted: /api/sensors and /metrics must show the outage, the tracks must coast,
# Skywatch must reconnect by itself and the same tracks must resume. Details: scripts/ci/dump1090_relay.py.
#
#   scripts/ci/dump1090-relay.sh [path/to/skywatch]     (default .build/release/skywatch)
# Environment: NO_INSTALL=1 to skip the apt-get install of dump1090-mutability. Takes about 2 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-.build/release/skywatch}
say() { echo "dump1090-relay: $*"; }
[[ -x $BIN ]] || { say "FAILED: no executable $BIN (swift build -c release --product skywatch)"; exit 1; }
if [[ ${NO_INSTALL:-0} != 1 ]] && ! command -v dump1090-mutability >/dev/null; then
    say "installing dump1090-mutability"
    timeout 600 apt-get update -qq
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq dump1090-mutability >/dev/null
fi
command -v dump1090-mutability >/dev/null || { say "FAILED: dump1090-mutability missing"; exit 1; }
DIR=$(mktemp -d -t dump1090-relay.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
# 150 s of the airport scene: about 50 aircraft, 17,000 DF17 frames.
"$BIN" simulate --preset airport --seed 3 --duration 150 --out "$DIR" >/dev/null 2>&1
REF=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["reference"]; print("%s,%s" % (r["lat"], r["lon"]))' "$DIR/sensors.json")
timeout 240 python3 scripts/ci/dump1090_relay.py --skywatch "$BIN" --beast "$DIR/adsb.beast" --receiver-position "$REF"
