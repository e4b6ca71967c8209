"""Hangul in every figure path of the Korean edition, drawn with NanumGothic, never a box, never a warning.

- helpers.fonts.glyph_runs gives each character the first font file that has it (DejaVu Sans, then
  NanumGothic): what matplotlib itself does with ``font.family = [DejaVu Sans, NanumGothic]``.
- FastText (the diagrams' Pillow-drawn labels) draws a Hangul label where and as matplotlib's own Text
  draws it (same ink box, same ink profile), and the check can fail: the same label drawn with DejaVu
  Sans alone (boxes) is told apart. A glyph no font has is left to matplotlib, which warns.
- Widget figures (FigureImage), inline figures (inline_png.png) and widget previews (preview_png)
  draw Korean text without a glyph warning; a preview's Korean caption is NanumGothic's glyphs.
- English text takes the single-font path, as before.
"""

from __future__ import annotations

import io
import warnings

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from helpers.drawing import fast_text  # noqa: E402
from helpers.drawing.fast_text import FastText, add_fast_text  # noqa: E402
from helpers.fonts import font_files, glyph_runs, korean_font_path, use_edition_font  # noqa: E402

LABEL = "가중치 w5 갱신"


@pytest.fixture
def korean(monkeypatch):
    """The Korean edition's font settings for one test (matplotlib's settings restored afterwards)."""
    monkeypatch.setenv("BP_LANG", "ko")
    with matplotlib.rc_context():
        use_edition_font()
        yield


def render(text: str, *, fast: bool, family=None) -> tuple[np.ndarray, list[str]]:
    """Ink (0 = white … 1 = black) of ``text`` drawn at the centre of a small figure, and the warnings."""
    with matplotlib.rc_context({"font.family": family} if family else {}):
        fig = Figure(figsize=(3, 1), dpi=144)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        if fast:
            add_fast_text(ax, 0.5, 0.5, text, fontsize=14, ha="center", va="center")
        else:
            ax.text(0.5, 0.5, text, fontsize=14, ha="center", va="center")
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            fig.canvas.draw()
    rgb = np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(float)
    return (255 - rgb.mean(axis=2)) / 255, [str(w.message) for w in seen]


def ink_box(ink: np.ndarray) -> np.ndarray:
    ys, xs = np.nonzero(ink > 0.2)
    return np.array([xs.min(), xs.max(), ys.min(), ys.max()])


def profile_match(a: np.ndarray, b: np.ndarray) -> float:
    """Correlation of the column and row ink profiles of two renderings."""
    return float(np.corrcoef(np.concatenate([a.sum(0), a.sum(1)]), np.concatenate([b.sum(0), b.sum(1)]))[0, 1])


def test_each_glyph_gets_the_first_font_that_has_it(korean):
    files = font_files()
    assert [f.rsplit("/", 1)[-1] for f in files] == ["DejaVuSans.ttf", "NanumGothic.ttf"]
    runs = glyph_runs(LABEL, files)
    assert [(text, path.rsplit("/", 1)[-1]) for text, path in runs] == [
        ("가중치", "NanumGothic.ttf"), (" w5 ", "DejaVuSans.ttf"), ("갱신", "NanumGothic.ttf")]
    assert glyph_runs("net 0.3774", files) == (("net 0.3774", files[0]),)
    assert glyph_runs("\u0e01", files) == (("\u0e01", None),)       # Thai: in no file


def test_fast_text_draws_hangul_as_matplotlib_does(korean):
    fast, fast_warnings = render(LABEL, fast=True)
    own, own_warnings = render(LABEL, fast=False)
    boxes, box_warnings = render(LABEL, fast=False, family=["DejaVu Sans"])
    assert fast_warnings == [] and own_warnings == []
    assert np.abs(ink_box(fast) - ink_box(own)).max() <= 3
    assert profile_match(fast, own) > 0.85
    # the same comparison tells a rendering with boxes apart (and matplotlib warns about it)
    assert any("missing from font" in w for w in box_warnings)
    assert np.abs(ink_box(boxes) - ink_box(own)).max() > 5 or profile_match(boxes, own) < 0.8


def test_fast_text_keeps_its_fast_path_for_hangul(korean):
    fig = Figure(figsize=(3, 1), dpi=144)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    label = add_fast_text(ax, 0.5, 0.5, LABEL, fontsize=14)
    renderer = fig.canvas.get_renderer()
    assert isinstance(label, FastText) and label._fast(renderer)
    box, placed = label._layout_px(renderer)
    assert len(placed) == 1 and box.width == pytest.approx(placed[0][0].shape[1], abs=1)


def test_a_glyph_no_font_has_is_left_to_matplotlib_which_warns(korean):
    _ink, seen = render("w5 \u0e01", fast=True)
    assert any("missing from font" in w for w in seen)


def test_english_labels_take_the_single_font_path(monkeypatch):
    monkeypatch.setenv("BP_LANG", "en")
    fig = Figure(figsize=(3, 1), dpi=144)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    label = add_fast_text(ax, 0.5, 0.5, "net 0.3774\nout 0.5933", fontsize=11)
    renderer = fig.canvas.get_renderer()
    _box, placed = label._layout_px(renderer)
    path = str(font_manager.findfont(label.get_fontproperties()))
    size_px = 11 * renderer.dpi / 72
    rgba = tuple(to_rgba(label.get_color(), label.get_alpha()))
    assert [p[0] is fast_text._line_image(line, path, size_px, rgba) for p, line in
            zip(placed, ["net 0.3774", "out 0.5933"], strict=True)] == [True, True]


def test_widget_and_inline_figures_draw_korean_without_warnings(korean):
    from helpers.inline_png import png
    from helpers.widgets.figure_image import FigureImage

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        image = FigureImage(300, 200)
        ax = image.figure.add_subplot()
        ax.plot([0, 1], [1, 0], label="오차")
        ax.set(title="학습률에 따른 오차", xlabel="에폭", ylabel="오차 E")
        ax.legend()
        image.refresh()
        fig = Figure(figsize=(3, 2))
        FigureCanvasAgg(fig)
        fig.add_subplot().set_title("순전파와 역방향 패스")
        assert png(fig, bbox_inches="tight")
    assert "에폭에 따른 오차 E" in image.alt


def _caption_ink(png_bytes: bytes, width: int) -> np.ndarray:
    from helpers.widgets.preview import CAPTION_PX, PAD

    image = np.asarray(Image.open(io.BytesIO(png_bytes)).convert("L"), dtype=float)
    return image[PAD:PAD + CAPTION_PX + 6, PAD:PAD + width] < 128


def test_a_korean_preview_caption_is_drawn_with_nanumgothic(korean):
    from helpers.widgets.preview import CAPTION_PX, preview_png

    caption = "가중치 갱신"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        drawn = preview_png([], caption, ["학습률 0.5"])
    reference = Image.new("RGB", (400, 60), "white")
    nanum = ImageFont.truetype(str(korean_font_path()), CAPTION_PX)
    dejavu = ImageFont.truetype(font_manager.findfont("DejaVu Sans"), CAPTION_PX)
    runs = [("가중치", nanum), (" ", dejavu), ("갱신", nanum)]
    draw, x = ImageDraw.Draw(reference), 0.0
    for text, font in runs:
        draw.text((x, 0), text, fill="#0d47a1", font=font)
        x += font.getlength(text)
    width = int(x) + 1
    expected = np.asarray(reference.convert("L"), dtype=float)[:CAPTION_PX + 6, :width] < 128
    got = _caption_ink(drawn, width)
    assert got.sum() > 50 and (got == expected).mean() > 0.98
    boxes = Image.new("RGB", (400, 60), "white")
    ImageDraw.Draw(boxes).text((0, 0), caption, fill="#0d47a1", font=dejavu)          # .notdef boxes
    not_expected = np.asarray(boxes.convert("L"), dtype=float)[:CAPTION_PX + 6, :width] < 128
    assert (got == not_expected).mean() < 0.95
