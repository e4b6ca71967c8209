"""Mini-batch gradient descent: one epoch of seed 000's update rule (notebook 07).

For each mini-batch of m columns,  W^l ← W^l − (η/m) Σ_x δ^{x,l} (a^{x,l−1})ᵀ  and  b^l ← b^l − (η/m) Σ_x δ^{x,l},
the sums being what backprop returns. Outputs are sigmoids (or a softmax) trained with cross-entropy,
so BP1 is δ^L = a^L − y either way. (No checks: helpers.training.Trainer validates once, calls this.)
"""

import numpy as np

from helpers.core.mlp import backprop, descend


def sgd_epoch(weights, biases, X, Y, batches, learning_rate, activation="tanh", output="sigmoid"):
    """One update per mini-batch of column indices; returns the new weights and biases and the mean over
    the batches of each layer's gradient size ‖∂C/∂W^l‖ / m (the mean-loss gradient, shape (L,))."""
    sizes = []
    for batch in batches:
        grads_W, grads_b = backprop(weights, biases, X[:, batch], Y[:, batch], activation, "cross_entropy", output)
        sizes.append([np.linalg.norm(dW) / len(batch) for dW in grads_W])
        weights, biases = descend(weights, biases, grads_W, grads_b, learning_rate, len(batch))
    return weights, biases, np.mean(sizes, axis=0)
