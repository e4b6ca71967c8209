"""A scalar autograd engine: :class:`Value` (taught in notebook 02, computational graphs and gates).

Every operation builds its output ``Value`` and, a few lines below, a tiny ``_backward`` closure that
adds ``local derivative × out.grad`` into each input with ``+=``. The ``+=`` is the lesson: a value used
twice (``b = a + a``) receives one contribution per use, so its gradient is the sum over its paths.

``backward()`` sorts the graph topologically with an explicit stack (no recursion, so a chain 10,000
operations deep works), then runs the closures from the output back to the inputs.

Calling ``backward()`` twice: by default it first resets every gradient in the graph to 0, so it is
idempotent (call it as often as you like, you get the same numbers). ``backward(accumulate=True)``
keeps the gradients already stored on the leaves (the inputs) and adds the new ones, as PyTorch does;
after two such calls every leaf shows twice its gradient — the "forgot to zero the gradients" slip.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from helpers._checks import as_scalar, check_bool

__all__ = ["Value", "maximum", "topological_order", "reverse_topological_order", "Term",
           "BackwardStep", "backward_steps"]

_LIMIT = "beyond ±1.8e308, the largest float"


def _finite(x: float, op: str) -> float:
    """Return ``x`` if finite; otherwise say which operation overflowed."""
    if not math.isfinite(x):
        raise ValueError(f"the result of '{op}' is not finite ({x}): it is too large for this computation "
                         f"({_LIMIT}); use smaller inputs")
    return x


def _quotient_slope(a: float, b: float) -> float:
    """∂(a/b)/∂b = −a/b²; where b² leaves the float range, the same value as −(a/b)/b."""
    try:
        return -a / b ** 2
    except (OverflowError, ZeroDivisionError):
        return -(a / b) / b


def _power(x: float, n: float) -> tuple[float, float]:
    """x ** n and its derivative n·x^(n−1); Python's OverflowError becomes a clear ValueError."""
    try:
        return x ** n, n * x ** (n - 1)
    except (OverflowError, ZeroDivisionError) as exc:
        raise ValueError(f"the result of '**{n:g}' (or its derivative) at x = {x:g} is too large for this "
                         f"computation ({_LIMIT}); use a smaller input or exponent") from exc


class Value:
    """One scalar node of a computational graph (계산 그래프).

    ``data`` is the forward value, ``grad`` the derivative of the output with respect to this node
    (filled in by :meth:`backward`), ``op`` the operation that made it ('' for an input), ``label`` a
    name for drawings, ``children`` the inputs of ``op`` (one entry per use, so ``a + a`` has ``(a, a)``)
    and ``local_grads`` the local gradients (국소 기울기) ∂self/∂child, one per entry of ``children``.
    """

    def __init__(self, data: float, label: str | tuple[Value, ...] = "", op: str = "", *,
                 _children: tuple[Value, ...] = (), _op: str = ""):
        self.data = as_scalar("data", data)
        if isinstance(label, (tuple, list)):          # micrograd's order: Value(data, _children, _op)
            label, _children, _op = "", tuple(label), op or _op
        elif op:
            raise TypeError("the third argument is the operation only in micrograd's order, "
                            "Value(t, (x,), 'tanh'); with a label write Value(t, 'name', _children=(x,), _op='tanh')")
        if not isinstance(label, str):
            raise TypeError(f"label must be a string; got {type(label).__name__}")
        if not all(isinstance(child, Value) for child in _children):
            raise TypeError("_children must hold the input Value nodes, e.g. (x,) for a gate with one input")
        self.label = label
        self.grad = 0.0
        self.op = _op
        self._prev = tuple(_children)
        self._local: tuple[float, ...] = ()
        self._backward: Callable[[], None] = lambda: None

    @property
    def children(self) -> tuple[Value, ...]:
        return self._prev

    @property
    def local_grads(self) -> tuple[float, ...]:
        return self._local

    def __repr__(self) -> str:
        name = f"{self.label}, " if self.label else ""
        return f"Value({name}data={self.data:.6g}, grad={self.grad:.6g})"

    def _made(self, backward: Callable[[], None], local: tuple[float, ...]) -> Value:
        """Attach the backward closure and the local gradients to a freshly made output."""
        local = tuple(float(d) for d in local)
        if not all(math.isfinite(d) for d in local):
            raise ValueError(f"the local gradient of '{self.op}' is too large for this computation ({_LIMIT}): "
                             f"{local}; use inputs that keep it finite (e.g. a divisor further from 0)")
        self._backward, self._local = backward, local
        return self

    # ---- binary gates: forward rule, local gradients, then the += lines -------------------------
    def __add__(self, other: Value | float) -> Value:
        other = _as_value(other)
        out = Value(_finite(self.data + other.data, "+"), _children=(self, other), _op="+")
        d_self, d_other = 1.0, 1.0                    # add distributes: both local gradients are 1

        def _backward():
            self.grad += d_self * out.grad
            other.grad += d_other * out.grad
        return out._made(_backward, (d_self, d_other))

    def __sub__(self, other: Value | float) -> Value:
        other = _as_value(other)
        out = Value(_finite(self.data - other.data, "-"), _children=(self, other), _op="-")
        d_self, d_other = 1.0, -1.0

        def _backward():
            self.grad += d_self * out.grad
            other.grad += d_other * out.grad
        return out._made(_backward, (d_self, d_other))

    def __mul__(self, other: Value | float) -> Value:
        other = _as_value(other)
        out = Value(_finite(self.data * other.data, "*"), _children=(self, other), _op="*")
        d_self, d_other = other.data, self.data       # multiply swaps the inputs

        def _backward():
            self.grad += d_self * out.grad
            other.grad += d_other * out.grad
        return out._made(_backward, (d_self, d_other))

    def __truediv__(self, other: Value | float) -> Value:
        other = _as_value(other)
        if other.data == 0.0:
            raise ValueError(f"cannot divide by zero: the divisor {other.label or 'Value'} has data 0.0")
        out = Value(_finite(self.data / other.data, "/"), _children=(self, other), _op="/")
        d_self, d_other = 1.0 / other.data, _quotient_slope(self.data, other.data)   # d(a/b) = 1/b, -a/b²

        def _backward():
            self.grad += d_self * out.grad
            other.grad += d_other * out.grad
        return out._made(_backward, (d_self, d_other))

    def max(self, other: Value | float) -> Value:
        """max(self, other); on a tie the gradient goes to ``self``."""
        other = _as_value(other)
        self_wins = self.data >= other.data
        out = Value(max(self.data, other.data), _children=(self, other), _op="max")
        d_self, d_other = (1.0, 0.0) if self_wins else (0.0, 1.0)   # max routes to the winner

        def _backward():
            self.grad += d_self * out.grad
            other.grad += d_other * out.grad
        return out._made(_backward, (d_self, d_other))

    # ---- unary gates -----------------------------------------------------------------------------
    def __pow__(self, exponent: float) -> Value:
        if isinstance(exponent, Value):
            raise TypeError("exponent must be a plain number, not a Value (write exp(n * log(x)) instead)")
        n = as_scalar("exponent", exponent)
        x = self.data
        if x < 0 and not n.is_integer():
            raise ValueError(f"cannot raise the negative number {x} to the non-integer power {n}")
        if x == 0 and n < 1 and n != 0:
            raise ValueError(f"x ** {n} has no finite derivative at x = 0")
        power, d_self = _power(x, n)                  # x**n, and the power rule n·x^(n−1)
        out = Value(_finite(power, f"**{n:g}"), _children=(self,), _op=f"**{n:g}")

        def _backward():
            self.grad += d_self * out.grad
        return out._made(_backward, (d_self,))

    def __neg__(self) -> Value:
        out = Value(-self.data, _children=(self,), _op="neg")
        d_self = -1.0

        def _backward():
            self.grad += d_self * out.grad
        return out._made(_backward, (d_self,))

    def exp(self) -> Value:
        if self.data > 709.78:
            raise ValueError(f"exp({self.data}) overflows a float (the limit is about exp(709.78))")
        out = Value(math.exp(self.data), _children=(self,), _op="exp")
        d_self = out.data                             # d e^x = e^x

        def _backward():
            self.grad += d_self * out.grad
        return out._made(_backward, (d_self,))

    def log(self) -> Value:
        if self.data <= 0:
            raise ValueError(f"log needs a positive input; got {self.data}")
        out = Value(math.log(self.data), _children=(self,), _op="log")
        d_self = 1.0 / self.data                      # d ln x = 1/x

        def _backward():
            self.grad += d_self * out.grad
        return out._made(_backward, (d_self,))

    def tanh(self) -> Value:
        t = math.tanh(self.data)
        out = Value(t, _children=(self,), _op="tanh")
        d_self = 1.0 - t * t                          # d tanh = 1 - tanh²

        def _backward():
            self.grad += d_self * out.grad
        return out._made(_backward, (d_self,))

    def sigmoid(self) -> Value:
        x = self.data                                 # stable: never exp of a large positive number
        s = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
        out = Value(s, _children=(self,), _op="sigmoid")
        d_self = s * (1.0 - s)                        # σ' = σ(1 - σ)

        def _backward():
            self.grad += d_self * out.grad
        return out._made(_backward, (d_self,))

    def relu(self) -> Value:
        out = Value(max(self.data, 0.0), _children=(self,), _op="relu")
        d_self = 1.0 if self.data > 0 else 0.0

        def _backward():
            self.grad += d_self * out.grad
        return out._made(_backward, (d_self,))

    # ---- reflected operators: 2 + v, 2 - v, 2 * v, 1 / v ----------------------------------------
    def __radd__(self, other: float) -> Value:
        return _as_value(other) + self

    def __rsub__(self, other: float) -> Value:
        return _as_value(other) - self

    def __rmul__(self, other: float) -> Value:
        return _as_value(other) * self

    def __rtruediv__(self, other: float) -> Value:
        return _as_value(other) / self

    def __rpow__(self, base: float) -> Value:
        raise TypeError("a Value cannot be an exponent (only x ** n with a plain number n is a gate here); "
                        f"got {base!r} ** Value; write (n * x.log()).exp() for e^(n ln x)")

    # ---- the backward pass -----------------------------------------------------------------------
    def backward(self, accumulate: bool = False) -> None:
        """Fill ``.grad`` of every node with ∂self/∂node.

        ``accumulate=False`` (default): reset every gradient in the graph first, so calling twice
        gives the same numbers. ``accumulate=True``: keep the leaves' gradients and add to them.
        A gradient that overflows (the local gradients along a path multiply beyond the float range)
        is a ValueError naming the node; every gradient in the graph is then reset to 0.
        """
        accumulate = check_bool("accumulate", accumulate)
        order = topological_order(self)
        for node in order:
            if not accumulate or node._prev:
                node.grad = 0.0
        self.grad += 1.0                              # seed: ∂self/∂self = 1
        for node in reversed(order):
            node._backward()
        bad = next((node for node in reversed(order) if not math.isfinite(node.grad)), None)
        if bad is not None:
            name = bad.label or (f"the output of '{bad.op}'" if bad.op else "an input")
            for node in order:
                node.grad = 0.0
            raise ValueError(f"the gradient of {name} is too large for this computation ({_LIMIT}): the local "
                             "gradients along its paths multiply to more than the largest float. Use smaller "
                             "inputs; the graph's gradients were reset to 0")

    def zero_grad(self) -> None:
        """Set the gradient of every node in this graph to 0."""
        for node in topological_order(self):
            node.grad = 0.0


def _as_value(x: Value | float) -> Value:
    """A plain number becomes a constant leaf labelled with its value (e.g. '1')."""
    if isinstance(x, Value):
        return x
    c = as_scalar("the other operand", x)
    return Value(c, f"{c:g}")


def maximum(a: Value | float, b: Value | float) -> Value:
    """max(a, b) as a gate that routes the gradient to the larger input (``a`` on a tie)."""
    return _as_value(a).max(b)


def topological_order(root: Value) -> list[Value]:
    """Every node of ``root``'s graph, each after all of its inputs (inputs first, ``root`` last).

    Iterative depth-first search with an explicit stack: no recursion limit.
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value; got {type(root).__name__}")
    order: list[Value] = []
    visited: set[int] = set()
    stack: list[tuple[Value, bool]] = [(root, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            order.append(node)
            continue
        if id(node) in visited:
            continue
        visited.add(id(node))
        stack.append((node, True))
        for child in reversed(node._prev):
            if id(child) not in visited:
                stack.append((child, False))
    return order


def reverse_topological_order(root: Value) -> list[Value]:
    """The order the backward pass visits nodes: ``root`` first, every node before its inputs."""
    return topological_order(root)[::-1]


# The step-by-step description of a backward pass (Term, BackwardStep, backward_steps) lives in its own
# module; it is part of this module's API.
from helpers.backward_steps import BackwardStep, Term, backward_steps  # noqa: E402
