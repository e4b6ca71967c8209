"""Tests of helpers.widgets.path_explorer (notebook 05) through its plain-Python API."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.deltas import weight_paths
from helpers.mlp import backprop
from helpers.widgets import path_explorer
from helpers.widgets.path_explorer import PATH_COLOR, PathExplorer, example_network, format_value


@pytest.fixture(scope="module")
def explorer():
    return PathExplorer()


def expected(layer, j, k):
    weights, biases, x, t = example_network()
    grads, _ = backprop(weights, biases, x.reshape(-1, 1), t.reshape(-1, 1))
    return weight_paths(weights, biases, x, t, layer, j, k), float(grads[layer - 1][j, k])


@pytest.mark.parametrize("key", [(1, 2, 1), (2, 0, 2), (3, 1, 0)])
def test_selecting_a_weight_lists_its_paths_and_their_sum_equals_backprop(explorer, key):
    explorer.select(*key)
    paths, grad = expected(*key)
    state = explorer.state
    assert state["weight"] == key
    assert state["paths"] == [(p.text, p.value) for p in paths]
    assert state["sum"] == pytest.approx(grad, rel=1e-12) and state["gradient"] == grad and state["agree"]
    noun = "path" if len(paths) == 1 else "paths"
    assert explorer.labels["sum"].value == f"sum over {len(paths)} {noun} = {format_value(state['sum'])}"
    assert explorer.labels["grad"].value.endswith(format_value(grad))
    assert explorer.labels["list"].value.count("<li>") == len(paths)
    assert set(state["highlighted"]) == {e for p in paths for e in p.edges}
    assert explorer.diagram.edges[key].get_color() != PATH_COLOR      # the weight itself has its own colour


def test_showing_one_path_highlights_only_its_edges(explorer):
    explorer.select(1, 0, 0)
    paths, _ = expected(1, 0, 0)
    assert len(paths) == 4
    explorer.show_path(2)
    assert set(explorer.state["highlighted"]) == set(paths[2].edges)
    explorer.show_path(None)
    assert set(explorer.state["highlighted"]) == {e for p in paths for e in p.edges}
    explorer.select(3, 0, 0)                                          # a new weight shows all its paths again
    assert explorer.path_menu.value == -1 and len(explorer.path_menu.options) == 2


def test_every_interactive_part_has_a_css_class(explorer):
    assert "bp-paths" in explorer.widget._dom_classes
    assert "bp-paths-weight" in explorer.weight_menu._dom_classes
    assert "bp-paths-path" in explorer.path_menu._dom_classes
    for name in ("list", "sum", "grad", "match", "message"):
        assert f"bp-paths-{name}" in explorer.labels[name]._dom_classes
    assert "bp-paths-figure" in explorer.image.widget._dom_classes


def test_bad_input_gives_clear_errors(explorer):
    with pytest.raises(ValueError, match="layer must be <= 3"):
        explorer.select(4, 0, 0)
    with pytest.raises(ValueError, match="k must be <= 2"):
        explorer.select(2, 0, 3)
    with pytest.raises(ValueError, match="activation must be one of"):
        PathExplorer(activation="swish")
    with pytest.raises(ValueError, match=r"layer_sizes\[1\] must be <= 6"):
        PathExplorer(layer_sizes=(2, 9, 1))
    with pytest.raises(TypeError, match=r"layer_sizes\[1\] must be a whole number"):
        PathExplorer(layer_sizes=(2, 2.5, 1))


def test_one_path_is_singular_and_nodes_use_the_prose_symbols():
    explorer = PathExplorer(layer_sizes=(2, 2, 1))
    explorer.select(2, 0, 1)                                  # an output weight: exactly one path
    assert len(explorer.state["paths"]) == 1
    assert explorer.labels["sum"].value.startswith("sum over 1 path = ")
    names = {t.get_text() for t in explorer.diagram.ax.texts}
    assert {"a⁰₁", "a⁰₂", "a¹₁", "a¹₂", "a²₁"} <= names and not any("_" in n for n in names)


def test_a_failing_computation_shows_a_message_instead_of_raising(monkeypatch):
    explorer = PathExplorer()

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(path_explorer, "weight_paths", broken)
    explorer.select(2, 1, 1)
    assert "boom" in explorer.labels["message"].value
    assert np.isfinite(explorer.state["gradient"])
