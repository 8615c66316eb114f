#!/usr/bin/env bash
# Interoperability: ASTERIX written by Skywatch's encoders (CAT062 + CAT065 tracks, CAT063 status, CAT063 with
# the registration bias items I063/070, 080, 081, 090, 091, CAT034 +
# CAT048 plots, CAT002 + CAT001 legacy plots, CAT004 safety-net alerts, CAT021 ADS-B) must decode without errors
# in two independent decoders:
#   1. Wireshark's ASTERIX dissector (tshark, Debian package `tshark`), on pcaps we write (UDP port 8600);
#   2. asterix-decoder 0.7.11 (PyPI), whose decoding must also agree with ours (compare_asterix.py ≥ 99.9 %).
# Usage: scripts/interop-asterix.sh   (installs tshark with apt-get and asterix-decoder with pip when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
COMPARE=../shared/data/compare_asterix.py
LSB=../shared/data/asterix/lsb.json
command -v tshark >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tshark >/dev/null; }
python3 -c 'import asterix' 2>/dev/null || pip install --quiet asterix-decoder==0.7.11
swift build --product skywatch-bench >/dev/null
swift build --product skywatch >/dev/null
BIN=$(swift build --show-bin-path)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BIN/skywatch-bench" asterix-sample --out "$WORK" >/dev/null
status=0

for f in tracks.pcap status.pcap registration.pcap plots.pcap legacy.pcap alerts.pcap adsb.pcap; do
    ours=$("$BIN/skywatch" decode asterix "$WORK/$f" | wc -l)
    out="$WORK/$f.tshark.txt"
    tshark -r "$WORK/$f" -d udp.port==8600,asterix -V > "$out" 2>/dev/null
    theirs=$(grep -c "Asterix message, #" "$out" || true)
    bad=$(grep -ciE "malformed|expert info \(error|dissector bug|exception occurred" "$out" || true)
    if [ "$theirs" -eq "$ours" ] && [ "$bad" -eq 0 ]; then
        echo "PASS tshark $f: $theirs records, no errors"
    else
        echo "FAIL tshark $f: $theirs records (ours $ours), $bad error lines"
        grep -iE -m5 "malformed|expert info \(error|dissector bug" "$out" || true
        status=1
    fi
done

for f in tracks.ast tracks.pcap status.pcap registration.pcap plots.ast plots.pcap legacy.ast legacy.pcap alerts.ast alerts.pcap \
    adsb.ast adsb.pcap; do
    flag=""
    case $f in *.pcap) flag=--pcap ;; esac
    if python3 scripts/asterix-decoder-to-jsonl.py "$WORK/$f" $flag > "$WORK/$f.ref.jsonl"; then
        "$BIN/skywatch" decode asterix "$WORK/$f" | python3 scripts/asterix-to-decoder-names.py > "$WORK/$f.ours.jsonl"
        if [ -f "$COMPARE" ]; then
            if python3 "$COMPARE" "$WORK/$f.ours.jsonl" "$WORK/$f.ref.jsonl" --lsb "$LSB" --out "$WORK/s.json" >/dev/null; then
                echo "PASS asterix-decoder $f: $(python3 -c "import json; s=json.load(open('$WORK/s.json')); print(f\"{s['records_ref']} records, fields {s['fields_agree']}/{s['fields_compared']} agree\")")"
            else
                echo "FAIL asterix-decoder $f: decodings differ"; python3 -c "import json; s=json.load(open('$WORK/s.json')); print(s['mismatches_by_field'], s['missing_by_field'])"
                status=1
            fi
        else
            echo "PASS asterix-decoder $f: $(wc -l < "$WORK/$f.ref.jsonl") records, no errors (comparator not available)"
        fi
    else
        echo "FAIL asterix-decoder $f: errors"
        status=1
    fi
done
exit $status
