"""Gates as forward/backward pairs with a cache, and the CS231n circuits (notebook 02).

In the style of CS231n's ``layers.py``: ``out, cache = g_forward(x, y)`` remembers what the backward
pass needs; ``dx, dy = g_backward(dout, cache)`` returns upstream × local for each input, where
``dout`` = ∂L/∂out. The circuits are the lecture's, built gate by gate as Value graphs.
(No checks: helpers.gates validates the arguments, calls these functions and checks the result.)
"""

import math

from helpers.core.autograd import Value


def add_forward(x, y):
    return x + y, ()                    # add distributes: both local gradients are 1


def add_backward(dout, cache):
    return dout, dout


def multiply_forward(x, y):
    return x * y, (x, y)                # each local gradient is the *other* input


def multiply_backward(dout, cache):
    x, y = cache
    return dout * y, dout * x           # multiply swaps and scales


def max_forward(x, y):
    return max(x, y), (x >= y,)         # remember which input won (x on a tie)


def max_backward(dout, cache):
    (x_won,) = cache
    return (dout, 0.0) if x_won else (0.0, dout)     # max routes dout to the winner


def copy_forward(x, n=2):
    return (x,) * n, (n,)               # fan-out: the same value to n consumers


def copy_backward(douts, cache):
    return math.fsum(douts)             # a copy gate adds its consumers' gradients


def reciprocal_forward(x):
    return 1.0 / x, (x,)


def reciprocal_backward(dout, cache):
    (x,) = cache
    return dout * (-1.0 / x ** 2)       # d(1/x) = −1/x²


def exp_forward(x):
    out = math.exp(x)
    return out, (out,)                  # d eˣ = eˣ: keep the output


def exp_backward(dout, cache):
    (out,) = cache
    return dout * out


def add_constant_forward(x, c):
    return x + c, ()


def add_constant_backward(dout, cache):
    return dout                         # local gradient 1, whatever c is


def scale_forward(x, a):
    return a * x, (a,)


def scale_backward(dout, cache):
    (a,) = cache
    return dout * a


def sigmoid_forward(x):
    s = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))   # never e^(large)
    return s, (s,)


def sigmoid_backward(dout, cache):
    (s,) = cache
    return dout * s * (1.0 - s)         # σ' = σ(1 − σ): the collapsed gate needs only its output


def add_mul_circuit(x, y, z):
    """f = (x + y) · z with the intermediate q = x + y."""
    n = {"x": Value(x, label="x"), "y": Value(y, label="y"), "z": Value(z, label="z")}
    n["q"] = n["x"] + n["y"]
    n["f"] = n["q"] * n["z"]
    return _labelled(n)


def sigmoid_neuron_circuit(w, x, collapsed=False):
    """f = σ(w0·x0 + w1·x1 + w2), gate by gate (−1, exp, +1, 1/x) or with one sigmoid gate."""
    n = {f"w{i}": Value(v, label=f"w{i}") for i, v in enumerate(w)}
    n.update({f"x{i}": Value(v, label=f"x{i}") for i, v in enumerate(x)})
    n["w0x0"] = n["w0"] * n["x0"]
    n["w1x1"] = n["w1"] * n["x1"]
    n["s"] = n["w0x0"] + n["w1x1"]
    n["dot"] = n["s"] + n["w2"]
    if collapsed:
        n["f"] = n["dot"].sigmoid()
    else:
        n["neg"] = -n["dot"]
        n["exp"] = n["neg"].exp()
        n["den"] = n["exp"] + 1.0
        n["f"] = n["den"] ** -1
    return _labelled(n)


def gate_patterns_circuit(x, y, z, w):
    """f = 2 · (x·y + max(z, w)): add, multiply and max gates in one circuit."""
    n = {name: Value(v, label=name) for name, v in {"x": x, "y": y, "z": z, "w": w}.items()}
    n["xy"] = n["x"] * n["y"]
    n["m"] = n["z"].max(n["w"])
    n["sum"] = n["xy"] + n["m"]
    n["f"] = n["sum"] * 2.0
    return _labelled(n)


def staged_circuit(x, y):
    """f = (x + σ(y)) / (σ(x) + (x + y)²), staged as in the CS231n notes; x and y fan out."""
    n = {"x": Value(x, label="x"), "y": Value(y, label="y")}
    n["sigy"] = n["y"].sigmoid()
    n["num"] = n["x"] + n["sigy"]
    n["sigx"] = n["x"].sigmoid()
    n["xpy"] = n["x"] + n["y"]
    n["xpysqr"] = n["xpy"] ** 2
    n["den"] = n["sigx"] + n["xpysqr"]
    n["invden"] = n["den"] ** -1
    n["f"] = n["num"] * n["invden"]
    return _labelled(n)


def _labelled(nodes):
    """Each node labelled with its name, for the drawings."""
    for name, node in nodes.items():
        node.label = name
    return nodes
