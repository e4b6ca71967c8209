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
    guarded,
)
from .core import example222 as core
from .i18n import _
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
# train() makes an update in about 15-40 µs (forward, backward, update: dicts of named floats), so 100,000
# updates take 1.5-4 s; more would freeze the kernel. Panel222's Run N (MAX_RUN) is at most this too.
MAX_STEPS = 100_000
# What the backward pass and the update read from a forward pass (the ``fwd`` argument).
FORWARD_NEEDS = ("out_h1", "out_h2", "out_o1", "out_o2", "i1", "i2", "t1", "t2")
_FWD, _GRADS = "forward", "backward"     # which function's dict an argument must be (see _numbers)


_sigmoid = core.sigmoid


def start_params() -> dict[str, float]:
    """The published starting values of w1..w8, b1, b2 (a fresh dict each call)."""
    return {name: float(EXAMPLE_222_START[name]) for name in PARAM_NAMES}


def check_params(params: Mapping, name: str = "params") -> dict[str, float]:
    """Validate a mapping with exactly the ten names w1..w8, b1, b2 and finite real values."""
    if not isinstance(params, Mapping):
        raise TypeError(_("{name} must be a dict with keys {keys}; got {kind}").format(
            name=name, keys=", ".join(PARAM_NAMES), kind=type(params).__name__))
    missing = [n for n in PARAM_NAMES if n not in params]
    extra = [n for n in params if n not in PARAM_NAMES]
    if missing or extra:
        raise ValueError(_("{name} must have exactly the keys {keys}; missing {missing}, unknown {extra}").format(
            name=name, keys=", ".join(PARAM_NAMES), missing=missing, extra=extra))
    return {n: as_scalar(f"{name}['{n}']", params[n]) for n in PARAM_NAMES}


def _pair(name: str, value) -> tuple[float, float]:
    if isinstance(value, (str, bytes, Mapping)) or not hasattr(value, "__len__") or len(value) != 2:
        raise ValueError(_("{name} must be a pair of two numbers; got {given}").format(name=name,
                                                                                      given=repr(value)[:160]))
    return as_scalar(f"{name}[0]", value[0]), as_scalar(f"{name}[1]", value[1])


def _numbers(name: str, values, needed: tuple[str, ...], kind: str) -> dict[str, float]:
    """A mapping that holds at least the keys ``needed`` with finite real values (e.g. a forward pass);
    ``kind`` names the function whose dict it must be ("forward", "backward"; "" for any dict)."""
    if kind:
        must = _("{name} must be the dict {function}() returns with keys {keys}").format(
            name=name, function=kind, keys=", ".join(needed))
    else:
        must = _("{name} must be a dict with keys {keys}").format(name=name, keys=", ".join(needed))
    if not isinstance(values, Mapping):
        raise TypeError(_("{must}; got {kind}").format(must=must, kind=type(values).__name__))
    missing = [k for k in needed if k not in values]
    if missing:
        raise ValueError(_("{must}; missing {missing}").format(must=must, missing=missing))
    return {**values, **{k: as_scalar(f"{name}['{k}']", values[k]) for k in needed}}


def _part(what: str) -> str:
    """The name of a computed part, in the edition's language."""
    return {"forward pass": _("forward pass"), "backward pass": _("backward pass"),
            "updated parameters": _("updated parameters"), "gradients": _("gradients")}[what]


def _finite_values(values: dict[str, float], what: str) -> dict[str, float]:
    """``values`` if every entry is finite; otherwise a ValueError naming the first that overflowed."""
    bad = next((k for k, v in values.items() if not math.isfinite(v)), None)
    if bad is not None:
        check_finite_result(_("{name} (in the {what})").format(name=bad, what=_part(what)), values[bad],
                            advice=_("Use parameters and inputs of a more moderate size (products must stay "
                                     "below 1.8e308)."))
    return values


def _forward_arguments(params: Mapping | None = None, inputs=INPUTS, targets=TARGETS) -> dict:
    p = start_params() if params is None else check_params(params)
    return {"params": p, "inputs": _pair("inputs", inputs), "targets": _pair("targets", targets)}


def _checked(what: str):
    """A result check: every value finite, else a ValueError naming the first that overflowed."""
    def check(result, call):
        if isinstance(result, dict):
            return _finite_values(result, what)
        return tuple(_finite_values(part, what) for part in result)
    return check


def _overflowed(call) -> str:
    return _("E = ½(t − out)² (in the forward pass)")


forward = guarded(core.forward, _forward_arguments, _checked("forward pass"), what=_overflowed, doc="""Forward
    pass: every named intermediate net_h1, out_h1, net_h2, out_h2, net_o1, out_o1, net_o2, out_o2, E_o1,
    E_o2, E_total (floats), and i1, i2, t1, t2. ``params`` defaults to :func:`start_params`.
    Core: :func:`helpers.core.example222.forward`.
    """)


def _backward_arguments(params: Mapping | None = None, fwd: Mapping | None = None, *,
                        output_weights: Mapping | None = None, inputs=INPUTS, targets=TARGETS) -> dict:
    p = start_params() if params is None else check_params(params)
    f = forward(p, inputs, targets) if fwd is None else _numbers("fwd", fwd, FORWARD_NEEDS, _FWD)
    if output_weights is not None:
        p = {**p, **_numbers("output_weights", output_weights, OUTPUT_WEIGHTS, "")}
    return {"params": p, "fwd": f}


backward = guarded(core.backward, _backward_arguments, _checked("backward pass"), doc="""Backward pass: every
    chain-rule factor and every gradient, by name.

    Output layer (o = o1, o2): ``dE_dout_o1`` = out_o1 − t1, ``dout_o1_dnet_o1`` = out_o1(1 − out_o1),
    ``dE_dnet_o1`` (their product, the delta of o1), ``dnet_o1_dw5`` = out_h1, …, ``dE_dw5`` … ``dE_dw8``,
    ``dE_db2`` (b2 feeds both outputs: the sum of both deltas).
    Hidden layer: the two paths from out_h1 to E, ``dE_o1_dout_h1`` = dE_dnet_o1·w5 and
    ``dE_o2_dout_h1`` = dE_dnet_o2·w7, their sum ``dE_dout_h1``; ``dout_h1_dnet_h1``, ``dE_dnet_h1``,
    ``dnet_h1_dw1`` = i1, …, ``dE_dw1`` … ``dE_dw4``, ``dE_db1``.
    ``output_weights`` (w5..w8) replaces the weights used on the paths back to the hidden layer
    (the "after their update" convention); by default the current w5..w8 are used.
    Core: :func:`helpers.core.example222.backward`.
    """)


def gradients(params: Mapping | None = None) -> dict[str, float]:
    """∂E_total/∂p for every parameter p, keyed by the parameter's name (w1..w8, b1, b2)."""
    g = backward(params)
    return {n: g[f"dE_d{n}"] for n in PARAM_NAMES}


def _update_arguments(params: Mapping | None = None, learning_rate: float = LEARNING_RATE, *,
                      update_biases: bool = False, hidden_uses_updated: bool = False,
                      fwd: Mapping | None = None, grads: Mapping | None = None) -> dict:
    p = start_params() if params is None else check_params(params)
    lr = check_positive("learning_rate", learning_rate)
    update_biases = check_bool("update_biases", update_biases)
    hidden_uses_updated = check_bool("hidden_uses_updated", hidden_uses_updated)
    f = forward(p) if fwd is None else _numbers("fwd", fwd, FORWARD_NEEDS, _FWD)
    g = None if grads is None else dict(_numbers("grads", grads, GRADIENT_NAMES, _GRADS))
    return {"params": p, "learning_rate": lr, "update_biases": update_biases,
            "hidden_uses_updated": hidden_uses_updated, "fwd": f, "grads": g}


def _update_checked(result, call):
    new, used = result
    return _finite_values(new, "updated parameters"), _finite_values(used, "gradients")


update = guarded(core.update, _update_arguments, _update_checked, doc="""One gradient-descent step
    p⁺ = p − η·∂E/∂p. Returns ``(new_params, grads_used)``.

    ``update_biases=False`` keeps b1, b2 fixed (the published walk-through);
    ``hidden_uses_updated=True`` back-propagates to w1..w4 (and b1) through the already-updated
    w5..w8 instead of the old ones. ``fwd``/``grads`` may pass a forward/backward already computed
    for ``params`` (the widget does), to avoid recomputing them. Core: :func:`helpers.core.example222.update`.
    """)


def _train_arguments(params: Mapping | None = None, steps: int = 10_000, learning_rate: float = LEARNING_RATE, *,
                     update_biases: bool = False, hidden_uses_updated: bool = False,
                     callback: Callable[[int], None] | None = None) -> dict:
    p = start_params() if params is None else check_params(params)
    if callback is not None:
        check_callable("callback", callback)
    return {"params": p, "steps": _check_steps(steps), "learning_rate": check_positive("learning_rate", learning_rate),
            "update_biases": check_bool("update_biases", update_biases),
            "hidden_uses_updated": check_bool("hidden_uses_updated", hidden_uses_updated),
            "callback": callback, "inputs": INPUTS, "targets": TARGETS}


def _check_steps(steps) -> int:
    steps = check_int("steps", steps, minimum=0)
    if steps > MAX_STEPS:
        raise ValueError(_("steps must be at most MAX_STEPS = {limit:,} per call (about 2-4 s of training); "
                           "got {steps:,}. Call train again from the parameters it returned to go on.").format(
            limit=MAX_STEPS, steps=steps))
    return steps


def _train_checked(result, call):
    final, losses = result
    bad = next((n for n, loss in enumerate(losses) if not math.isfinite(loss)), None)
    if bad is not None or not all(math.isfinite(v) for v in final.values()):
        done = len(losses) - 1 if bad is None else bad
        check_finite_result(_("training (update {done} of {steps})").format(done=done, steps=call["steps"]), math.inf,
                            advice=_("The parameters overflowed: learning_rate = {lr:g} is too large for them.").format(
                                lr=call["learning_rate"]))
    return final, losses


train = guarded(core.train, _train_arguments, _train_checked, doc="""``steps`` updates from ``params``.

    Returns ``(final_params, losses)`` with ``losses[n]`` = E_total after n updates (``losses[0]`` is the
    starting error, so ``len(losses) == steps + 1``). Note: the error a training loop prints in the
    forward pass of iteration n is ``losses[n - 1]``. ``callback(n)`` is called after each update (e.g. to
    move a progress bar). At most :data:`MAX_STEPS` updates per call; an update that overflows is a
    ValueError that says when. Core: :func:`helpers.core.example222.train` (forward, backward, update).
    """)


def weight_matrices(params: Mapping) -> list[list[list[float]]]:
    """[W1, W2] with W^l[j][k] the weight from neuron k of layer l−1 to neuron j of layer l:
    W1 = [[w1, w2], [w3, w4]], W2 = [[w5, w6], [w7, w8]] (for the network diagram and helpers.mlp)."""
    p = check_params(params)
    return [[[p["w1"], p["w2"]], [p["w3"], p["w4"]]], [[p["w5"], p["w6"]], [p["w7"], p["w8"]]]]
