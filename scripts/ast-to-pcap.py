#!/usr/bin/env python3
"""Wraps each ASTERIX data block of a raw file into one UDP datagram (port 8600) of a classic pcap, for tshark.

usage: ast-to-pcap.py IN.ast OUT.pcap
"""
import struct, sys

data = open(sys.argv[1], "rb").read()
out = open(sys.argv[2], "wb")
out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))  # Ethernet link type
p, n = 0, 0
while p + 3 <= len(data):
    length = int.from_bytes(data[p + 1:p + 3], "big")
    if length < 3 or p + length > len(data):
        sys.exit(f"bad block length {length} at byte {p}")
    payload = data[p:p + length]
    udp = struct.pack(">HHHH", 50000, 8600, 8 + len(payload), 0) + payload
    ip = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), n & 0xFFFF, 0, 1, 17, 0,
                     bytes([10, 0, 0, 1]), bytes([239, 0, 0, 62]))
    s = sum(struct.unpack(">10H", ip))
    s = (s & 0xFFFF) + (s >> 16)
    s = (s & 0xFFFF) + (s >> 16)
    ip = ip[:10] + struct.pack(">H", ~s & 0xFFFF) + ip[12:]
    eth = bytes([0x01, 0x00, 0x5E, 0x00, 0x00, 0x3E]) + bytes([0x02, 0, 0, 0, 0, 1]) + b"\x08\x00"
    frame = eth + ip + udp
    out.write(struct.pack("<IIII", n, 0, len(frame), len(frame)) + frame)
    p += length
    n += 1
print(f"{n} blocks")
