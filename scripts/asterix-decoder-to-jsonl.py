#!/usr/bin/env python3
"""Decodes an ASTERIX file with asterix-decoder (PyPI `asterix-decoder`, `asterix.parse` per data block) and prints
one JSON line per record in Skywatch's FORMAT.md schema, so `compare_asterix.py` can compare decoders.

Usage: asterix-decoder-to-jsonl.py FILE [--pcap]   (exit 1 if asterix-decoder reports anything on stderr or
leaves bytes of a block undecoded)
"""
import json
import os
import struct
import sys
import tempfile

import asterix


def payloads(data, pcap):
    if not pcap:
        yield data
        return
    little = data[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1")
    e = "<" if little else ">"
    off = 24
    while off + 16 <= len(data):
        incl = struct.unpack(e + "I", data[off + 8:off + 12])[0]
        pkt = data[off + 16:off + 16 + incl]
        off += 16 + incl
        ihl = (pkt[14] & 0x0F) * 4
        yield pkt[14 + ihl + 8:]


def blocks(payload):
    off = 0
    while off + 3 <= len(payload):
        ln = struct.unpack(">H", payload[off + 1:off + 3])[0]
        if ln < 3 or off + ln > len(payload):
            raise SystemExit(f"bad block at {off}")
        yield payload[off:off + ln]
        off += ln


def convert(v, key=""):
    if isinstance(v, dict):
        if "val" in v:
            return v["val"]
        out = {}
        for k, x in v.items():
            if k in ("FX", "fx") or k.lower().startswith("spare"):
                continue
            out[k] = convert(x, k)
        return out
    if isinstance(v, list):
        return [convert(x) for x in v]
    return v


def main():
    path = sys.argv[1]
    pcap = "--pcap" in sys.argv
    data = open(path, "rb").read()
    # Capture the C++ core's messages on file descriptor 2.
    err = tempfile.TemporaryFile()
    saved = os.dup(2)
    os.dup2(err.fileno(), 2)
    problems = []
    try:
        for p in payloads(data, pcap):
            for b in blocks(p):
                recs = asterix.parse(b)
                used = sum(r["len"] for r in recs)
                if used != len(b) - 3:
                    problems.append(f"block CAT{b[0]} of {len(b)} bytes: records cover {used} of {len(b) - 3}")
                for r in recs:
                    cat = r["category"]
                    out = {"cat": cat, "len": r["len"], "hex": r["hexdata"].lower()}
                    for k, v in r.items():
                        if k.startswith("I") and len(k) >= 4:
                            out[f"I{cat:03d}/{k[1:]}"] = convert(v, k)
                    print(json.dumps(out))
    finally:
        os.dup2(saved, 2)
    err.seek(0)
    msg = err.read().decode(errors="replace").strip()
    if msg:
        problems.append("asterix-decoder stderr: " + msg[:500])
    for p in problems:
        print(p, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
