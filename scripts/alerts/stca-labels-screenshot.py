#!/usr/bin/env python3
"""Screenshot of the display's STCA conflict texts where conflicts crowd, and a count of overlapping texts.

Starts `skywatch demo` (no recording) on a free loopback port with an alert configuration whose wide thresholds
(4 NM, 2,000 ft, from the surface) make many pairs of the airport scene conflict at once, opens the display in
headless Chromium (selenium, as Tests/browser/test_display.py), centres on the track that is in the most STCA
alerts, zooms in, and writes a 1600x1000 screenshot. Then reads the conflict text boxes the overlay layer placed
(window.skywatch.renderer.overlays.texts) and prints how many pairs of them overlap (0 expected), exiting 1 if any.

usage: scripts/alerts/stca-labels-screenshot.py [--skywatch .build/release/skywatch] [--out stca-labels.png]
                                                 [--wait 40]
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

WIDE = {"stca": {"horizontal_nm": 4, "vertical_ft": 2000, "minimum_altitude_ft": 0, "volumes": [],
                 "confirmation_cycles": 1, "confirmation_s": 0, "minimum_track_age_s": 0}}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--skywatch", default=".build/release/skywatch")
    ap.add_argument("--out", default="stca-labels.png")
    ap.add_argument("--wait", type=float, default=40, help="seconds of demo before the screenshot")
    a = ap.parse_args()
    config = os.path.join(tempfile.mkdtemp(), "wide-stca.json")
    with open(config, "w") as f:
        json.dump(WIDE, f)
    port = free_port()
    demo = subprocess.Popen([a.skywatch, "demo", "--port", str(port), "--no-record", "--alert-config", config],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    opts = webdriver.ChromeOptions()
    for o in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1600,1000", "--hide-scrollbars"):
        opts.add_argument(o)
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    driver = None
    try:
        time.sleep(2)
        driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")),
                                  options=opts)
        driver.set_window_size(1600, 1000)
        driver.get("http://127.0.0.1:%d/" % port)
        time.sleep(a.wait)
        # The track in the most STCA alerts (ties: the first), centred and zoomed in on.
        n = driver.execute_script("""
            const count = new Map();
            for (const al of window.skywatch.picture.alerts.values()) {
              if (al.kind !== 'stca') continue;
              for (const t of al.tracks || []) count.set(t, (count.get(t) || 0) + 1);
            }
            let best = null, most = 0;
            for (const [t, c] of count) if (c > most) { best = t; most = c; }
            return best;""")
        if n is None:
            print("no STCA alert in the demo after %.0f s" % a.wait)
            return 1
        driver.execute_script("window.skywatch.centreOn(arguments[0]); window.skywatch.zoom(3);", n)
        time.sleep(1.5)
        stats = driver.execute_script("""
            const t = window.skywatch.renderer.overlays.texts, b = t.boxes.slice(0, t.count);
            let overlaps = 0;
            for (let i = 0; i < b.length; i++) for (let j = i + 1; j < b.length; j++) {
              const p = b[i], q = b[j];
              if (p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h) overlaps++;
            }
            let stca = 0;
            for (const al of window.skywatch.picture.alerts.values()) if (al.kind === 'stca') stca++;
            return {texts: b.length, overlaps, stca, stacked: b.filter((x) => x.stacked).length};""")
        driver.save_screenshot(a.out)
        print("track %s centred; %d STCA alerts, %d conflict texts drawn, %d stacked, %d overlapping pairs; wrote %s"
              % (n, stats["stca"], stats["texts"], stats["stacked"] or 0, stats["overlaps"], a.out))
        return 1 if stats["overlaps"] else 0
    finally:
        if driver:
            driver.quit()
        demo.terminate()
        demo.wait(10)


if __name__ == "__main__":
    sys.exit(main())
