"""The 2-2-2 sigmoid network of Mazur's "A Step by Step Backpropagation Example" (notebook 04).

Inputs i1, i2 → hidden neurons h1, h2 → outputs o1, o2, all sigmoid; E = ½(t1 − out_o1)² + ½(t2 − out_o2)².
b1 is shared by both hidden neurons, b2 by both outputs, as in the walk-through. One named line per
formula, plain Python floats, read top to bottom like the walk-through.
(No checks here: helpers.example222 validates the arguments, calls these functions and checks the result.)
"""

import math


def sigmoid(z):
    """σ(z) = 1/(1 + e^(−z)), written so that e is never raised to a large positive power."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    return math.exp(z) / (1.0 + math.exp(z))


def forward(params, inputs, targets):
    """The forward pass: every named intermediate, from net_h1 to E_total."""
    w1, w2, w3, w4, w5, w6, w7, w8 = (params[name] for name in ("w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8"))
    b1, b2 = params["b1"], params["b2"]
    (i1, i2), (t1, t2) = inputs, targets
    net_h1 = w1 * i1 + w2 * i2 + b1
    out_h1 = sigmoid(net_h1)
    net_h2 = w3 * i1 + w4 * i2 + b1
    out_h2 = sigmoid(net_h2)
    net_o1 = w5 * out_h1 + w6 * out_h2 + b2
    out_o1 = sigmoid(net_o1)
    net_o2 = w7 * out_h1 + w8 * out_h2 + b2
    out_o2 = sigmoid(net_o2)
    E_o1 = 0.5 * (t1 - out_o1) ** 2
    E_o2 = 0.5 * (t2 - out_o2) ** 2
    E_total = E_o1 + E_o2
    return {"net_h1": net_h1, "out_h1": out_h1, "net_h2": net_h2, "out_h2": out_h2,
            "net_o1": net_o1, "out_o1": out_o1, "net_o2": net_o2, "out_o2": out_o2,
            "E_o1": E_o1, "E_o2": E_o2, "E_total": E_total, "i1": i1, "i2": i2, "t1": t1, "t2": t2}


def backward(params, fwd):
    """The backward pass: every chain-rule factor and every gradient ∂E/∂p, by name.
    ``params`` supplies w5..w8 for the paths from E back to the hidden neurons."""
    out_h1, out_h2, out_o1, out_o2 = fwd["out_h1"], fwd["out_h2"], fwd["out_o1"], fwd["out_o2"]
    i1, i2, t1, t2 = fwd["i1"], fwd["i2"], fwd["t1"], fwd["t2"]
    # Output layer: δ_o1 = ∂E/∂net_o1 = ∂E/∂out_o1 · ∂out_o1/∂net_o1, and ∂E/∂w5 = δ_o1 · ∂net_o1/∂w5.
    dE_dout_o1 = out_o1 - t1                          # −(t1 − out_o1)
    dout_o1_dnet_o1 = out_o1 * (1 - out_o1)           # σ′(net_o1) = out_o1(1 − out_o1)
    dE_dnet_o1 = dE_dout_o1 * dout_o1_dnet_o1         # δ_o1
    dnet_o1_dw5, dnet_o1_dw6 = out_h1, out_h2         # not 1: the activation fed in
    dE_dw5 = dE_dout_o1 * dout_o1_dnet_o1 * dnet_o1_dw5
    dE_dw6 = dE_dout_o1 * dout_o1_dnet_o1 * dnet_o1_dw6
    dE_dout_o2 = out_o2 - t2
    dout_o2_dnet_o2 = out_o2 * (1 - out_o2)
    dE_dnet_o2 = dE_dout_o2 * dout_o2_dnet_o2         # δ_o2
    dnet_o2_dw7, dnet_o2_dw8 = out_h1, out_h2
    dE_dw7 = dE_dout_o2 * dout_o2_dnet_o2 * dnet_o2_dw7
    dE_dw8 = dE_dout_o2 * dout_o2_dnet_o2 * dnet_o2_dw8
    dE_db2 = dE_dnet_o1 + dE_dnet_o2                  # b2 feeds both outputs
    # Hidden layer: out_h1 reaches E along two paths (through o1 by w5, through o2 by w7); add them.
    dnet_o1_dout_h1, dnet_o2_dout_h1 = params["w5"], params["w7"]
    dE_o1_dout_h1 = dE_dnet_o1 * dnet_o1_dout_h1      # the path through o1
    dE_o2_dout_h1 = dE_dnet_o2 * dnet_o2_dout_h1      # the path through o2
    dE_dout_h1 = dE_o1_dout_h1 + dE_o2_dout_h1
    dout_h1_dnet_h1 = out_h1 * (1 - out_h1)
    dE_dnet_h1 = dE_dout_h1 * dout_h1_dnet_h1         # δ_h1
    dnet_h1_dw1, dnet_h1_dw2 = i1, i2
    dE_dw1 = dE_dout_h1 * dout_h1_dnet_h1 * dnet_h1_dw1
    dE_dw2 = dE_dout_h1 * dout_h1_dnet_h1 * dnet_h1_dw2
    dnet_o1_dout_h2, dnet_o2_dout_h2 = params["w6"], params["w8"]
    dE_o1_dout_h2 = dE_dnet_o1 * dnet_o1_dout_h2
    dE_o2_dout_h2 = dE_dnet_o2 * dnet_o2_dout_h2
    dE_dout_h2 = dE_o1_dout_h2 + dE_o2_dout_h2
    dout_h2_dnet_h2 = out_h2 * (1 - out_h2)
    dE_dnet_h2 = dE_dout_h2 * dout_h2_dnet_h2         # δ_h2
    dnet_h2_dw3, dnet_h2_dw4 = i1, i2
    dE_dw3 = dE_dout_h2 * dout_h2_dnet_h2 * dnet_h2_dw3
    dE_dw4 = dE_dout_h2 * dout_h2_dnet_h2 * dnet_h2_dw4
    dE_db1 = dE_dnet_h1 + dE_dnet_h2                  # b1 feeds both hidden neurons
    # Every factor above, by its name.
    return {"dE_dout_o1": dE_dout_o1, "dout_o1_dnet_o1": dout_o1_dnet_o1, "dE_dnet_o1": dE_dnet_o1,
            "dnet_o1_dw5": dnet_o1_dw5, "dnet_o1_dw6": dnet_o1_dw6, "dE_dw5": dE_dw5, "dE_dw6": dE_dw6,
            "dE_dout_o2": dE_dout_o2, "dout_o2_dnet_o2": dout_o2_dnet_o2, "dE_dnet_o2": dE_dnet_o2,
            "dnet_o2_dw7": dnet_o2_dw7, "dnet_o2_dw8": dnet_o2_dw8, "dE_dw7": dE_dw7, "dE_dw8": dE_dw8,
            "dE_db2": dE_db2, "dnet_o1_dout_h1": dnet_o1_dout_h1, "dnet_o2_dout_h1": dnet_o2_dout_h1,
            "dE_o1_dout_h1": dE_o1_dout_h1, "dE_o2_dout_h1": dE_o2_dout_h1, "dE_dout_h1": dE_dout_h1,
            "dout_h1_dnet_h1": dout_h1_dnet_h1, "dE_dnet_h1": dE_dnet_h1, "dnet_h1_dw1": dnet_h1_dw1,
            "dnet_h1_dw2": dnet_h1_dw2, "dE_dw1": dE_dw1, "dE_dw2": dE_dw2, "dnet_o1_dout_h2": dnet_o1_dout_h2,
            "dnet_o2_dout_h2": dnet_o2_dout_h2, "dE_o1_dout_h2": dE_o1_dout_h2, "dE_o2_dout_h2": dE_o2_dout_h2,
            "dE_dout_h2": dE_dout_h2, "dout_h2_dnet_h2": dout_h2_dnet_h2, "dE_dnet_h2": dE_dnet_h2,
            "dnet_h2_dw3": dnet_h2_dw3, "dnet_h2_dw4": dnet_h2_dw4, "dE_dw3": dE_dw3, "dE_dw4": dE_dw4,
            "dE_db1": dE_db1}


def update(params, learning_rate, update_biases, hidden_uses_updated, fwd, grads):
    """One gradient-descent step w ← w − η·∂E/∂w: w5..w8 (and b2) first, then w1..w4 (and b1).
    The walk-through keeps b1, b2 fixed; ``hidden_uses_updated`` sends the paths back to h1, h2
    through the new w5..w8. ``grads`` is the backward pass at ``params`` (computed here if None).
    Returns the new parameters and the gradients used."""
    if grads is None:
        grads = backward(params, fwd)
    new = dict(params)
    for name in ("w5", "w6", "w7", "w8") + (("b2",) if update_biases else ()):
        new[name] = params[name] - learning_rate * grads["dE_d" + name]
    if hidden_uses_updated:
        grads = backward(new, fwd)
    for name in ("w1", "w2", "w3", "w4") + (("b1",) if update_biases else ()):
        new[name] = params[name] - learning_rate * grads["dE_d" + name]
    return new, grads


def train(params, steps, learning_rate, update_biases, hidden_uses_updated, callback, inputs, targets):
    """``steps`` updates, each forward, backward, update; losses[n] is E_total after n updates."""
    fwd = forward(params, inputs, targets)
    losses = [fwd["E_total"]]
    for n in range(1, steps + 1):
        grads = backward(params, fwd)
        params, _ = update(params, learning_rate, update_biases, hidden_uses_updated, fwd, grads)
        fwd = forward(params, inputs, targets)
        losses.append(fwd["E_total"])
        if callback is not None:
            callback(n)
    return params, losses
