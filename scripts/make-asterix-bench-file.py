#!/usr/bin/env python3
"""Builds a raw CAT048 benchmark file by repeating the real CAT048 data blocks of the asterix-decoder samples.

Usage: make-asterix-bench-file.py DATA_DIR OUT [--megabytes 100]
DATA_DIR is ../shared/data/asterix (cat048.raw and cat_034_048_first25.pcap). Only complete CAT048 data blocks
are copied, verbatim and in order; the sequence is repeated until the file reaches the requested size.
"""
import argparse
import os
import struct


def blocks_of(payload):
    off = 0
    while off + 3 <= len(payload):
        cat, ln = payload[off], struct.unpack(">H", payload[off + 1:off + 3])[0]
        if ln < 3 or off + ln > len(payload):
            return
        yield cat, payload[off:off + ln]
        off += ln


def pcap_payloads(data):
    little = data[:4] == b"\xd4\xc3\xb2\xa1"
    e = "<" if little else ">"
    off = 24
    while off + 16 <= len(data):
        incl = struct.unpack(e + "I", data[off + 8:off + 12])[0]
        pkt = data[off + 16:off + 16 + incl]
        off += 16 + incl
        ihl = (pkt[14] & 0x0F) * 4
        yield pkt[14 + ihl + 8:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("data_dir")
    ap.add_argument("out")
    ap.add_argument("--megabytes", type=float, default=100)
    a = ap.parse_args()
    blocks = []
    with open(os.path.join(a.data_dir, "cat048.raw"), "rb") as f:
        blocks += [b for c, b in blocks_of(f.read()) if c == 48]
    with open(os.path.join(a.data_dir, "cat_034_048_first25.pcap"), "rb") as f:
        for p in pcap_payloads(f.read()):
            blocks += [b for c, b in blocks_of(p) if c == 48]
    unit = b"".join(blocks)
    target = int(a.megabytes * 1e6)
    with open(a.out, "wb") as f:
        written = 0
        while written < target:
            f.write(unit)
            written += len(unit)
    print(f"{a.out}: {written} bytes, {len(blocks)} CAT048 blocks repeated {written // len(unit)} times")


if __name__ == "__main__":
    main()
