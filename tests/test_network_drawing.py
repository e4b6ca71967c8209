"""Tests of helpers.drawing.network (the layered network diagram of notebooks 04 and 05)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from helpers.drawing.network import NEGATIVE, POSITIVE, NetworkDiagram, weight_width


def make(sizes=(2, 3, 1), names=None):
    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    return fig, NetworkDiagram(ax, list(sizes), names)


def test_one_artist_per_node_and_edge():
    _, diagram = make((2, 3, 1))
    assert len(diagram.nodes) == 6
    assert len(diagram.edges) == 2 * 3 + 3 * 1
    expected = {(1, j, k) for j in range(3) for k in range(2)} | {(2, 0, k) for k in range(3)}
    assert set(diagram.edges) == expected


def test_edge_runs_from_neuron_k_of_previous_layer_to_neuron_j():
    _, diagram = make((2, 3, 1))
    xs, ys = diagram.edges[(1, 2, 0)].get_data()
    assert (xs[0], ys[0]) == diagram.positions[(0, 0)]
    assert (xs[1], ys[1]) == diagram.positions[(1, 2)]


def test_set_weights_width_and_colour_follow_value():
    fig, diagram = make((2, 2))
    diagram.set_weights([np.array([[0.5, -1.0], [0.0, 0.25]])])
    assert to_rgba(diagram.edges[(1, 0, 0)].get_color()) == to_rgba(POSITIVE)
    assert to_rgba(diagram.edges[(1, 0, 1)].get_color()) == to_rgba(NEGATIVE)
    widths = {key: line.get_linewidth() for key, line in diagram.edges.items()}
    assert widths[(1, 0, 1)] > widths[(1, 0, 0)] > widths[(1, 1, 1)] > widths[(1, 1, 0)]
    assert widths[(1, 0, 1)] == pytest.approx(weight_width(1.0, 1.0))
    fig.canvas.draw()  # renders without error


def test_texts_and_layer_text():
    _, diagram = make((2, 2, 2), [["i1", "i2"], ["h1", "h2"], ["o1", "o2"]])
    diagram.set_node_text(1, 0, "net=0.3775")
    diagram.set_edge_text(2, 1, 0, "w7")
    diagram.set_layer_text(1, "b1 = 0.35")
    assert diagram.node_texts[(1, 0)].get_text() == "net=0.3775"
    assert diagram.edge_texts[(2, 1, 0)].get_text() == "w7"
    assert diagram.layer_texts[1].get_text() == "b1 = 0.35"
    labels = {t.get_text() for t in diagram.ax.texts}
    assert {"i1", "h2", "o1"} <= labels


def test_highlight_and_clear_restore_weight_colour():
    _, diagram = make((2, 2, 2))
    diagram.set_weights([np.ones((2, 2)), -np.ones((2, 2))])
    path = [(1, 0, 0), (2, 1, 0)]
    diagram.highlight_edges(path, color="orange")
    assert diagram.highlighted == set(path)
    assert to_rgba(diagram.edges[(2, 1, 0)].get_color()) == to_rgba("orange")
    diagram.set_weights([2 * np.ones((2, 2)), -np.ones((2, 2))])  # keeps the highlight
    assert to_rgba(diagram.edges[(2, 1, 0)].get_color()) == to_rgba("orange")
    diagram.clear_highlight()
    assert diagram.highlighted == set()
    assert to_rgba(diagram.edges[(2, 1, 0)].get_color()) == to_rgba(NEGATIVE)
    assert to_rgba(diagram.edges[(1, 0, 0)].get_color()) == to_rgba(POSITIVE)


@pytest.mark.parametrize("sizes", [[3], [], "22", [2, 0, 1]])
def test_bad_layer_sizes(sizes):
    fig = Figure()
    with pytest.raises((ValueError, TypeError), match="layer_sizes"):
        NetworkDiagram(fig.add_subplot(), sizes)


def test_bad_inputs_name_the_argument():
    fig, diagram = make((2, 3, 1))
    with pytest.raises(TypeError, match="ax"):
        NetworkDiagram(fig, [2, 2])
    with pytest.raises(ValueError, match="node_names"):
        NetworkDiagram(fig.add_subplot(), [2, 2], [["a", "b"], ["c"]])
    with pytest.raises(ValueError, match=r"weights\[0\] must have shape \(3, 2\)"):
        diagram.set_weights([np.ones((2, 3)), np.ones((1, 3))])
    with pytest.raises(ValueError, match="weights must be a list of 2"):
        diagram.set_weights([np.ones((3, 2))])
    with pytest.raises(ValueError, match="finite"):
        diagram.set_weights([np.full((3, 2), np.nan), np.ones((1, 3))])
    with pytest.raises(ValueError, match="j must be <= 0"):
        diagram.set_edge_text(2, 1, 0, "x")
    with pytest.raises(ValueError, match="layer must be >= 1"):
        diagram.set_edge_text(0, 0, 0, "x")
    with pytest.raises(ValueError, match="index must be <= 1"):
        diagram.set_node_text(0, 2, "x")
    with pytest.raises(ValueError, match="color"):
        diagram.highlight_edges([(1, 0, 0)], color="not-a-colour")
    with pytest.raises(ValueError, match="triples"):
        diagram.highlight_edges([(1, 0)])
