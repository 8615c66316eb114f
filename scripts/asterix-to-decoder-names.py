#!/usr/bin/env python3
"""Rename Skywatch's ASTERIX JSON lines to asterix-decoder 0.7.11's subfield names, for comparison only.

Usage: scripts/asterix-to-decoder-names.py IN.jsonl > OUT.jsonl

Skywatch's tables come from asterix-specs (scripts/gen-asterix-tables.py), whose short names and units differ
here and there from those of asterix-decoder, the independent decoder our reference files come from
(`I048/140.140` vs `ToD`; I048/200 ground speed in NM/s vs kt). scripts/asterix-decoder-names.json lists, per
item, the renamed subfields (`SUBITEM.FIELD` inside compound items), renamed compound sub-items and the unit
factors (reference value = ours × factor); it was built by aligning the two tables bit for bit and is used only
by the comparison scripts (check-asterix.sh, interop-asterix.sh). Nothing in Sources/ depends on it.
"""
import json
import os
import sys

MAP = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "asterix-decoder-names.json")))


def rename_fields(obj, m, prefix):
    if not isinstance(obj, dict):
        return obj
    out = {}
    for k, v in obj.items():
        key = prefix + k
        name = m.get("fields", {}).get(key, k)
        f = m.get("scale", {}).get(key)
        if f is not None and isinstance(v, (int, float)) and not isinstance(v, bool):
            v = v * f
        out[name] = v
    return out


def convert_item(v, m, compound):
    if isinstance(v, list):
        return [convert_item(x, m, compound) for x in v]
    if not isinstance(v, dict):
        return v
    if compound:
        out = {}
        for sub, body in v.items():
            out[m.get("subitems", {}).get(sub, sub)] = (
                [rename_fields(x, m, sub + ".") for x in body] if isinstance(body, list)
                else rename_fields(body, m, sub + "."))
        return out
    return rename_fields(v, m, "")


def convert(rec):
    out = {}
    for k, v in rec.items():
        m = MAP.get(k)
        if m is None:
            out[k] = v
            continue
        # A compound item is an object of objects (or of arrays); a plain item an object of scalars.
        compound = isinstance(v, dict) and any(isinstance(x, (dict, list)) for x in v.values())
        out[k] = convert_item(v, m, compound)
    return out


def main():
    src = open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin
    for line in src:
        if line.strip():
            print(json.dumps(convert(json.loads(line)), separators=(",", ":")))


if __name__ == "__main__":
    main()
