#!/usr/bin/env bash
# Browser checks of the situation display: installs headless Chromium, chromedriver (Debian) and selenium/pytest
# (PyPI) when missing, runs the pure-module unit tests under node (when node is there) and the selenium test.
#   scripts/display/check-display.sh                       # against scripts/display/mock-server.py
#   SKYWATCH_URL=http://127.0.0.1:8080/ scripts/display/check-display.sh   # against a running skywatch demo/serve
# SKYWATCH_SCREENSHOT (default docs/images/display.png) is where the test writes its 1600x1000 screenshot.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "== installing chromium and chromium-driver"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! python3 -c 'import selenium, pytest, PIL' 2>/dev/null; then
    echo "== installing selenium, pytest, pillow"
    python3 -m pip install -q selenium pytest pillow
fi
if command -v node >/dev/null; then
    echo "== display modules (node --test)"
    node --test Tests/browser/
fi
echo "== display in headless Chromium (pytest + selenium)"
python3 -m pytest -q Tests/browser/test_display.py
