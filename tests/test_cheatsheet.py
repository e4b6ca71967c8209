"""docs/cheatsheet.md says what the notebooks compute: its code (gate rules, the update, the gradient check)
is run here against helpers and central differences on random inputs, its recipe for BP1–BP4 (and the 2-2-2
formulas) is carried out as written and compared with helpers, its shape table against the shapes helpers
produce, its links against the notebooks; it holds no exercise's solution (02's multiply rule, 04's
Exercise 5, 06's Exercise 4); and the committed PDF is printed from this very source, on one page."""

import re
from pathlib import Path

import numpy as np
import pytest

from helpers import example222 as ex
from helpers import gates
from helpers.activations import sigmoid, sigmoid_prime
from helpers.chain_rule import two_path_example
from helpers.gradcheck import central_difference, numerical_gradient, relative_error
from helpers.mlp import backprop, forward, init_network, numerical_gradients, total_loss, train_step
from helpers.reference import EXAMPLE_222_START, GRADCHECK_GOOD, GRADCHECK_H
from tools import cheatsheet

ROOT = Path(__file__).resolve().parent.parent
SHEET = (ROOT / "docs" / "cheatsheet.md").read_text(encoding="utf-8")
NETWORKS = [([3, 4, 2], 5), ([2, 5, 3, 4], 1), ([4, 3, 3, 3, 2], 7), ([2, 2], 3)]


def section(number: int) -> str:
    """The text of section ``number`` ("## N. …") of the cheat sheet."""
    parts = re.split(r"^## (?=\d+\. )", SHEET, flags=re.M)
    return next(p for p in parts if p.startswith(f"{number}. "))


def code(number: int, index: int = 0) -> str:
    """The ``index``-th python block of section ``number``."""
    return re.findall(r"```python\n(.*?)```", section(number), flags=re.S)[index]


def run(block: str, **names) -> dict:
    namespace = dict(names)
    exec(block, namespace)  # the cheat sheet's own code, run as written
    return namespace


def random_network(sizes, m, rng):
    W, _ = init_network(sizes, rng)
    b = [rng.normal(0.0, 0.5, (n, 1)) for n in sizes[1:]]
    return W, b, rng.normal(0.0, 1.0, (sizes[0], m)), rng.uniform(0.0, 1.0, (sizes[-1], m))


# ---- the committed PDF --------------------------------------------------------------------------------
def test_the_pdf_is_printed_from_this_source_on_one_page():
    pdf = (ROOT / "docs" / "cheatsheet.pdf").read_bytes()
    assert cheatsheet.embedded_hash(pdf) == cheatsheet.source_hash(SHEET), \
        "docs/cheatsheet.pdf is out of date: run `make cheatsheet` and commit the PDF"
    assert cheatsheet.page_count(pdf) == 1


@pytest.mark.browser
def test_the_tool_prints_one_a4_page_with_the_source_hash():
    from tests.browser.harness import find_chromium
    if find_chromium() is None:
        pytest.skip("no Chromium: the rendering is not tested (the committed PDF still is)")
    pdf = cheatsheet.print_pdf(cheatsheet.render_html(SHEET))
    assert cheatsheet.page_count(pdf) == 1 and cheatsheet.embedded_hash(pdf) == cheatsheet.source_hash(SHEET)
    assert re.search(rb"/MediaBox\s*\[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]", pdf)       # A4 in points


def test_every_link_points_to_a_notebook_of_the_series():
    links = re.findall(r"\]\((\.\./notebooks/[^)]+)\)", SHEET)
    assert len(links) >= 8
    for link in links:
        assert (ROOT / "docs" / link).resolve().is_file(), link


# ---- 1. the chain rule ----------------------------------------------------------------------------------
def test_the_two_path_example_is_helpers_and_its_sum_over_paths_is_the_derivative():
    example = re.search(r"z = (.+?) with u = (.+?), v = (.+?):", section(1))
    to_python = {"·": " * ", "²": "**2", "sin x": "np.sin(x)"}
    z_text, u_text, v_text = (re.sub("|".join(map(re.escape, to_python)), lambda m: to_python[m[0]], t)
                              for t in example.groups())
    for x in np.random.default_rng(1).uniform(-2, 2, 5):
        u, v = eval(u_text, {"np": np, "x": x}), eval(v_text, {"np": np, "x": x})
        p = two_path_example(x)
        assert np.isclose(eval(z_text, {"u": u, "v": v}), p["z"], rtol=1e-14)
        paths = p["dz_du"] * p["du_dx"] + p["dz_dv"] * p["dv_dx"]
        assert relative_error(paths, central_difference(lambda t: two_path_example(t)["z"], x)) < GRADCHECK_GOOD


# ---- 2. the gate table ----------------------------------------------------------------------------------
GATES = {"add": (gates.add_forward, gates.add_backward), "multiply": (gates.multiply_forward, gates.multiply_backward),
         "max": (gates.max_forward, gates.max_backward), "sigmoid": (gates.sigmoid_forward, gates.sigmoid_backward)}


def gate_rows() -> dict[str, str]:
    """gate -> its backward rule as code, for the rows that give one."""
    rows = re.findall(r"^\| (\w+) [^|]*\| [^|]+\| `([^`]+)` \|$", section(2), flags=re.M)
    return dict(rows)


def test_the_gate_table_has_the_four_patterns_and_the_sigmoid():
    names = set(re.findall(r"^\| (\w+) ", section(2), flags=re.M)) - {"gate"}
    assert names == {"add", "multiply", "max", "copy", "sigmoid"}
    words = {"add": "distributes", "multiply": "swaps", "max": "routes", "copy": "adds"}
    for gate, word in words.items():
        assert re.search(rf"^\| {gate} [^|]*\| {word} \|", section(2), flags=re.M)


def test_the_multiply_rule_is_left_to_02s_exercise():
    # 02's Exercise 4 asks the learner to write the multiply gate's backward: the sheet names the pattern only
    assert "multiply" not in gate_rows()
    assert "dout * y" not in SHEET and "dout * x" not in SHEET


@pytest.mark.parametrize("gate", ["add", "max", "sigmoid"])
def test_each_gate_rule_is_helpers_gate_and_central_differences(gate):
    rule = gate_rows()[gate]
    forward_fn, backward_fn = GATES[gate]
    rng = np.random.default_rng(2)
    for x, y, dout in rng.uniform(-2, 2, (6, 3)):
        inputs = [x] if gate == "sigmoid" else [x, y]
        out, cache = forward_fn(*inputs)
        names = run(rule, x=x, y=y, dout=dout, s=out)
        mine = np.array([names["dx"]] if gate == "sigmoid" else [names["dx"], names["dy"]], dtype=float)
        assert np.allclose(mine, np.atleast_1d(backward_fn(dout, cache)), rtol=1e-14, atol=0)
        numeric = dout * numerical_gradient(lambda p: forward_fn(*p)[0], np.array(inputs))
        assert relative_error(mine, numeric) < GRADCHECK_GOOD


def test_the_copy_rule_adds_as_helpers_copy_gate():
    for d1, d2 in np.random.default_rng(3).uniform(-2, 2, (4, 2)):
        assert run(gate_rows()["copy"], dout1=d1, dout2=d2)["dx"] == gates.copy_backward([d1, d2], (2,))


# ---- 3./4. no exercise's code; the recipe as written --------------------------------------------------------
def test_no_solution_of_an_exercise_is_on_the_sheet():
    # 04's Exercise 5 (the 2-2-2 gradients line by line) and 06's Exercise 4 (BP1–BP4 as code) are the learner's
    # to write: sections 3 and 4 hold formulas, shapes and the recipe, no code block
    for number in (3, 4):
        assert "```" not in section(number), f"section {number} holds code"
    assert "dE_dw5" not in SHEET and "gWs[" not in SHEET and "acts.append" not in SHEET


def test_the_222_recipe_gives_the_gradients_of_E():
    recipe = section(4)
    assert "δ_o = (out_o − t_o)·out_o(1 − out_o)" in recipe
    assert "δ_h = (Σ_o δ_o · w_{h→o})·out_h(1 − out_h)" in recipe and "before* the update" in recipe
    assert "∂E/∂w = δ of the neuron\nthe weight feeds × the activation it carries" in recipe
    assert "a shared bias gets the sum of its neurons' δ" in recipe
    rng = np.random.default_rng(4)
    for params in [ex.start_params()] + [dict(zip(ex.PARAM_NAMES, rng.uniform(-1, 1, 10), strict=True))
                                         for _ in range(4)]:
        f = ex.forward(params)
        out = {"h1": f["out_h1"], "h2": f["out_h2"], "o1": f["out_o1"], "o2": f["out_o2"]}
        t = {"o1": EXAMPLE_222_START["t1"], "o2": EXAMPLE_222_START["t2"]}
        W2 = ex.weight_matrices(params)[1]
        delta_o = {o: (out[o] - t[o]) * out[o] * (1 - out[o]) for o in ("o1", "o2")}
        w_ho = {(h, o): W2[j][k] for j, o in enumerate(("o1", "o2")) for k, h in enumerate(("h1", "h2"))}
        delta_h = {h: sum(delta_o[o] * w_ho[h, o] for o in delta_o) * out[h] * (1 - out[h]) for h in ("h1", "h2")}
        inputs = {"i1": EXAMPLE_222_START["i1"], "i2": EXAMPLE_222_START["i2"]}
        mine = {}
        for name, (layer, j, k) in ex.EDGE_OF.items():     # weight into neuron j of `layer` from neuron k
            receiver = ("h1", "h2")[j] if layer == 1 else ("o1", "o2")[j]
            carried = inputs[("i1", "i2")[k]] if layer == 1 else out[("h1", "h2")[k]]
            mine[name] = (delta_h if layer == 1 else delta_o)[receiver] * carried
        mine["b1"], mine["b2"] = delta_h["h1"] + delta_h["h2"], delta_o["o1"] + delta_o["o2"]
        want = ex.gradients(params)
        assert all(np.isclose(mine[k], want[k], rtol=1e-12, atol=1e-15) for k in ex.PARAM_NAMES)


def test_the_notation_sentence_matches_helpers_weight_matrices():
    assert "wˡⱼₖ is the weight into neuron j of\nlayer l from neuron k of layer l−1" in SHEET
    assert "Wˡ[j, k] = wˡⱼₖ" in SHEET and "layers are\nnumbered from 0 at the input" in SHEET
    W1, W2 = ex.weight_matrices(ex.start_params())
    # w2 goes from i2 (k = 1) into h1 (j = 0); w7 from h1 (k = 0) into o2 (j = 1)
    assert W1[0][1] == ex.start_params()["w2"] and W2[1][0] == ex.start_params()["w7"]


# ---- 4. BP1–BP4 and the shape table ---------------------------------------------------------------------
@pytest.mark.parametrize(("sizes", "m"), NETWORKS)
def test_the_recipe_carried_out_as_written_is_helpers_backprop_and_central_differences(sizes, m):
    recipe = section(4)
    assert "for l = L, L−1, …, 1 (last layer first: BP2 needs δˡ⁺¹)" in recipe and "**keeping** them all" in recipe
    W, b, X, Y = random_network(sizes, m, np.random.default_rng(len(sizes) * 10 + m))
    L = len(W)
    zs, acts = [], [X]                                   # forward, keeping every zˡ and aˡ
    for Wl, bl in zip(W, b, strict=True):
        zs.append(Wl @ acts[-1] + bl)
        acts.append(sigmoid(zs[-1]))
    gW, gb = [None] * L, [None] * L
    delta = (acts[-1] - Y) * sigmoid_prime(zs[-1])         # BP1
    for l in range(L, 0, -1):  # noqa: E741  (the sheet's own letter)
        if l < L:
            delta = (W[l].T @ delta) * sigmoid_prime(zs[l - 1])     # BP2
        gb[l - 1] = delta.sum(axis=1, keepdims=True)                # BP3
        gW[l - 1] = delta @ acts[l - 1].T                           # BP4
    want_W, want_b = backprop(W, b, X, Y)
    for got, want in zip(gW + gb, want_W + want_b, strict=True):
        assert got.shape == want.shape and np.allclose(got, want, rtol=1e-12, atol=1e-15)
    num_W, num_b = numerical_gradients(W, b, X, Y)
    for got, want in zip(gW + gb, num_W + num_b, strict=True):
        assert np.allclose(got, want, rtol=1e-6, atol=1e-10)


def test_the_03_rules_are_helpers_jacobians():
    from helpers.jacobians import linear_backward, linear_backward_batch
    rules = section(3)
    assert "dW = dq xᵀ (W's shape), dx = Wᵀ dq (x's shape)" in rules and "dW = dQ Xᵀ sums the samples" in rules
    rng = np.random.default_rng(9)
    dQ, X, W = rng.normal(size=(3, 5)), rng.normal(size=(4, 5)), rng.normal(size=(3, 4))
    dW, dX = linear_backward_batch(dQ, X, W)
    assert np.allclose(dW, sum(linear_backward(dQ[:, k], X[:, k], W)[0] for k in range(5)), rtol=1e-13)
    assert np.allclose(dW, numerical_gradient(lambda M: float(np.sum(dQ * (M @ X))), W), rtol=1e-7)
    assert np.allclose(dX, numerical_gradient(lambda M: float(np.sum(dQ * (W @ M))), X), rtol=1e-7)


SUBSCRIPT = {"n₀": "n[0]", "nₗ₋₁": "n[l - 1]", "nₗ": "n[l]", "n_L": "n[L]"}


def shape_table() -> dict[str, tuple[str, ...]]:
    rows = re.findall(r"^\| ([^|]+?) \| \(([^)]+)\) \|$", section(4), flags=re.M)
    return {symbol.strip(): tuple(part.strip() for part in shape.split(",")) for symbol, shape in rows}


def delta_by_central_differences(W, b, Y, zs, k):
    """δᵏ = ∂C/∂zᵏ, the gradient of the summed loss with respect to zᵏ itself (central differences)."""
    if k == len(W):
        return numerical_gradient(lambda Z: 0.5 * np.sum((sigmoid(Z) - Y) ** 2), zs[k - 1])
    return numerical_gradient(lambda Z: total_loss(W[k:], b[k:], sigmoid(Z), Y), zs[k - 1])


@pytest.mark.parametrize(("sizes", "m"), NETWORKS)
def test_the_shape_table_is_the_shapes_helpers_produce(sizes, m):
    W, b, X, Y = random_network(sizes, m, np.random.default_rng(5))
    zs, acts = forward(W, b, X)
    gW, gb = backprop(W, b, X, Y)
    L = len(W)
    arrays = {"X = a⁰": lambda k: X, "Wˡ": lambda k: W[k - 1], "∂C/∂Wˡ": lambda k: gW[k - 1],
              "bˡ": lambda k: b[k - 1], "∂C/∂bˡ": lambda k: gb[k - 1], "zˡ": lambda k: zs[k - 1],
              "aˡ": lambda k: acts[k], "δˡ": lambda k: delta_by_central_differences(W, b, Y, zs, k),
              "Y": lambda k: Y}
    table = shape_table()
    assert {s.strip() for row in table for s in row.split(",")} == set(arrays)
    for row, shape in table.items():
        for symbol in (s.strip() for s in row.split(",")):
            for k in range(1, L + 1):
                expected = tuple(eval(SUBSCRIPT.get(p, p), {"n": sizes, "l": k, "L": L, "m": m}) for p in shape)
                assert arrays[symbol](k).shape == expected, (symbol, k)


# ---- 5. the update ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("sizes", "m"), NETWORKS)
def test_the_update_block_is_helpers_train_step(sizes, m):
    W, b, X, Y = random_network(sizes, m, np.random.default_rng(6))
    gW, gb = backprop(W, b, X, Y)
    names = run(code(5), Ws=list(W), bs=list(b), gWs=gW, gbs=gb, eta=0.7, m=m)
    want_W, want_b = train_step(W, b, X, Y, 0.7)
    for got, want in zip(names["Ws"] + names["bs"], want_W + want_b, strict=True):
        assert np.allclose(got, want, rtol=1e-13, atol=1e-15)


# ---- 6. the gradient check ------------------------------------------------------------------------------
def test_the_gradient_check_block_is_helpers_gradcheck():
    block = code(6)
    h = float(re.search(r"# h = (\S+)", block).group(1))
    good = float(re.search(r"`rel <= (\S+)`", section(6)).group(1))
    assert h == GRADCHECK_H and good == GRADCHECK_GOOD
    for x in np.random.default_rng(7).uniform(-2, 2, 5):
        a = float(np.cos(x))                          # the analytic derivative of sin
        names = run(block, f=np.sin, x=x, h=h, a=a)
        assert np.isclose(names["num"], central_difference(np.sin, x, h), rtol=1e-12)
        assert np.isclose(names["rel"], relative_error(a, names["num"]), rtol=1e-12)
        assert names["rel"] <= good


def test_the_threshold_says_what_it_depends_on():
    # "rel <= 1e-7 means right" is contradicted by 06's deep sigmoid network, where a right backprop has an entry
    # of tiny size whose entrywise error exceeds it: the sheet calls it a rule of thumb and names what it needs
    text = " ".join(section(6).split())
    assert "means the analytic gradient a is right" not in text
    for needed in ("rule of thumb, not a proof", "entries are not tiny", "06, Going deeper", "norm form"):
        assert needed in text, needed


def test_the_two_relative_errors_differ_by_at_most_two():
    assert "between ½× and 1× of it" in section(6) and "differ by at most 2×" in section(6)
    a, b = np.random.default_rng(8).normal(size=(2, 1000))
    ours, cs231n = np.abs(a - b) / (np.abs(a) + np.abs(b)), np.abs(a - b) / np.maximum(np.abs(a), np.abs(b))
    assert np.all(ours <= cs231n * (1 + 1e-15)) and np.all(cs231n <= 2 * ours * (1 + 1e-15))
