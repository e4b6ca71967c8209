"""The code the notebooks print is the teaching code, whole and check-free.

A notebook shows helpers source only as ``print(inspect.getsource(NAME))`` — a whole function or
method reached by a public name (no slicing of the source, no ``??``, no private names), and every
such NAME lives in ``helpers.core``. The rule for "check-free", applied to each printed function and
to every function in ``helpers/core``: its syntax tree has no ``raise``, ``assert`` or ``try``, and
no call to a validation or overflow helper (a name starting with ``check``, ``as_array``,
``as_scalar``, ``isfinite``, ``errstate``, ``guarded``, ``finite``, ``validate``). Validation lives
in the façades (``helpers.mlp``, ``helpers.autograd``, ``helpers.gates``, ``helpers.training``), built
with ``helpers._checks.guarded``.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import pkgutil
import re
import textwrap
from pathlib import Path

import pytest

import helpers.core

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "notebooks" / "ko").glob("*.ipynb"))
PRINT = re.compile(r"^print\(inspect\.getsource\(([A-Za-z_][\w.]*)\)\)$")
FORBIDDEN_CALLS = ("check", "as_array", "as_scalar", "isfinite", "errstate", "guarded", "finite", "validate")


def code_cells(path: Path) -> list[str]:
    return ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code"]


def printed(path: Path) -> list[str]:
    """The names a notebook prints the source of; fails on any other way of showing source."""
    names = []
    for source in code_cells(path):
        if "getsource" in source or "??" in source:
            match = PRINT.match(source.strip())
            assert match, f"{path.name}: source must be shown as print(inspect.getsource(NAME)), whole; got {source!r}"
            names.append(match.group(1))
    return names


def resolve(path: Path, name: str):
    """Evaluate ``name`` after running only the notebook's import statements."""
    namespace: dict = {}
    for source in code_cells(path):
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        imports = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
        exec(compile(ast.Module(body=imports, type_ignores=[]), str(path), "exec"), namespace)  # noqa: S102
    return eval(name, namespace)  # noqa: S307


def violations(function) -> list[str]:
    """What breaks the check-free rule in ``function``'s source (empty: it is check-free)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Raise, ast.Assert, ast.Try)):
            found.append(f"line {node.lineno}: {type(node).__name__.lower()}")
        elif isinstance(node, ast.Call):
            callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if callee.lstrip("_").startswith(FORBIDDEN_CALLS):
                found.append(f"line {node.lineno}: call of {callee}")
    return found


def core_functions():
    for info in pkgutil.iter_modules(helpers.core.__path__):
        module = importlib.import_module(f"helpers.core.{info.name}")
        for name, obj in vars(module).items():
            if inspect.isfunction(obj) and obj.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", obj
            elif inspect.isclass(obj) and obj.__module__ == module.__name__:
                for attr, member in vars(obj).items():
                    if inspect.isfunction(member):
                        yield f"{module.__name__}.{name}.{attr}", member


PRINTED = [(path, name) for path in NOTEBOOKS for name in printed(path)]


def test_the_notebooks_print_some_source():
    names = {name for _, name in PRINTED}
    assert {"mlp_core.backprop", "autograd_core.Value.__mul__", "gates_core.sigmoid_neuron_circuit"} <= names


@pytest.mark.parametrize(("path", "name"), PRINTED, ids=[f"{p.parent.name}/{p.stem}:{n}" for p, n in PRINTED])
def test_a_printed_function_is_public_core_and_check_free(path, name):
    assert not any(part.startswith("_") and not part.endswith("__") for part in name.split(".")), \
        f"{path.name} prints {name}: a private name"
    function = resolve(path, name)
    assert function.__module__.startswith("helpers.core."), f"{path.name} prints {name} from {function.__module__}"
    assert violations(function) == [], f"{path.name} prints {name}, which has checks"


@pytest.mark.parametrize(("name", "function"), list(core_functions()), ids=[n for n, _ in core_functions()])
def test_every_core_function_is_check_free(name, function):
    assert violations(function) == []


def test_the_rule_finds_checks():
    """The rule can fail: a façade function (it validates) breaks it."""
    import helpers.mlp

    assert violations(helpers.mlp._network)
    assert violations(helpers.mlp._train_step_arguments)
