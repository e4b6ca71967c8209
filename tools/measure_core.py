"""How much of each learner-facing helpers module is the idea it teaches: prints issue 18's table.

    .venv/bin/python tools/measure_core.py                 # this tree
    .venv/bin/python tools/measure_core.py --before ../main --after .

Counted: non-blank code lines, docstrings and comment-only lines left out. Each line gets one class:

* **plumbing** — imports, ``__all__``, ``from __future__``; lines of a ``def`` whose body only returns
  a dict of arguments, converts types or re-exports (functions named in ``PLUMBING_NAMES``);
* **guard** — every line of a ``raise``, ``assert`` or ``try``/``except`` statement, of an ``if`` whose
  body only raises, of a statement calling a validation or overflow helper (``check_*``, ``as_array``,
  ``as_scalar``, ``isfinite``, ``errstate``, ``finite``, ``guarded``, ``validate``, ``isinstance`` tests
  that lead to an error), and every line of a function whose name says it checks (``check*``,
  ``_finite*``, ``_cache``, ``_dout``, ``_entries``, ``_leaves``, ``_pair``, ``_numbers``, ``as_*``);
* **fast path** — every line of a function that exists only for speed (``FAST_NAMES``: the Trainer's
  ``_fast_updates``/``_checked_before``/``_kernels``, ``_made``, ``_minus_scaled``, the in-place
  σ′ helpers, ``_functions``, example222's ``_train_loop``);
* **idea** — everything else.

"Lines before the core": physical lines of the file (docstring included) above the first line of the
first function or class whose lines are mostly idea — what a learner scrolls past before the teaching
code starts. Modules: the learner-facing ones of issue 18, and (after) the ``helpers/core`` modules
they now run, which are the ones the notebooks print.
"""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

MODULES_BEFORE = ["helpers/mlp.py", "helpers/autograd.py", "helpers/gates.py", "helpers/example222.py",
                  "helpers/training.py"]
MODULES_AFTER = ["helpers/core/mlp.py", "helpers/core/autograd.py", "helpers/core/gates.py", "helpers/core/neuron.py",
                 "helpers/core/example222.py"] + MODULES_BEFORE
GUARD_CALL = re.compile(r"\b(_?check\w*|as_array|as_scalar|as_pair|isfinite|all_finite|errstate|_?finite\w*|"
                        r"guarded|validate|_cache|_dout)\s*\(")
GUARD_FUNC = re.compile(r"^(_?check\w*|_finite\w*|_cache|_dout|_entries|_leaves|_pair|_numbers|as_\w+|_root|"
                        r"_node|_gradients|_circuit|_checked|_step|_loss|_network|_\w+_arguments|_operand|_binary|"
                        r"_reflected\w*|_divide|_power|_exp|_log|_scalars|_backward_arguments|_reciprocal_\w+|"
                        r"_max_backward|_copy_\w+|_sigmoid_backward|_exp_forward|_overflowed_gate)$")
FAST_NAMES = {"_fast_updates", "_checked_before", "_kernels", "_made", "_minus_scaled", "_sigmoid_prime_from_output",
              "_tanh_prime_from_output", "_functions", "_train_loop", "_kwargs", "_quotient_slope", "_power_slope"}
PLUMBING_NAMES = {"__repr__", "children", "local_grads", "_describe", "weight_matrices", "_run_core"}


def _docstring_lines(tree: ast.AST) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(getattr(first.value, "value", None), str):
                lines.update(range(first.lineno, first.end_lineno + 1))
    return lines


def _span(node: ast.AST) -> range:
    return range(node.lineno, node.end_lineno + 1)


def classify(path: Path) -> tuple[dict[str, int], int]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    skip = _docstring_lines(tree)
    code = {i for i, line in enumerate(lines, 1)
            if line.strip() and not line.strip().startswith("#") and i not in skip}
    kind = dict.fromkeys(code, "idea")

    def mark(span, label, overwrite=True):
        for i in span:
            if i in kind and (overwrite or kind[i] == "idea"):
                kind[i] = label

    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            mark(_span(node), "plumbing")
        elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            mark(_span(node), "plumbing")
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            span = range(min([d.lineno for d in node.decorator_list] + [node.lineno]), node.end_lineno + 1)
            if node.name in FAST_NAMES:
                mark(span, "fast path")
            elif node.name in PLUMBING_NAMES:
                mark(span, "plumbing")
            elif GUARD_FUNC.match(node.name):
                mark(span, "guard")
    for node in ast.walk(tree):
        if isinstance(node, (ast.Raise, ast.Assert, ast.Try)):
            mark(_span(node), "guard", overwrite=False)
        elif isinstance(node, ast.If) and all(isinstance(s, ast.Raise) for s in node.body):
            mark(_span(node), "guard", overwrite=False)
        elif isinstance(node, (ast.Expr, ast.Assign, ast.Return, ast.With)):
            head = node.items[0].context_expr if isinstance(node, ast.With) else node
            segment = ast.get_source_segment(text, head) or ""
            if GUARD_CALL.search(segment):
                mark(_span(head) if isinstance(node, ast.With) else _span(node), "guard", overwrite=False)
    counts = {label: sum(1 for v in kind.values() if v == label)
              for label in ("idea", "guard", "fast path", "plumbing")}
    before = len(lines)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            own = [kind[i] for i in _span(node) if i in kind]
            if own and own.count("idea") > len(own) / 2:
                before = min([d.lineno for d in node.decorator_list] + [node.lineno]) - 1
                break
    return counts, before


def table(root: Path, modules: list[str], title: str) -> None:
    print(f"\n{title} ({root})")
    print("| module | idea | guard | fast path | plumbing | lines before the core |")
    print("|---|---|---|---|---|---|")
    for module in modules:
        path = root / module
        if not path.exists():
            continue
        counts, before = classify(path)
        total = sum(counts.values())
        print(f"| {module.removeprefix('helpers/')} | {counts['idea']} ({100 * counts['idea'] / total:.0f}%) | "
              f"{counts['guard']} | {counts['fast path']} | {counts['plumbing']} | {before} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path)
    parser.add_argument("--after", type=Path, default=Path(__file__).resolve().parent.parent)
    args = parser.parse_args()
    if args.before:
        table(args.before.resolve(), MODULES_BEFORE, "before")
    table(args.after.resolve(), MODULES_AFTER, "after")


if __name__ == "__main__":
    main()
