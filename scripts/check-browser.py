#!/usr/bin/env python3
"""Check that Playwright can drive Debian's Chromium headless and that Chinese renders.

Usage: /work/venv/bin/python scripts/check-browser.py SCREENSHOT.png

Launches /usr/bin/chromium (never a Playwright-downloaded browser: `playwright install`
cannot reach its download host here), renders a data: URL page with Chinese text, checks the
text reached the DOM and that the CJK glyphs were drawn with a real font (not tofu boxes),
writes a screenshot to SCREENSHOT.png and prints OK. Exits non-zero with a reason otherwise.
"""
from __future__ import annotations

import base64
import os
import sys
import tempfile

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("PILOTHUB_CHROMIUM", "/usr/bin/chromium")
# Without the networking flags Chromium keeps trying to reach Google services, which this
# closed network refuses; --no-sandbox because CI runs as root.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TEXT = "中试通 · 北京经济技术开发区 中试平台预约"

PAGE = f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>中试通</title>
<style>body{{font:32px sans-serif;margin:24px}} #a,#b{{display:inline-block}}</style>
</head><body>
<h1 id="t">{TEXT}</h1>
<p>嘉兴市 南湖区 · 中山市 石岐街道 · 怀柔区</p>
<span id="a">中</span> <span id="b">试</span>
</body></html>"""


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    out = argv[1]
    if not os.access(CHROMIUM, os.X_OK):
        print(f"FAIL: {CHROMIUM} not found; run scripts/install-system-deps.sh", file=sys.stderr)
        return 1
    url = "data:text/html;charset=utf-8;base64," + base64.b64encode(PAGE.encode()).decode()
    with tempfile.TemporaryDirectory(prefix="pilothub-chromium-") as profile, sync_playwright() as p:
        # A persistent context gives Chromium a fresh, empty profile dir we control and delete.
        ctx = p.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, headless=True, args=ARGS,
            viewport={"width": 900, "height": 300}, locale="zh-CN",
        )
        try:
            page = ctx.new_page()
            page.goto(url)
            got = page.inner_text("#t")
            if got != TEXT:
                print(f"FAIL: DOM text {got!r} != {TEXT!r}", file=sys.stderr)
                return 1
            # Without a CJK font every ideograph is drawn as the same fallback box (or
            # nothing), so two different characters give identical pixels.
            a = page.locator("#a").screenshot()
            b = page.locator("#b").screenshot()
            page.screenshot(path=out, full_page=True)
            ua = page.evaluate("navigator.userAgent")
        finally:
            ctx.close()
    if a == b:
        print("FAIL: 中 and 试 render identically: no CJK font (fonts-noto-cjk)?", file=sys.stderr)
        return 1
    version = ua.split("HeadlessChrome/")[-1].split(" ")[0] if "HeadlessChrome/" in ua else ua
    print(f"OK chromium {version}, screenshot {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
