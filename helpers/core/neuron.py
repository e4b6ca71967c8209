"""One sigmoid neuron a = σ(w·x + b) with target y: its gradient under the two costs of notebook 06.

    quadratic:      C = ½(a − y)²                    δ = ∂C/∂z = (a − y)·σ'(z) = (a − y)·a(1 − a)
    cross-entropy:  C = −y ln a − (1 − y) ln(1 − a)   δ = ∂C/∂z = (a − y)/(a(1 − a)) · a(1 − a) = a − y

and for both ∂C/∂w = δ·x, ∂C/∂b = δ. Plain Python floats (the saturation explorer's learning curves).
(No checks here: the callers validate x, w, b, y and the cost.)
"""

from helpers.core.example222 import sigmoid


def neuron_gradient(x, w, b, y, cost):
    """(a, ∂C/∂w, ∂C/∂b) for one sigmoid neuron; ``cost`` is "mse" (quadratic) or "ce" (cross-entropy)."""
    z = w * x + b
    a = sigmoid(z)
    if cost == "mse":
        delta = (a - y) * a * (1 - a)      # σ'(z) = a(1 − a): tiny once the neuron saturates
    else:
        delta = a - y                      # σ'(z) cancels: no slow-down
    return a, delta * x, delta
