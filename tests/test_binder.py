"""Binder (repo2docker) builds from binder/, which it reads before the top-level files: the lock alone
(binder/requirements.txt, a byte-for-byte copy of requirements.txt that `make lock` refreshes), the same
Python as environment.yml, and binder/postBuild for `import helpers`. repo2docker installs a
binder/requirements.txt before copying the repository only when it names no other file, so the image
layer with the packages is reused by every commit that leaves the lock alone (checked with
`repo2docker --no-build --debug`, docs/teaching/class-hub.md)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"


def test_binder_requirements_are_the_lock_byte_for_byte():
    assert (BINDER / "requirements.txt").read_bytes() == (ROOT / "requirements.txt").read_bytes(), \
        "run `make lock` (it copies requirements.txt to binder/requirements.txt)"


def test_binder_requirements_name_no_other_file():
    """A -r, -c or -e line (or a local path) would make repo2docker copy the repository first."""
    for line in (BINDER / "requirements.txt").read_text().splitlines():
        code = line.split("#")[0].strip()
        assert not re.match(r"^(-r|-c|-e|--requirement|--constraint|--editable|\.|/)", code), line


def test_binder_python_is_environment_ymls():
    runtime = (BINDER / "runtime.txt").read_text().strip()
    pinned = re.search(r"^\s*-\s*python=(\S+)\s*$", (ROOT / "environment.yml").read_text(), re.M)[1]
    assert runtime == f"python-{pinned}"


def test_binder_postbuild_installs_helpers_without_dependencies():
    script = BINDER / "postBuild"
    assert script.stat().st_mode & 0o111, "binder/postBuild must be executable"
    lines = [line.strip() for line in script.read_text().splitlines() if line.strip() and not line.startswith("#")]
    assert lines == ["set -e", "python -m pip install --no-deps -e ."]


def test_make_lock_refreshes_the_binder_copy():
    recipe = (ROOT / "Makefile").read_text().split("\nlock:", 1)[1].split("\n\n", 1)[0]
    assert "cp requirements.txt binder/requirements.txt" in recipe
