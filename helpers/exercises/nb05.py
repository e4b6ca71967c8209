"""Exercises of notebook 05_node_by_node_deltas. Each ``check_*`` takes the learner's answer and returns
a :class:`~helpers.exercises.feedback.Feedback`; the expected values are computed by helpers."""

from __future__ import annotations

import inspect
import io
import textwrap
import tokenize

import numpy as np

from .. import deltas, mlp
from ..activations import sigmoid, sigmoid_prime
from ..deltas import weight_paths
from ..gradcheck import numerical_gradient
from ..i18n import _
from ..mlp import init_network
from ..reference import GRADCHECK_H
from .feedback import NOT_ANSWERED, Feedback, compare_number, matches, read_count
from .functions import Draw, check_draws, function_problem, run_and_read

__all__ = ["EX1", "EX2", "PATH_NET", "PATH_LAYER", "DIGITS", "expected_delta_k", "check_delta_k", "expected_delta_j",
           "check_delta_j", "expected_path_count", "check_path_count", "DELTA_SIZES", "FORBIDDEN", "delta_draws",
           "slipped_deltas", "delta_slips", "vectorised_call", "check_node_deltas", "ANSWERS"]

DIGITS = 3                                          # the prompts ask for 3 significant digits or more

EX1 = {"z_k": 0.8, "t_k": 0.2}                      # exercise 1: one sigmoid output neuron
EX2 = {"delta_k": (0.12, -0.05),                    # exercise 2: δ_k of the two outputs,
       "w_kj": ((0.4, 0.9), (-0.7, 0.3)),           # … w_kj[k][j] (into output k from hidden j),
       "z_j": (0.5, -1.2), "j": 2}                  # … hidden net inputs; find δ_j for j = 2
PATH_NET = (3, 4, 5, 2)                             # exercise 3: layer sizes …
PATH_LAYER = 1                                      # … count the paths from a weight of W^1 to E


def expected_delta_k() -> float:
    """δ_k = (a_k − t_k)·σ'(z_k) with a_k = σ(z_k)."""
    return float((sigmoid(EX1["z_k"]) - EX1["t_k"]) * sigmoid_prime(EX1["z_k"]))


def check_delta_k(answer) -> Feedback:
    """Exercise 1: the output delta of one sigmoid neuron."""
    if answer is None:
        return NOT_ANSWERED
    a, t = sigmoid(EX1["z_k"]), EX1["t_k"]
    if matches(answer, a - t):
        return Feedback(False, _("That is a_k − t_k alone: multiply by g'(z_k) = σ(z_k)(1 − σ(z_k))."))
    if matches(answer, (a - t) * a):
        return Feedback(False, _("σ'(z) is σ(z)(1 − σ(z)), not σ(z)."))
    return compare_number(answer, expected_delta_k(), what="δ_k", digits=DIGITS, hint="δ_k = (a_k − t_k)·σ'(z_k).")


def _passed_back(j: int) -> float:
    """∂E/∂a_j = Σ_k w_kj δ_k for the hidden neuron j (0-based): column j of EX2["w_kj"]."""
    return float(sum(row[j] * d for row, d in zip(EX2["w_kj"], EX2["delta_k"], strict=True)))


def expected_delta_j() -> float:
    """δ_j = σ'(z_j) Σ_k w_kj δ_k for j = EX2['j'] (1-based)."""
    j = EX2["j"] - 1
    return float(sigmoid_prime(EX2["z_j"][j]) * _passed_back(j))


def check_delta_j(answer) -> Feedback:
    """Exercise 2: a hidden delta from the output deltas."""
    if answer is None:
        return NOT_ANSWERED
    j = EX2["j"] - 1
    back = _passed_back(j)
    row_j = sum(w * d for w, d in zip(EX2["w_kj"][j], EX2["delta_k"], strict=True))   # w_kj[j][k]: row j
    if matches(answer, back):
        return Feedback(False, _("That is ∂E/∂a_j = Σ_k w_kj δ_k: multiply by g'(z_j) to get δ_j."))
    if matches(answer, sigmoid_prime(EX2["z_j"][j]) * row_j):
        return Feedback(False, _("Wrong weights: use w_kj for the fixed j: the weights leaving neuron j, column j "
                                 "of EX2[\"w_kj\"] (EX2[\"w_kj\"][k][j - 1] for every k), not row j."))
    return compare_number(answer, expected_delta_j(), what=_("δ_j for j = {j}").format(j=EX2["j"]), digits=DIGITS,
                          hint="δ_j = σ'(z_j)·Σ_k w_kj δ_k.")


def expected_path_count() -> int:
    """The number of paths from a weight of W^PATH_LAYER to E, counted by enumerating them."""
    weights, biases = init_network(list(PATH_NET), 0)
    x, t = np.zeros(PATH_NET[0]), np.zeros(PATH_NET[-1])
    return len(weight_paths(weights, biases, x, t, PATH_LAYER, 0, 0))


def check_path_count(answer) -> Feedback:
    """Exercise 3: how many paths lead from one weight of W^1 to the loss."""
    value = read_count(answer, _("the number of paths"))
    if isinstance(value, Feedback):
        return value
    expected = expected_path_count()
    if value == expected:
        return Feedback(True, _("{count} paths: the weight fixes the neuron in layer {layer}; each later layer "
                                "offers a choice of neuron, and the choices multiply.").format(count=expected,
                                                                                               layer=PATH_LAYER))
    if value == int(np.prod(PATH_NET[PATH_LAYER:])):
        return Feedback(False, _("The weight already fixes its neuron in layer {layer}: count only the choices in "
                                 "the later layers.").format(layer=PATH_LAYER))
    if value == sum(PATH_NET[PATH_LAYER + 1:]):
        return Feedback(False, _("Each path picks one neuron in every later layer: multiply the choices, don't add."))
    return Feedback(False, _("Count the choices: one neuron in each layer after the weight's own layer."))


# ---- write-it-yourself: the node-by-node δ loops ---------------------------------------------------
# (l, m, n) of each draw. The first two have as many outputs as hidden neurons (w_kj square), so the
# index slips (w_kj[j, k] for w_kj[k, j]; σ′ at z_k) compute and can be named; the third is not square.
DELTA_SIZES = ((2, 3, 3), (3, 2, 2), (2, 4, 3))
DELTA_SEED = 5
# The engine's own versions of the loops: calling one is refused kindly.
FORBIDDEN = {deltas.node_by_node: "helpers.deltas.node_by_node", mlp.backprop: "helpers.mlp.backprop",
             mlp.backprop_per_sample: "helpers.mlp.backprop_per_sample"}


def _instead() -> str:
    """What to write instead of the engine's functions or the matrix form."""
    return _("a loop over k for δ_k = (a_k − t_k)·σ′(z_k), then a loop over j with an inner sum over k for "
             "δ_j = σ′(z_j)·Σ_k w_kj[k, j]·δ_k")


# The matrix shortcuts the exercise replaces by index loops (read from the learner's source).
VECTOR_NAMES = {"dot", "matmul", "einsum", "tensordot", "inner", "outer", "T", "transpose", "vdot"}


def delta_draws() -> list[dict[str, np.ndarray]]:
    """The networks the checker tries: for each (l, m, n) of DELTA_SIZES, seeded a_i, w_ji, b_j, w_kj, b_k,
    t_k (weights and biases from [−1, 1], inputs from [−1, 1], targets from [0, 1])."""
    rng = np.random.default_rng(DELTA_SEED)
    draws = []
    for l, m, n in DELTA_SIZES:   # noqa: E741
        u = lambda *shape: rng.uniform(-1.0, 1.0, shape)   # noqa: E731
        draws.append({"a_i": u(l), "w_ji": u(m, l), "b_j": u(m), "w_kj": u(n, m), "b_k": u(n),
                      "t_k": rng.uniform(0.0, 1.0, n)})
    return draws


def delta_slips() -> tuple[tuple[str, dict], ...]:
    """Each slip: the message that names it (in the edition's language), and the switches of
    slipped_deltas that reproduce it."""
    return (
        (_("Wrong sign: δ_k = (a_k − t_k)·σ′(z_k); E = ½Σ(a_k − t_k)², so ∂E/∂a_k = a_k − t_k, not t_k − a_k."),
         {"sign": -1.0}),
        (_("δ_k needs σ′ of the output: δ_k = (a_k − t_k)·σ′(z_k), not a_k − t_k alone."), {"out_prime": False}),
        (_("δ_j needs σ′ of the hidden neuron: Σ_k w_kj δ_k is ∂E/∂a_j; multiply it by σ′(z_j) to get δ_j = ∂E/∂z_j."),
         {"hidden_prime": False}),
        (_("σ′(z) is σ(z)(1 − σ(z)), not σ(z)."), {"prime": "sigma"}),
        (_("Wrong index on the weights: δ_j gathers the weights *leaving* neuron j, w_kj[k, j] for every k (column j), "
           "not w_kj[j, k] (row j)."), {"weights": "transposed"}),
        (_("σ′ belongs to the neuron whose delta you compute: σ′(z_j), outside the sum over k, not σ′ of hidden neuron "
           "number k inside it (seed 000's justification, ∂z_k/∂z_k, read literally)."), {"hidden_slope": "seed"}),
        (_("δ_k already contains σ′(z_k): δ_j needs σ′(z_j) of the hidden neuron, not a second σ′(z_k) inside the "
           "sum."),
         {"hidden_slope": "output"}),
        (_("Only one output's path: a_j feeds every output, so δ_j sums over all k, Σ_k w_kj δ_k, not just the first "
           "output's term."), {"outputs": "first"}),
        (_("Only one output's path: a_j feeds every output, so δ_j sums over all k, Σ_k w_kj δ_k, not just the last "
           "output's term."), {"outputs": "last"}),
        (_("Return the two arrays in the order (delta_k, delta_j): the output deltas first, as you compute them."),
         {"order": "swapped"}),
        (_("Your deltas are twice the right ones: the ½ in E = ½Σ(a_k − t_k)² cancels the 2 of the square."),
         {"factor": 2.0}),
    )


def slipped_deltas(v: dict, *, sign: float = 1.0, factor: float = 1.0, out_prime: bool = True,
                   hidden_prime: bool = True, prime: str = "right", weights: str = "right",
                   hidden_slope: str = "z_j", outputs: str = "all", order: str = "right") -> np.ndarray:
    """(δ_k, δ_j) of the network ``v`` flattened (shape (n + m,)), with the switches set to reproduce one
    slip (all defaults: right). NaN where a slip cannot be computed (an index past the layer's size)."""
    f = deltas.node_by_node(**v)
    n, m = len(v["b_k"]), len(v["b_j"])
    slope = (lambda a: a * (1 - a)) if prime == "right" else (lambda a: a)
    d_k = sign * factor * (f["a_k"] - v["t_k"]) * (slope(f["a_k"]) if out_prime else 1.0)
    if (weights == "transposed" and n != m) or (hidden_slope == "seed" and n > m):
        return np.full(n + m, np.nan)
    w = v["w_kj"].T if weights == "transposed" else v["w_kj"]           # w[k, j] as the slip reads it
    ks = {"all": range(n), "first": [0], "last": [n - 1]}[outputs]
    if hidden_slope != "z_j":                    # σ′ inside the sum: of hidden neuron k (seed) or of output k
        a = f["a_j"] if hidden_slope == "seed" else f["a_k"]
        d_j = [sum(w[k, j] * d_k[k] * slope(a[k]) for k in ks) for j in range(m)]
    else:
        d_j = [sum(w[k, j] * d_k[k] for k in ks) * (slope(f["a_j"][j]) if hidden_prime else 1.0) for j in range(m)]
    if order == "swapped":
        return np.concatenate([d_j, d_k]) if n == m else np.full(n + m, np.nan)
    return np.concatenate([d_k, np.array(d_j, dtype=float)])


def vectorised_call(fn) -> str | None:
    """The matrix shortcut the learner's source uses (``@``, ``.T``, ``np.dot`` …), or None (also when the
    source cannot be read)."""
    try:
        source = textwrap.dedent(inspect.getsource(fn))
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (OSError, TypeError, tokenize.TokenError, IndentationError, SyntaxError):
        return None
    code = [t for t in tokens if t.type in (tokenize.OP, tokenize.NAME)]
    for before, tok in zip([None, *code], code, strict=False):
        if tok.type == tokenize.OP and tok.string in ("@", "@=") and before is not None:
            if before.type == tokenize.NAME or before.string in (")", "]"):
                return _("the matrix product `@`")
        if tok.type == tokenize.NAME and tok.string in VECTOR_NAMES and before is not None and before.string == ".":
            return f"`.{tok.string}`"
    return None


def _E_of_biases(v: dict, b: np.ndarray) -> float:
    n = len(v["b_k"])
    return deltas.node_by_node(**{**v, "b_k": b[:n], "b_j": b[n:]})["E"]


def check_node_deltas(node_deltas) -> Feedback:
    """Exercise 4: the learner's ``node_deltas(a_i, w_ji, b_j, w_kj, b_k, t_k) -> (delta_k, delta_j)`` with
    index loops, sigmoid neurons, E = ½Σ_k (a_k − t_k)². δ_k = ∂E/∂b_k and δ_j = ∂E/∂b_j, so both are
    checked against central differences of E with respect to the biases, on the networks of delta_draws()."""
    name = "node_deltas"
    problem = function_problem(node_deltas, name, "check_node_deltas")
    if problem is not None:
        return problem
    shortcut = vectorised_call(node_deltas)
    if shortcut is not None:
        return Feedback(False, _("Your `{name}` uses {shortcut}, the matrix form of notebook 06. It gives the same "
                                 "numbers, but this exercise is about the loops behind it: write {instead}.").format(
                                     name=name, shortcut=shortcut, instead=_instead()))

    def draw(v: dict) -> Draw | Feedback:
        l, m, n = len(v["a_i"]), len(v["b_j"]), len(v["b_k"])   # noqa: E741
        where = _("on a {l}-{m}-{n} network").format(l=l, m=m, n=n)
        template = (np.zeros(n), np.zeros(m))
        read = run_and_read(node_deltas, name, {k: v[k].copy() for k in ("a_i", "w_ji", "b_j", "w_kj", "b_k", "t_k")},
                            template, where=where, label=_("what `{name}` returns").format(name=name),
                            parts=("delta_k", "delta_j"), forbidden=FORBIDDEN, instead=_instead(),
                            hint=_("w_kj has shape (n, m): w_kj[k, j] is the weight into output k from hidden j."))
        if isinstance(read, Feedback):
            return read
        numeric = numerical_gradient(lambda b: _E_of_biases(v, b), np.concatenate([v["b_k"], v["b_j"]]), GRADCHECK_H)
        variants = [(message, slipped_deltas(v, **switches)) for message, switches in delta_slips()]
        return Draw(where, read[0], numeric, read[1], variants)

    return check_draws(draw, delta_draws(),
                       hint="δ_k = (a_k − t_k)·σ′(z_k); δ_j = σ′(z_j)·Σ_k w_kj[k, j]·δ_k.",
                       expected_by=_("central differences (∂E/∂b) give"),
                       ok_message=_("δ_k and δ_j agree with central differences of E with respect to the biases on "
                                    "{count} networks ({sizes}).").format(
                                        count=len(DELTA_SIZES),
                                        sizes=", ".join("-".join(map(str, s)) for s in DELTA_SIZES)))


# Exercise number -> the answer (tests/test_exercise_answers_hidden.py checks no cell above prints it).
ANSWERS = {1: expected_delta_k, 2: expected_delta_j, 3: expected_path_count,
           4: "a function to write: node_deltas(a_i, w_ji, b_j, w_kj, b_k, t_k)"}
