"""Every notebook of both editions after Run All in JupyterLab: axe-core finds no serious or critical
problem in our markdown and outputs; every shown figure has a text alternative and every widget control
an accessible name. ``BP_AXE_REPORT=path`` appends the counts per notebook to that file (the numbers
of the accessibility report)."""

from __future__ import annotations

import os

import pytest

from tests.browser.axe_check import axe_findings, counts, report, serious
from tests.browser.harness import NOTEBOOKS, open_and_run

EDITIONS = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
ALL = EDITIONS + [f"ko/{name}" for name in EDITIONS if (NOTEBOOKS / "ko" / name).exists()]


@pytest.mark.parametrize("name", ALL)
def test_no_serious_axe_finding_and_everything_named(lab, page, name):
    open_and_run(page, lab, name, timeout=240_000)
    page.wait_for_timeout(500)                 # the widgets' accessibility script runs on render
    findings = axe_findings(page)
    numbers = counts(page)
    text = report(name, findings, numbers)
    if os.environ.get("BP_AXE_REPORT"):
        with open(os.environ["BP_AXE_REPORT"], "a", encoding="utf-8") as out:
            out.write(text + "\n")
    assert not serious(findings), text
    assert numbers["figures_with_alt"] == numbers["figures"], text
    assert numbers["controls_named"] == numbers["controls"], text
