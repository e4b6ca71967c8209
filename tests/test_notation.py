"""One visible notation: every notebook says which letters it uses, and 00's crosswalk agrees.

Each notebook 01-07 (both editions) has, in its first markdown cells, one line

    **Letters in this notebook:** cost $E$ · target $t$ · pre-activation $\\mathrm{net}$ ·
    activation $\\mathrm{out}$ · activation function $\\sigma$     (on one line in the notebook)

(Korean: ``**이 노트북의 기호:**`` with the roles in Korean), naming the symbol for five roles in this
order, or ``—`` for a role the notebook does not use; free text may follow after a semicolon. Notebook
00 (both editions) holds the table of the same symbols, a row per notebook:

    | notebook | cost | target | pre-activation | activation | activation function |
    | 01 | ... |

and this test checks that the table's row and the notebook's own line name the same symbols.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from helpers.series import SERIES

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = {"en": ROOT / "notebooks", "ko": ROOT / "notebooks" / "ko"}
LABEL = {"en": "**Letters in this notebook:**", "ko": "**이 노트북의 기호:**"}
ROLES = 5
LESSONS = [item for item in SERIES if item.number != "00"]


def symbols(items: list[str]) -> list[str]:
    """The symbol of each item: its first $…$, or '—' for a role not used."""
    out = []
    for item in items:
        math = re.search(r"\$([^$]+)\$", item)
        out.append(math[1].strip() if math else "—" if "—" in item else "?")
    return out


def letters_line(path: Path, edition: str) -> list[str]:
    cells = nbformat.read(path, as_version=4).cells
    for cell in cells[:4]:
        for line in cell.source.splitlines() if cell.cell_type == "markdown" else []:
            if line.startswith(LABEL[edition]):
                body = line[len(LABEL[edition]):].split(";", 1)[0]
                return symbols([part for part in body.split("·")][:ROLES])
    raise AssertionError(f"{path.relative_to(ROOT)} has no line starting {LABEL[edition]} in its first cells")


def crosswalk_rows(edition: str) -> dict[str, list[str]]:
    cells = nbformat.read(EDITIONS[edition] / SERIES[0].filename, as_version=4).cells
    rows = {}
    for cell in cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            match = re.match(r"^\|\s*\[?(0[1-7])\b[^|]*\|(.*)\|\s*$", line)
            if match and line.count("|") == ROLES + 2:
                rows[match[1]] = symbols([c for c in match[2].split("|")])
    return rows


@pytest.mark.parametrize("edition", sorted(EDITIONS))
@pytest.mark.parametrize("item", LESSONS, ids=[item.slug for item in LESSONS])
def test_the_notebooks_letters_are_the_crosswalks_row(item, edition):
    own = letters_line(EDITIONS[edition] / item.filename, edition)
    assert "?" not in own and len(own) == ROLES, f"{item.slug} ({edition}): letters line reads {own}"
    rows = crosswalk_rows(edition)
    assert item.number in rows, f"00 ({edition}) has no crosswalk row for notebook {item.number}"
    assert rows[item.number] == own, (f"{item.slug} ({edition}): its letters line says {own}, 00's crosswalk row "
                                      f"says {rows[item.number]}")


@pytest.mark.parametrize("item", LESSONS, ids=[item.slug for item in LESSONS])
def test_both_editions_use_the_same_letters(item):
    assert letters_line(EDITIONS["en"] / item.filename, "en") == letters_line(EDITIONS["ko"] / item.filename, "ko")


def test_symbols_reads_math_and_dashes():
    assert symbols(["cost $E$ ", " target —", "x"]) == ["E", "—", "?"]
