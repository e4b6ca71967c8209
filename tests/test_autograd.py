"""helpers.autograd: every gate against central differences, the CS231n circuits against the published
numbers, a 10,000-deep chain, and what calling backward() twice does."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers import reference as ref
from helpers.autograd import Value, backward_steps, maximum, reverse_topological_order, topological_order
from helpers.gates import add_mul_circuit, gate_patterns_circuit, sigmoid_neuron_circuit, staged_circuit
from helpers.gradcheck import numerical_gradient, relative_error

GOOD = ref.GRADCHECK_GOOD  # 1e-7


def check_against_finite_differences(build, point):
    """``build(*Values) -> Value``; compare backward() with central differences at ``point``."""
    leaves = [Value(p) for p in point]
    out = build(*leaves)
    out.backward()
    analytic = np.array([v.grad for v in leaves])
    numeric = numerical_gradient(lambda p: build(*[Value(float(q)) for q in p]).data, np.array(point))
    assert relative_error(analytic, numeric) < GOOD, (analytic, numeric)
    return out, analytic


UNARY = {
    "neg": lambda a: -a,
    "pow2": lambda a: a ** 2,
    "pow3": lambda a: a ** 3,
    "pow_half": lambda a: a ** 0.5,
    "pow_minus1": lambda a: a ** -1,
    "exp": lambda a: a.exp(),
    "log": lambda a: a.log(),
    "tanh": lambda a: a.tanh(),
    "sigmoid": lambda a: a.sigmoid(),
    "relu": lambda a: a.relu(),
    "radd": lambda a: 2 + a,
    "rsub": lambda a: 2 - a,
    "rmul": lambda a: 3 * a,
    "rdiv": lambda a: 1 / a,
    "add_const": lambda a: a + 2.5,
    "sub_const": lambda a: a - 2.5,
    "div_const": lambda a: a / 4,
}


@pytest.mark.parametrize("name", sorted(UNARY))
@pytest.mark.parametrize("x", [0.7, 1.9])
def test_unary_gate_matches_finite_differences(name, x):
    check_against_finite_differences(UNARY[name], [x])


BINARY = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "max": lambda a, b: a.max(b),
    "maximum": lambda a, b: maximum(a, b),
}


@pytest.mark.parametrize("name", sorted(BINARY))
@pytest.mark.parametrize("point", [(1.3, -0.4), (-2.0, 3.5)])
def test_binary_gate_matches_finite_differences(name, point):
    check_against_finite_differences(BINARY[name], list(point))


def composite(a, b, c):
    """Every operation once, with reused subexpressions (u and v fan out)."""
    u = a * b + c
    v = (u / (1 + b ** 2)).tanh()
    w = maximum(u.sigmoid(), v.exp() * 0.1) + (a - c).relu()
    return (w * u - v).exp().log() + (u * v) / (2 - (-a)) + (c ** 2 + 1).log() * u


@pytest.mark.parametrize("point", [(0.8, -1.3, 0.5), (1.7, 0.9, -0.6), (-0.4, 2.2, 1.1)])
def test_composite_expression_matches_finite_differences(point):
    check_against_finite_differences(composite, list(point))


def test_value_used_twice_gets_the_sum_of_its_paths():
    a = Value(3.0)
    b = a + a
    b.backward()
    assert a.grad == 2.0
    c = Value(-1.5)
    d = c * c * c  # 3c² = 6.75
    d.backward()
    assert c.grad == pytest.approx(3 * (-1.5) ** 2, rel=1e-15)


def test_chain_ten_thousand_ops_deep_has_no_recursion_error():
    x = Value(0.5, "x")
    v = x
    for i in range(10_000):
        v = v * 1.0001 if i % 2 else v + 0.001
    v.backward()
    assert x.grad == pytest.approx(1.0001 ** 5000, rel=1e-12)
    assert len(topological_order(v)) == 20_001  # x, 10,000 constants, 10,000 results
    v.zero_grad()
    assert x.grad == 0.0


def test_backward_twice_is_idempotent_by_default():
    n = add_mul_circuit(**ref.CS231N_ADD_MUL["inputs"])
    n["f"].backward()
    first = {k: v.grad for k, v in n.items()}
    n["f"].backward()
    assert {k: v.grad for k, v in n.items()} == first


def test_backward_accumulate_doubles_the_leaf_gradients_on_a_second_call():
    n = add_mul_circuit(**ref.CS231N_ADD_MUL["inputs"])
    n["f"].backward(accumulate=True)
    n["f"].backward(accumulate=True)
    for name, grad in ref.CS231N_ADD_MUL["grads"].items():
        assert n[name].grad == 2 * grad
    assert n["q"].grad == ref.CS231N_ADD_MUL["inputs"]["z"]  # intermediate nodes are recomputed, not summed
    n["f"].zero_grad()
    assert all(v.grad == 0.0 for v in n.values())


def test_cs231n_add_mul_published_numbers():
    pub = ref.CS231N_ADD_MUL
    n = add_mul_circuit(**pub["inputs"])
    n["f"].backward()
    assert n["q"].data == pub["q"] and n["f"].data == pub["f"]
    for name, grad in pub["grads"].items():
        assert n[name].grad == grad


@pytest.mark.parametrize("collapsed", [False, True])
def test_cs231n_sigmoid_neuron_published_numbers(collapsed):
    pub = ref.CS231N_SIGMOID_NEURON
    n = sigmoid_neuron_circuit(pub["w"], pub["x"], collapsed=collapsed)
    n["f"].backward()
    assert abs(n["f"].data - ref.value(pub["f"])) <= ref.published_tolerance(pub["f"])
    for i, text in enumerate(pub["grad_x"]):
        assert abs(n[f"x{i}"].grad - ref.value(text)) <= ref.published_tolerance(text)
    for i, text in enumerate(pub["grad_w"]):
        assert abs(n[f"w{i}"].grad - ref.value(text)) <= ref.published_tolerance(text)

    def f(p):
        return sigmoid_neuron_circuit(p[:3], p[3:])["f"].data
    numeric = numerical_gradient(f, np.array(pub["w"] + pub["x"]))
    analytic = np.array([n[k].grad for k in ("w0", "w1", "w2", "x0", "x1")])
    assert relative_error(analytic, numeric) < GOOD


def test_cs231n_gate_patterns_published_numbers():
    pub = ref.CS231N_GATE_PATTERNS
    n = gate_patterns_circuit(**pub["inputs"])
    n["f"].backward()
    assert n["f"].data == pub["f"]
    for name, grad in pub["grads"].items():
        assert n[name].grad == grad


def test_cs231n_staged_gradients_add_at_forks():
    x, y = ref.CS231N_STAGED["inputs"]["x"], ref.CS231N_STAGED["inputs"]["y"]
    n = staged_circuit(x, y)
    n["f"].backward()

    def sig(t):
        return 1 / (1 + math.exp(-t))

    def f(p):
        return (p[0] + sig(p[1])) / (sig(p[0]) + (p[0] + p[1]) ** 2)
    assert n["f"].data == pytest.approx(f([x, y]), rel=1e-15)
    numeric = numerical_gradient(f, np.array([x, y]))
    assert relative_error([n["x"].grad, n["y"].grad], numeric) < GOOD
    x_paths = [t.contribution for t in _step(n["f"], "x").incoming]
    assert len(x_paths) == 3 and math.fsum(x_paths) == pytest.approx(n["x"].grad, rel=1e-12)


def _step(out, label):
    return next(s for s in backward_steps(out) if s.node.label == label)


def test_backward_steps_describe_upstream_times_local():
    pub = ref.CS231N_ADD_MUL
    n = add_mul_circuit(**pub["inputs"])
    steps = backward_steps(n["f"])
    assert [s.node.label for s in steps] == [v.label for v in reverse_topological_order(n["f"])]
    assert steps[0].node is n["f"] and steps[0].grad == 1.0 and steps[0].incoming == ()
    x = _step(n["f"], "x")
    assert [(t.other.label, t.upstream, t.local) for t in x.incoming] == [("q", pub["grads"]["x"], 1.0)]
    q = _step(n["f"], "q")
    assert q.incoming[0].upstream == 1.0 and q.incoming[0].local == pub["inputs"]["z"]
    assert [t.contribution for t in q.outgoing] == [pub["grads"]["x"], pub["grads"]["y"]]
    for s in steps:  # every node's gradient is the sum of its incoming terms
        if s.incoming:
            assert math.fsum(t.contribution for t in s.incoming) == pytest.approx(s.grad, rel=1e-12)


def test_reverse_topological_order_puts_every_node_before_its_inputs():
    n = staged_circuit(3.0, -4.0)
    order = reverse_topological_order(n["f"])
    position = {id(v): i for i, v in enumerate(order)}
    assert order[0] is n["f"] and len(position) == len(order)
    for v in order:
        assert all(position[id(c)] > position[id(v)] for c in v.children)


def test_sigmoid_is_stable_at_large_inputs():
    for x, expected in ((1000.0, 1.0), (-1000.0, 0.0)):
        v = Value(x)
        s = v.sigmoid()
        s.backward()
        assert s.data == expected and v.grad == 0.0


@pytest.mark.parametrize("bad", ["2", None, [1.0], 1 + 2j, True])
def test_non_numbers_are_rejected_with_type_error(bad):
    with pytest.raises(TypeError, match="data"):
        Value(bad)
    with pytest.raises(TypeError, match="other operand"):
        Value(1.0) + bad


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_nan_and_inf_are_rejected_with_value_error(bad):
    with pytest.raises(ValueError, match="finite"):
        Value(bad)
    with pytest.raises(ValueError, match="finite"):
        Value(1.0) * bad


def test_domain_errors_are_clear():
    with pytest.raises(ValueError, match="log needs a positive input"):
        Value(0.0).log()
    with pytest.raises(ValueError, match="log needs a positive input"):
        Value(-2.0).log()
    with pytest.raises(ValueError, match="divide by zero"):
        Value(1.0) / 0
    with pytest.raises(ValueError, match="overflows"):
        Value(800.0).exp()
    with pytest.raises(ValueError, match="not finite"):
        Value(1e200) * 1e200
    with pytest.raises(ValueError, match="non-integer power"):
        Value(-2.0) ** 0.5
    with pytest.raises(TypeError, match="exponent must be a plain number"):
        Value(2.0) ** Value(2.0)
    with pytest.raises(TypeError, match="label"):
        Value(1.0, label=3)
    with pytest.raises(TypeError, match="root must be a Value"):
        topological_order(3.0)
    with pytest.raises(TypeError, match="root must be a Value"):
        backward_steps("f")


def test_max_routes_to_the_winner_and_to_the_first_input_on_a_tie():
    a, b = Value(2.0), Value(-1.0)
    m = maximum(a, b)
    m.backward()
    assert (a.grad, b.grad) == (1.0, 0.0)
    a, b = Value(1.0), Value(1.0)
    m = maximum(a, b)
    m.backward()
    assert (a.grad, b.grad) == (1.0, 0.0)
    r = Value(-0.5)
    out = r.relu()
    out.backward()
    assert out.data == 0.0 and r.grad == 0.0


def test_the_cs231n_neuron_reference_keeps_only_the_published_two_decimals():
    """CS231n's notes print the sigmoid neuron's value and gradients to two decimals (0.73; −0.20, −0.39,
    0.20; 0.39, −0.59); more digits would be ours, not published (issue 17)."""
    pub = ref.CS231N_SIGMOID_NEURON
    assert pub["f"] == "0.73"
    assert pub["grad_w"] == ["-0.20", "-0.39", "0.20"] and pub["grad_x"] == ["0.39", "-0.59"]
    for text in [pub["f"], *pub["grad_w"], *pub["grad_x"]]:
        assert len(text.split(".")[1]) == 2
