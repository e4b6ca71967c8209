"""Strict nbval really compares stored outputs: editing one stored output makes the run fail."""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parent.parent


def run_nbval(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", str(path.parent),
         "-c", str(ROOT / "pyproject.toml"), "--override-ini", "testpaths=", str(path)],
        capture_output=True, text=True, cwd=path.parent, timeout=240)


def test_an_edited_stored_output_fails_strict_nbval(tmp_path):
    source = ROOT / "notebooks" / "00_welcome.ipynb"
    (tmp_path / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "sanitize.cfg", tmp_path / "tests" / "sanitize.cfg")
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    assert run_nbval(copy).returncode == 0, "the unmodified copy should pass"

    nb = nbformat.read(copy, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "code" and "net_h1" in c.source and c.outputs)
    stream = next(o for o in cell.outputs if o.output_type == "stream")
    assert "0.3775" in stream.text
    stream.text = stream.text.replace("0.3775", "0.3776", 1)
    nbformat.write(nb, copy)
    result = run_nbval(copy)
    assert result.returncode != 0, result.stdout[-2000:]
    assert "0.3776" in result.stdout
