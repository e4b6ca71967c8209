"""FigureImage: refresh and blit show the same picture; the layout is computed once."""

import io

import numpy as np
import pytest
from PIL import Image

from helpers.widgets.figure_image import FigureImage, readout


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def make():
    image = FigureImage(4, 3, dpi=60)
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
