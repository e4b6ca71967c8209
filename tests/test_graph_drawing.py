"""helpers.drawing.graph: layout left → right by depth, texts and colours updated in place."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from helpers import reference as ref
from helpers.autograd import Value, topological_order
from helpers.drawing.graph import (
    CURRENT,
    PLAIN,
    VISITED,
    GraphDrawing,
    draw_graph,
    edge_routes,
    figure_size,
    graph_layout,
    op_symbol,
)
from helpers.gates import gate_patterns_circuit, sigmoid_neuron_circuit, staged_circuit


def neuron():
    pub = ref.CS231N_SIGMOID_NEURON
    return sigmoid_neuron_circuit(pub["w"], pub["x"])


def test_every_node_sits_right_of_its_inputs_and_no_two_overlap():
    for n in (neuron(), staged_circuit(3.0, -4.0), gate_patterns_circuit(3.0, -4.0, 2.0, -1.0)):
        layout = graph_layout(n["f"])
        for node in topological_order(n["f"]):
            for child in node.children:
                assert layout[id(child)][0] < layout[id(node)][0]
        positions = list(layout.values())
        assert len(set(positions)) == len(positions)
        assert layout[id(n["f"])][0] == max(c for c, _ in positions)


def test_boxes_show_label_data_and_grad_and_update_in_place():
    n = neuron()
    n["f"].backward()
    fig = Figure()
    drawing = GraphDrawing(n["f"], fig.add_subplot())
    box = drawing.boxes[id(n["w0"])]
    assert box.get_text() == f"w0\ndata 2\ngrad {n['w0'].grad:.4g}"
    artists_before = len(drawing.ax.texts)
    drawing.update({n["f"]: 1.0}, highlight=n["den"])
    assert len(drawing.ax.texts) == artists_before            # nothing new drawn: texts changed in place
    assert box.get_text().endswith("grad ?")
    assert drawing.boxes[id(n["f"])].get_text().endswith("grad 1")
    face = {k: to_hex(b.get_bbox_patch().get_facecolor()) for k, b in drawing.boxes.items()}
    assert face[id(n["den"])] == CURRENT and face[id(n["f"])] == VISITED and face[id(n["w0"])] == PLAIN


def test_operations_are_drawn_as_small_nodes_with_symbols():
    n = gate_patterns_circuit(**ref.CS231N_GATE_PATTERNS["inputs"])
    fig = Figure()
    drawing = GraphDrawing(n["f"], fig.add_subplot())
    assert sorted(t.get_text() for t in drawing.ops.values()) == sorted(["×", "max", "+", "×"])
    assert op_symbol("**-1") == "1/x" and op_symbol("**3") == "x^3" and op_symbol("sigmoid") == "σ"


def test_draw_graph_returns_the_axes_and_accepts_one():
    n = staged_circuit(3.0, -4.0)
    n["f"].backward()
    ax = draw_graph(n["f"], highlight=n["x"], title="staged")
    assert ax.get_title() == "staged"
    plt.close(ax.figure)
    fig = Figure()
    given = fig.add_subplot()
    assert draw_graph(Value(2.0, "a"), given) is given


def test_bad_inputs():
    with pytest.raises(TypeError, match="root must be a Value"):
        GraphDrawing(3.0, Figure().add_subplot())
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        GraphDrawing(Value(1.0), None)


def test_every_edge_stays_clear_of_the_boxes_it_does_not_join():
    """Rendered: no drawn edge passes behind a box or an operation other than its own ends."""
    import numpy as np

    for n in (neuron(), staged_circuit(3.0, -4.0), gate_patterns_circuit(3.0, -4.0, 2.0, -1.0)):
        n["f"].backward()
        ax = draw_graph(n["f"])
        ax.figure.canvas.draw()
        renderer = ax.figure.canvas.get_renderer()
        shapes = [t.get_bbox_patch().get_window_extent(renderer)
                  for t in [*ax.texts] if t.get_bbox_patch() is not None]
        for line in ax.lines:
            xy = ax.transData.transform(np.column_stack(line.get_data()))
            ends = [b for b in shapes if b.contains(*xy[0]) or b.contains(*xy[-1])]
            t = np.linspace(0.0, 1.0, 200)[:, None]
            samples = np.concatenate([a + t * (b - a) for a, b in zip(xy, xy[1:], strict=False)])
            for box in shapes:
                if box not in ends:
                    inside = (box.x0 + 1 < samples[:, 0]) & (samples[:, 0] < box.x1 - 1) \
                        & (box.y0 + 1 < samples[:, 1]) & (samples[:, 1] < box.y1 - 1)
                    assert not inside.any(), f"an edge runs behind a box in {ax.get_title() or n}"
        plt.close(ax.figure)


def test_an_edge_that_skips_columns_is_routed_through_free_slots():
    n = staged_circuit(3.0, -4.0)
    routes = edge_routes(n["f"])
    layout = graph_layout(n["f"])
    num, f = id(n["num"]), id(n["f"])
    assert [c for c, _ in routes[(num, f)]] == [3.0, 4.0]          # num (column 2) → f (column 5)
    for (a, b), route in routes.items():
        assert len(route) == layout[b][0] - layout[a][0] - 1
        for c, r in route:                                           # clear of every box in its column
            assert all(abs(r - row) >= 0.6 for col, row in layout.values() if col == c)
    width, height = figure_size(n["f"])
    assert (width, height) == (1.6 * 6 + 0.6, 0.75 * (1 + max(r for _, r in layout.values())) + 0.9)
    assert figure_size(n["f"], max_width=5.0)[0] == 5.0
