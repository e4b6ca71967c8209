"""Exercises of notebook 02_computational_graphs_and_gates. Each ``check_*`` takes the learner's answer
and returns a :class:`~helpers.exercises.feedback.Feedback`; expected values come from
:mod:`helpers.autograd` and :mod:`helpers.gates`, never typed in."""

from __future__ import annotations

import math

import numpy as np

from .. import gates
from ..autograd import Value, topological_order
from ..gates import gate_patterns_circuit, multiply_forward, sigmoid_backward, sigmoid_forward
from ..gradcheck import central_difference, numerical_gradient
from ..i18n import _
from ..reference import GRADCHECK_H
from .feedback import NOT_ANSWERED, Feedback, compare_number, describe, matches
from .functions import Draw, call, check_draws, function_problem, run_and_read

__all__ = ["EX1_INPUTS", "EX2_Z", "EX2_DOUT", "EX3_X", "EX3_Y", "expected_gate_patterns_grad_w",
           "expected_sigmoid_gate_grad", "expected_fan_out_grad", "fan_out_paths",
           "check_gate_patterns_grad_w", "check_sigmoid_gate_grad", "check_fan_out_grad",
           "CODE_SEED", "N_DRAWS", "code_draws", "multiply_backward_variants", "tanh_variants",
           "check_multiply_backward", "check_tanh", "DIGITS", "ANSWERS"]

DIGITS = 3    # the number exercises of notebook 02 ask for at least this many significant digits

EX1_INPUTS = {"x": 1.5, "y": -2.0, "z": -1.0, "w": 0.5}   # f = 2·(x·y + max(z, w)); w wins the max
EX2_Z, EX2_DOUT = 0.8, -2.5                               # a collapsed sigmoid gate: input and upstream
EX3_X, EX3_Y = 0.6, -1.5                                  # f = x·y + exp(x): x fans out to two gates


def expected_gate_patterns_grad_w() -> float:
    """∂f/∂w for f = 2·(x·y + max(z, w)) at EX1_INPUTS, by the autograd engine."""
    n = gate_patterns_circuit(**EX1_INPUTS)
    n["f"].backward()
    return n["w"].grad


def check_gate_patterns_grad_w(answer) -> Feedback:
    """Exercise 1: the gradient the max gate routes to w (and the ×2 gate scales)."""
    if answer is None:
        return NOT_ANSWERED
    expected = expected_gate_patterns_grad_w()
    if matches(answer, 0.0):
        return Feedback(False, _("0 is what the losing input of a max gate gets. Compare z and w: which one is "
                                 "larger here?"))
    if matches(answer, expected / 2):
        return Feedback(False, _("Right route, but the last gate multiplies by 2: its local gradient scales "
                                 "everything that flows back through it."))
    return compare_number(answer, expected, what="∂f/∂w", digits=DIGITS,
                          hint=_("Walk back: ×2 gate (local 2), add gate (local 1), max gate (1 to the winner)."))


def expected_sigmoid_gate_grad() -> float:
    """dz = dout · σ(z)(1 − σ(z)) for the collapsed sigmoid gate at EX2_Z with upstream EX2_DOUT."""
    _s, cache = sigmoid_forward(EX2_Z)
    return sigmoid_backward(EX2_DOUT, cache)


def check_sigmoid_gate_grad(answer) -> Feedback:
    """Exercise 2: what a sigmoid gate sends back to its input."""
    if answer is None:
        return NOT_ANSWERED
    s = sigmoid_forward(EX2_Z)[0]
    if matches(answer, s * (1 - s)):
        return Feedback(False, _("That is the local gradient σ(1 − σ) alone. The gate sends back upstream × "
                                 "local: multiply by EX2_DOUT."))
    if matches(answer, EX2_DOUT * EX2_Z * (1 - EX2_Z)):
        return Feedback(False, _("Use σ(z), not z, in σ(1 − σ): the gate's output, not its input."))
    return compare_number(answer, expected_sigmoid_gate_grad(), what="∂L/∂z", digits=DIGITS,
                          hint="dz = dout · σ(z) · (1 − σ(z)).")


def fan_out_paths() -> dict[str, float]:
    """The two contributions to ∂f/∂x for f = x·y + exp(x): through the multiply and through exp."""
    return {"multiply": EX3_Y, "exp": float(np.exp(EX3_X))}


def expected_fan_out_grad() -> float:
    """∂f/∂x for f = x·y + exp(x) at (EX3_X, EX3_Y), by the autograd engine."""
    x, y = Value(EX3_X, "x"), Value(EX3_Y, "y")
    f = x * y + x.exp()
    f.backward()
    return x.grad


def check_fan_out_grad(answer) -> Feedback:
    """Exercise 3: a value used twice receives the sum of its two paths."""
    if answer is None:
        return NOT_ANSWERED
    only = {"multiply": _("That is only the path through the multiply gate. x feeds two gates, so its gradient "
                          "is the sum of both contributions."),
            "exp": _("That is only the path through the exp gate. x feeds two gates, so its gradient is the sum "
                     "of both contributions.")}
    for gate, value in fan_out_paths().items():
        if matches(answer, value):
            return Feedback(False, only[gate])
    return compare_number(answer, expected_fan_out_grad(), what="∂f/∂x", digits=DIGITS,
                          hint=_("Multiply gate sends y; exp gate sends exp(x); add them."))


# ---- write-it-yourself exercises: a gate's backward, and tanh for the engine -------------------------
CODE_SEED, N_DRAWS = 2, 5      # the function checkers try N_DRAWS seeded random inputs


def code_draws() -> list[tuple[float, float, float]]:
    """N_DRAWS triples of numbers in [−2, 2] (x, y, dout for the gate; x, c and a spare for tanh)."""
    rng = np.random.default_rng(CODE_SEED)
    return [tuple(float(v) for v in rng.uniform(-2.0, 2.0, 3)) for _ in range(N_DRAWS)]


def multiply_backward_variants(x: float, y: float, dout: float) -> list[tuple[str, np.ndarray]]:
    """The typical wrong (dx, dy) of a multiply gate, each with the message that names the slip."""
    return [
        (_("The multiply gate swaps: each input gets dout times the *other* input, dx = dout·y and dy = dout·x "
           "(or you returned them as (dy, dx): return dx first)."), np.array([dout * x, dout * y])),
        (_("You returned the local gradients alone: multiply each by the upstream gradient dout."),
         np.array([y, x])),
        (_("You returned (x, y): each input gets dout times the *other* input."), np.array([x, y])),
        (_("That is the add gate's rule (dout to both inputs); the multiply gate scales dout by the other input."),
         np.array([dout, dout])),
        (_("Wrong sign: nothing in x·y flips it; dx = dout·y, dy = dout·x."), np.array([-dout * y, -dout * x])),
    ]


def check_multiply_backward(multiply_backward) -> Feedback:
    """Exercise 4: the learner's ``multiply_backward(dout, cache)`` (cache = (x, y) as
    ``gates.multiply_forward`` makes it), against dout × central differences of x·y at N_DRAWS
    random points; returns a pair (dx, dy)."""
    name = "multiply_backward"
    problem = function_problem(multiply_backward, name, "check_multiply_backward")
    if problem is not None:
        return problem
    def draw(point: tuple[float, float, float]) -> Draw | Feedback:
        x, y, dout = point
        where = _("for x = {x:.4g}, y = {y:.4g}, dout = {dout:.4g}").format(x=x, y=y, dout=dout)
        read = run_and_read(multiply_backward, name, {"dout": dout, "cache": multiply_forward(x, y)[1]},
                            (0.0, 0.0), where=where, label=_("what `{name}` returns").format(name=name),
                            parts=("dx", "dy"), hint=_("cache is the pair (x, y): unpack it with `x, y = cache`."),
                            forbidden={gates.multiply_backward: "gates.multiply_backward"},
                            instead=_("unpack `x, y = cache` and return `dout * y, dout * x`"))
        if isinstance(read, Feedback):
            return read
        numeric = dout * numerical_gradient(lambda p: p[0] * p[1], np.array([x, y]), GRADCHECK_H)
        return Draw(where, read[0], numeric, read[1], multiply_backward_variants(x, y, dout))

    return check_draws(draw, code_draws(), hint="dx = dout·y, dy = dout·x.",
                       ok_message=_("`{name}` agrees with dout × central differences at {n} random points: the "
                                    "multiply gate swaps its inputs and scales by dout.").format(name=name, n=N_DRAWS))


def tanh_variants(x: float, c: float) -> list[tuple[str, np.ndarray]]:
    """Typical wrong x.grad in (f = c·tanh(x), f = tanh(x) + tanh(x)), each with its message."""
    t = math.tanh(x)
    local = 1.0 - t * t
    return [
        (_("x.grad stayed 0: the backward rule never ran. Attach it to the output with `out._backward = "
           "_backward` before `return out`."), np.array([0.0, 0.0])),
        (_("Multiply the local gradient by the upstream gradient: `x.grad += (1 - t**2) * out.grad`."),
         np.array([local, 2 * local])),
        (_("Use `+=`, not `=`, in `_backward`: in tanh(x) + tanh(x) the value x is used twice, and `=` keeps "
           "only the last contribution."), np.array([c * local, local])),
        (_("The local gradient is 1 − t² with t = tanh(x), the output; you used the input x (1 − x²)."),
         np.array([c * (1 - x * x), 2 * (1 - x * x)])),
        (_("tanh′ = 1 − t², not t(1 − t) (that is the sigmoid's σ(1 − σ))."),
         np.array([c * t * (1 - t), 2 * t * (1 - t)])),
        (_("tanh′ = 1 − t²: square t."), np.array([c * (1 - t), 2 * (1 - t)])),
        (_("Wrong sign: tanh′ = 1 − t² is positive everywhere."), np.array([-c * local, -2 * local])),
    ]


TANH_FORBIDDEN = {Value.tanh: "x.tanh()"}


def _tanh_output_problem(out, xv: Value, where: str) -> Feedback | None:
    """Whether what the learner's tanh returned is a new Value holding tanh(x), linked to x."""
    if not isinstance(out, Value) or out is xv:
        given = _("its input x itself") if out is xv else describe(out)
        return Feedback(False, _("`tanh` should return a new Value, `out = Value(t, _children=(x,), _op='tanh')`; "
                                 "yours returned {given}.").format(given=given))
    if not math.isclose(out.data, math.tanh(xv.data), rel_tol=1e-12, abs_tol=1e-15):
        return Feedback(False, _("The forward value is off {where}: out.data = {got:.6g}, but tanh(x) = "
                                 "{expected:.6g}. Compute t = math.tanh(x.data).").format(
                                     where=where, got=out.data, expected=math.tanh(xv.data)))
    if not any(node is xv for node in topological_order(out)):
        return Feedback(False, _("The new Value does not know its input: create it with `Value(t, _children=(x,), "
                                 "_op='tanh')`, so that backward() can reach x."))
    return None


def _tanh_grad(tanh, x: float, c: float | None) -> float | Feedback:
    """x.grad after backward() of f = c·tanh(x), or of f = tanh(x) + tanh(x) when ``c`` is None."""
    xv, where = Value(x, "x"), _("at x = {x:.4g}").format(x=x)
    outs = []
    for _use in range(1 if c is not None else 2):
        out = call(tanh, "tanh", {"x": xv}, where=where, unchanged=(), forbidden=TANH_FORBIDDEN,
                   instead=_("t = math.tanh(x.data), a new Value(t, (x,), 'tanh') and its `_backward`"))
        problem = out if isinstance(out, Feedback) else _tanh_output_problem(out, xv, where)
        if problem is not None:
            return problem
        outs.append(out)
    f = outs[0] * c if c is not None else outs[0] + outs[1]
    return call(lambda: (f.backward(), xv.grad)[1], "tanh", {}, where=_("{where}, in backward()").format(where=where),
                source=tanh)


def check_tanh(tanh) -> Feedback:
    """Exercise 5: the learner's ``tanh(x)`` for the engine (x a Value; returns a new Value whose
    ``_backward`` adds local × upstream into x.grad). x.grad of f = c·tanh(x) and of tanh(x) + tanh(x)
    is compared with central differences at N_DRAWS random x."""
    problem = function_problem(tanh, "tanh", "check_tanh")
    if problem is not None:
        return problem
    def draw(point: tuple[float, float, float]) -> Draw | Feedback:
        x, c, _spare = point
        grads = [_tanh_grad(tanh, x, c), _tanh_grad(tanh, x, None)]
        for grad in grads:
            if isinstance(grad, Feedback):
                return grad
        numeric = [c * central_difference(math.tanh, x, GRADCHECK_H),
                   central_difference(lambda t: 2 * math.tanh(t), x, GRADCHECK_H)]
        labels = [_("x.grad in f = {c:.4g}·tanh(x)").format(c=c), _("x.grad in f = tanh(x) + tanh(x)")]
        return Draw(_("at x = {x:.4g}").format(x=x), np.array(grads), np.array(numeric), labels, tanh_variants(x, c))

    return check_draws(draw, code_draws(), hint=_("x.grad += (1 − t²) · out.grad, with t = tanh(x)."),
                       ok_message=_("`tanh` agrees with central differences at {n} random x, with an upstream gradient "
                                    "and with x used twice: the forward value, the local gradient 1 − t², the `+=` and "
                                    "the link to x are all right.").format(n=N_DRAWS))


# Exercise number -> its answer, computed (tests/test_exercise_answers_hidden.py checks that no stored
# output above the exercise prints it, in either edition).
ANSWERS = {1: expected_gate_patterns_grad_w, 2: expected_sigmoid_gate_grad, 3: expected_fan_out_grad,
           4: "a function to write (multiply_backward)", 5: "a function to write (tanh for the engine)"}
