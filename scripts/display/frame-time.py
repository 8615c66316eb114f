#!/usr/bin/env python3
"""Rendering cost of the situation display with many tracks, in headless Chromium (selenium).

Starts scripts/display/mock-server.py --tracks N (default 5000) on a free port unless SKYWATCH_URL is set, loads the
page at 1600x1000, zooms to the default view, and for --seconds (default 20) samples:
  * draw time: window.skywatch.frameTimes(), the duration of each renderer.draw() call (ms), with the renderer
    forced to redraw on every animation frame (setContinuous(true)), so every frame is a full redraw;
  * frame interval: the time between successive requestAnimationFrame callbacks (ms), which also includes parsing
    the WebSocket frames and the browser's own compositing;
  * JS heap: performance.memory.usedJSHeapSize and CDP Performance.getMetrics JSHeapUsedSize (MB).
Prints median and p95 of both, and the heap.

    python3 scripts/display/frame-time.py [--tracks 5000] [--seconds 20] [--no-continuous] [--zoom F]
    SKYWATCH_URL=http://127.0.0.1:PORT/ python3 scripts/display/frame-time.py --zoom 2   # against a real service
Needs chromium, chromium-driver (Debian) and selenium (PyPI).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def pct(values, p):
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tracks", type=int, default=5000)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--no-continuous", action="store_true", help="draw only when the picture changed (the default UI)")
    ap.add_argument("--json", action="store_true", help="print one JSON line")
    ap.add_argument("--zoom", type=float, default=1.0,
                    help="zoom factor applied to the home view before sampling (e.g. to bring ~5,000 of the real "
                         "service's 20,000 stress tracks on screen)")
    args = ap.parse_args()

    url = os.environ.get("SKYWATCH_URL")
    proc = None
    if not url:
        proc = subprocess.Popen([sys.executable, os.path.join(ROOT, "scripts/display/mock-server.py"), "--port", "0",
                                 "--tracks", str(args.tracks)], stdout=subprocess.PIPE, text=True)
        url = proc.stdout.readline().split("listening on ", 1)[1].strip()
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1600,1200",
              "--enable-precise-memory-info"):
        opts.add_argument(a)
    d = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=opts)
    try:
        d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                          {"width": 1600, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
        d.execute_cdp_cmd("Performance.enable", {})
        d.get(url)
        deadline = time.time() + 60
        while d.execute_script("return document.body.dataset.ready") != "1":
            if time.time() > deadline:
                raise SystemExit("page not ready after 60 s")
            time.sleep(0.2)
        if args.zoom != 1.0:
            d.execute_script("window.skywatch.zoom(arguments[0])", args.zoom)
        time.sleep(2)
        tracks = d.execute_script("return window.skywatch.picture.tracks.size")
        displayed = d.execute_script("return window.skywatch.trackCount()")
        d.execute_script("""
            window.__intervals = []; let last = 0;
            const f = (t) => { if (last) window.__intervals.push(t - last); last = t; if (window.__intervals.length < 100000) requestAnimationFrame(f); };
            requestAnimationFrame(f);
            window.skywatch.setContinuous(arguments[0]);""", not args.no_continuous)
        n0 = d.execute_script("return window.skywatch.frameCount()")
        time.sleep(args.seconds)
        draws = d.execute_script("return window.skywatch.frameTimes()")
        n1 = d.execute_script("return window.skywatch.frameCount()")
        intervals = d.execute_script("return window.__intervals")
        on_screen = d.execute_script("return window.skywatch.renderer.tracks.drawn.length")
        heap = d.execute_script("return performance.memory ? performance.memory.usedJSHeapSize : null")
        metrics = {m["name"]: m["value"] for m in d.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]}
        frames = d.execute_script("return window.skywatch.connection.frames")
        ua = d.execute_script("return navigator.userAgent")
    finally:
        d.quit()
        if proc:
            proc.terminate()
            proc.wait(timeout=10)
    # Only the draws made during the sampling window (the page keeps the last 1,200).
    draws = draws[len(draws) - min(len(draws), n1 - n0):]
    res = {
        "tracks": tracks, "displayed": displayed, "on_screen": on_screen, "seconds": args.seconds, "continuous": not args.no_continuous,
        "draws": len(draws), "draw_ms_median": round(statistics.median(draws), 2) if draws else None,
        "draw_ms_p95": round(pct(draws, 0.95), 2) if draws else None,
        "frames": len(intervals), "interval_ms_median": round(statistics.median(intervals), 2) if intervals else None,
        "interval_ms_p95": round(pct(intervals, 0.95), 2) if intervals else None,
        "js_heap_used_mb": round(heap / 1e6, 1) if heap else None,
        "cdp_js_heap_used_mb": round(metrics.get("JSHeapUsedSize", 0) / 1e6, 1),
        "cdp_js_heap_total_mb": round(metrics.get("JSHeapTotalSize", 0) / 1e6, 1),
        "dom_nodes": int(metrics.get("Nodes", 0)), "websocket_frames": frames, "browser": ua.split(" ")[-2],
    }
    if args.json:
        print(json.dumps(res))
    else:
        print("tracks in picture %d (displayed %d, %d on screen), %.0f s sampled, %s redraw" %
              (res["tracks"], res["displayed"], on_screen, args.seconds, "continuous" if res["continuous"] else "on change"))
        print("load average   : %s (the machine's other work competes for its 2 cores)" % " ".join(
            "%.1f" % v for v in os.getloadavg()))
        print("draw time      : median %.2f ms, p95 %.2f ms over %d draws" % (res["draw_ms_median"], res["draw_ms_p95"], res["draws"]))
        print("frame interval : median %.2f ms, p95 %.2f ms over %d frames" % (res["interval_ms_median"], res["interval_ms_p95"], res["frames"]))
        print("JS heap used   : %.1f MB (performance.memory), CDP JSHeapUsedSize %.1f MB of %.1f MB total; DOM nodes %d"
              % (res["js_heap_used_mb"] or float("nan"), res["cdp_js_heap_used_mb"], res["cdp_js_heap_total_mb"], res["dom_nodes"]))
        print("browser        : %s" % res["browser"])


if __name__ == "__main__":
    main()
