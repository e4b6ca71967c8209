"""Sum over paths: every path from one weight to the loss, with its chain-rule factors (the path
explorer of notebook 05). The sum of the paths' products is ∂E/∂w, which backprop's δ's compute layer
by layer instead of path by path. Part of :mod:`helpers.deltas`'s API."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import product

import numpy as np

from ._checks import as_array, check_choice, check_finite_result, check_int, check_size
from .activations import ACTIVATION_NAMES, get_activation
from .i18n import _
from .mlp import forward

__all__ = ["PathTerm", "weight_paths", "MAX_PATHS"]

MAX_PATHS = 100_000            # weight_paths lists every path

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _name(symbol: str, layer: int, *indices: int) -> str:
    """e.g. _name("w", 2, 0, 1) -> 'w²₁₂' (layer as superscript, 1-based indices as subscripts)."""
    return symbol + str(layer).translate(_SUP) + "".join(str(i + 1).translate(_SUB) for i in indices)


@dataclass(frozen=True)
class PathTerm:
    """One path from a weight to the loss: its diagram edges (l, j, k), its chain-rule factors
    (label, value) in order, and their product."""

    edges: tuple[tuple[int, int, int], ...]
    factors: tuple[tuple[str, float], ...]
    value: float

    @property
    def text(self) -> str:
        return " · ".join(label for label, _ in self.factors)


def _one_sample(weights, biases, x, t, activation: str):
    """The forward pass of one sample x (n_0,) and its target t (n_L,) as a column, both validated."""
    check_choice("activation", activation, ACTIVATION_NAMES)
    x = as_array("x", x, ndim=(1, 2))
    x = x.reshape(-1, 1) if x.ndim == 1 else x          # a column (n_0, 1) is accepted too
    zs, acts = forward(weights, biases, x, activation)
    if x.shape[1] != 1:
        raise ValueError(_("x must be one sample, shape ({n},); got shape {shape}").format(n=x.shape[0],
                                                                                          shape=x.shape))
    t = as_array("t", t, ndim=(1, 2))
    if t.size != zs[-1].shape[0] or (t.ndim == 2 and t.shape[1] != 1):
        raise ValueError(_("t must have one target per output, shape ({n},); got shape {shape}").format(
            n=zs[-1].shape[0], shape=t.shape))
    return zs, acts, t.reshape(-1, 1)


def weight_paths(weights, biases, x, t, layer: int, j: int, k: int,
                 activation: str = "sigmoid") -> list[PathTerm]:
    """Every path from weight W^layer[j, k] to E = ½‖a^L − t‖² for one sample x (n_0,), t (n_L,).

    A path goes k (layer−1) → j (layer) → one neuron in each later layer → E. Its factors are
    a^{layer−1}_k, σ'(z^layer_j), then w^q_{p_q p_{q−1}} σ'(z^q_{p_q}) for each later layer q, then
    (a^L_p − t_p). The sum of the products is ∂E/∂W^layer[j, k]."""
    zs, acts, t = _one_sample(weights, biases, x, t, activation)
    L = len(zs)
    layer = check_int("layer", layer, minimum=1, maximum=L)
    j = check_int("j", j, minimum=0, maximum=zs[layer - 1].shape[0] - 1)
    k = check_int("k", k, minimum=0, maximum=acts[layer - 1].shape[0] - 1)
    check_size(_("weight_paths from layer {layer} (one path per choice of a neuron in each later layer)").format(
        layer=layer), math.prod(z.shape[0] for z in zs[layer:]), limit=MAX_PATHS,
               why=_("every path is listed one by one; use backprop's δ's, which sum them layer by layer"))
    _f, g_p = get_activation(activation)
    slope = [g_p(z[:, 0]) for z in zs]                  # slope[q-1][p] = σ'(z^q_p)
    W = [np.asarray(w, dtype=float) for w in weights]
    terms = []
    for rest in product(*(range(W[q].shape[0]) for q in range(layer, L))):
        nodes = (j, *rest)
        edges = [(layer, j, k)]
        factors = [(_name("a", layer - 1, k), float(acts[layer - 1][k, 0])),
                   (f"σ′({_name('z', layer, j)})", float(slope[layer - 1][j]))]
        for q in range(layer + 1, L + 1):
            to, frm = nodes[q - layer], nodes[q - layer - 1]
            edges.append((q, to, frm))
            factors.append((_name("w", q, to, frm), float(W[q - 1][to, frm])))
            factors.append((f"σ′({_name('z', q, to)})", float(slope[q - 1][to])))
        out = nodes[-1]
        factors.append((f"({_name('a', L, out)} − t{str(out + 1).translate(_SUB)})",
                        float(acts[L][out, 0] - t[out, 0])))
        with np.errstate(over="ignore", invalid="ignore"):
            value = float(np.prod([v for _, v in factors]))
        terms.append(PathTerm(tuple(edges), tuple(factors), value))
    check_finite_result(_("the product along a path"), [term.value for term in terms],
                        advice=_("Use weights and inputs of a more moderate size."))
    return terms
