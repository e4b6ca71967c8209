"""A multilayer perceptron in matrix form: the forward pass, backprop as BP1–BP4, a gradient step.

Taught in notebook 06; notebook 07 trains with sgd_epoch. A batch is a matrix whose columns are samples;
weights[l-1] is W^l of shape (n_l, n_{l-1}), biases[l-1] is b^l of shape (n_l, 1), a^0 = X, and

    z^l = W^l a^{l-1} + b^l,    a^l = σ(z^l).

The loss is summed over the batch; train_step divides by m (the mean update).
(No checks here: helpers.mlp validates the arguments, calls these functions and checks the result.)
"""

import numpy as np

from helpers.activations import UNCHECKED as ACTIVATION
from helpers.activations import _sigmoid_unguarded, _softmax_unguarded

ACTIVATION = {**ACTIVATION, "sigmoid": _sigmoid_unguarded, "softmax": _softmax_unguarded}   # σ by name
PRIME_FROM_A = {                                             # σ'(z), read off a = σ(z)
    "sigmoid": lambda a: a * (1 - a),
    "tanh": lambda a: 1 - a * a,
    "relu": lambda a: (a > 0).astype(a.dtype),
    "identity": lambda a: np.ones_like(a),
}


def forward(weights, biases, X, activation="sigmoid", output_activation=None):
    """zs = [z^1 … z^L] and activations = [a^0 … a^L] for the batch X (one matrix product per layer)."""
    zs, activations = [], [X]
    for l, (W, b) in enumerate(zip(weights, biases), start=1):
        z = W @ activations[-1] + b
        f = ACTIVATION[output_activation or activation] if l == len(weights) else ACTIVATION[activation]
        zs.append(z)
        activations.append(f(z))
    return zs, activations


def output_error(a_L, z_L, Y, loss="mse", output_activation="sigmoid"):
    """BP1: δ^L = ∇_a C ⊙ σ'(z^L), with σ'(z^L) read off a^L = σ(z^L)."""
    if loss == "cross_entropy":
        return a_L - Y                            # ∇_a C = (a − y)/(a(1 − a)) and σ' = a(1 − a) cancel
    return (a_L - Y) * PRIME_FROM_A[output_activation](a_L)      # C = ½ Σ (a − y)²: ∇_a C = a − y


def backprop(weights, biases, X, Y, activation="sigmoid", loss="mse", output_activation=None):
    """The gradients of the loss summed over the batch: the four equations, one line each."""
    zs, a = forward(weights, biases, X, activation, output_activation)
    L = len(weights)                                   # layers 1 … L; weights[l] is W^(l+1)
    delta = [None] * (L + 1)
    delta[L] = output_error(a[L], zs[L - 1], Y, loss, output_activation or activation)      # BP1
    for l in range(L - 1, 0, -1):
        delta[l] = (weights[l].T @ delta[l + 1]) * PRIME_FROM_A[activation](a[l])           # BP2
    grads_b = [delta[l].sum(axis=1, keepdims=True) for l in range(1, L + 1)]               # BP3
    grads_W = [delta[l] @ a[l - 1].T for l in range(1, L + 1)]                             # BP4
    return grads_W, grads_b


def descend(weights, biases, grads_W, grads_b, learning_rate, m):
    """The mini-batch update w ← w − (η/m) Σ_x ∂C_x/∂w for every W^l and b^l (written into the gradients'
    own arrays, which it uses up: no temporary copies of the weights)."""
    def step(w, dC_dw):
        return np.subtract(w, np.multiply(learning_rate / m, dC_dw, out=dC_dw), out=dC_dw)
    return [step(W, dW) for W, dW in zip(weights, grads_W)], [step(b, db) for b, db in zip(biases, grads_b)]


def train_step(weights, biases, X, Y, learning_rate, activation="sigmoid", loss="mse", output_activation=None):
    """One gradient-descent step on the batch's mean loss: backprop, then descend."""
    grads_W, grads_b = backprop(weights, biases, X, Y, activation, loss, output_activation)
    return descend(weights, biases, grads_W, grads_b, learning_rate, X.shape[1])


def sgd_epoch(weights, biases, X, Y, batches, learning_rate, activation="tanh", output="sigmoid"):
    """One epoch of mini-batch gradient descent (notebook 07): an update per mini-batch of column indices.
    Returns the new weights and biases and each layer's gradient size ‖∂C/∂W^l‖ / m averaged over the batches."""
    sizes = []                          # (cross-entropy on sigmoid or softmax outputs: BP1 is δ^L = a^L − y)
    for batch in batches:
        grads_W, grads_b = backprop(weights, biases, X[:, batch], Y[:, batch], activation, "cross_entropy", output)
        sizes.append([np.sqrt(np.vdot(dW, dW)) / len(batch) for dW in grads_W])       # ‖∂C/∂W^l‖ / m
        weights, biases = descend(weights, biases, grads_W, grads_b, learning_rate, len(batch))
    return weights, biases, np.mean(sizes, axis=0)


def backprop_per_sample(weights, biases, X, Y, activation="sigmoid", loss="mse", output_activation=None):
    """The same gradients, one sample (column) at a time, added up — Nielsen's update_mini_batch. Slow on purpose."""
    grads_W, grads_b = [np.zeros_like(W) for W in weights], [np.zeros_like(b) for b in biases]
    for x, y in zip(X.T, Y.T):
        dW, db = backprop(weights, biases, x[:, None], y[:, None], activation, loss, output_activation)
        grads_W = [g + d for g, d in zip(grads_W, dW)]
        grads_b = [g + d for g, d in zip(grads_b, db)]
    return grads_W, grads_b
