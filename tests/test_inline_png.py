"""helpers.inline_png: inline figures drawn once and cropped to their ink, the same picture as IPython's
``bbox_inches="tight"`` PNG; the standard path wherever cropping could differ; installed in a real kernel."""

from __future__ import annotations

import base64
import functools
import io

import matplotlib
import nbformat
import numpy as np
import pytest
from IPython.core.formatters import PNGFormatter
from IPython.core.pylabtools import print_figure
from matplotlib.figure import Figure
from nbclient import NotebookClient
from PIL import Image

from helpers import inline_png
from helpers.inline_png import ink_box, install, png, png_with_alt

matplotlib.use("agg")


def _decode(data: str) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB"))


def _standard(fig) -> np.ndarray:
    return _decode(print_figure(fig, fmt="png", base64=True, bbox_inches="tight"))


def _plot(**subplot_kw) -> Figure:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3), **subplot_kw)
    ax.plot([0, 1, 2], [3, 1, 2], label="a line")
    ax.set_title("a title")
    ax.set_xlabel("x")
    ax.legend()
    return fig


def _ink(img: np.ndarray) -> np.ndarray:
    return np.argwhere(np.any(img < 250, axis=2))


def test_ink_box_finds_the_bounds_of_every_pixel_unlike_the_face():
    face = np.array([255, 255, 255, 255], dtype=np.uint8)
    rgba = np.full((10, 12, 4), 255, dtype=np.uint8)
    assert ink_box(rgba, face) is None
    rgba[3, 4] = (0, 0, 0, 255)
    rgba[7, 9] = (255, 254, 255, 255)                 # one unit off the face colour is ink
    assert ink_box(rgba, face) == (3, 8, 4, 10)


def test_a_plot_comes_out_as_the_tight_picture(monkeypatch):
    fig = _plot()
    fig.tight_layout()                                 # (else the x label touches the bottom edge)
    theirs = _standard(fig)
    monkeypatch.setattr(inline_png, "_standard", lambda f, **kw: pytest.fail("took the standard path"))
    ours = _decode(png(fig, bbox_inches="tight"))
    # the same size within 3 px (the tight box counts whole text boxes, we count ink) ...
    _same_picture(ours, theirs)
    # ... the ink 0.1 in (10 px at 100 dpi) from each edge, as savefig's pad_inches puts it ...
    rows, cols = _ink(ours)[:, 0], _ink(ours)[:, 1]
    margin = round(0.1 * fig.dpi)
    assert (rows.min(), cols.min()) == (margin, margin)
    assert (ours.shape[0] - 1 - rows.max(), ours.shape[1] - 1 - cols.max()) == (margin, margin)


def _same_picture(ours: np.ndarray, theirs: np.ndarray, share: float = 0.01) -> None:
    """The same size within 3 px, and as many dark pixels within ``share``: a picture re-rendered at
    another sub-pixel offset moves anti-aliased edge pixels across the threshold, nothing more."""
    assert abs(ours.shape[0] - theirs.shape[0]) <= 3 and abs(ours.shape[1] - theirs.shape[1]) <= 3
    dark_ours, dark_theirs = np.sum(ours.min(axis=2) < 128), np.sum(theirs.min(axis=2) < 128)
    assert abs(dark_ours - dark_theirs) <= share * dark_theirs


def test_a_legend_outside_grows_the_canvas_as_tight_does(monkeypatch):
    fig = _plot()
    fig.tight_layout()
    fig.axes[0].legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))   # outside: "tight" grows the canvas
    theirs = _standard(fig)
    assert theirs.shape[1] > fig.bbox.width                              # (it really is wider than the figure)
    monkeypatch.setattr(inline_png, "_standard", lambda f, **kw: pytest.fail("took the three-pass path"))
    _same_picture(_decode(png(fig, bbox_inches="tight")), theirs, share=0.02)   # re-rendered: see _same_picture


def test_a_label_cut_by_the_edge_comes_out_whole_as_in_tight(monkeypatch):
    fig = _plot()                                      # default margins: the x label reaches past the bottom
    theirs = _standard(fig)
    assert theirs.shape[0] > fig.bbox.height
    monkeypatch.setattr(inline_png, "_standard", lambda f, **kw: pytest.fail("took the three-pass path"))
    _same_picture(_decode(png(fig, bbox_inches="tight")), theirs, share=0.02)   # re-rendered: see _same_picture


def test_ink_at_an_edge_that_no_text_explains_takes_the_standard_path():
    fig = _plot()
    fig.tight_layout()
    fig.axes[0].plot([0, 5], [2, 2], clip_on=False)   # a line run past the right edge of the figure ...
    fig.axes[0].set_xlim(0, 2)                          # ... once the axes stop at x = 2
    assert _standard(fig).shape[1] > fig.bbox.width
    assert np.array_equal(_decode(png(fig, bbox_inches="tight")), _standard(fig))


def test_a_coloured_face_and_an_odd_size_still_give_the_tight_picture(monkeypatch):
    fig = _plot()
    fig.set_size_inches(5.037, 2.983)                  # not a whole number of pixels at 100 dpi
    face = (0.83, 0.91, 0.97)
    fig.set_facecolor(face)                            # the face is what is cropped away, not white
    fig.tight_layout()
    theirs = _standard(fig)
    monkeypatch.setattr(inline_png, "_standard", lambda f, **kw: pytest.fail("took the three-pass path"))
    ours = _decode(png(fig, bbox_inches="tight"))
    _same_picture(ours, theirs)
    face_px = tuple(round(255 * c) for c in face)
    assert tuple(ours[0, 0]) == tuple(theirs[0, 0]) == face_px      # the margin is the face colour


@pytest.mark.parametrize("change", ["transparent face", "other options", "transparent savefig"])
def test_cases_cropping_could_get_wrong_take_the_standard_path(change, monkeypatch):
    fig = _plot()
    kwargs = {"bbox_inches": "tight"}
    if change == "transparent face":
        fig.patch.set_alpha(0.0)
    elif change == "other options":
        kwargs["pil_kwargs"] = {"compress_level": 1}
    else:
        monkeypatch.setitem(matplotlib.rcParams, "savefig.transparent", True)
    calls = []
    monkeypatch.setattr(inline_png, "_standard", lambda f, **kw: calls.append(kw) or "standard")
    assert png(fig, **kwargs) == "standard" and calls == [kwargs]


def test_an_empty_figure_shows_nothing_as_in_ipython():
    assert png(Figure(), bbox_inches="tight") is None


class _Shell:
    def __init__(self, entry):
        self.display_formatter = type("DF", (), {})()
        self.display_formatter.formatters = {"image/png": PNGFormatter()}
        if entry is not None:
            self.display_formatter.formatters["image/png"].for_type(Figure, entry)

    @property
    def entry(self):
        return self.display_formatter.formatters["image/png"].type_printers.get(Figure)


def test_install_replaces_only_the_inline_default(monkeypatch):
    import IPython

    default = functools.partial(print_figure, fmt="png", base64=True, bbox_inches="tight")
    shell = _Shell(default)
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    assert install() and shell.entry.func is png_with_alt
    assert install() and shell.entry.func is png_with_alt             # twice: still ours, once
    retina = functools.partial(print_figure, fmt="png", base64=True, bbox_inches=None)
    other = _Shell(retina)                                             # configured otherwise: left alone
    monkeypatch.setattr(IPython, "get_ipython", lambda: other)
    assert not install() and other.entry is retina
    monkeypatch.setattr(IPython, "get_ipython", lambda: None)          # no IPython running: nothing
    assert not install()


def test_a_notebook_kernel_uses_it_after_importing_pyplot_then_helpers():
    """pyplot loads the inline backend (which registers IPython's formatter) only at the first figure:
    importing helpers must load it, or there is nothing to replace and every figure takes the slow path."""
    source = ("import matplotlib.pyplot as plt\nfrom helpers.activations import sigmoid\n"
              "from matplotlib.figure import Figure\n"
              "entry = get_ipython().display_formatter.formatters['image/png'].type_printers.get(Figure)\n"
              "print(getattr(entry, 'func', entry).__module__)")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    assert nb.cells[0].outputs[0]["text"].strip() == "helpers.inline_png"


def test_a_kernel_stores_each_figure_with_its_text_alternative():
    """The figure's description travels in the output's metadata (what the site writes as <img alt>)."""
    source = ("import matplotlib.pyplot as plt\nimport helpers\n"
              "fig, ax = plt.subplots()\nax.plot([0, 10, 20], [0.9, 0.5, 0.1], label='loss')\n"
              "ax.set_xlabel('epoch')\nax.set_ylabel('loss')\nax.legend()\nplt.show()")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    [output] = [o for o in nb.cells[0].outputs if "image/png" in o.get("data", {})]
    assert output["metadata"]["image/png"]["alt"] == "Loss against epoch: loss falls from 0.9 to 0.1 by epoch 20."
