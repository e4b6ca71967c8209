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


def _two_path_drawing(figsize=(7.6, 3.4), dpi=100):
    """Notebook 04's two-path drawing, cell for cell (layer and edge labels set as the notebook does)."""
    from helpers import example222 as ex

    fig = Figure(figsize=figsize, dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    params, g = ex.start_params(), ex.backward()
    diagram = NetworkDiagram(ax, [2, 2, 2], [["i1", "i2"], ["h1", "h2"], ["o1", "o2"]])
    diagram.set_weights(ex.weight_matrices(params))
    diagram.highlight_edges([ex.EDGE_OF["w1"], ex.EDGE_OF["w5"]], color="#ff7f0e")
    diagram.set_edge_text(*ex.EDGE_OF["w1"], "w1")
    diagram.set_edge_text(*ex.EDGE_OF["w5"], f"path 1 (w5): {g['dE_o1_dout_h1']:+.6f}")
    diagram.set_edge_text(*ex.EDGE_OF["w7"], f"path 2 (w7): {g['dE_o2_dout_h1']:+.6f}")
    diagram.set_layer_text(1, f"∂E/∂out_h1 = path 1 + path 2 = {g['dE_dout_h1']:.6f}")
    fig.canvas.draw()
    return fig, diagram


@pytest.mark.parametrize("figsize, dpi", [((7.6, 3.4), 100), ((6.0, 3.0), 72), ((4.2, 3.0), 144)])
def test_layer_and_edge_labels_never_overlap_a_node(figsize, dpi):
    """The old drawing printed 'path 1 (w5): …' over node h1 (labels sat at a fixed spot on the edge)."""
    fig, diagram = _two_path_drawing(figsize, dpi)
    renderer = fig.canvas.get_renderer()
    to_display = diagram.ax.transData.transform
    nodes = []
    r = diagram.radius
    for (layer, j), (x, y) in diagram.positions.items():
        (x0, y0), (x1, y1) = to_display([(x - r, y - r), (x + r, y + r)])
        nodes.append(((layer, j), (x0, y0, x1, y1)))
    labels = [t for t in [*diagram.edge_texts.values(), *diagram.layer_texts.values()] if t.get_text()]
    assert len(labels) == 4
    for text in labels:
        box = text.get_window_extent(renderer)
        patch = text.get_bbox_patch().get_window_extent(renderer) if text.get_bbox_patch() else box
        for key, (x0, y0, x1, y1) in nodes:
            for b in (box, patch):
                assert not (b.x0 < x1 and x0 < b.x1 and b.y0 < y1 and y0 < b.y1), (
                    f"{text.get_text()!r} overlaps node {key}")
        assert box.x0 >= 0 and box.x1 <= fig.bbox.width and box.y1 <= fig.bbox.height   # inside the figure


def test_a_784_30_10_network_is_drawn_in_part_and_says_so():
    fig = Figure(figsize=(6, 5))
    FigureCanvasAgg(fig)
    diagram = NetworkDiagram(fig.add_subplot(), [784, 30, 10])
    assert len(diagram.nodes) == 12 + 12 + 10 and len(diagram.edges) <= 300
    notes = [t.get_text() for t in diagram.ax.texts if t.get_text().startswith("Drawn in part")]
    assert notes and "layer 0: 12 of 784 neurons" in notes[0] and "of 23,820 weights drawn" in notes[0]
    assert "⋮" in {t.get_text() for t in diagram.ax.texts}
    diagram.set_weights([np.ones((30, 784)), np.ones((10, 30))])       # full-size matrices still accepted
    fig.canvas.draw()
    with pytest.raises(ValueError, match="is not drawn"):
        diagram.set_node_text(0, 400, "x")


def test_default_node_names_are_the_prose_symbols():
    _, diagram = make((2, 3, 1))
    names = {t.get_text() for t in diagram.ax.texts}
    assert {"a⁰₁", "a⁰₂", "a¹₃", "a²₁"} <= names and not any("_" in n for n in names)
