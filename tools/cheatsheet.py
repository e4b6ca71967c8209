"""Render the cheat sheet docs/cheatsheet.md as a printable one-page A4 PDF, docs/cheatsheet.pdf.

    .venv/bin/python tools/cheatsheet.py                  # (or: make cheatsheet) writes docs/cheatsheet.pdf
    .venv/bin/python tools/cheatsheet.py --png /tmp/a.png # also a PNG preview of the page (not committed)
    .venv/bin/python tools/cheatsheet.py --check          # exit 1 if the PDF was made from another source

The markdown is turned into HTML by mistune (the renderer nbconvert uses), styled for print in two
columns, and printed to PDF by the system Chromium through Playwright (the browser tests' harness). The
source's SHA-256 is written into the PDF's title, so tests/test_cheatsheet.py can tell whether the
committed PDF is up to date; the tool refuses to write a PDF of more than one page.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "docs" / "cheatsheet.md"
TARGET = ROOT / "docs" / "cheatsheet.pdf"
TITLE_PREFIX = "Backprop cheat sheet, source sha256 "

CSS = """
@page { size: A4; margin: 8mm 9mm 7mm 9mm; }
html { font-family: "DejaVu Sans", "Noto Sans CJK KR", sans-serif; font-size: 8.5pt; line-height: 1.3;
       color: #111; }
body { margin: 0; column-count: 2; column-gap: 6mm; column-fill: auto; height: 279mm; }
h1 { column-span: all; font-size: 15pt; margin: 0 0 1.2mm 0; }
h1 + p { column-span: all; margin: 0 0 2mm 0; }
h2 { font-size: 10pt; margin: 2.4mm 0 1mm 0; padding-bottom: 0.3mm; border-bottom: 0.6pt solid #7a9cc6;
     break-after: avoid; }
h2 a { color: #345; font-weight: normal; font-size: 8.5pt; }
p, ul { margin: 0.8mm 0; }
ul { padding-left: 4mm; }
li { margin: 0.3mm 0; }
a { color: #1a4f8b; text-decoration: none; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 7.3pt; }
pre { background: #f3f5f8; border-left: 1.4pt solid #7a9cc6; padding: 1.1mm 1.4mm; margin: 1mm 0;
      white-space: pre; overflow: hidden; break-inside: avoid; }
pre code { font-size: 6.9pt; }
p code, li code { white-space: nowrap; }
table { border-collapse: collapse; margin: 1mm 0; break-inside: avoid; }
th, td { border: 0.5pt solid #b8c4d4; padding: 0.45mm 1.1mm; text-align: left; vertical-align: top; }
th { background: #e8eef6; }
footer { position: fixed; bottom: 0; right: 0; font-size: 6pt; color: #777; }
"""


def source_hash(text: str) -> str:
    """The first 16 hex digits of the SHA-256 of the markdown source (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def render_html(markdown_text: str) -> str:
    """The cheat sheet as a standalone HTML page for print; its <title> carries the source hash."""
    import mistune

    body = mistune.create_markdown(plugins=["table"])(markdown_text)
    title = TITLE_PREFIX + source_hash(markdown_text)
    footer = (f"Printed from docs/cheatsheet.md by tools/cheatsheet.py (source sha256 "
              f"{source_hash(markdown_text)}).")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{CSS}</style></head><body>{body}<footer>{html.escape(footer)}</footer></body></html>")


def embedded_hash(pdf: bytes) -> str | None:
    """The source hash written into a PDF's title by :func:`render_html` (None if there is none)."""
    found = re.search(rb"/Title\s*\(" + re.escape(TITLE_PREFIX.encode()) + rb"([0-9a-f]{16})\)", pdf)
    return found.group(1).decode() if found else None


def page_count(pdf: bytes) -> int:
    """The number of page objects in a PDF (Chromium writes them uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def print_pdf(page_html: str, png: Path | None = None) -> bytes:
    """Print ``page_html`` to PDF bytes with the system Chromium (and a PNG preview to ``png``)."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.browser.harness import find_chromium, launch_chromium

    if find_chromium() is None:
        raise SystemExit("tools/cheatsheet.py needs Chromium: install it (Debian/Ubuntu: "
                         "`sudo apt-get install -y chromium`) or set CHROMIUM=/path/to/chrome")
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        context = launch_chromium(pw, Path(profile))
        page = context.pages[0] if context.pages else context.new_page()
        page.set_content(page_html, wait_until="load")
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
        if png is not None:
            page.set_viewport_size({"width": 726, "height": 1055})     # A4 less the margins, at 96 dpi
            page.screenshot(path=str(png), full_page=True)
        context.close()
    return pdf


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", type=Path, help="also write a PNG preview of the page here")
    parser.add_argument("--check", action="store_true", help="only check that the PDF matches the source")
    args = parser.parse_args(argv)
    text = SOURCE.read_text(encoding="utf-8")
    if args.check:
        made_from = embedded_hash(TARGET.read_bytes()) if TARGET.exists() else None
        if made_from != source_hash(text):
            print(f"{TARGET.relative_to(ROOT)} is out of date: run `make cheatsheet`")
            return 1
        print(f"{TARGET.relative_to(ROOT)} is up to date")
        return 0
    pdf = print_pdf(render_html(text), args.png)
    pages = page_count(pdf)
    if pages != 1 or embedded_hash(pdf) != source_hash(text):
        print(f"not written: the cheat sheet printed on {pages} pages (it must fit on one A4 page) "
              "or its title lost the source hash")
        return 1
    TARGET.write_bytes(pdf)
    print(f"wrote {TARGET.relative_to(ROOT)} (1 page, source sha256 {source_hash(text)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
