"""The backward pass of a :class:`helpers.autograd.Value` graph described step by step (notebook 02's
backward stepper): for every node, in the order the pass visits it, the terms upstream × local that
make its gradient and the terms it sends on to its inputs. Part of :mod:`helpers.autograd`'s API;
built on the engine in :mod:`helpers.core.autograd`."""

from __future__ import annotations

from dataclasses import dataclass

from helpers.core.autograd import Value, topological_order
from helpers.i18n import _

__all__ = ["Term", "BackwardStep", "backward_steps"]


@dataclass(frozen=True)
class Term:
    """One product of the chain rule: ``upstream × local = contribution``; ``other`` is the node at
    the other end of the edge (the consumer for incoming terms, the input for outgoing terms)."""

    other: Value
    upstream: float
    local: float

    @property
    def contribution(self) -> float:
        return self.upstream * self.local


@dataclass(frozen=True)
class BackwardStep:
    """One node of the backward pass, in the order the pass visits it.

    ``incoming``: one term per use of ``node`` (consumer.grad × ∂consumer/∂node); their sum is
    ``grad`` (for the output, no terms and ``grad`` = 1). ``outgoing``: what ``node`` sends to each of
    its inputs (node.grad × ∂node/∂input).
    """

    node: Value
    grad: float
    incoming: tuple[Term, ...]
    outgoing: tuple[Term, ...]


def backward_steps(root: Value) -> list[BackwardStep]:
    """Run ``root.backward()`` and describe every node in reverse topological order."""
    if not isinstance(root, Value):
        raise TypeError(_("root must be a Value; got {kind}").format(kind=type(root).__name__))
    root.backward()                           # (a checked Value refuses a gradient that overflowed)
    order = topological_order(root)[::-1]
    uses: dict[int, list[Term]] = {id(n): [] for n in order}
    for node in order:
        for child, local in zip(node._prev, node._local, strict=True):
            uses[id(child)].append(Term(node, node.grad, local))
    steps = []
    for node in order:
        outgoing = tuple(Term(c, node.grad, d) for c, d in zip(node._prev, node._local, strict=True))
        steps.append(BackwardStep(node, node.grad, tuple(uses[id(node)]), outgoing))
    return steps

