"""The instructor guides (docs/teaching/NN_slug.md) and the notebooks cannot disagree.

A guide's "## Lecture path" table names notebook sections by their exact heading text, with minutes
for a 45- and a 90-minute lecture ("—" when the section is left as reading). Every think-pair-share
pause of the guide's "## Pause and ask" list has a row of its own, "Pause N: …", with the minutes it
takes (at least 3: a minute alone, two with a neighbour, answers) on each path that holds it, so the
sums that must fit the lecture count the pauses. In the notebook, the
heading cell of each section on a path carries the tag `lecture-45` and/or `lecture-90`; nothing else
does. Every solution of an exercise is collapsed when the notebook opens (tag `solution`, cell metadata
`jupyter.source_hidden`, and for code `jupyter.outputs_hidden`), and still runs under nbval.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from helpers.series import SERIES

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
GUIDES = ROOT / "docs" / "teaching"
LESSONS = [item for item in SERIES if (NOTEBOOKS / item.filename).exists()]
GUIDE_PARTS = ("## Goals", "## Lecture path", "## Pause and ask", "## Misconceptions", "## Widget moves")
PATHS = {"45": "lecture-45", "90": "lecture-90"}
DASHES = {"—", "-", "–", ""}


def guide_path(slug: str) -> Path:
    return GUIDES / f"{slug}.md"


def lecture_rows(text: str) -> list[dict[str, str]]:
    """Rows of the guide's "## Lecture path" table: section, minutes for 45 and for 90."""
    part = text.split("## Lecture path", 1)[1].split("\n## ", 1)[0]
    lines = [ln.strip() for ln in part.splitlines() if ln.strip().startswith("|")]
    header = [c.strip().lower() for c in lines[0].strip("|").split("|")]
    assert header[:3] == ["section", "45 min", "90 min"], f"lecture-path table header is {header}"
    rows = []
    for line in lines[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows.append({"section": cells[0], "45": cells[1], "90": cells[2]})
    return rows


def minutes(value: str) -> int | None:
    """A minutes cell: a whole number, or a dash for 'not on this path'."""
    if value in DASHES:
        return None
    assert re.fullmatch(r"\d+", value), f"minutes must be a whole number or '—'; got {value!r}"
    return int(value)


PAUSE_ROW = re.compile(r"^Pause (\d+)\b")
PAUSE_MINUTES = 3


def section_rows(text: str) -> list[dict[str, str]]:
    """The rows of the lecture path that are notebook sections (not pauses)."""
    return [row for row in lecture_rows(text) if not PAUSE_ROW.match(row["section"])]


def pause_numbers(text: str) -> list[int]:
    """The numbers of the pauses listed under "## Pause and ask" ("1. **…" items)."""
    part = text.split("## Pause and ask", 1)[1].split("\n## ", 1)[0]
    return [int(m) for m in re.findall(r"^(\d+)\. ", part, flags=re.MULTILINE)]


def headings(nb) -> dict[str, nbformat.NotebookNode]:
    """Heading text (without the #'s) -> its markdown cell, for headings of level 2 and 3."""
    out = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.match(r"^(#{2,3})\s+(.+?)\s*$", cell.source.split("\n", 1)[0])
            if match:
                out[match[2]] = cell
    return out


@pytest.fixture(scope="module", params=LESSONS, ids=[item.slug for item in LESSONS])
def lesson(request):
    item = request.param
    nb = nbformat.read(NOTEBOOKS / item.filename, as_version=4)
    path = guide_path(item.slug)
    text = path.read_text() if path.exists() else ""
    return item, nb, text


def test_every_notebook_has_a_guide_with_every_part(lesson):
    item, _, text = lesson
    assert text, f"docs/teaching/{item.slug}.md is missing"
    for part in GUIDE_PARTS:
        assert part in text, f"docs/teaching/{item.slug}.md lacks a {part!r} section"
    assert f"../../notebooks/{item.filename}" in text, "the guide must link its notebook"


def test_every_section_the_guide_names_exists_in_the_notebook(lesson):
    item, nb, text = lesson
    known = headings(nb)
    for row in section_rows(text):
        assert row["section"] in known, (f"{item.slug}: the guide names section {row['section']!r}, "
                                         f"which is not a heading of the notebook")


@pytest.mark.parametrize("length", sorted(PATHS))
def test_lecture_tags_mark_exactly_the_guides_path(lesson, length):
    item, nb, text = lesson
    on_path = {row["section"] for row in section_rows(text) if minutes(row[length]) is not None}
    tagged = {title for title, cell in headings(nb).items() if PATHS[length] in cell.metadata.get("tags", [])}
    stray = [c.source.split("\n", 1)[0] for c in nb.cells if PATHS[length] in c.metadata.get("tags", [])
             and c not in headings(nb).values()]
    assert not stray, f"{item.slug}: {PATHS[length]} on cells that are not section headings: {stray}"
    assert tagged == on_path, (f"{item.slug}: tagged {PATHS[length]} but not in the guide: {tagged - on_path}; "
                               f"in the guide but not tagged: {on_path - tagged}")


# 00 is an opening, not a lecture: its guide gives the minutes it takes *inside* a first lecture of
# 45 or 90 minutes (15 and about 40, followed by 01), so its paths may be shorter than a lecture.
OPENING_MINIMUM = {"00_welcome": (10, 30)}


def test_the_paths_fit_their_lecture_and_the_short_one_is_inside_the_long_one(lesson):
    item, _, text = lesson
    rows = lecture_rows(text)
    short = [minutes(r["45"]) for r in rows if minutes(r["45"]) is not None]
    long = [minutes(r["90"]) for r in rows if minutes(r["90"]) is not None]
    lo45, lo90 = OPENING_MINIMUM.get(item.slug, (30, 60))
    assert lo45 <= sum(short) <= 45, f"{item.slug}: the 45-minute path takes {sum(short)} minutes"
    assert lo90 <= sum(long) <= 90, f"{item.slug}: the 90-minute path takes {sum(long)} minutes"
    assert all(minutes(r["90"]) is not None for r in rows if minutes(r["45"]) is not None), (
        f"{item.slug}: a section on the 45-minute path is missing from the 90-minute path")


def test_every_pause_has_its_own_minutes(lesson):
    item, _, text = lesson
    pauses = pause_numbers(text)
    rows = {int(PAUSE_ROW.match(r["section"])[1]): r for r in lecture_rows(text) if PAUSE_ROW.match(r["section"])}
    assert pauses, f"{item.slug}: the guide lists no pause"
    assert sorted(rows) == sorted(pauses), (f"{item.slug}: pauses {pauses} under 'Pause and ask', but the lecture "
                                            f"path has rows for pauses {sorted(rows)}")
    for number, row in rows.items():
        on_paths = [minutes(row[length]) for length in PATHS if minutes(row[length]) is not None]
        assert all(m >= PAUSE_MINUTES for m in on_paths), (
            f"{item.slug}: Pause {number} is budgeted {on_paths} minutes; a think-pair-share pause takes at "
            f"least {PAUSE_MINUTES}")


def solution_groups(nb) -> list[list[nbformat.NotebookNode]]:
    """Each '**Solution …' markdown cell with the code cells that follow it."""
    groups, current = [], None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            current = [cell] if cell.source.lstrip().startswith("**Solution") else None
            if current:
                groups.append(current)
        elif current is not None:
            current.append(cell)
    return groups


def test_every_solution_is_collapsed_and_tagged(lesson):
    item, nb, _ = lesson
    groups = solution_groups(nb)
    exercises = [c for c in nb.cells if c.cell_type == "markdown" and c.source.lstrip().startswith("**Exercise")]
    assert len(groups) >= len(exercises), f"{item.slug}: {len(exercises)} exercises but {len(groups)} solutions"
    for group in groups:
        assert len(group) >= 2, f"{item.slug}: a solution without code: {group[0].source[:60]!r}"
        for cell in group:
            where = f"{item.slug}: solution cell {cell.source[:50]!r}"
            assert "solution" in cell.metadata.get("tags", []), f"{where} lacks the 'solution' tag"
            jupyter = cell.metadata.get("jupyter", {})
            assert jupyter.get("source_hidden") is True, f"{where} is not collapsed (jupyter.source_hidden)"
            if cell.cell_type == "code":
                assert jupyter.get("outputs_hidden") is True, f"{where} shows its output (jupyter.outputs_hidden)"
    tagged = sum("solution" in c.metadata.get("tags", []) for c in nb.cells)
    assert tagged == sum(len(g) for g in groups), f"{item.slug}: 'solution' tags on cells outside solutions"


SOLUTION_HEADING = re.compile(r"^#### (Solution|풀이)(?: (\d+))?\s*$")   # both editions; 00 has one, unnumbered


def _level(cell) -> int | None:
    """The heading level of a markdown cell whose first line is a heading, else None."""
    match = re.match(r"^(#{1,6})\s", cell.source) if cell.cell_type == "markdown" else None
    return len(match.group(1)) if match else None


@pytest.mark.parametrize("edition", ["", "ko"])
def test_every_solution_sits_under_a_collapsed_heading_that_folds_nothing_else(edition):
    """A hidden source alone does not survive Run All: JupyterLab 4.6 renders a hidden markdown cell
    again when it runs it and shows a code cell's new outputs (seen in Chromium, 04 before this
    fold). A collapsed heading (`jp-MarkdownHeadingCollapsed`) keeps its cells folded through Run All
    and they still run. So each solution sits right under a collapsed '#### Solution N' heading, and
    the cell after the solution is a heading of level ≤ 3, so the fold hides nothing else (not the
    next exercise, not the footer)."""
    folder = NOTEBOOKS / edition if edition else NOTEBOOKS
    if edition and not folder.is_dir():
        pytest.skip("no Korean edition yet (tests/test_korean_edition.py requires it)")
    for item in SERIES:
        nb = nbformat.read(folder / item.filename, as_version=4)
        cells = nb.cells
        for i, cell in enumerate(cells):
            if not (cell.cell_type == "markdown" and re.match(r"\*\*(Solution|풀이)", cell.source.lstrip())):
                continue
            where = f"{edition or 'en'}/{item.slug}: {cell.source[:30]!r}"
            head = cells[i - 1]
            match = SOLUTION_HEADING.match(head.source)
            assert match, f"{where} is not right under a '#### Solution N' heading (found {head.source[:40]!r})"
            assert head.metadata.get("jp-MarkdownHeadingCollapsed") is True, f"{where}: its heading is not collapsed"
            number = match.group(2) or ""
            same = re.match(rf"\*\*(Solution|풀이) ?{number}\.", cell.source.lstrip())
            assert same, f"{where}: heading number differs"
            j = i + 1
            while j < len(cells) and cells[j].cell_type == "code":
                j += 1
            # one explanation and one code cell: the Korean prompts name the button "2개 셀 숨겨짐"
            assert j - i == 2, f"{where}: the fold holds {j - i} cells, not 2 (markdown + code)"
            if j < len(cells):
                level = _level(cells[j])
                assert level is not None and level <= 3, (
                    f"{where}: the fold also hides the next cell {cells[j].source[:50]!r}; give it a heading")
        folded = [c for c in cells if c.metadata.get("jp-MarkdownHeadingCollapsed")]
        assert all(SOLUTION_HEADING.match(c.source) for c in folded), f"{item.slug}: a fold that is not a solution's"
