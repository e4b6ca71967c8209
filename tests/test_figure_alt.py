"""helpers.figure_alt: the text alternative of a figure says what the figure itself shows (its title,
labels, legend entries and the span of its data), computed from the figure; the expected sentences are
written here by hand from the data each test draws."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.figure_alt import MAX_CHARS, describe

matplotlib.use("agg")


def test_a_falling_loss_curve_says_what_against_what_and_from_where_to_where():
    fig = Figure()
    ax = fig.subplots()
    epochs = np.arange(0, 301)
    ax.plot(epochs, 0.08 + 0.61 * np.exp(-epochs / 40), label="training loss")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.set_title("Training")
    assert describe(fig) == "Training: loss against epoch: training loss falls from 0.69 to 0.0803 by epoch 300."


def test_every_labelled_line_is_named_and_one_that_turns_gives_its_range():
    fig = Figure()
    ax = fig.subplots()
    x = np.linspace(-2, 2, 5)                       # -2, -1, 0, 1, 2
    ax.plot(x, x**2, label="$x^2$")
    ax.plot(x, 2 * x + 1, label="2x + 1")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    assert describe(fig) == ("Y against x: x^2 goes from 4 to 4 by x 2, between 0 and 4; "
                             "2x + 1 rises from -3 to 5 by x 2.")


def test_a_real_series_figure_a_sigmoid_and_its_derivative():
    from helpers.activations import sigmoid, sigmoid_prime

    fig = Figure()
    ax = fig.subplots()
    z = np.linspace(-6, 6, 121)
    ax.plot(z, sigmoid(z), label="sigmoid")
    ax.plot(z, sigmoid_prime(z), label="derivative")
    ax.set_xlabel("z")
    text = describe(fig)
    assert text.startswith("Sigmoid rises from 0.00247 to 0.998 by z 6; derivative goes from 0.00247 to 0.00247")
    assert "between 0.00247 and 0.25" in text


def test_panels_bars_images_and_a_drawing_each_say_what_they_hold():
    fig = Figure()
    bars, image, drawing = fig.subplots(1, 3)
    bars.bar(["a", "b", "c"], [3, 1, 2])
    bars.set_title("counts")
    image.imshow(np.arange(6).reshape(2, 3))
    drawing.text(0.2, 0.5, "x1")
    drawing.text(0.8, 0.5, "h1")
    drawing.set_axis_off()
    assert describe(fig) == ("Panel 1: counts: 3 bars from 1 to 3. Panel 2: a 2×3 colour map from 0 to 5. "
                             "Panel 3: labelled x1, h1.")


def test_a_figure_without_labels_or_data_still_says_so_and_long_ones_are_cut():
    fig = Figure()
    fig.subplots()
    assert describe(fig) == "A figure with 1 panel and no labels."
    fig = Figure()
    ax = fig.subplots()
    for i in range(40):
        ax.text(0.1, i / 40, f"a rather long label number {i} that goes on and on and on to the end")
    text = describe(fig)
    assert len(text) <= MAX_CHARS and text.endswith("…")


@pytest.mark.parametrize("value, text", [(0.0812345, "0.0812"), (300.0, "300"), (1234.5, "1234"),
                                         (1.25e-5, "1.25e-05"), (-0.0, "0")])
def test_numbers_read_with_three_significant_figures(value, text):
    from helpers.figure_alt import _num

    assert _num(value) == text


def test_a_diagram_drawn_with_lines_is_said_by_its_labels_not_its_strokes():
    """A network drawing (axis off) is strokes and labels: a reader needs the labels."""
    fig = Figure()
    ax = fig.subplots()
    ax.plot([0, 1], [0.5, 0.5], color="k")
    ax.plot([0, 1], [0.2, 0.8], color="k")
    for x, y, name in [(0, 0.5, "i1"), (1, 0.5, "o1"), (0.5, 0.6, "w = 0.15")]:
        ax.text(x, y, name)
    ax.set_axis_off()
    assert describe(fig) == "Labelled i1, o1, w = 0.15."
