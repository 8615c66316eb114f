"""Browser test of the situation display (Sources/SkyServer/Display/) in headless Chromium through selenium.

Environment:
  SKYWATCH_URL         page to test (e.g. http://127.0.0.1:8080/ or http://127.0.0.1:8080/?token=T); when unset the
                       test starts scripts/display/mock-server.py on a free port.
  SKYWATCH_SCREENSHOT  where to write the 1600x1000 screenshot (default docs/images/display.png).
  SKYWATCH_SCREENSHOT_WAIT  seconds to wait before it (default 2.5; trails need ~40 s to fill).
  CHROMIUM, CHROMEDRIVER  binaries (default /usr/bin/chromium, /usr/bin/chromedriver).

Needs: apt-get install -y chromium chromium-driver; pip install selenium pytest.
Run:   python3 -m pytest -q Tests/browser/test_display.py
"""
import math
import os
import re
import socket
import subprocess
import sys
import time

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WIDTH, HEIGHT = 1600, 1000


def wait_for(fn, timeout=30.0, interval=0.2, what="condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = fn()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError("timed out after %.0f s waiting for %s (last value %r)" % (timeout, what, last))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mock:
    """scripts/display/mock-server.py on a fixed free port (so that it can be stopped and restarted)."""

    def __init__(self, *extra):
        self.port = free_port()
        self.proc = None
        self.extra = list(extra)

    def start(self):
        self.proc = subprocess.Popen([sys.executable, os.path.join(ROOT, "scripts/display/mock-server.py"),
                                      "--port", str(self.port), "--tracks", "300"] + self.extra,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = self.proc.stdout.readline()
        assert line.startswith("listening on "), "mock server did not start: %r" % line
        return line.split("listening on ", 1)[1].strip()

    def stop(self):
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None


@pytest.fixture(scope="module")
def mock():
    if os.environ.get("SKYWATCH_URL"):
        yield None
        return
    m = Mock()
    m.start()
    yield m
    m.stop()


@pytest.fixture(scope="module")
def base_url(mock):
    return os.environ.get("SKYWATCH_URL") or "http://127.0.0.1:%d/" % mock.port


@pytest.fixture(scope="module")
def driver(base_url):
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars",
              "--window-size=%d,%d" % (WIDTH, HEIGHT + 200)):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=opts)
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    d.get(base_url)
    yield d
    d.quit()


def js(d, expr, *args):
    return d.execute_script("return " + expr, *args)


def severe_logs(d):
    """SEVERE browser-console entries. The one expected: a track dropped between its selection and the fetch of
    its history answers 404 on /api/tracks/{n}, which Chromium logs as a failed resource load."""
    out = []
    for e in d.get_log("browser"):
        if e["level"] != "SEVERE":
            continue
        if re.search(r"/api/tracks/\d+ - Failed to load resource: the server responded with a status of 404", e["message"]):
            continue
        out.append(e)
    return out


def test_page_loads_and_shows_tracks(driver):
    wait_for(lambda: js(driver, "document.body.dataset.ready") == "1", 40, what="document.body.dataset.ready")
    assert "Skywatch" in driver.title
    n = wait_for(lambda: js(driver, "window.skywatch.trackCount()"), 20, what="trackCount() > 0")
    assert n > 0
    assert js(driver, "document.getElementById('scope').width") >= 800


def test_positions_change_between_frames(driver):
    first = {p["number"]: (p["lat"], p["lon"]) for p in js(driver, "window.skywatch.trackPositions()")}
    assert first, "no track positions"

    def moved():
        now = js(driver, "window.skywatch.trackPositions()")
        return sum(1 for p in now if p["number"] in first and first[p["number"]] != (p["lat"], p["lon"]))

    n = wait_for(moved, 15, 0.5, what="some track to move")
    assert n > 0


def isolated_track(driver, margin=60, clearance=16):
    """A track well inside the canvas with no other track within `clearance` px (so a click hits it alone)."""
    w, h = js(driver, "[document.getElementById('scope').clientWidth, document.getElementById('scope').clientHeight]")
    pts = [p["number"] for p in js(driver, "window.skywatch.trackPositions()")]
    screen = js(driver, "arguments[0].map(n => [n, window.skywatch.screenPositionOf(n)])", pts)
    inside = [(n, s["x"], s["y"]) for n, s in screen if s and margin < s["x"] < w - margin and margin < s["y"] < h - margin]
    best = None
    for n, x, y in inside:
        d = min((math.hypot(x - x2, y - y2) for n2, x2, y2 in inside if n2 != n), default=1e9)
        if d >= clearance and (best is None or math.hypot(x - w / 2, y - h / 2) < best[3]):
            best = (n, x, y, math.hypot(x - w / 2, y - h / 2))
    assert best, "no isolated track on screen"
    return best[0], w, h


def test_click_shows_details(driver):
    number, w, h = isolated_track(driver)
    pos = js(driver, "window.skywatch.screenPositionOf(arguments[0])", number)
    canvas = driver.find_element(By.ID, "scope")
    # Selenium 4 offsets are from the element's centre.
    ActionChains(driver).move_to_element_with_offset(canvas, int(round(pos["x"] - w / 2)), int(round(pos["y"] - h / 2))).click().perform()
    panel = driver.find_element(By.ID, "details")
    wait_for(lambda: panel.is_displayed(), 5, what="details panel")
    assert js(driver, "window.skywatch.selectedTrack()") == number
    wait_for(lambda: ("%d" % number) in panel.text, 5, what="track number in the details panel")
    text = panel.text
    for field in ("Sources", "Sensors", "Position", "Ground speed", "Accuracy", "Track age"):
        assert field in text, field
    wait_for(lambda: "history (" in panel.text.lower(), 10, what="history in the details panel")
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    wait_for(lambda: not panel.is_displayed(), 5, what="Esc to close the details panel")


def test_search_finds_callsign(driver):
    callsign, number = js(driver, """(() => {
        for (const r of window.skywatch.picture.tracks.values())
            if (r.dto.callsign && r.dto.status === 'confirmed') return [r.dto.callsign, r.number];
        return [null, null]; })()""")
    assert callsign, "no track with a callsign in the picture"
    box = driver.find_element(By.ID, "search")
    box.click()
    box.clear()
    box.send_keys(callsign)
    results = driver.find_element(By.ID, "results")
    wait_for(lambda: results.is_displayed() and callsign in results.text, 5, what="callsign in the search results")
    box.send_keys(Keys.ENTER)
    panel = driver.find_element(By.ID, "details")
    wait_for(lambda: panel.is_displayed() and callsign in panel.text, 5, what="details of the searched callsign")
    assert js(driver, "window.skywatch.selectedTrack()") is not None
    sel = js(driver, "window.skywatch.picture.tracks.get(window.skywatch.selectedTrack()).dto.callsign")
    assert sel == callsign


def test_keyboard_shortcuts(driver):
    body = driver.find_element(By.TAG_NAME, "body")
    scale = js(driver, "window.skywatch.view.scale")
    body.send_keys("+")
    wait_for(lambda: js(driver, "window.skywatch.view.scale") > scale * 1.2, 3, what="+ to zoom in")
    body.send_keys("-")
    assert abs(js(driver, "window.skywatch.view.scale") - scale) < scale * 1e-9
    cx = js(driver, "window.skywatch.view.cx")
    body.send_keys(Keys.ARROW_RIGHT)
    assert js(driver, "window.skywatch.view.cx") > cx
    body.send_keys(Keys.ARROW_LEFT)
    body.send_keys("?")
    help_box = driver.find_element(By.ID, "help")
    wait_for(lambda: help_box.is_displayed(), 3, what="? to open the help")
    assert "Fused" in help_box.text and "zoom" in help_box.text
    body.send_keys(Keys.ESCAPE)
    wait_for(lambda: not help_box.is_displayed(), 3, what="Esc to close the help")
    body.send_keys("/")
    assert js(driver, "document.activeElement.id") == "search"
    driver.find_element(By.ID, "search").send_keys(Keys.ESCAPE)


def filter_level(altitudes):
    """A flight level (hundreds of feet) with tracks both below and at or above it: the mock's picture spans FL0 to
    FL400 (FL200 works), an airport scene may stay below FL100. None when there is no such level."""
    levels = sorted({int(a // 100) for a in altitudes if a is not None})
    best = None
    for fl in levels[1:]:
        below = sum(1 for a in altitudes if a is not None and a < fl * 100)
        above = sum(1 for a in altitudes if a is not None and a >= fl * 100)
        # Prefer the level that splits the picture most evenly (a track crossing it moves few).
        if below and above and (best is None or abs(below - above) < best[1]):
            best = (fl, abs(below - above))
    return 200 if best and any(a is not None and a < 20000 for a in altitudes) and any(
        a is not None and a >= 20000 for a in altitudes) else (best[0] if best else None)


def test_filters_reduce_the_picture(driver):
    total = js(driver, "window.skywatch.trackCount()")
    altitudes = js(driver, "[...window.skywatch.picture.tracks.values()].map(r => r.dto.altitude_ft)")
    fl = filter_level(altitudes)
    assert fl, "the picture needs tracks at two flight levels at least: %r" % sorted(a for a in altitudes if a is not None)
    box = driver.find_element(By.ID, "f-min")
    box.clear()
    box.send_keys(str(fl), Keys.TAB)
    driver.find_element(By.ID, "f-noalt").click()
    wait_for(lambda: js(driver, "window.skywatch.trackCount()") < total, 3, what="the FL%d+ filter" % fl)
    # Displayed = passed the filter at the last draw; a descending track may have crossed the level since (a few
    # 100 ft).
    shown = lambda: js(driver, "window.skywatch.trackPositions().map(p => window.skywatch.picture.tracks.get(p.number).dto.altitude_ft)")
    wait_for(lambda: shown() and all(a is not None and a >= fl * 100 - 500 for a in shown()), 3,
             what="only FL%d+ displayed" % fl)
    box.clear()
    box.send_keys("0", Keys.TAB)
    driver.find_element(By.ID, "f-noalt").click()
    wait_for(lambda: js(driver, "window.skywatch.trackCount()") >= total * 0.9, 3, what="the filter to be cleared")
    assert "active" not in driver.find_element(By.ID, "filters").get_attribute("class")


def test_cycle_gap_resynchronises(driver):
    """A delta whose cycle skips numbers (frames lost) makes the page re-fetch /api/tracks."""
    before = js(driver, "window.skywatch.connection.resyncs")
    total = js(driver, "window.skywatch.picture.tracks.size")
    js(driver, """(() => { const p = window.skywatch.picture;
        window.skywatch.connection._message(JSON.stringify({ type: 'delta', time: p.time, cycle: p.cycle + 2,
            updated: [], deleted: [], alerts: [] })); return true; })()""")
    wait_for(lambda: js(driver, "window.skywatch.connection.resyncs") == before + 1, 5, what="a resynchronisation")
    wait_for(lambda: not js(driver, "window.skywatch.connection.resyncing"), 10, what="the re-fetch to finish")
    assert js(driver, "window.skywatch.picture.tracks.size") >= total * 0.9


def test_frame_times_reported(driver):
    times = wait_for(lambda: js(driver, "window.skywatch.frameTimes()"), 10, what="frame times")
    assert all(t >= 0 for t in times)


def shrink_png(path):
    """Re-encodes the screenshot with a 256-colour palette when Pillow is installed (keeps it well under 500 KB)."""
    try:
        from PIL import Image
    except ImportError:
        return
    img = Image.open(path).convert("RGB")
    img.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(path, optimize=True)


def test_sensor_panel_shows_registration(driver, base_url):
    """Each sensor row of the Sensors panel shows what /api/sensors says of its registration: every estimated bias
    with its σ and the components applied, or "no bias estimate" (the demo runs with registration off)."""
    import json
    import urllib.request
    url = base_url.split("?")[0] + "api/sensors"
    token = base_url.split("token=")[1] if "token=" in base_url else None
    req = urllib.request.Request(url, headers={"Authorization": "Bearer " + token} if token else {})
    with urllib.request.urlopen(req, timeout=10) as r:
        sensors = json.load(r)["sensors"]
    assert sensors, "no sensor in /api/sensors"
    # Read in one script: the panel re-renders every 2 s, and an element found before a re-render is stale after it.
    rows = wait_for(lambda: (lambda r: r if len(r) >= len(sensors) else None)(js(
        driver, "Array.from(document.querySelectorAll('#sensors table.sensors:last-of-type tr'))"
                ".slice(1).map((r) => r.innerText)")),
        what="a row per sensor in the Sensors panel")
    for sensor, row in zip(sensors, rows):
        reg = sensor.get("registration")
        assert sensor["id"] in row, (sensor["id"], row)
        if not reg:
            assert "no bias estimate" in row, row
            continue
        if reg.get("range_offset_m") is not None:
            assert "Δr %.1f ± %.1f m" % (reg["range_offset_m"], reg["range_offset_m_sigma"]) in row, row
        if reg.get("azimuth_offset_deg") is not None:
            assert "Δθ %.4f ± %.4f°" % (reg["azimuth_offset_deg"], reg["azimuth_offset_deg_sigma"]) in row, row
        assert ("converged" if reg["converged"] else "converging") in row, row
        if reg["mode"] == "correct" and reg.get("applied"):
            applied = [label for key, label in (("range_offset_m", "Δr"), ("azimuth_offset_deg", "Δθ"),
                                                ("range_gain_ppm", "gain"), ("time_offset_s", "Δt"))
                       if reg["applied"].get(key)]
            assert ("applied: " + ", ".join(applied)) in row, row


def test_screenshot_and_no_console_errors(driver):
    # Show an interesting track in the screenshot: an emergency if there is one, else any callsign.
    js(driver, """(() => {
        let pick = null;
        for (const r of window.skywatch.picture.tracks.values()) {
            if (r.dto.emergency) { pick = r.number; break; }
            if (pick === null && r.dto.callsign) pick = r.number;
        }
        if (pick !== null) window.skywatch.selectTrack(pick);
        document.getElementById('search').value = ''; document.getElementById('results').hidden = true;
        document.activeElement && document.activeElement.blur();
        return pick; })()""")
    driver.find_element(By.TAG_NAME, "body").send_keys("0")   # the default view (the search centred on a track)
    # Trails build up from the page's own updates: SKYWATCH_SCREENSHOT_WAIT seconds let them grow.
    time.sleep(float(os.environ.get("SKYWATCH_SCREENSHOT_WAIT", "2.5")))
    path = os.environ.get("SKYWATCH_SCREENSHOT", os.path.join(ROOT, "docs/images/display.png"))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    assert driver.save_screenshot(path)
    shrink_png(path)
    assert os.path.getsize(path) > 20000
    errors = severe_logs(driver)
    assert not errors, "JavaScript console errors: %s" % errors


def test_stale_and_reconnect(driver, mock):
    """Only against the self-started mock: stop the service, the page says the picture is stale and keeps it;
    restart it, the page reconnects by itself and the picture is live again."""
    if mock is None:
        pytest.skip("needs the self-started mock server (SKYWATCH_URL is set)")
    errors = severe_logs(driver)
    assert not errors, "JavaScript console errors: %s" % errors
    before = js(driver, "window.skywatch.trackCount()")
    mock.stop()
    stale = driver.find_element(By.ID, "stale")
    wait_for(lambda: stale.is_displayed() and "NO DATA" in stale.text, 10, what="the stale banner")
    assert js(driver, "window.skywatch.trackCount()") == before, "the picture must survive a lost connection"
    assert driver.find_element(By.ID, "conn").text in ("STALE", "LOST", "CONNECTING")
    mock.start()
    wait_for(lambda: not stale.is_displayed(), 30, what="reconnection")
    assert driver.find_element(By.ID, "conn").text == "LIVE"
    assert js(driver, "window.skywatch.connection.reconnects") >= 1
    # Chromium itself logs the refused reconnection attempts; anything else is an error of the page.
    errors = [e for e in severe_logs(driver)
              if "WebSocket connection" not in e["message"] and "ERR_CONNECTION_REFUSED" not in e["message"]]
    assert not errors, "JavaScript console errors: %s" % errors


def test_replay_controls(driver, mock):
    """Only with the self-started mock: a second mock in replay mode shows the replay bar, and Pause is sent."""
    if mock is None:
        pytest.skip("needs the self-started mock server (SKYWATCH_URL is set)")
    assert not driver.find_element(By.ID, "replay").is_displayed(), "replay controls only when replaying"
    replay = Mock("--mode", "replay", "--token", "t0k")
    url = replay.start()
    try:
        driver.get(url)
        wait_for(lambda: js(driver, "document.body.dataset.ready") == "1", 40, what="the replay page")
        bar = driver.find_element(By.ID, "replay")
        wait_for(lambda: bar.is_displayed(), 5, what="the replay bar")
        button = driver.find_element(By.ID, "r-play")
        assert "Pause" in button.text
        button.click()
        wait_for(lambda: "Play" in button.text, 5, what="the replay to pause")
        errors = severe_logs(driver)
        assert not errors, "JavaScript console errors: %s" % errors
    finally:
        replay.stop()
