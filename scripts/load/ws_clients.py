#!/usr/bin/env python3
"""N WebSocket clients of `skywatch serve` in one thread (non-blocking sockets and a selector), cheap enough that
50 of them keep up with thousands of tracks per frame on one core: each frame's header fields are read from its
first bytes (the server puts them first: type, time, cycle, base, wall, input_latency_s), the rest of the
payload (the track rows) is skipped unparsed: these clients measure delivery, they do not decode the picture.

    ws_clients.py --url ws://127.0.0.1:8080/ws --clients 50 --seconds 60 [--rate N] [--token T] > stats.json

For every delta frame: the delivery delay (receive wall time − the frame's "wall") and the arrival → frame
latency (the frame's "input_latency_s" + the delivery delay); per client the frames received and the frames lost
(a delta whose "base" cycle is newer than the client's last frame). Also the process's own CPU time (user +
system, all clients together) per client. Prints one JSON object with the quantiles.
"""
import argparse
import base64
import json
import os
import re
import resource
import selectors
import socket
import sys
import time
import urllib.parse

HEADER = re.compile(rb'"type":"(\w+)"(?:,"time":[-0-9.e]+)?(?:,"cycle":(-?\d+))?(?:,"base":(-?\d+))?'
                    rb'(?:,"wall":([-0-9.e]+))?(?:,"input_latency_s":([-0-9.e]+))?')


class Client:
    def __init__(self, host, port, path):
        self.sock = socket.create_connection((host, port), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        response = b""
        while b"\r\n\r\n" not in response:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise OSError("connection closed during the WebSocket handshake")
            response += chunk
        head, _, rest = response.partition(b"\r\n\r\n")
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise OSError(f"handshake refused: {head.split(chr(13).encode())[0]!r}")
        self.sock.setblocking(False)
        self.buffer = bytearray(rest)
        self.remaining = 0          # payload bytes of the current frame still to skip
        self.frames = self.deltas = self.lost = 0
        self.last_cycle = None
        self.bytes = 0

    def feed(self, data, now, delivery, latency):
        self.bytes += len(data)
        buf = self.buffer
        buf += data
        i = 0
        n = len(buf)
        while True:
            if self.remaining:
                take = min(self.remaining, n - i)
                i += take
                self.remaining -= take
                if self.remaining:
                    break
            if n - i < 2:
                break
            b1 = buf[i + 1] & 0x7F
            hlen = 2
            if b1 == 126:
                hlen = 4
            elif b1 == 127:
                hlen = 10
            if n - i < hlen:
                break
            length = b1 if b1 < 126 else int.from_bytes(buf[i + 2:i + hlen], "big")
            # Wait for the payload's first bytes (its JSON header fields).
            if n - i < hlen + min(length, 160):
                break
            opcode = buf[i] & 0x0F
            start = i + hlen
            if opcode == 1:
                self.frames += 1
                m = HEADER.search(bytes(buf[start:start + min(length, 160)]))
                if m and m.group(1) == b"delta":
                    self.deltas += 1
                    cycle = int(m.group(2))
                    base = int(m.group(3)) if m.group(3) else cycle - 1
                    if self.last_cycle is not None and base > self.last_cycle:
                        # Frames of this stream are (cycle - base) cycles apart.
                        self.lost += max(1, (base - self.last_cycle) // max(1, cycle - base))
                    self.last_cycle = cycle
                    if m.group(4):
                        d = now - float(m.group(4))
                        delivery.append(d)
                        if m.group(5):
                            latency.append(float(m.group(5)) + d)
                elif m and m.group(1) == b"snapshot" and m.group(2):
                    self.last_cycle = int(m.group(2))
            available = n - start
            if available >= length:
                i = start + length
            else:
                i = n
                self.remaining = length - available
                break
        del buf[:i]


def quantiles(values):
    if not values:
        return None
    v = sorted(values)
    q = lambda p: v[min(len(v) - 1, int(p * len(v)))]
    return {"p50": round(q(0.5), 4), "p99": round(q(0.99), 4), "max": round(v[-1], 4), "n": len(v)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", required=True)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--token")
    ap.add_argument("--rate", type=float, help="frames per second asked of the server (/ws?rate=N)")
    args = ap.parse_args()
    u = urllib.parse.urlparse(args.url)
    query = [f"token={args.token}"] if args.token else []
    if args.rate:
        query.append(f"rate={args.rate:g}")
    path = u.path + ("?" + "&".join(query) if query else "")
    clients = [Client(u.hostname, u.port, path) for _ in range(args.clients)]
    sel = selectors.DefaultSelector()
    for c in clients:
        sel.register(c.sock, selectors.EVENT_READ, c)
    delivery, latency = [], []
    closed = 0
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    end = time.monotonic() + args.seconds
    chunk = bytearray(1 << 20)
    view = memoryview(chunk)
    while time.monotonic() < end:
        for key, _ in sel.select(timeout=0.5):
            c = key.data
            try:
                k = c.sock.recv_into(chunk)
            except BlockingIOError:
                continue
            if k == 0:
                sel.unregister(c.sock)
                closed += 1
                continue
            c.feed(view[:k], time.time(), delivery, latency)
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    for c in clients:
        c.sock.close()
    json.dump({
        "cpu_percent_of_one_core": round(100 * cpu / args.seconds, 1),
        "cpu_percent_per_client": round(100 * cpu / args.seconds / max(1, len(clients)), 2),
        "clients": len(clients), "closed_by_server": closed, "seconds": args.seconds,
        "frames": sum(c.frames for c in clients), "deltas": sum(c.deltas for c in clients),
        "frames_lost": sum(c.lost for c in clients),
        "clients_with_loss": sum(1 for c in clients if c.lost),
        "megabytes_received": round(sum(c.bytes for c in clients) / 1e6, 1),
        "delivery_s": quantiles(delivery), "arrival_to_frame_s": quantiles(latency),
    }, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
