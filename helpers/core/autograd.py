"""A scalar autograd engine, micrograd's ``Value`` (notebook 02), plus what the backward stepper shows.

Each operation makes its output ``Value``, records the local gradients ∂out/∂input in ``_local``, and
attaches a ``_backward`` closure that adds ``local × out.grad`` into each input with ``+=``: a value
used twice (``a + a``) receives one contribution per use, the sum over its paths. ``backward()`` visits
the graph in reverse topological order (found with an explicit stack: no recursion limit, linear time).
(No checks: helpers.autograd.Value validates each input and refuses a result that overflowed.)
"""

import math


class Value:
    """One scalar node: ``data`` forward, ``grad`` = ∂output/∂self after ``backward()``."""

    def __init__(self, data, _children=(), _op="", label=""):
        self.data = data
        self.grad = 0.0
        self.label = label
        self.op = _op
        self._prev = tuple(_children)              # the inputs of _op, one entry per use
        self._local = ()                           # ∂self/∂input for each entry of _prev
        self._backward = lambda: None

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other, label=f"{other:g}")
        out = Value(self.data + other.data, (self, other), "+")
        out._local = (1.0, 1.0)                    # add distributes: both local gradients are 1

        def _backward():
            self.grad += 1.0 * out.grad
            other.grad += 1.0 * out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other, label=f"{other:g}")
        out = Value(self.data * other.data, (self, other), "*")
        out._local = (other.data, self.data)       # multiply swaps the inputs

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __pow__(self, n):
        out = Value(self.data ** n, (self,), f"**{n:g}")
        out._local = (n * self.data ** (n - 1),)   # the power rule

        def _backward():
            self.grad += n * self.data ** (n - 1) * out.grad
        out._backward = _backward
        return out

    def __sub__(self, other):
        other = other if isinstance(other, Value) else Value(other, label=f"{other:g}")
        out = Value(self.data - other.data, (self, other), "-")
        out._local = (1.0, -1.0)

        def _backward():
            self.grad += 1.0 * out.grad
            other.grad += -1.0 * out.grad
        out._backward = _backward
        return out

    def __truediv__(self, other):
        other = other if isinstance(other, Value) else Value(other, label=f"{other:g}")
        out = Value(self.data / other.data, (self, other), "/")
        out._local = (1.0 / other.data, -out.data / other.data)    # ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −(a/b)/b

        def _backward():
            self.grad += out._local[0] * out.grad
            other.grad += out._local[1] * out.grad
        out._backward = _backward
        return out

    def max(self, other):
        """max(self, other): the gradient goes to the larger input (to ``self`` on a tie)."""
        other = other if isinstance(other, Value) else Value(other, label=f"{other:g}")
        self_wins = self.data >= other.data
        out = Value(max(self.data, other.data), (self, other), "max")
        out._local = (1.0, 0.0) if self_wins else (0.0, 1.0)       # max routes to the winner

        def _backward():
            self.grad += out._local[0] * out.grad
            other.grad += out._local[1] * out.grad
        out._backward = _backward
        return out

    def __neg__(self):
        return self._unary(-self.data, "neg", -1.0)

    def exp(self):
        e = math.exp(self.data)
        return self._unary(e, "exp", e)                        # d e^x = e^x

    def log(self):
        return self._unary(math.log(self.data), "log", 1.0 / self.data)   # d ln x = 1/x

    def tanh(self):
        t = math.tanh(self.data)
        return self._unary(t, "tanh", 1.0 - t * t)             # d tanh = 1 − tanh²

    def sigmoid(self):
        x = self.data                                          # stable: never e^(large positive)
        s = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
        return self._unary(s, "sigmoid", s * (1.0 - s))        # σ' = σ(1 − σ)

    def relu(self):
        return self._unary(max(self.data, 0.0), "relu", 1.0 if self.data > 0 else 0.0)

    def _unary(self, data, op, local):
        """The output of a one-input gate: its backward adds local × out.grad into self.grad."""
        out = Value(data, (self,), op)
        out._local = (local,)

        def _backward():
            self.grad += local * out.grad
        out._backward = _backward
        return out

    def __radd__(self, other):                         # 2 + v, 2 - v, 2 * v, 2 / v: other is the number
        return Value.__add__(Value(other, label=f"{other:g}"), self)

    def __rsub__(self, other):
        return Value.__sub__(Value(other, label=f"{other:g}"), self)

    def __rmul__(self, other):
        return Value.__mul__(Value(other, label=f"{other:g}"), self)

    def __rtruediv__(self, other):
        return Value.__truediv__(Value(other, label=f"{other:g}"), self)

    def backward(self, accumulate=False):
        """Fill every node's ``grad`` with ∂self/∂node. Gradients start from 0 (the leaves keep theirs
        and add to them with ``accumulate=True``, as PyTorch does)."""
        order = topological_order(self)
        for node in order:
            if not accumulate or node._prev:
                node.grad = 0.0
        self.grad += 1.0                               # seed: ∂self/∂self = 1
        for node in reversed(order):
            node._backward()

    def zero_grad(self):
        """Set the gradient of every node in this graph to 0."""
        for node in topological_order(self):
            node.grad = 0.0

    @property
    def children(self):
        return self._prev

    @property
    def local_grads(self):
        return self._local

    def __repr__(self):
        name = f"{self.label}, " if self.label else ""
        return f"Value({name}data={self.data:.6g}, grad={self.grad:.6g})"


def maximum(a, b):
    """max(a, b) as a gate that routes the gradient to the larger input (``a`` on a tie)."""
    return (a if isinstance(a, Value) else Value(a, label=f"{a:g}")).max(b)


def topological_order(root):
    """Every node of root's graph, each after all of its inputs (root last): depth-first with an explicit
    stack, so a chain a million operations deep needs no recursion."""
    order, done, stack = [], set(), [root]
    while stack:
        node = stack[-1]
        inputs_left = [child for child in node._prev if child not in done]
        if node in done:
            stack.pop()
        elif inputs_left:
            stack.extend(reversed(inputs_left))       # visit the inputs first, the first input first
        else:
            done.add(node)
            order.append(stack.pop())
    return order
