"""Modular gates (게이트) with a cache, and the CS231n example circuits (notebook 02).

Each gate is a pair in the style of CS231n's ``layers.py``::

    out, cache = multiply_forward(x, y)      # remember what the backward pass will need
    dx, dy = multiply_backward(dout, cache)  # upstream gradient × local gradient, per input

All inputs are scalars (Python floats); ``dout`` is the upstream gradient ∂L/∂out and each returned
gradient is ∂L/∂input = dout × ∂out/∂input. The circuit builders at the end return the lecture's
circuits as :class:`helpers.autograd.Value` graphs with every node labelled.

The gates and circuits themselves are :mod:`helpers.core.gates` (what notebook 02 prints); each public
function here is that function wrapped once by :func:`helpers._checks.guarded`: the inputs validated
(a clear error naming the argument), the result checked finite.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from helpers._checks import as_array, as_scalar, check_bool, check_finite_result, check_int, guarded
from helpers.autograd import Value
from helpers.core import autograd as core_autograd
from helpers.core import gates as core
from helpers.i18n import _

__all__ = [
    "add_forward", "add_backward", "multiply_forward", "multiply_backward", "max_forward", "max_backward",
    "copy_forward", "copy_backward", "reciprocal_forward", "reciprocal_backward", "exp_forward",
    "exp_backward", "add_constant_forward", "add_constant_backward", "scale_forward", "scale_backward",
    "sigmoid_forward", "sigmoid_backward", "add_mul_circuit", "sigmoid_neuron_circuit",
    "gate_patterns_circuit", "staged_circuit",
]


MAX_COPIES = 1_000_000   # copy_forward builds an n-tuple


def _dout(dout: float) -> float:
    return as_scalar("dout", dout)


def _cache(cache, n: int, gate: str) -> tuple[float, ...]:
    """The cache a ``*_forward`` gate returned: a tuple of ``n`` finite numbers."""
    if not isinstance(cache, tuple) or len(cache) != n:
        raise TypeError(_("cache must be the tuple of {n} number(s) that {gate}_forward returned; got {cache!r}")
                        .format(n=n, gate=gate, cache=cache)[:200])
    return tuple(as_scalar(f"cache[{i}]", v) for i, v in enumerate(cache))


def _finite(what: str, value, *inputs: float):
    """``value`` if every number in it is finite; otherwise a ValueError naming ``what`` and the inputs."""
    shown = ", ".join(f"{v:.3g}" for v in inputs)
    return check_finite_result(what, value, advice=_("With the inputs ({shown}) it leaves the float range "
                                                       "(±1.8e308); use inputs of a more moderate size.").format(
                                                           shown=shown))


# ---- validators: the caller's arguments, checked, as the core function's keyword arguments ---------------
def _scalars(*names: str):
    """A validator for a gate whose arguments are the numbers ``names``."""
    def validate(*args, **kwargs) -> dict:
        values = dict(zip(names, args, strict=False)) | kwargs
        missing = [n for n in names if n not in values]
        if missing or len(values) != len(names):
            raise TypeError(_("this gate takes the numbers {names}; got {count} argument(s)").format(
                names=", ".join(names), count=len(args) + len(kwargs)))
        return {n: as_scalar(n, values[n]) for n in names}
    return validate


def _backward(gate: str, n: int):
    """A validator for ``gate_backward(dout, cache)`` with a cache of ``n`` numbers."""
    def validate(dout, cache) -> dict:
        return {"dout": _dout(dout), "cache": _cache(cache, n, gate)}
    return validate


def _reciprocal_forward(x) -> dict:
    x = as_scalar("x", x)
    if x == 0.0:
        raise ValueError(_("x must be non-zero for the 1/x gate; got 0.0"))
    return {"x": x}


def _reciprocal_backward(dout, cache) -> dict:
    arguments = _backward("reciprocal", 1)(dout, cache)
    if arguments["cache"][0] == 0.0:
        raise ValueError(_("cache[0] (x) must be non-zero for the 1/x gate; got 0.0"))
    return arguments


def _exp_forward(x) -> dict:
    x = as_scalar("x", x)
    if x > 709.78:
        raise ValueError(_("x must be at most 709.78 for exp to stay finite; got {x}").format(x=x))
    return {"x": x}


def _max_backward(dout, cache) -> dict:
    if not isinstance(cache, tuple) or len(cache) != 1:
        raise TypeError(_("cache must be the tuple (x_won,) that max_forward returned; got {cache!r}")
                        .format(cache=cache)[:200])
    return {"dout": _dout(dout), "cache": (check_bool("cache[0] (x_won)", cache[0]),)}


def _copy_forward(x, n=2) -> dict:
    return {"x": as_scalar("x", x), "n": check_int("n", n, minimum=1, maximum=MAX_COPIES)}


def _copy_backward(douts, cache) -> dict:
    if not isinstance(cache, tuple) or len(cache) != 1:
        raise TypeError(_("cache must be the tuple (n,) that copy_forward returned; got {cache!r}")
                        .format(cache=cache)[:200])
    n = check_int("cache[0] (n)", cache[0], minimum=1, maximum=MAX_COPIES)
    if isinstance(douts, np.ndarray) and douts.ndim == 1:
        douts = douts.tolist()
    if isinstance(douts, (str, bytes)) or not isinstance(douts, Sequence) or len(douts) != n:
        raise ValueError(_("douts must be a sequence of {n} upstream gradients, one per copy; got {douts!r}")
                         .format(n=n, douts=douts)[:200])
    return {"douts": [as_scalar(f"douts[{i}]", d) for i, d in enumerate(douts)], "cache": (n,)}


def _sigmoid_backward(dout, cache) -> dict:
    arguments = _backward("sigmoid", 1)(dout, cache)
    if not 0.0 <= arguments["cache"][0] <= 1.0:
        raise ValueError(_("cache[0] (σ(x)) must be in [0, 1], as sigmoid_forward returns it; got {s}").format(
            s=cache[0]))
    return arguments


def _checked(what):
    """A result check: every number finite, else a ValueError naming ``what`` (a formula, or a function
    giving the words in the edition's language) and the inputs."""
    def check(result, arguments):
        inputs = [v for v in arguments.values() if isinstance(v, float)]
        inputs += [v for v in arguments.get("cache", ()) if isinstance(v, float)]
        inputs += list(arguments.get("douts", ()))
        return _finite(what() if callable(what) else what, result, *inputs)
    return check


# ---- the gates: (core function, validator, what its result is) ----------------------------------------------
add_forward = guarded(core.add_forward, _scalars("x", "y"), _checked("x + y"))
add_backward = guarded(core.add_backward, _backward("add", 0))
multiply_forward = guarded(core.multiply_forward, _scalars("x", "y"), _checked("x · y"))
multiply_backward = guarded(core.multiply_backward, _backward("multiply", 2),
                            _checked(lambda: _("dout · y or dout · x")))
max_forward = guarded(core.max_forward, _scalars("x", "y"))
max_backward = guarded(core.max_backward, _max_backward)
copy_forward = guarded(core.copy_forward, _copy_forward)
copy_backward = guarded(core.copy_backward, _copy_backward, _checked(lambda: _("the sum of douts")),
                        what=lambda a: _("the sum of douts"))
reciprocal_forward = guarded(core.reciprocal_forward, _reciprocal_forward, _checked("1/x"))
reciprocal_backward = guarded(core.reciprocal_backward, _reciprocal_backward, _checked("dout · (−1/x²)"),
                              what=lambda a: "dout · (−1/x²)")
exp_forward = guarded(core.exp_forward, _exp_forward)
exp_backward = guarded(core.exp_backward, _backward("exp", 1), _checked("dout · eˣ"))
add_constant_forward = guarded(core.add_constant_forward, _scalars("x", "c"), _checked("x + c"))
add_constant_backward = guarded(core.add_constant_backward, _backward("add_constant", 0))
scale_forward = guarded(core.scale_forward, _scalars("x", "a"), _checked("a · x"))
scale_backward = guarded(core.scale_backward, _backward("scale", 1), _checked("dout · a"))
sigmoid_forward = guarded(core.sigmoid_forward, _scalars("x"))
sigmoid_backward = guarded(core.sigmoid_backward, _sigmoid_backward)


# ---- the lecture's circuits as Value graphs -------------------------------------------------------
def _entries(name: str, values, size: int) -> list[float]:
    """``values`` (``size`` numbers), validated under ``name``."""
    arr = as_array(name, values, ndim=1)
    if arr.shape != (size,):
        raise ValueError(_("{name} must have {size} entries; got {count}").format(name=name, size=size,
                                                                                 count=arr.shape[0]))
    return [float(v) for v in arr]


def _circuit(nodes: dict, arguments: dict) -> dict[str, Value]:
    """Refuse a circuit whose value overflowed (naming the gate); its nodes become checked Values."""
    for node in core_autograd.topological_order(nodes["f"]):
        if not (math.isfinite(node.data) and all(math.isfinite(d) for d in node._local)):
            inputs = ", ".join(f"{k} = {v:.3g}" for k, v in arguments.items() if isinstance(v, float))
            raise ValueError(_("the result of '{op}' ({label}) is too large for this computation (beyond ±1.8e308, "
                               "the largest float) with {inputs}; use inputs of a more moderate size").format(
                                   op=node.op, label=node.label, inputs=inputs or _("these inputs")))
        node.__class__ = Value
    return nodes


def _overflowed_gate(arguments: dict) -> str:
    return _("a gate of this circuit ('**2' or '**-1', the square or the reciprocal)")


add_mul_circuit = guarded(core.add_mul_circuit, _scalars("x", "y", "z"), _circuit, what=_overflowed_gate)
sigmoid_neuron_circuit = guarded(
    core.sigmoid_neuron_circuit,
    lambda w, x, collapsed=False: {"collapsed": check_bool("collapsed", collapsed), "w": _entries("w", w, 3),
                                   "x": _entries("x", x, 2)},
    _circuit, what=_overflowed_gate)
gate_patterns_circuit = guarded(core.gate_patterns_circuit, _scalars("x", "y", "z", "w"), _circuit,
                                what=_overflowed_gate)
staged_circuit = guarded(core.staged_circuit, _scalars("x", "y"), _circuit, what=_overflowed_gate)
