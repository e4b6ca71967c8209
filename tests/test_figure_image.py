"""FigureImage: refresh and blit show the same picture; the layout is computed once; sizes are CSS px
rendered at RENDER_SCALE ×, shown at their natural width with the height following (never squashed)."""

import io

import numpy as np
import pytest
from PIL import Image

from helpers.widgets.figure_image import FigureImage, readout


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def make():
    image = FigureImage(240, 180)
    ax = image.figure.add_subplot()
    ax.plot(np.linspace(0, 1, 50), np.linspace(0, 1, 50) ** 2)
    (marker,) = ax.plot([0.5], [0.25], "o", ms=9)
    ax.set_title("a title")
    image.layout()
    return image, marker


def test_blit_matches_a_full_redraw():
    image, marker = make()
    image.set_moving([marker])
    for x in (0.1, 0.7, 0.9):
        marker.set_data([x], [x * x])
        image.blit()
        blitted = pixels(bytes(image.widget.value))
        assert np.array_equal(blitted, pixels(image.png()))
    assert image.renders == 3


def test_refresh_updates_widget_and_layout_leaves_no_engine():
    image, marker = make()
    assert not image.figure.get_layout_engine()
    image.refresh()
    first = image.widget.value
    marker.set_data([0.9], [0.81])
    image.refresh()
    assert bytes(image.widget.value) != bytes(first) and bytes(image.widget.value).startswith(b"\x89PNG")


def test_blit_without_moving_artists_is_a_clear_error():
    image, _ = make()
    with pytest.raises(ValueError, match="set_moving"):
        image.blit()


def test_readout_has_its_css_class():
    label = readout("bp-test-label", "x")
    assert "bp-test-label" in label._dom_classes and label.value == "x"


def test_sizes_are_css_pixels_rendered_at_the_render_scale():
    from helpers.widgets.layout import RENDER_SCALE

    image = FigureImage(300, 200, scale=RENDER_SCALE)
    image.figure.add_subplot()
    image.refresh()
    png = Image.open(io.BytesIO(bytes(image.widget.value)))
    assert png.size == (300 * RENDER_SCALE, 200 * RENDER_SCALE)
    layout = image.widget.layout
    assert (layout.width, layout.max_width, layout.height) == ("300px", "100%", "auto")   # aspect kept
    assert "bp-figure-image" in image.widget._dom_classes


@pytest.mark.parametrize("size", [(10, 100), (100, 5000), ("wide", 100), (True, 100)])
def test_bad_sizes_are_refused(size):
    with pytest.raises((TypeError, ValueError), match="width|height"):
        FigureImage(*size)


def test_a_very_large_figure_renders_at_less_than_2x_but_at_least_1x():
    from helpers.widgets.figure_image import MAX_PIXELS

    big = FigureImage(2000, 800)
    assert 1.0 <= big.scale < 2.0
    assert big.figure.bbox.width * big.figure.bbox.height <= MAX_PIXELS * 1.001
    assert big.widget.layout.width == "2000px"            # still shown at its CSS size
    assert FigureImage(4000, 4000).scale == 1.0
