"""A committed notebook shows a picture of each widget where no kernel runs it (JupyterLab before
Run All, GitHub, nbviewer): every widget output is preceded by a PNG preview output, and no widget
output offers the raw ``VBox(children=…`` repr as its only other representation. Also: the preview
mechanism itself (two outputs, deterministic bytes) and nbconvert's HTML (what nbviewer renders).
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import nbformat
import pytest
from PIL import Image

from helpers.widgets.preview import HIDE_PREVIEW_CSS, LIVE_CLASS, WidgetBox, preview_png

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
PATHS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
WIDGET = "application/vnd.jupyter.widget-view+json"


def widget_cells(nb):
    return [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"
            and any(WIDGET in out.get("data", {}) for out in c.outputs)]


def png_size(b64: str) -> tuple[int, int]:
    return Image.open(io.BytesIO(base64.b64decode(b64))).size


@pytest.mark.parametrize("path", PATHS, ids=[p.stem for p in PATHS])
def test_every_widget_output_has_a_picture_before_it_and_no_raw_repr(path):
    nb = nbformat.read(path, as_version=4)
    for i, cell in widget_cells(nb):
        outputs = cell.outputs
        for n, out in enumerate(outputs):
            data = out.get("data", {})
            text = "".join(data.get("text/plain", ""))
            if WIDGET in data:
                assert not text.lstrip().startswith(("VBox(", "HBox(", "Box(")), (
                    f"{path.name} cell {i}: the widget's only other representation is its raw repr {text[:40]!r}")
                before = outputs[n - 1].get("data", {}) if n else {}
                assert "image/png" in before and WIDGET not in before, (
                    f"{path.name} cell {i}: no picture of the widget before it (regenerate with the current helpers)")
                width, height = png_size(before["image/png"])
                assert 200 <= width <= 1200 and 60 <= height <= 2000, (path.name, i, width, height)
                assert "Run this notebook" in "".join(before.get("text/plain", ""))


def test_the_series_has_widget_cells():
    assert sum(len(widget_cells(nbformat.read(p, as_version=4))) for p in PATHS) >= 8


def _display_calls(box: WidgetBox, monkeypatch) -> list[dict]:
    import IPython.display

    calls = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: calls.append((obj, kw)))
    box._ipython_display_()
    return calls


def test_a_widget_displays_a_picture_then_itself(monkeypatch):
    from helpers.widgets.panel222 import Panel222

    panel = Panel222()
    (preview, kw1), (live, kw2) = _display_calls(panel.widget, monkeypatch)
    assert kw1 == kw2 == {"raw": True}
    assert set(preview) == {"image/png", "text/html", "text/plain"}
    assert preview["text/plain"].startswith("▶ Run this notebook")
    # JupyterLab shows text/html: the same picture, with its text alternative (caption, then each figure's)
    assert f'src="data:image/png;base64,{preview["image/png"]}"' in preview["text/html"]
    assert 'alt="Run this notebook to use the panel (this is a picture of it). ' in preview["text/html"]
    assert "E_total against updates." in preview["text/html"]
    assert live[WIDGET]["model_id"] == panel.widget.model_id and live["text/plain"] == ""
    assert png_size(preview["image/png"])[0] >= panel.net_image.css_width      # the figures, at 1x
    assert LIVE_CLASS in panel.widget._dom_classes
    assert any(HIDE_PREVIEW_CSS in getattr(child, "value", "") for child in panel.widget.children)


def test_the_picture_is_deterministic():
    from helpers.widgets.step_size import StepSizeExplorer

    assert StepSizeExplorer().widget.preview_png() == StepSizeExplorer().widget.preview_png()


def test_a_picture_that_cannot_be_made_never_hides_the_widget(monkeypatch):
    import ipywidgets as widgets

    def broken():
        raise RuntimeError("no figure")

    box = WidgetBox([widgets.Button(description="x")], "bp-test", caption="▶ Run this notebook", figures=broken)
    assert box.widget_bundle()["text/plain"] == ""
    calls = _display_calls(box, monkeypatch)
    assert len(calls) == 1 and WIDGET in calls[0][0]


def test_text_only_previews_draw_their_lines():
    one = preview_png([], "▶ Run this notebook to try it", ["f = 1.000000"])
    assert preview_png([], "▶ Run this notebook to try it") != one
    two = preview_png([], "▶ Run this notebook to try it", ["f = 1.000000", "q = [1, 2]"])
    assert Image.open(io.BytesIO(two)).size[1] > Image.open(io.BytesIO(one)).size[1] > 20


@pytest.mark.parametrize("path", [p for p in PATHS if p.stem.startswith("04")], ids=lambda p: p.stem)
def test_nbconvert_html_shows_the_pictures_not_the_repr(path):
    """nbviewer renders notebooks with nbconvert: the widget output itself becomes an empty widget
    placeholder there, so the picture must be (and is) a separate output."""
    from nbconvert import HTMLExporter

    nb = nbformat.read(path, as_version=4)
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    cells = widget_cells(nb)
    assert cells and body.count("data:image/png;base64,") >= len(cells)
    assert "VBox(children" not in body and "HBox(children" not in body
