"""Node-by-node deltas with i → j → k indices (taught in notebook 05).

One hidden layer: inputs a_i (i = 1..l), hidden neurons j = 1..m, outputs k = 1..n. Weights are
indexed into ← from, as everywhere in the series: w_ji is the weight into hidden neuron j from input i,
w_kj the weight into output k from hidden neuron j. One sample, E = ½ Σ_k (a_k − t_k)².

    z_j = b_j + Σ_i w_ji a_i,   a_j = g(z_j),   z_k = b_k + Σ_j w_kj a_j,   a_k = g(z_k)

    δ_k = (a_k − t_k) g'(z_k)          ∂E/∂w_kj = δ_k a_j      ∂E/∂b_k = δ_k
    ∂E/∂a_j = Σ_k w_kj δ_k             δ_j = g'(z_j) Σ_k w_kj δ_k
    ∂E/∂w_ji = δ_j a_i                 ∂E/∂b_j = δ_j

Arrays are stored the same way: w_ji has shape (m, l) with w_ji[j, i] = w_ji, w_kj shape (n, m).
(Seed notes 002 and 003 write the same weights from → to, w_ij and w_jk; notebook 05 quotes them.)

:func:`symbolic_network` builds the network in sympy (a symbol for every weight, bias, input and
target; ``g`` a generic function unless told otherwise); :func:`symbolic_formulas` writes the formulas
above; :func:`verify_formulas` compares each with sympy's own derivative. :func:`node_by_node` computes
the same formulas with numbers, index by index. The matrix form of notebook 06 stores the weights in the
same order, W^1 = w_ji and W^2 = w_kj; :func:`to_matrix_form` only turns the biases into columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import sympy as sp

from ._checks import as_array, check_choice, check_int, check_size, finite_call
from .activations import ACTIVATION_NAMES, get_activation
from .i18n import _

__all__ = ["SymbolicNetwork", "symbolic_network", "symbolic_formulas", "verify_formulas", "g_prime",
           "node_by_node", "to_matrix_form", "random_values", "is_zero", "compact", "seed000_bp2_slip",
           "seed000_bp4_slip", "PathTerm", "weight_paths"]


@dataclass
class SymbolicNetwork:
    """Every symbol and expression of the i → j → k network (lists indexed from 0, names from 1)."""

    a_i: list
    w_ji: sp.Matrix     # (m, l): w_ji[j, i] is the weight into hidden neuron j from input i
    b_j: list
    w_kj: sp.Matrix     # (n, m): w_kj[k, j] is the weight into output k from hidden neuron j
    b_k: list
    t_k: list
    g: object           # the activation: a sympy Function (generic g) or a Lambda (sigmoid, tanh)
    z_j: list
    a_j: list
    z_k: list
    a_k: list
    E: sp.Expr

    @property
    def symbols(self) -> list:
        """All the leaf symbols: inputs, weights, biases, targets."""
        return [*self.a_i, *self.w_ji, *self.b_j, *self.w_kj, *self.b_k, *self.t_k]


# verify_formulas expands every derivative; with a sigmoid (exponentials of exponentials) the work grows
# so fast that 4-4-4 takes minutes, so it is limited by the number of weights l·m + m·n.
MAX_VERIFY_WEIGHTS = {"g": 72, "tanh": 72, "sigmoid": 18}
MAX_LOOP_ENTRIES = 1_000_000   # node_by_node and the seed-000 slips loop in Python, one entry at a time


def _check_net(net) -> SymbolicNetwork:
    if not isinstance(net, SymbolicNetwork):
        raise TypeError(_("net must be a SymbolicNetwork made by symbolic_network(); got {kind}").format(
            kind=type(net).__name__))
    return net


def _sympy_expr(name: str, expr) -> sp.Expr:
    """A sympy expression (a plain number is turned into one; a string is refused, not parsed)."""
    if isinstance(expr, (str, bytes)) or not isinstance(expr, (sp.Basic, int, float)) or isinstance(expr, bool):
        raise TypeError(_("{name} must be a sympy expression; got {kind}").format(name=name, kind=type(expr).__name__))
    return sp.sympify(expr)


_S = sp.Symbol("s")
SYMBOLIC_ACTIVATIONS = {"g": sp.Function("g"), "sigmoid": sp.Lambda(_S, 1 / (1 + sp.exp(-_S))),
                        "tanh": sp.Lambda(_S, sp.tanh(_S))}


def symbolic_network(l: int = 2, m: int = 3, n: int = 2, activation: str = "g") -> SymbolicNetwork:  # noqa: E741
    """Build the l-m-n network in sympy. ``activation``: "g" (a generic function), "sigmoid" or "tanh".

    Symbol names: a_i1…, w_j1i1… (into hidden j from input i), b_j1…, w_k1j1… (into output k from hidden j),
    b_k1…, t_k1….
    """
    l, m, n = (check_int(name, v, minimum=1, maximum=6) for name, v in (("l", l), ("m", m), ("n", n)))  # noqa: E741
    check_choice("activation", activation, tuple(SYMBOLIC_ACTIVATIONS))
    g = SYMBOLIC_ACTIVATIONS[activation]
    a_i = list(sp.symbols(f"a_i1:{l + 1}", real=True))
    w_ji = sp.Matrix(m, l, lambda j, i: sp.Symbol(f"w_j{j + 1}i{i + 1}", real=True))
    b_j = list(sp.symbols(f"b_j1:{m + 1}", real=True))
    w_kj = sp.Matrix(n, m, lambda k, j: sp.Symbol(f"w_k{k + 1}j{j + 1}", real=True))
    b_k = list(sp.symbols(f"b_k1:{n + 1}", real=True))
    t_k = list(sp.symbols(f"t_k1:{n + 1}", real=True))
    z_j = [b_j[j] + sum(w_ji[j, i] * a_i[i] for i in range(l)) for j in range(m)]
    a_j = [g(z) for z in z_j]
    z_k = [b_k[k] + sum(w_kj[k, j] * a_j[j] for j in range(m)) for k in range(n)]
    a_k = [g(z) for z in z_k]
    E = sp.Rational(1, 2) * sum((a_k[k] - t_k[k]) ** 2 for k in range(n))
    return SymbolicNetwork(a_i, w_ji, b_j, w_kj, b_k, t_k, g, z_j, a_j, z_k, a_k, E)


def g_prime(g, z: sp.Expr) -> sp.Expr:
    """g'(z): the derivative of the activation, evaluated at the expression z."""
    if not (isinstance(g, sp.Lambda) or (isinstance(g, type) and issubclass(g, sp.Function))):
        raise TypeError(_("g must be a sympy Function or Lambda (e.g. net.g); got {kind}").format(
            kind=type(g).__name__))
    return g(_S).diff(_S).subs(_S, _sympy_expr("z", z))


def symbolic_formulas(net: SymbolicNetwork) -> dict[str, object]:
    """The node-by-node formulas as sympy expressions: "delta_k" (list n), "dE_dw_kj" (Matrix n×m,
    [k, j] = δ_k a_j), "dE_db_k", "dE_da_j" (list m), "delta_j", "dE_dw_ji" (Matrix m×l, [j, i] = δ_j a_i),
    "dE_db_j"."""
    net = _check_net(net)
    l, m, n = len(net.a_i), len(net.b_j), len(net.b_k)  # noqa: E741
    delta_k = [(net.a_k[k] - net.t_k[k]) * g_prime(net.g, net.z_k[k]) for k in range(n)]
    dE_da_j = [sum(net.w_kj[k, j] * delta_k[k] for k in range(n)) for j in range(m)]
    delta_j = [g_prime(net.g, net.z_j[j]) * dE_da_j[j] for j in range(m)]
    return {"delta_k": delta_k,
            "dE_dw_kj": sp.Matrix(n, m, lambda k, j: delta_k[k] * net.a_j[j]),
            "dE_db_k": list(delta_k),
            "dE_da_j": dE_da_j,
            "delta_j": delta_j,
            "dE_dw_ji": sp.Matrix(m, l, lambda j, i: delta_j[j] * net.a_i[i]),
            "dE_db_j": list(delta_j)}


def is_zero(expr: sp.Expr) -> bool:
    """True when sympy proves ``expr`` == 0: expand first (fast, enough for these sums of products),
    then simplify."""
    expr = _sympy_expr("expr", expr)
    return sp.expand(expr) == 0 or sp.simplify(expr) == 0


def verify_formulas(net: SymbolicNetwork) -> list[tuple[str, bool]]:
    """Compare every formula with sympy's derivative of E: a list of (name, :func:`is_zero`(diff − formula)).

    δ_k is checked as ∂E/∂z_k through ∂E/∂b_k (z_k depends on b_k with slope 1); ∂E/∂a_j by treating
    the hidden activations as free symbols. Limited to :data:`MAX_VERIFY_WEIGHTS` weights per activation.
    """
    net = _check_net(net)
    kind = next((k for k, g in SYMBOLIC_ACTIVATIONS.items() if g == net.g), "g")
    check_size(_("verify_formulas on a {kind} network with {l}-{m}-{n} neurons (l·m + m·n weights)").format(
                   kind=kind, l=net.w_ji.cols, m=net.w_ji.rows, n=net.w_kj.rows),
               len(net.w_ji) + len(net.w_kj), limit=MAX_VERIFY_WEIGHTS[kind],
               why=_("sympy expands every derivative, which takes minutes beyond it"))
    f = symbolic_formulas(net)
    results = []
    for k in range(net.w_kj.rows):
        for j in range(net.w_kj.cols):
            results.append((f"dE/dw_k{k + 1}j{j + 1}", is_zero(sp.diff(net.E, net.w_kj[k, j]) - f["dE_dw_kj"][k, j])))
    for k, b in enumerate(net.b_k):
        results.append((f"dE/db_k{k + 1} = delta_k{k + 1}", is_zero(sp.diff(net.E, b) - f["delta_k"][k])))
    free = sp.symbols(f"h1:{len(net.a_j) + 1}", real=True)     # hidden activations as free symbols
    E_free = net.E.subs({aj: h for aj, h in zip(net.a_j, free, strict=True)})
    for j, h in enumerate(free):
        d = sp.diff(E_free, h).subs({h2: aj for h2, aj in zip(free, net.a_j, strict=True)})
        results.append((f"dE/da_j{j + 1}", is_zero(d - f["dE_da_j"][j])))
    for j in range(net.w_ji.rows):
        for i in range(net.w_ji.cols):
            results.append((f"dE/dw_j{j + 1}i{i + 1}", is_zero(sp.diff(net.E, net.w_ji[j, i]) - f["dE_dw_ji"][j, i])))
    for j, b in enumerate(net.b_j):
        results.append((f"dE/db_j{j + 1} = delta_j{j + 1}", is_zero(sp.diff(net.E, b) - f["delta_j"][j])))
    return results


def compact(expr: sp.Expr, net: SymbolicNetwork) -> sp.Expr:
    """``expr`` rewritten for reading: g'(…) for sympy's Subs(Derivative(g(s), s), s, …), and the symbols
    z_k1…, a_j1…, z_j1… in place of the expressions they name (display only)."""
    expr, net = _sympy_expr("expr", expr), _check_net(net)
    g_p = sp.Function("g'")
    out = expr.replace(lambda e: isinstance(e, sp.Subs), lambda e: g_p(e.point[0]))
    names = [(net.z_k, "z_k"), (net.a_j, "a_j"), (net.z_j, "z_j")]
    for exprs, stem in names:
        out = out.subs({e: sp.Symbol(f"{stem}{i + 1}", real=True) for i, e in enumerate(exprs)})
    return out


def random_values(net: SymbolicNetwork, seed: int = 0) -> dict:
    """Random numbers for every leaf symbol (inputs, weights, biases in [−1, 1]; targets in [0, 1])."""
    net = _check_net(net)
    rng = np.random.default_rng(check_int("seed", seed, minimum=0))
    values = {s: float(rng.uniform(-1, 1)) for s in net.symbols}
    values.update({t: float(rng.uniform(0, 1)) for t in net.t_k})
    return values


def node_by_node(a_i, w_ji, b_j, w_kj, b_k, t_k, activation: str = "sigmoid") -> dict[str, np.ndarray]:
    """The formulas with numbers, one index at a time (loops mirror the Σ's).

    a_i: (l,), w_ji: (m, l) with w_ji[j, i] into hidden j from input i, b_j: (m,), w_kj: (n, m) with
    w_kj[k, j] into output k from hidden j, b_k: (n,), t_k: (n,). Returns z_j, a_j, z_k, a_k, delta_k,
    dE_dw_kj (n, m), dE_db_k, dE_da_j, delta_j, dE_dw_ji (m, l), dE_db_j and E.
    """
    check_choice("activation", activation, ACTIVATION_NAMES)
    g, g_p = get_activation(activation)
    a_i, b_j, b_k, t_k = (as_array(name, v, ndim=1) for name, v in
                          (("a_i", a_i), ("b_j", b_j), ("b_k", b_k), ("t_k", t_k)))
    w_ji, w_kj = as_array("w_ji", w_ji, ndim=2), as_array("w_kj", w_kj, ndim=2)
    l, m, n = len(a_i), len(b_j), len(b_k)  # noqa: E741
    _check_layer_shapes(l, m, n, w_ji=w_ji, w_kj=w_kj, t_k=t_k)
    check_size(_("node_by_node's loops (l·m + m·n weights)"), l * m + m * n, limit=MAX_LOOP_ENTRIES,
               why=_("it computes one entry at a time in Python; use helpers.mlp.backprop for big layers"))
    return finite_call(_("a node-by-node quantity"), lambda: _node_by_node(a_i, w_ji, b_j, w_kj, b_k, t_k, g, g_p),
                       advice=_("Use inputs a_i, weights w_ji and w_kj, biases b_j and b_k and targets t_k "
                                "of a more moderate size."))


def _check_layer_shapes(l: int, m: int, n: int, **arrays: np.ndarray) -> None:  # noqa: E741
    shapes = {"w_ji": (m, l), "w_kj": (n, m), "t_k": (n,)}
    for name, arr in arrays.items():
        if arr.shape == shapes[name]:
            continue
        flipped = arr.shape[::-1] == shapes[name]
        if name == "w_ji" and flipped:
            message = _("{name} must have shape {want} to match l = {l} inputs (len(a_i)), m = {m} hidden (len(b_j)) "
                        "and n = {n} outputs (len(b_k)); got {got} — the transpose: w_ji[j, i] is the weight into "
                        "hidden neuron j from input i (into ← from)")
        elif name == "w_kj" and flipped:
            message = _("{name} must have shape {want} to match l = {l} inputs (len(a_i)), m = {m} hidden (len(b_j)) "
                        "and n = {n} outputs (len(b_k)); got {got} — the transpose: w_kj[k, j] is the weight into "
                        "output k from hidden neuron j (into ← from)")
        else:
            message = _("{name} must have shape {want} to match l = {l} inputs (len(a_i)), m = {m} hidden (len(b_j)) "
                        "and n = {n} outputs (len(b_k)); got {got}")
        raise ValueError(message.format(name=name, want=shapes[name], l=l, m=m, n=n, got=arr.shape))


def _node_by_node(a_i, w_ji, b_j, w_kj, b_k, t_k, g, g_p) -> dict[str, np.ndarray]:
    l, m, n = len(a_i), len(b_j), len(b_k)  # noqa: E741
    z_j = np.array([b_j[j] + sum(w_ji[j, i] * a_i[i] for i in range(l)) for j in range(m)])
    a_j = g(z_j)
    z_k = np.array([b_k[k] + sum(w_kj[k, j] * a_j[j] for j in range(m)) for k in range(n)])
    a_k = g(z_k)
    delta_k = np.array([(a_k[k] - t_k[k]) * g_p(z_k[k]) for k in range(n)])
    dE_da_j = np.array([sum(w_kj[k, j] * delta_k[k] for k in range(n)) for j in range(m)])
    delta_j = np.array([g_p(z_j[j]) * dE_da_j[j] for j in range(m)])
    return {"z_j": z_j, "a_j": a_j, "z_k": z_k, "a_k": a_k, "delta_k": delta_k,
            "dE_dw_kj": np.array([[delta_k[k] * a_j[j] for j in range(m)] for k in range(n)]),
            "dE_db_k": delta_k.copy(), "dE_da_j": dE_da_j, "delta_j": delta_j,
            "dE_dw_ji": np.array([[delta_j[j] * a_i[i] for i in range(l)] for j in range(m)]),
            "dE_db_j": delta_j.copy(), "E": float(0.5 * np.sum((a_k - t_k) ** 2))}


def to_matrix_form(w_ji, b_j, w_kj, b_k) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The same network in notebook 06's matrix form: weights [W^1, W^2] = [w_ji, w_kj] unchanged (both are
    stored into ← from: W^1 (m, l), W^2 (n, m)), biases turned into columns [b_j, b_k] of shapes (m, 1), (n, 1)."""
    w_ji, w_kj = as_array("w_ji", w_ji, ndim=2), as_array("w_kj", w_kj, ndim=2)
    b_j, b_k = as_array("b_j", b_j, ndim=1), as_array("b_k", b_k, ndim=1)
    _check_layer_shapes(w_ji.shape[1], len(b_j), len(b_k), w_ji=w_ji, w_kj=w_kj)
    return [w_ji.copy(), w_kj.copy()], [b_j.reshape(-1, 1), b_k.reshape(-1, 1)]


# ---- the seeds' index slips, taken literally (notebook 05 shows each one failing the check) ----------
def seed000_bp2_slip(delta_next, W_next, z, activation: str = "sigmoid") -> np.ndarray:
    """Seed 000's BP2 with ∂z^{l+1}_k/∂z^l_k read literally: σ' at the summation index k instead of j,
    δ^l_j = Σ_k δ^{l+1}_k w^{l+1}_kj σ'(z^l_k). Columns (n,) vectors; needs n_{l+1} = n_l (else k
    cannot index layer l at all)."""
    _g, g_p = get_activation(check_choice("activation", activation, ACTIVATION_NAMES))
    delta_next, z = as_array("delta_next", delta_next, ndim=1), as_array("z", z, ndim=1)
    W_next = as_array("W_next", W_next, ndim=2)
    if not (W_next.shape == (len(delta_next), len(z)) and len(z) == len(delta_next)):
        raise ValueError(_("the literal reading needs as many neurons in layer l as in layer l+1: W_next must be "
                           "square, shape ({size}, {size}) like z; got W_next {W_next}, delta_next {delta_next}, "
                           "z {z}").format(size=len(z), W_next=W_next.shape, delta_next=delta_next.shape, z=z.shape))
    check_size(_("W_next (the literal reading loops over its entries in Python)"), W_next.size,
               limit=MAX_LOOP_ENTRIES)
    slopes = [g_p(z[k]) for k in range(len(z))]
    return finite_call(_("the literal BP2 sum"), lambda: np.array(
        [sum(delta_next[k] * W_next[k, j] * slopes[k] for k in range(len(z))) for j in range(len(z))]),
        advice=_("Use entries of a more moderate size."))


def seed000_bp4_slip(delta, a_prev) -> np.ndarray:
    """Seed 000's ∂C/∂w^l_jk = δ^l_k a^{l−1}_k (k twice) instead of δ^l_j a^{l−1}_k; square layers only."""
    delta, a_prev = as_array("delta", delta, ndim=1), as_array("a_prev", a_prev, ndim=1)
    if len(delta) != len(a_prev):
        raise ValueError(_("the literal reading needs layers l and l−1 of equal size: delta and a_prev of the "
                           "same length; got {delta} and {a_prev}").format(delta=len(delta), a_prev=len(a_prev)))
    check_size(_("the literal ∂C/∂w matrix (len(delta)²)"), len(delta) ** 2, limit=MAX_LOOP_ENTRIES,
               why=_("it is built entry by entry in Python"))
    return finite_call("δ^l_k a^{l−1}_k", lambda: np.array(
        [[delta[k] * a_prev[k] for k in range(len(a_prev))] for _row in range(len(delta))]),
        advice=_("Use entries of a more moderate size."))


# Sum over paths (PathTerm, weight_paths) lives in helpers.paths; it is part of this module's API.
from helpers.paths import PathTerm, _name, weight_paths  # noqa: E402, F401
