"""The web site (make site) in headless Chromium: every page of both editions, served on loopback, with
every request that is not to the local server aborted.

One walk over every page collects what each test below asserts: no request leaves the site, no broken
link, anchor or resource, no console error, every formula typeset by MathJax (none left as TeX), every
solution folded (and one opens on a click), the language switch goes to the twin page, axe-core
(WCAG 2.1 A/AA) finds nothing serious or critical, every image has a text alternative, the headings go
in order, and at 375 px wide (a phone) and 640 px (1280 px at 200% zoom) the prose does not scroll
sideways. The site is built first when build/site is missing or older than its inputs (a fresh clone
works).
"""

from __future__ import annotations

import functools
import http.server
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import nbformat
import pytest

from tests.browser.harness import launch_chromium

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402

OUT = build_site.OUT
AXE = build_site.NODE / "node_modules" / "axe-core" / "axe.min.js"
SOLUTION = re.compile(r"^#### (Solution|풀이)( \d+)?\s*$")
# TeX that MathJax should have turned into a formula: a command, or math delimiters.
# One walk loads ~50 pages and runs axe-core on each: about 1–2 minutes on a quiet 2-core machine.
pytestmark = pytest.mark.timeout(900)
RAW_TEX = re.compile(r"\\(frac|partial|sum|mathbf|sigma|delta|cdot|begin|left|right|times|odot)\b|\\\(|\\\[|\$\$")


@pytest.fixture(scope="module")
def site():
    """build/site, rebuilt when missing or stale."""
    if not build_site.STAMP.exists() or build_site.STAMP.read_text() != build_site.input_hash():
        run = subprocess.run([sys.executable, str(ROOT / "tools" / "build_site.py")], capture_output=True, text=True)
        assert run.returncode == 0 and not run.stderr.strip(), f"make site failed:\n{run.stdout}\n{run.stderr}"
    if not AXE.exists():
        build_site.mathjax()                       # npm ci of site/package-lock.json (axe-core beside MathJax)
    return OUT


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if "_static" not in p.parts)


def _ids(path: Path) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', path.read_text(encoding="utf-8")))


PAGE_FACTS = """() => {
  const article = document.querySelector('.bd-article') || document.querySelector('main');
  const headings = [...article.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);
  const maths = [...document.querySelectorAll('.math')];
  const untyped = maths.filter(m => !m.querySelector('mjx-container')).map(m => m.textContent.slice(0, 60));
  const prose = article.cloneNode(true);
  prose.querySelectorAll('pre, code, mjx-container, script, style, .highlight').forEach(e => e.remove());
  const details = [...document.querySelectorAll('details.bp-solution')];
  return {
    headings, untyped, maths: maths.length, prose: prose.textContent,
    links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
    images: [...document.querySelectorAll('img')].map(i => ({src: i.src, alt: i.getAttribute('alt')})),
    solutions: details.length, open: details.filter(d => d.open).length,
    feedback_inside: details.filter(d => d.querySelector('.cell_output')).length,
    twin: (document.querySelector('a.bp-lang-switch') || {}).href || null,
  };
}"""
NARROW = """() => {
  const wide = [...document.querySelectorAll('.bd-article p, .bd-article li, .bd-article h1, .bd-article h2')]
    .filter(e => !e.closest('table, pre, .cell_output, .math'))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.textContent.slice(0, 50));
  return {scroll: document.documentElement.scrollWidth, wide};
}"""
AXE_RUN = """async () => {
  const r = await axe.run(document, {resultTypes: ['violations'],
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
}"""


@pytest.fixture(scope="module")
def walk(site, server):
    """Visit every page once; what each page showed, by page."""
    from playwright.sync_api import sync_playwright

    found: dict[str, dict] = {}
    outside: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bp-site-") as profile, sync_playwright() as pw:
        context = launch_chromium(pw, Path(profile))

        def route(request_route):
            url = request_route.request.url
            if url.startswith(server) or url.startswith("data:"):
                request_route.continue_()
            else:
                outside.append(url)
                request_route.abort()
        context.route("**/*", route)
        page = context.pages[0] if context.pages else context.new_page()
        now: dict[str, list[str]] = {"errors": [], "bad": []}
        page.on("console", lambda m: m.type == "error" and now["errors"].append(m.text))
        page.on("pageerror", lambda x: now["errors"].append(str(x)))
        page.on("response", lambda r: r.status >= 400 and now["bad"].append(f"{r.status} {r.url}"))
        for name in _pages(site):
            now["errors"], now["bad"] = [], []
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(server + name, wait_until="load")
            page.evaluate("() => window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
            facts = page.evaluate(PAGE_FACTS)
            page.add_script_tag(path=str(AXE))
            facts["axe"] = page.evaluate(AXE_RUN)
            page.set_viewport_size({"width": 640, "height": 450})     # 1280×900 at 200% zoom
            facts["zoomed"] = page.evaluate(NARROW)
            page.set_viewport_size({"width": 375, "height": 800})     # a phone
            facts["narrow"] = page.evaluate(NARROW)
            facts["errors"], facts["bad"] = now["errors"], now["bad"]
            found[name] = facts
        context.close()
    return {"pages": found, "outside": outside}


def _fails(walk, key) -> dict[str, object]:
    return {name: facts[key] for name, facts in walk["pages"].items() if facts[key]}


def test_both_editions_have_every_page(site):
    pages = set(_pages(site))
    for lang in ("en", "ko"):
        expected = {"index.html", "cheatsheet.html", "glossary.html", "teaching/index.html", "search.html"}
        expected |= {f"{p.stem}.html" for p in (ROOT / "notebooks").glob("*.ipynb")}
        expected |= {f"teaching/{p.stem}.html" for p in (ROOT / "docs/teaching").glob("*.md") if p.name != "README.md"}
        missing = {f"{lang}/{p}" for p in expected} - pages
        assert not missing, f"pages missing from the site: {sorted(missing)}"


def test_no_request_leaves_the_site(walk):
    assert walk["outside"] == [], f"requests to other hosts (aborted): {sorted(set(walk['outside']))[:10]}"


def test_no_console_error_and_no_missing_resource(walk):
    assert _fails(walk, "errors") == {}
    assert _fails(walk, "bad") == {}


def test_every_link_and_anchor_on_the_site_resolves(walk, site, server):
    broken = []
    for name, facts in walk["pages"].items():
        for href in facts["links"]:
            url = urljoin(server + name, href)
            if not url.startswith(server):
                continue                                   # the launch links (Binder, hub) once published
            parts = urlsplit(url)
            target = site / unquote(parts.path[len(urlsplit(server).path):])
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{name}: {href}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in _ids(target):
                broken.append(f"{name}: {href} (no such anchor)")
    assert broken == [], f"{len(broken)} broken links: {broken[:15]}"


def test_every_formula_is_typeset(walk):
    assert _fails(walk, "untyped") == {}, "formulas MathJax did not typeset"
    raw = {name: RAW_TEX.search(f["prose"]).group(0) for name, f in walk["pages"].items() if RAW_TEX.search(f["prose"])}
    assert raw == {}, f"TeX left as text: {raw}"
    for name in ("en/06_matrix_form.html", "ko/06_matrix_form.html"):      # its BP1–BP4 are formulas
        assert walk["pages"][name]["maths"] >= 4, f"{name}: formulas missing"


@pytest.mark.parametrize("lang, folder", [("en", ""), ("ko", "ko")])
def test_every_solution_is_folded_with_its_feedback_inside(walk, lang, folder):
    for path in sorted((ROOT / "notebooks" / folder).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        expected = sum(1 for c in nb.cells if c.cell_type == "markdown" and SOLUTION.match(c.source))
        facts = walk["pages"][f"{lang}/{path.stem}.html"]
        assert expected > 0
        assert (facts["solutions"], facts["open"]) == (expected, 0), f"{lang}/{path.stem}: folds (count, open)"
        assert facts["feedback_inside"] == expected, f"{lang}/{path.stem}: a solution without its stored output"


def test_the_language_switch_goes_to_the_twin_on_every_page(walk, server):
    wrong = {}
    for name, facts in walk["pages"].items():
        if name == "index.html":
            continue                                       # the root page links both editions
        lang, rest = name.split("/", 1)
        expected = server + ("ko" if lang == "en" else "en") + "/" + rest
        if facts["twin"] != expected:
            wrong[name] = facts["twin"]
    assert wrong == {}


def test_axe_finds_nothing_serious_or_critical(walk):
    assert _fails(walk, "axe") == {}


def test_every_image_has_a_text_alternative(walk, site, server):
    missing = {}
    for name, facts in walk["pages"].items():
        for image in facts["images"]:
            alt = (image["alt"] or "").strip()
            exists = image["src"].startswith(server) and (site / unquote(image["src"][len(server):])).is_file()
            if len(alt) < 8 or build_site.NO_ALT in alt or alt.startswith("<Figure") or not exists:
                missing.setdefault(name, []).append((image["src"], alt))
    assert missing == {}
    figures = sum(len(f["images"]) for f in walk["pages"].values())
    assert figures >= 40, f"only {figures} images on the whole site"


def test_headings_go_in_order(walk):
    wrong = {}
    for name, facts in walk["pages"].items():
        levels = facts["headings"]
        jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
        if name != "index.html" and not name.endswith(("search.html", "genindex.html")) and \
                (levels[:1] != [1] or levels.count(1) != 1 or jumps):
            wrong[name] = levels[:12]
    assert wrong == {}


@pytest.mark.parametrize("key, width", [("narrow", 375), ("zoomed", 640)])
def test_prose_does_not_scroll_sideways_on_a_phone_or_at_200_percent_zoom(walk, key, width):
    wide = {n: f[key] for n, f in walk["pages"].items() if f[key]["scroll"] > width or f[key]["wide"]}
    assert wide == {}


def test_a_click_opens_a_solution_and_figures_sit_on_a_light_card_in_dark_mode(site, server):
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bp-site-") as profile, sync_playwright() as pw:
        context = launch_chromium(pw, Path(profile))
        page = context.pages[0] if context.pages else context.new_page()
        page.goto(server + "ko/04_worked_example_222.html")
        first = page.locator("details.bp-solution").first
        assert not first.evaluate("d => d.open")
        first.locator("summary").click()
        assert first.evaluate("d => d.open") and first.locator(".cell_output").first.is_visible()
        page.evaluate("() => { document.documentElement.dataset.theme = 'dark'; }")
        background = page.locator("img.bp-plot").first.evaluate("i => getComputedStyle(i).backgroundColor")
        body = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        context.close()
    assert background == "rgb(255, 255, 255)" and body != background
