"""Every notebook of both editions (notebooks/ and the Korean notebooks/ko/): one clean top-to-bottom
run, no stored errors, the standard header and footer, the python3 kernel, and no heavy stored widget
state. (nbval checks the outputs themselves.)"""

import json
import re
from pathlib import Path

import nbformat
import pytest

from helpers.series import EDITIONS, SERIES, available, edition, lesson, map_heading, map_table, nav_bar

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb")) + sorted((NOTEBOOKS / "ko").glob("*.ipynb"))
IDS = [f"{p.parent.name}/{p.stem}" if p.parent.name == "ko" else p.stem for p in PATHS]
MAX_WIDGET_STATE_BYTES = 4096
# The header's fixed phrases, per edition: goals, prerequisites, and the Run All callout.
HEADER = {"en": ("**You will be able to:**", "**Prerequisites:**", "Run All Cells first"),
          "ko": ("**이 노트북을 마치면 할 수 있는 것:**", "**먼저 알아야 할 것:**", "Run All Cells")}


def load(path):
    return nbformat.read(path, as_version=4)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def test_every_notebook_file_is_part_of_the_series():
    names = {item.filename for item in SERIES}
    assert PATHS, "no notebooks found"
    assert {p.name for p in PATHS} <= names, "a notebook is missing from helpers/series.py"
    for folder in EDITIONS.values():
        if any(folder.glob("*.ipynb")):
            assert (folder / "00_welcome.ipynb").exists(), f"{folder} lacks its 00_welcome.ipynb"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_executed_top_to_bottom_once(path):
    counts = [c.execution_count for c in code_cells(load(path))]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts} are not 1..n; run `make regenerate`")


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_no_stored_errors_or_stderr(path):
    for i, cell in enumerate(code_cells(load(path))):
        for out in cell.outputs:
            assert out.output_type != "error", f"{path.name}: code cell {i} stores an error"
            assert not (out.output_type == "stream" and out.name == "stderr"), (
                f"{path.name}: code cell {i} wrote to stderr: {out.text[:200]!r}")


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_standard_header(path):
    nb = load(path)
    first = nb.cells[0]
    assert first.cell_type == "markdown", f"{path.name}: the first cell must be the markdown header"
    lines = first.source.split("\n")
    assert lines[0] == nav_bar(path.stem, path.parent), f"{path.name}: stale nav bar; run tools/navbars.py"
    bars = [ln for ln in lines if ln.startswith("[") and ("Index](" in ln or "목차](" in ln)]
    assert len(bars) == 1, f"{path.name}: {len(bars)} nav bars in the header (tools/navbars.py must replace, not add)"
    number = path.stem[:2]
    assert any(ln.startswith(f"# {number} · ") for ln in lines), f"{path.name}: title '# {number} · …' missing"
    item = lesson(path.stem)       # the title names the topic in both languages, as helpers.series does
    title = (f"# {number} · {item.korean} ({item.title})" if edition(path.parent) == "ko"
             else f"# {number} · {item.title} ({item.korean})")
    assert title in lines, f"{path.name}: the title line must be {title!r}"
    text = first.source
    goals_mark, prerequisites_mark, run_all = HEADER[edition(path.parent)]
    for needed in (goals_mark, prerequisites_mark, run_all):
        assert needed in text, f"{path.name}: header lacks {needed!r}"
    goals = [ln for ln in text.split(goals_mark)[1].split(prerequisites_mark)[0].split("\n")
             if ln.startswith("- ")]
    assert 3 <= len(goals) <= 5, f"{path.name}: header should list 3–5 goals, has {len(goals)}"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_standard_footer(path):
    last = load(path).cells[-1]
    assert last.cell_type == "markdown" and last.source == f"---\n{nav_bar(path.stem, path.parent)}", (
        f"{path.name}: footer must be '---' and the nav bar; run tools/navbars.py")


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_nav_links_resolve(path):
    bar = nav_bar(path.stem, path.parent)
    targets = [part.split("](")[1].split(")")[0].split("#")[0] for part in bar.split(" · ")]
    for target in targets:
        assert (path.parent / target).exists(), f"{path.name}: link to {target} does not resolve"
    present = [item.filename for item in available(path.parent)]
    here = present.index(path.name)
    if here + 1 < len(present):
        assert present[here + 1] in bar
    if here > 0:
        assert present[here - 1] in bar


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_python3_kernel_and_light_widget_state(path):
    nb = load(path)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", f"{path.name}: kernel must be python3"
    state = nb.metadata.get("widgets", {})
    size = len(json.dumps(state))
    assert size <= MAX_WIDGET_STATE_BYTES, f"{path.name}: stored widget state is {size} bytes"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_widget_cells_are_marked_to_ignore_output(path):
    for i, cell in enumerate(code_cells(load(path))):
        has_widget = any("application/vnd.jupyter.widget-view+json" in out.get("data", {}) for out in cell.outputs)
        if has_widget:
            tags = cell.metadata.get("tags", [])
            assert "nbval-ignore-output" in tags, f"{path.name}: widget cell {i} needs the nbval-ignore-output tag"


@pytest.mark.parametrize("folder", [f for f in EDITIONS.values() if (f / "00_welcome.ipynb").exists()],
                         ids=lambda f: f.name)
def test_welcome_map_lists_every_lesson(folder):
    cells = [c for c in load(folder / "00_welcome.ipynb").cells
             if c.cell_type == "markdown" and c.source.startswith(map_heading(folder))]
    assert len(cells) == 1, f"{folder.name}/00_welcome needs one map cell"
    assert cells[0].source.endswith(map_table(folder)), "stale map; run tools/navbars.py"


def test_welcome_glossary_has_at_least_twenty_terms():
    nb = load(NOTEBOOKS / "00_welcome.ipynb")
    heads = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.startswith("## Glossary")]
    assert len(heads) == 1, "00_welcome needs one '## Glossary' cell"
    table_cell = nb.cells[heads[0] + 1]           # the glossary is computed: helpers.glossary.glossary_table()
    assert table_cell.cell_type == "code" and "glossary_table()" in table_cell.source
    tables = [o["data"]["text/markdown"] for o in table_cell.outputs if "text/markdown" in o.get("data", {})]
    assert len(tables) == 1, "00_welcome's glossary cell must store its table; run tools/regenerate.py"
    rows = [ln for ln in tables[0].split("\n") if ln.startswith("| ") and not ln.startswith("| term")]
    hangul = [r for r in rows if any("\uac00" <= ch <= "\ud7a3" for ch in r)]
    assert len(hangul) >= 20


LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")


def heading_ids(nb) -> set[str]:
    """The ids JupyterLab gives a notebook's headings (the text, spaces replaced by '-'), and the explicit
    anchors ``<a id="..."></a>`` (these work on GitHub and nbviewer too, where heading ids differ)."""
    ids = set()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            ids.update(re.findall(r'<a id="([^"]+)"></a>', cell.source))
            for line in cell.source.split("\n"):
                match = re.match(r"^#{1,6}\s+(.+?)\s*$", line)
                if match:
                    text = re.sub(r"[*_`]", "", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", match[1]))
                    ids.add(text.replace(" ", "-"))
    return ids


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_every_link_in_the_prose_resolves(path):
    """Links to files (notebooks, docs) exist; links to a heading (#…) name a heading of their notebook."""
    nb = load(path)
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for target in LINK.findall(cell.source):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            file, _, anchor = target.partition("#")
            where = path.parent / file if file else path
            assert where.exists(), f"{path.name}: link to {target} does not resolve"
            if anchor and where.suffix == ".ipynb":
                assert anchor in heading_ids(load(where)), f"{path.name}: link to {target}: no such heading"
