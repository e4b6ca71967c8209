"""Korean figures in the browser: after Run All of a Korean notebook (notebooks/ko/01, which has an inline
figure and a widget figure), JupyterLab shows Hangul drawn with NanumGothic, and the kernel wrote
nothing to stderr (no "Glyph … missing" warning, no error: ``run_all`` fails on any stderr output).

- The notebook's own inline figure and its widget's figure carry Korean text alternatives (the
  ``alt`` of the figure card's image, and the one the widget's accessibility script sets).
- Two cells appended to the test's copy draw the label "가중치 갱신" in an inline figure and in a widget
  figure (FigureImage), through the same paths as every figure of the series. The pictures the browser
  decoded (read back from a canvas at their natural size) are compared with two references drawn
  here: the label in NanumGothic (what the Korean edition must show) and the label in DejaVu Sans
  alone (missing-glyph boxes: what it shows without the Korean font). The browser's picture must match
  the first and not the second — so the test fails if the kernel drew boxes.
"""

from __future__ import annotations

import base64
import io
import re
import warnings

import nbformat
import numpy as np
import pytest

from tests.browser.harness import open_notebook, run_all

NOTEBOOK = "ko/01_chain_rule.ipynb"
LABEL = "가중치 갱신"
HANGUL = re.compile(r"[\uac00-\ud7a3]")

INLINE_CELL = f"""from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

check_fig = Figure(figsize=(3, 1), dpi=100, facecolor="white")
FigureCanvasAgg(check_fig)
check_ax = check_fig.add_axes((0, 0, 1, 1))
check_ax.set_axis_off()
check_ax.text(0.5, 0.5, "{LABEL}", fontsize=28, ha="center", va="center")
check_fig"""

WIDGET_CELL = f"""from helpers.widgets.figure_image import FigureImage

check_image = FigureImage(240, 80, css_class="bp-korean-check")
check_image.figure.text(0.5, 0.5, "{LABEL}", fontsize=28, ha="center", va="center")
check_image.refresh()
check_image.widget"""

# The picture of an <img> as the browser decoded it, at its natural size: [width, height, RGBA…].
_PIXELS = """async (img) => {
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
  const g = canvas.getContext('2d');
  g.drawImage(img, 0, 0);
  return [canvas.width, canvas.height, Array.from(g.getImageData(0, 0, canvas.width, canvas.height).data)];
}"""


def _browser_picture(locator) -> np.ndarray:
    width, height, data = locator.evaluate(_PIXELS)
    return np.array(data, dtype=np.uint8).reshape(height, width, 4)[..., :3]


def _ink(rgb: np.ndarray) -> np.ndarray:
    """The inked part of a picture (0 = white … 1 = black), cropped to its bounding box."""
    dark = 1 - np.asarray(rgb, dtype=float).mean(axis=2) / 255
    ys, xs = np.nonzero(dark > 0.25)
    assert ys.size, "nothing is drawn"
    return dark[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def _distance(a: np.ndarray, b: np.ndarray) -> float:
    """How different two labels' ink is: inf when their boxes differ by more than 3 px, else the mean
    absolute difference over the common box."""
    if abs(a.shape[0] - b.shape[0]) > 3 or abs(a.shape[1] - b.shape[1]) > 3:
        return float("inf")
    h, w = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    return float(np.abs(a[:h, :w] - b[:h, :w]).mean())


def _references(monkeypatch) -> dict[str, dict[str, np.ndarray]]:
    """The label drawn here as the kernel draws it: {"inline"|"widget": {"korean"|"boxes": ink}}."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    from helpers.fonts import use_edition_font
    from helpers.inline_png import png
    from helpers.widgets.figure_image import FigureImage

    monkeypatch.setenv("BP_LANG", "ko")
    out: dict[str, dict[str, np.ndarray]] = {"inline": {}, "widget": {}}
    with matplotlib.rc_context(), warnings.catch_warnings():
        warnings.simplefilter("ignore")          # the boxes reference warns about its missing glyphs
        use_edition_font()
        for kind, family in (("korean", None), ("boxes", "DejaVu Sans")):
            style = {"fontfamily": family} if family else {}
            fig = Figure(figsize=(3, 1), dpi=100, facecolor="white")
            FigureCanvasAgg(fig)
            ax = fig.add_axes((0, 0, 1, 1))
            ax.set_axis_off()
            ax.text(0.5, 0.5, LABEL, fontsize=28, ha="center", va="center", **style)
            data = base64.b64decode(png(fig, bbox_inches="tight"))
            out["inline"][kind] = _ink(np.asarray(Image.open(io.BytesIO(data)).convert("RGB")))
            image = FigureImage(240, 80)
            image.figure.text(0.5, 0.5, LABEL, fontsize=28, ha="center", va="center", **style)
            out["widget"][kind] = _ink(np.asarray(Image.open(io.BytesIO(image.png())).convert("RGB")))
    assert _distance(out["inline"]["korean"], out["inline"]["boxes"]) > 0.05    # the two references differ
    assert _distance(out["widget"]["korean"], out["widget"]["boxes"]) > 0.05
    return out


@pytest.fixture(scope="module")
def ran(lab, page):
    """notebooks/ko/01 with the two check cells appended, run all in JupyterLab."""
    target = lab.copy_stripped(NOTEBOOK)
    nb = nbformat.read(target, as_version=4)
    nb.cells += [nbformat.v4.new_code_cell(INLINE_CELL), nbformat.v4.new_code_cell(WIDGET_CELL)]
    nbformat.write(nb, target)
    open_notebook(page, lab, NOTEBOOK)
    run_all(page, timeout=180_000)            # fails on any error or stderr output (a glyph warning too)
    return page


def test_the_notebooks_figures_have_korean_text_alternatives(ran):
    cards = ran.locator(".jp-OutputArea-output .bp-figure-card img")
    alts = [cards.nth(i).get_attribute("alt") or "" for i in range(cards.count())]
    assert len(alts) >= 3, alts                 # the notebook's figure, the widget's preview, the check figure
    assert all(HANGUL.search(alt) for alt in alts), alts
    widget_figure = ran.locator(".bp-live img.bp-figure-image, .bp-live .bp-figure-image img").first
    alt = widget_figure.get_attribute("alt") or ""
    assert HANGUL.search(alt), alt


def test_no_glyph_warning_anywhere(ran):
    outputs = " ".join(ran.locator(".jp-OutputArea-output").all_inner_texts())
    assert "Glyph" not in outputs and "missing from font" not in outputs


def test_inline_and_widget_figures_draw_hangul_not_boxes(ran, monkeypatch):
    references = _references(monkeypatch)
    cells = ran.locator(".jp-CodeCell")
    inline = cells.nth(cells.count() - 2).locator(".bp-figure-card img").first
    widget = cells.nth(cells.count() - 1).locator("img.bp-korean-check, .bp-korean-check img").first
    for kind, img in (("inline", inline), ("widget", widget)):
        shown = _ink(_browser_picture(img))
        korean, boxes = (_distance(shown, references[kind][k]) for k in ("korean", "boxes"))
        assert korean < 0.03, (kind, korean, shown.shape, references[kind]["korean"].shape)
        assert boxes > korean + 0.03, (kind, korean, boxes)
