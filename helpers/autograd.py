"""A scalar autograd engine: :class:`Value` (taught in notebook 02, computational graphs and gates).

The engine itself is :mod:`helpers.core.autograd` (what notebook 02 prints): micrograd's ``Value``,
each operation a forward rule, its local gradients and a ``_backward`` closure that adds
``local × out.grad`` into each input with ``+=``. The ``Value`` here is the same class with every
operation wrapped once (:func:`helpers._checks.guarded`): its inputs are validated, and a result or a
local gradient that overflowed is a clear ValueError naming the operation, never inf or NaN.

Calling ``backward()`` twice: by default it first resets every gradient in the graph to 0, so it is
idempotent. ``backward(accumulate=True)`` keeps the gradients already stored on the leaves and adds
the new ones, as PyTorch does — the "forgot to zero the gradients" slip. The backward pass takes time
linear in the graph's size (a chain of a million operations: about 4 s of CPU on the course machine).
"""

from __future__ import annotations

import math

from helpers._checks import as_scalar, check_bool, guarded
from helpers.backward_steps import BackwardStep, Term, backward_steps
from helpers.core import autograd as core
from helpers.i18n import _

__all__ = ["Value", "maximum", "topological_order", "reverse_topological_order", "Term",
           "BackwardStep", "backward_steps"]

def _operand(x) -> Value:
    """A plain number becomes a constant leaf labelled with its value (e.g. '1')."""
    if isinstance(x, core.Value):
        return x
    c = as_scalar(_("the other operand"), x)
    return Value(c, f"{c:g}")


def _binary(self, other) -> dict:
    return {"self": self, "other": _operand(other)}


def _reflected(self, other) -> dict:
    return {"self": self, "other": as_scalar(_("the other operand"), other)}


def _divide(self, other) -> dict:
    other = _operand(other)
    if other.data == 0.0:
        raise ValueError(_("cannot divide by zero: the divisor {divisor} has data 0.0").format(
            divisor=other.label or "Value"))
    return {"self": self, "other": other}


def _reflected_divide(self, other) -> dict:
    if self.data == 0.0:
        raise ValueError(_("cannot divide by zero: the divisor {divisor} has data 0.0").format(
            divisor=self.label or "Value"))
    return _reflected(self, other)


def _power(self, n) -> dict:
    if isinstance(n, core.Value):
        raise TypeError(_("exponent must be a plain number, not a Value (write exp(n * log(x)) instead)"))
    n = as_scalar("exponent", n)
    if self.data < 0 and not n.is_integer():
        raise ValueError(_("cannot raise the negative number {x} to the non-integer power {n}").format(
            x=self.data, n=n))
    if self.data == 0 and n < 1 and n != 0:
        raise ValueError(_("x ** {n} has no finite derivative at x = 0").format(n=n))
    return {"self": self, "n": n}


def _exp(self) -> dict:
    if self.data > 709.78:
        raise ValueError(_("exp({x}) overflows a float (the limit is about exp(709.78))").format(x=self.data))
    return {"self": self}


def _log(self) -> dict:
    if self.data <= 0:
        raise ValueError(_("log needs a positive input; got {x}").format(x=self.data))
    return {"self": self}


def _node(out: core.Value, arguments: dict) -> Value:
    """Refuse an output (or local gradient) that overflowed; the new nodes join the checked graph."""
    if not math.isfinite(out.data):
        raise ValueError(_("the result of '{op}' is not finite ({value}): it is too large for this computation "
                           "(beyond ±1.8e308, the largest float); use smaller inputs").format(
                             op=out.op, value=out.data))
    if not all(math.isfinite(d) for d in out._local):
        raise ValueError(_("the local gradient of '{op}' is too large for this computation (beyond ±1.8e308, the "
                           "largest float): {local}; use inputs that keep it finite (e.g. a divisor further from "
                           "0)").format(op=out.op, local=out._local))
    out._local = tuple(float(d) for d in out._local)
    for node in (out, *out._prev):
        if type(node) is core.Value:
            node.__class__ = Value
    return out


def _backward_arguments(self, accumulate=False) -> dict:
    return {"self": self, "accumulate": check_bool("accumulate", accumulate)}


def _gradients(_result, arguments: dict) -> None:
    """A gradient that overflowed is a ValueError naming the node; the graph's gradients are reset to 0."""
    order = core.topological_order(arguments["self"])
    bad = next((node for node in reversed(order) if not math.isfinite(node.grad)), None)
    if bad is not None:
        name = bad.label or (_("the output of '{op}'").format(op=bad.op) if bad.op else _("an input"))
        for node in order:
            node.grad = 0.0
        raise ValueError(_("the gradient of {name} is too large for this computation (beyond ±1.8e308, the largest "
                           "float): the local gradients along its paths multiply to more than the largest float. "
                           "Use smaller inputs; the graph's gradients were reset to 0").format(name=name))


class Value(core.Value):
    """One scalar node of a computational graph (계산 그래프): :class:`helpers.core.autograd.Value`,
    checked.

    ``data`` is the forward value, ``grad`` the derivative of the output with respect to this node
    (filled in by :meth:`backward`), ``op`` the operation that made it ('' for an input), ``label`` a
    name for drawings, ``children`` the inputs of ``op`` (one entry per use, so ``a + a`` has ``(a, a)``)
    and ``local_grads`` the local gradients (국소 기울기) ∂self/∂child, one per entry of ``children``.
    ``Value(data, label)``, or micrograd's order ``Value(data, (x,), 'tanh')``.
    """

    def __init__(self, data: float, label: str | tuple = "", op: str = "", *,
                 _children: tuple = (), _op: str = ""):
        data = as_scalar("data", data)
        if isinstance(label, (tuple, list)):          # micrograd's order: Value(data, _children, _op)
            label, _children, _op = "", tuple(label), op or _op
        elif op:
            raise TypeError(_("the third argument is the operation only in micrograd's order, "
                              "Value(t, (x,), 'tanh'); with a label write Value(t, 'name', _children=(x,), "
                              "_op='tanh')"))
        if not isinstance(label, str):
            raise TypeError(_("label must be a string; got {kind}").format(kind=type(label).__name__))
        if not all(isinstance(child, core.Value) for child in _children):
            raise TypeError(_("_children must hold the input Value nodes, e.g. (x,) for a gate with one input"))
        super().__init__(data, _children, _op, label)

    __add__ = guarded(core.Value.__add__, _binary, _node)
    __sub__ = guarded(core.Value.__sub__, _binary, _node)
    __mul__ = guarded(core.Value.__mul__, _binary, _node)
    __truediv__ = guarded(core.Value.__truediv__, _divide, _node)
    max = guarded(core.Value.max, _binary, _node)
    __pow__ = guarded(core.Value.__pow__, _power, _node,
                      what=lambda a: _("'**{n:g}' (or its derivative) at x = {x:g}").format(n=a["n"], x=a["self"].data))
    __neg__ = guarded(core.Value.__neg__, lambda self: {"self": self}, _node)
    exp = guarded(core.Value.exp, _exp, _node)
    log = guarded(core.Value.log, _log, _node)
    tanh = guarded(core.Value.tanh, lambda self: {"self": self}, _node)
    sigmoid = guarded(core.Value.sigmoid, lambda self: {"self": self}, _node)
    relu = guarded(core.Value.relu, lambda self: {"self": self}, _node)
    __radd__ = guarded(core.Value.__radd__, _reflected, _node)
    __rsub__ = guarded(core.Value.__rsub__, _reflected, _node)
    __rmul__ = guarded(core.Value.__rmul__, _reflected, _node)
    __rtruediv__ = guarded(core.Value.__rtruediv__, _reflected_divide, _node)
    backward = guarded(core.Value.backward, _backward_arguments, _gradients, doc="""Fill ``.grad`` of every
        node with ∂self/∂node. ``accumulate=False`` (default): reset every gradient in the graph first,
        so calling twice gives the same numbers; ``accumulate=True``: keep the leaves' gradients and add.
        A gradient that overflows is a ValueError naming the node; every gradient is then reset to 0.""")

    def __rpow__(self, base: float) -> Value:
        raise TypeError(_("a Value cannot be an exponent (only x ** n with a plain number n is a gate here); "
                          "got {base!r} ** Value; write (n * x.log()).exp() for e^(n ln x)").format(base=base))


def _root(root) -> dict:
    if not isinstance(root, core.Value):
        raise TypeError(_("root must be a Value; got {kind}").format(kind=type(root).__name__))
    return {"root": root}


maximum = guarded(core.maximum, lambda a, b: {"a": _operand(a), "b": b}, _node)
topological_order = guarded(core.topological_order, _root)


def reverse_topological_order(root: Value) -> list[Value]:
    """The order the backward pass visits nodes: ``root`` first, every node before its inputs."""
    return topological_order(root)[::-1]
