"""axe-core over **our** part of an open notebook (rendered markdown and outputs, not JupyterLab's own
chrome), plus the counts the accessibility report gives: figures with a text alternative, controls
with an accessible name, live regions.

axe-core is pinned in tests/browser/axe/package-lock.json and installed with ``npm ci`` by
:func:`axe_source` (once per machine; no CDN), then injected into the page from disk.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

AXE_DIR = Path(__file__).resolve().parent / "axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SERIOUS = ("serious", "critical")

# What is ours: every rendered markdown cell and every output; JupyterLab's toolbars, prompts and
# side panels are not ours to fix.
OURS = (".jp-Notebook .jp-MarkdownOutput", ".jp-Notebook .jp-OutputArea-output")

_RUN = """async (ours) => {
  const include = ours.flatMap(sel => Array.from(document.querySelectorAll(sel)).length ? [[sel]] : []);
  if (!include.length) return [];
  const r = await axe.run({include}, {resultTypes: ['violations'],
                                      runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa',
                                                                      'best-practice']}});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                 nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.html.slice(0, 160))}));
}"""

_COUNTS = """() => {
  const out = Array.from(document.querySelectorAll('.jp-Notebook .jp-OutputArea-output'))
    .filter(o => o.offsetParent !== null);
  const imgs = out.flatMap(o => Array.from(o.querySelectorAll('img'))).filter(i => i.offsetParent !== null);
  const named = el => (el.getAttribute('aria-label') || '').trim() || (el.getAttribute('aria-labelledby') || '')
                      || (el.id && document.querySelector('label[for="' + el.id + '"]')) || el.closest('label')
                      || el.textContent.trim();
  const controls = out.flatMap(o => Array.from(o.querySelectorAll(
      '.noUi-handle, .bp-live select, .bp-live input, .bp-live button')))
    .filter(c => c.offsetParent !== null);
  return {figures: imgs.length,
          figures_with_alt: imgs.filter(i => (i.getAttribute('alt') || '').trim() && i.alt !== 'Image').length,
          controls: controls.length, controls_named: controls.filter(c => named(c)).length,
          sliders: controls.filter(c => c.classList.contains('noUi-handle')).length,
          sliders_named: controls.filter(c => c.classList.contains('noUi-handle') && named(c)).length,
          live_regions: out.flatMap(o => Array.from(o.querySelectorAll('[aria-live]'))).length};
}"""


def axe_source() -> str:
    """axe.min.js, installed from the lock file with ``npm ci`` if it is not there yet."""
    if not AXE_JS.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("axe-core not installed and npm not found: install Node.js, then rerun")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=AXE_DIR, check=True,
                       capture_output=True, timeout=600)
    return AXE_JS.read_text(encoding="utf-8")


def axe_findings(page) -> list[dict]:
    """Every axe violation in our markdown and outputs of the open notebook."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    return page.evaluate(_RUN, list(OURS))


def serious(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["impact"] in SERIOUS]


def counts(page) -> dict:
    """Figures with a text alternative, named controls, live regions (shown outputs only)."""
    return page.evaluate(_COUNTS)


def report(name: str, findings: list[dict], numbers: dict) -> str:
    lines = [f"{name}: {len(serious(findings))} serious/critical, {json.dumps(numbers)}"]
    lines += [f"  {f['impact']} {f['id']} ({f['help']}): {len(f['nodes'])} × e.g. {f['nodes'][0]}"
              for f in findings]
    return "\n".join(lines)
