"""The environment files agree: one list of exact pins, shared by users, CI and Binder."""

import re
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([0-9][0-9A-Za-z.\-+]*)$")


def requirement_lines(name):
    lines = (ROOT / name).read_text().splitlines()
    return [ln.split("#")[0].strip() for ln in lines if ln.split("#")[0].strip()]


def pins(name):
    out = {}
    for line in requirement_lines(name):
        if line.startswith("-r "):
            continue
        match = PIN.match(line)
        assert match, f"{name}: {line!r} is not an exact '==' pin"
        out[match[1].lower().replace("_", "-")] = match[2]
    return out


def test_requirements_are_exact_pins_without_duplicates():
    learner, testing = pins("requirements.txt"), pins("requirements-test.txt")
    assert {"jupyterlab", "ipywidgets", "numpy", "matplotlib", "sympy", "nbval"} <= set(learner)
    assert {"pytest", "playwright", "hypothesis"} <= set(testing)
    assert not set(learner) & set(testing), "a package is pinned in both files"
    assert "-r requirements.txt" in requirement_lines("requirements-test.txt")


def test_environment_yml_pins_python_and_pulls_in_requirements():
    text = (ROOT / "environment.yml").read_text()
    assert re.search(r"^\s*-\s*python=3\.11\s*$", text, re.M), "environment.yml must pin python=3.11"
    assert re.search(r"^\s*-\s*-r requirements\.txt\s*$", text, re.M), "environment.yml must use -r requirements.txt"
    listed = set(re.findall(r"^\s*-\s*([A-Za-z][A-Za-z0-9_.\-]*)\s*[=<>]", text, re.M)) - {"python"}
    assert not listed, f"environment.yml lists packages of its own ({listed}); keep them in requirements.txt"


def test_binder_installs_the_helpers_package():
    post_build = (ROOT / "postBuild").read_text()
    assert post_build.splitlines()[1].strip() == "set -e" or "set -e" in post_build
    assert "pip install" in post_build and "-e ." in post_build


def test_installed_versions_match_the_pins():
    wrong = {}
    for name, version in {**pins("requirements.txt"), **pins("requirements-test.txt")}.items():
        installed = metadata.version(name)
        if installed != version:
            wrong[name] = (version, installed)
    assert not wrong, f"installed packages differ from the pins (pinned, installed): {wrong}"


def test_readme_gives_the_two_commands_and_ci_runs_the_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make lab" in readme and "make test" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.rstrip().splitlines()[-1].strip() == "make test"


def test_readme_map_links_every_notebook_of_the_series():
    from helpers.series import SERIES

    readme = (ROOT / "README.md").read_text()
    for item in SERIES:
        assert f"(notebooks/{item.filename})" in readme, f"README map lacks {item.filename}"
