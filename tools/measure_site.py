"""Measure the built site (make site first): each page's weight and first paint on loopback, printed as
the Markdown table of docs/site.md. Measured, never asserted.

    python tools/measure_site.py            # every page of both editions, cold cache each time

Weight: the bytes of every response the page loads with a cold cache at 1280×900 (images below the fold
load lazily and are not counted; "all images" adds them), uncompressed as served here, and gzip'ed as
a static host such as GitHub Pages sends HTML, CSS and JavaScript. First paint: the browser's
first-contentful-paint, the median of three cold loads.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser.harness import find_chromium, launch_chromium  # noqa: E402

OUT = ROOT / "build" / "site"
COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".ipynb")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _gz(path: Path) -> int:
    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if path.suffix in COMPRESSED else len(data)


def measure(page, base: str, name: str, loaded: list[str]) -> dict:
    paints = []
    for _ in range(3):
        loaded.clear()
        page.goto("about:blank")
        page.goto(base + name, wait_until="load")
        page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
        paints.append(page.evaluate(
            "() => (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime"))
    files = {OUT / u[len(base):].split("#")[0].split("?")[0] for u in loaded if u.startswith(base)}
    files = {f for f in files if f.is_file()}
    page_dir = (OUT / name).parent
    images = set((page_dir / "_static" / "figures").glob("*.png"))
    shown = set(page.evaluate("() => [...document.querySelectorAll('img')].map(i => i.src)"))
    all_images = {OUT / s[len(base):] for s in shown if s.startswith(base)} & images
    return {"page": name, "requests": len(files), "bytes": sum(f.stat().st_size for f in files),
            "gzip": sum(_gz(f) for f in files), "fcp": statistics.median(paints),
            "all_images": sum(f.stat().st_size for f in all_images)}


def main() -> int:
    if find_chromium() is None:
        print("no Chromium found (see tests/browser/harness.py)")
        return 1
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(OUT))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    pages = sorted(str(p.relative_to(OUT)) for p in OUT.rglob("*.html") if "_static" not in p.parts)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bp-measure-") as profile, sync_playwright() as pw:
        context = launch_chromium(pw, Path(profile))
        page = context.new_page()
        page.set_viewport_size({"width": 1280, "height": 900})
        context.new_cdp_session(page).send("Network.setCacheDisabled", {"cacheDisabled": True})
        loaded: list[str] = []
        page.on("response", lambda r: loaded.append(r.url))
        for name in pages:
            rows.append(measure(page, base, name, loaded))
        context.close()
    httpd.shutdown()
    print("| page | requests | weight (KiB) | gzip'ed (KiB) | all its images (KiB) | first paint (ms) |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['page']} | {r['requests']} | {r['bytes'] / 1024:.0f} | {r['gzip'] / 1024:.0f} | "
              f"{r['all_images'] / 1024:.0f} | {r['fcp']:.0f} |")
    fcp = [r["fcp"] for r in rows]
    weights = [r["gzip"] / 1024 for r in rows]
    print(f"\n{len(rows)} pages; first paint median {statistics.median(fcp):.0f} ms, max {max(fcp):.0f} ms; "
          f"gzip'ed weight median {statistics.median(weights):.0f} KiB, max {max(weights):.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
