"""The 2-2-2 sigmoid network of "A Step by Step Backpropagation Example", with named scalars
(notebook 04).

Two inputs i1, i2 → two sigmoid hidden neurons h1, h2 → two sigmoid outputs o1, o2;
E = ½(t1 − out_o1)² + ½(t2 − out_o2)². Parameters, by name:

    net_h1 = w1·i1 + w2·i2 + b1      net_o1 = w5·out_h1 + w6·out_h2 + b2
    net_h2 = w3·i1 + w4·i2 + b1      net_o2 = w7·out_h1 + w8·out_h2 + b2

(b1 is shared by both hidden neurons, b2 by both outputs, as in the published walk-through).
Everything is plain Python floats, one named line per formula, so each line can be read against
the notebook's equations; the matrix form of the same network is in :mod:`helpers.mlp`.

Two conventions differ between sources and are options of :func:`update`:
``update_biases`` (the walk-through does not update b1, b2) and ``hidden_uses_updated`` (whether the
hidden-layer gradients are back-propagated through w5..w8 before (the stated algorithm) or after
their own update).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from ._checks import (
    as_scalar,
    check_bool,
    check_callable,
    check_finite_result,
    check_int,
    check_positive,
    finite_arithmetic,
)
from .reference import EXAMPLE_222_START

__all__ = ["PARAM_NAMES", "WEIGHT_NAMES", "OUTPUT_WEIGHTS", "EDGE_OF", "start_params", "forward",
           "backward", "gradients", "update", "train", "weight_matrices", "check_params"]

PARAM_NAMES = ("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "b1", "b2")
GRADIENT_NAMES = tuple(f"dE_d{n}" for n in PARAM_NAMES)
WEIGHT_NAMES = PARAM_NAMES[:8]
OUTPUT_WEIGHTS = ("w5", "w6", "w7", "w8")
# Edge (layer, j, k) of each weight in helpers.drawing.network: W^l[j, k] from neuron k to neuron j.
EDGE_OF = {"w1": (1, 0, 0), "w2": (1, 0, 1), "w3": (1, 1, 0), "w4": (1, 1, 1),
           "w5": (2, 0, 0), "w6": (2, 0, 1), "w7": (2, 1, 0), "w8": (2, 1, 1)}
INPUTS = (EXAMPLE_222_START["i1"], EXAMPLE_222_START["i2"])
TARGETS = (EXAMPLE_222_START["t1"], EXAMPLE_222_START["t2"])
LEARNING_RATE = EXAMPLE_222_START["learning_rate"]
# train() makes about a million updates in 3-5 s; more would freeze the kernel for minutes.
MAX_STEPS = 1_000_000
# What the backward pass and the update read from a forward pass (the ``fwd`` argument).
FORWARD_NEEDS = ("out_h1", "out_h2", "out_o1", "out_o2", "i1", "i2", "t1", "t2")
_FWD, _GRADS = "the dict forward() returns", "the dict backward() returns"
_MODERATE = "Use parameters and inputs of a more moderate size (products must stay below 1.8e308)."


def _sigmoid(z: float) -> float:
    """σ(z) for one float, stable for large |z| (exp of a positive number is never taken)."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def start_params() -> dict[str, float]:
    """The published starting values of w1..w8, b1, b2 (a fresh dict each call)."""
    return {name: float(EXAMPLE_222_START[name]) for name in PARAM_NAMES}


def check_params(params: Mapping, name: str = "params") -> dict[str, float]:
    """Validate a mapping with exactly the ten names w1..w8, b1, b2 and finite real values."""
    if not isinstance(params, Mapping):
        raise TypeError(f"{name} must be a dict with keys {', '.join(PARAM_NAMES)}; "
                        f"got {type(params).__name__}")
    missing = [n for n in PARAM_NAMES if n not in params]
    extra = [n for n in params if n not in PARAM_NAMES]
    if missing or extra:
        raise ValueError(f"{name} must have exactly the keys {', '.join(PARAM_NAMES)}; "
                         f"missing {missing}, unknown {extra}")
    return {n: as_scalar(f"{name}['{n}']", params[n]) for n in PARAM_NAMES}


def _pair(name: str, value) -> tuple[float, float]:
    if isinstance(value, (str, bytes, Mapping)) or not hasattr(value, "__len__") or len(value) != 2:
        raise ValueError(f"{name} must be a pair of two numbers; got {value!r}"[:200])
    return as_scalar(f"{name}[0]", value[0]), as_scalar(f"{name}[1]", value[1])


def _numbers(name: str, values, needed: tuple[str, ...], kind: str) -> dict[str, float]:
    """A mapping that holds at least the keys ``needed`` with finite real values (e.g. a forward pass);
    ``kind`` says what it is ("a dict", "the dict forward() returns")."""
    if not isinstance(values, Mapping):
        raise TypeError(f"{name} must be {kind} with keys {', '.join(needed)}; got {type(values).__name__}")
    missing = [k for k in needed if k not in values]
    if missing:
        raise ValueError(f"{name} must be {kind} with keys {', '.join(needed)}; missing {missing}")
    return {**values, **{k: as_scalar(f"{name}['{k}']", values[k]) for k in needed}}


def _finite_values(values: dict[str, float], what: str) -> dict[str, float]:
    """``values`` if every entry is finite; otherwise a ValueError naming the first that overflowed."""
    bad = next((k for k, v in values.items() if not math.isfinite(v)), None)
    if bad is not None:
        check_finite_result(f"{bad} (in the {what})", values[bad], advice=_MODERATE)
    return values


def forward(params: Mapping | None = None, inputs=INPUTS, targets=TARGETS) -> dict[str, float]:
    """Forward pass: every named intermediate net_h1, out_h1, net_h2, out_h2, net_o1, out_o1,
    net_o2, out_o2, E_o1, E_o2, E_total (floats). ``params`` defaults to :func:`start_params`."""
    p = start_params() if params is None else check_params(params)
    pairs = _pair("inputs", inputs), _pair("targets", targets)
    with finite_arithmetic("E = ½(t − out)² (in the forward pass)", _MODERATE):   # Python's ** raises
        return _finite_values(_forward(p, *pairs), "forward pass")


Pair = tuple[float, float]


def _forward(p: dict[str, float], inputs: Pair, targets: Pair) -> dict[str, float]:
    """:func:`forward` without input checks (for the training loop)."""
    (i1, i2), (t1, t2) = inputs, targets
    f = {"net_h1": p["w1"] * i1 + p["w2"] * i2 + p["b1"]}
    f["out_h1"] = _sigmoid(f["net_h1"])
    f["net_h2"] = p["w3"] * i1 + p["w4"] * i2 + p["b1"]
    f["out_h2"] = _sigmoid(f["net_h2"])
    f["net_o1"] = p["w5"] * f["out_h1"] + p["w6"] * f["out_h2"] + p["b2"]
    f["out_o1"] = _sigmoid(f["net_o1"])
    f["net_o2"] = p["w7"] * f["out_h1"] + p["w8"] * f["out_h2"] + p["b2"]
    f["out_o2"] = _sigmoid(f["net_o2"])
    f["E_o1"] = 0.5 * (t1 - f["out_o1"]) ** 2
    f["E_o2"] = 0.5 * (t2 - f["out_o2"]) ** 2
    f["E_total"] = f["E_o1"] + f["E_o2"]
    f.update(i1=i1, i2=i2, t1=t1, t2=t2)
    return f


def backward(params: Mapping | None = None, fwd: Mapping | None = None, *,
             output_weights: Mapping | None = None, inputs=INPUTS, targets=TARGETS) -> dict[str, float]:
    """Backward pass: every chain-rule factor and every gradient, by name.

    Output layer (o = o1, o2): ``dE_dout_o1`` = out_o1 − t1, ``dout_o1_dnet_o1`` = out_o1(1 − out_o1),
    ``dE_dnet_o1`` (their product, the delta of o1), ``dnet_o1_dw5`` = out_h1, …, ``dE_dw5`` … ``dE_dw8``,
    ``dE_db2`` (b2 feeds both outputs: the sum of both deltas).
    Hidden layer: the two paths from out_h1 to E, ``dE_o1_dout_h1`` = dE_dnet_o1·w5 and
    ``dE_o2_dout_h1`` = dE_dnet_o2·w7, their sum ``dE_dout_h1``; ``dout_h1_dnet_h1``, ``dE_dnet_h1``,
    ``dnet_h1_dw1`` = i1, …, ``dE_dw1`` … ``dE_dw4``, ``dE_db1``.
    ``output_weights`` (w5..w8) replaces the weights used on the paths back to the hidden layer
    (the "after their update" convention); by default the current w5..w8 are used.
    """
    p = start_params() if params is None else check_params(params)
    f = forward(p, inputs, targets) if fwd is None else _numbers("fwd", fwd, FORWARD_NEEDS, _FWD)
    path_w = dict(p)
    if output_weights is not None:
        path_w.update(_numbers("output_weights", output_weights, OUTPUT_WEIGHTS, "a dict"))
    return _finite_values(_backward(f, path_w), "backward pass")


def _backward(f: Mapping[str, float], path_w: Mapping[str, float]) -> dict[str, float]:
    """:func:`backward` without input checks; ``path_w`` holds the w5..w8 used on the paths back."""
    g: dict[str, float] = {}
    for o, t, (wa, wb) in (("o1", f["t1"], ("w5", "w6")), ("o2", f["t2"], ("w7", "w8"))):
        g[f"dE_dout_{o}"] = f[f"out_{o}"] - t                       # ∂E/∂out = −(target − out)
        g[f"dout_{o}_dnet_{o}"] = f[f"out_{o}"] * (1.0 - f[f"out_{o}"])  # σ' = out(1 − out)
        g[f"dE_dnet_{o}"] = g[f"dE_dout_{o}"] * g[f"dout_{o}_dnet_{o}"]
        g[f"dnet_{o}_d{wa}"], g[f"dnet_{o}_d{wb}"] = f["out_h1"], f["out_h2"]  # not 1: the activation fed in
        g[f"dE_d{wa}"] = g[f"dE_dout_{o}"] * g[f"dout_{o}_dnet_{o}"] * g[f"dnet_{o}_d{wa}"]
        g[f"dE_d{wb}"] = g[f"dE_dout_{o}"] * g[f"dout_{o}_dnet_{o}"] * g[f"dnet_{o}_d{wb}"]
    g["dE_db2"] = g["dE_dnet_o1"] + g["dE_dnet_o2"]
    for h, (w_to_o1, w_to_o2), (wa, wb) in (("h1", ("w5", "w7"), ("w1", "w2")),
                                            ("h2", ("w6", "w8"), ("w3", "w4"))):
        g[f"dnet_o1_dout_{h}"], g[f"dnet_o2_dout_{h}"] = path_w[w_to_o1], path_w[w_to_o2]
        g[f"dE_o1_dout_{h}"] = g["dE_dnet_o1"] * g[f"dnet_o1_dout_{h}"]   # path through o1
        g[f"dE_o2_dout_{h}"] = g["dE_dnet_o2"] * g[f"dnet_o2_dout_{h}"]   # path through o2
        g[f"dE_dout_{h}"] = g[f"dE_o1_dout_{h}"] + g[f"dE_o2_dout_{h}"]   # sum over the two paths
        g[f"dout_{h}_dnet_{h}"] = f[f"out_{h}"] * (1.0 - f[f"out_{h}"])
        g[f"dE_dnet_{h}"] = g[f"dE_dout_{h}"] * g[f"dout_{h}_dnet_{h}"]
        g[f"dnet_{h}_d{wa}"], g[f"dnet_{h}_d{wb}"] = f["i1"], f["i2"]
        g[f"dE_d{wa}"] = g[f"dE_dout_{h}"] * g[f"dout_{h}_dnet_{h}"] * g[f"dnet_{h}_d{wa}"]
        g[f"dE_d{wb}"] = g[f"dE_dout_{h}"] * g[f"dout_{h}_dnet_{h}"] * g[f"dnet_{h}_d{wb}"]
    g["dE_db1"] = g["dE_dnet_h1"] + g["dE_dnet_h2"]
    return g


def gradients(params: Mapping | None = None) -> dict[str, float]:
    """∂E_total/∂p for every parameter p, keyed by the parameter's name (w1..w8, b1, b2)."""
    g = backward(params)
    return {n: g[f"dE_d{n}"] for n in PARAM_NAMES}


def update(params: Mapping | None = None, learning_rate: float = LEARNING_RATE, *,
           update_biases: bool = False, hidden_uses_updated: bool = False,
           fwd: Mapping | None = None, grads: Mapping | None = None
           ) -> tuple[dict[str, float], dict[str, float]]:
    """One gradient-descent step p⁺ = p − η·∂E/∂p. Returns ``(new_params, grads_used)``.

    ``update_biases=False`` keeps b1, b2 fixed (the published walk-through);
    ``hidden_uses_updated=True`` back-propagates to w1..w4 (and b1) through the already-updated
    w5..w8 instead of the old ones. ``fwd``/``grads`` may pass a forward/backward already computed
    for ``params`` (the widget does), to avoid recomputing them.
    """
    p = start_params() if params is None else check_params(params)
    lr = check_positive("learning_rate", learning_rate)
    update_biases = check_bool("update_biases", update_biases)
    hidden_uses_updated = check_bool("hidden_uses_updated", hidden_uses_updated)
    f = forward(p) if fwd is None else _numbers("fwd", fwd, FORWARD_NEEDS, _FWD)
    g = _backward(f, p) if grads is None else _numbers("grads", grads, GRADIENT_NAMES, _GRADS)
    new, used = _update(p, lr, f, dict(g), update_biases, hidden_uses_updated)
    return _finite_values(new, "updated parameters"), _finite_values(used, "gradients")


def _update(p: dict[str, float], lr: float, f: Mapping[str, float], g: dict[str, float],
            update_biases: bool, hidden_uses_updated: bool) -> tuple[dict[str, float], dict[str, float]]:
    """:func:`update` without input checks."""
    new = dict(p)
    for n in OUTPUT_WEIGHTS + (("b2",) if update_biases else ()):
        new[n] = p[n] - lr * g[f"dE_d{n}"]
    if hidden_uses_updated:
        g = _backward(f, new)  # the paths back to h1, h2 now go through w5⁺..w8⁺
    for n in ("w1", "w2", "w3", "w4") + (("b1",) if update_biases else ()):
        new[n] = p[n] - lr * g[f"dE_d{n}"]
    return new, g


def train(params: Mapping | None = None, steps: int = 10_000, learning_rate: float = LEARNING_RATE, *,
          update_biases: bool = False, hidden_uses_updated: bool = False,
          callback: Callable[[int], None] | None = None) -> tuple[dict[str, float], list[float]]:
    """``steps`` updates from ``params``. Returns ``(final_params, losses)`` with ``losses[n]`` =
    E_total after n updates (``losses[0]`` is the starting error, so ``len(losses) == steps + 1``).
    Note: the error a training loop prints in the forward pass of iteration n is ``losses[n - 1]``.
    ``callback(n)`` is called after each update (e.g. to move a progress bar). At most
    :data:`MAX_STEPS` updates per call; an update that overflows is a ValueError that says when."""
    p = start_params() if params is None else check_params(params)
    steps = check_int("steps", steps, minimum=0, maximum=MAX_STEPS)
    lr = check_positive("learning_rate", learning_rate)
    flags = check_bool("update_biases", update_biases), check_bool("hidden_uses_updated", hidden_uses_updated)
    if callback is not None:
        check_callable("callback", callback)
    final, losses = _train_loop(tuple(p[n] for n in PARAM_NAMES), lr, steps, *flags, callback)
    if not (math.isfinite(losses[-1]) and all(math.isfinite(v) for v in final)):
        check_finite_result(f"training (update {len(losses) - 1} of {steps})", math.inf,
                            advice=f"The parameters overflowed: learning_rate = {lr:g} is too large for them.")
    return dict(zip(PARAM_NAMES, final, strict=True)), losses


def _train_loop(p: tuple[float, ...], lr: float, steps: int, update_biases: bool, hidden_uses_updated: bool,
                callback: Callable[[int], None] | None) -> tuple[tuple[float, ...], list[float]]:
    """:func:`train` on local floats: the operations of _forward, _backward and _update in the same
    order (so bitwise the same numbers; tests/test_example222.py checks it), several times faster.
    Stops early, with a non-finite last loss, when an update overflows."""
    w1, w2, w3, w4, w5, w6, w7, w8, b1, b2 = p
    (i1, i2), (t1, t2), sig = INPUTS, TARGETS, _sigmoid
    losses = []
    for n in range(steps + 1):
        h1, h2 = sig(w1 * i1 + w2 * i2 + b1), sig(w3 * i1 + w4 * i2 + b1)
        o1, o2 = sig(w5 * h1 + w6 * h2 + b2), sig(w7 * h1 + w8 * h2 + b2)
        losses.append(0.5 * (t1 - o1) ** 2 + 0.5 * (t2 - o2) ** 2)
        if n and callback is not None:
            callback(n)
        if n == steps or not math.isfinite(losses[-1]):
            break
        d1 = (o1 - t1) * (o1 * (1.0 - o1))                  # δ of o1 and o2 (dE_dnet_o1, dE_dnet_o2)
        d2 = (o2 - t2) * (o2 * (1.0 - o2))
        path = (w5, w6, w7, w8)
        w5, w6, w7, w8 = w5 - lr * (d1 * h1), w6 - lr * (d1 * h2), w7 - lr * (d2 * h1), w8 - lr * (d2 * h2)
        if update_biases:
            b2 = b2 - lr * (d1 + d2)
        p5, p6, p7, p8 = (w5, w6, w7, w8) if hidden_uses_updated else path
        s1, s2 = h1 * (1.0 - h1), h2 * (1.0 - h2)
        e1, e2 = d1 * p5 + d2 * p7, d1 * p6 + d2 * p8       # dE_dout_h1, dE_dout_h2 (two paths each)
        w1, w2, w3, w4 = w1 - lr * (e1 * s1 * i1), w2 - lr * (e1 * s1 * i2), w3 - lr * (e2 * s2 * i1), \
            w4 - lr * (e2 * s2 * i2)
        if update_biases:
            b1 = b1 - lr * (e1 * s1 + e2 * s2)
    return (w1, w2, w3, w4, w5, w6, w7, w8, b1, b2), losses


def weight_matrices(params: Mapping) -> list[list[list[float]]]:
    """[W1, W2] with W^l[j][k] the weight from neuron k of layer l−1 to neuron j of layer l:
    W1 = [[w1, w2], [w3, w4]], W2 = [[w5, w6], [w7, w8]] (for the network diagram and helpers.mlp)."""
    p = check_params(params)
    return [[[p["w1"], p["w2"]], [p["w3"], p["w4"]]], [[p["w5"], p["w6"]], [p["w7"], p["w8"]]]]
