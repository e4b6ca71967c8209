"""Regenerate notebooks' stored outputs from one clean top-to-bottom run (the only way outputs are
written). Used by ``make regenerate``; run it inside the pinned environment.

    python tools/regenerate.py                 # every notebook in notebooks/ and notebooks/ko/
    python tools/regenerate.py notebooks/04_*.ipynb

Each notebook: outputs cleared, navigation bars refreshed, executed in a fresh ``python3`` kernel with
the notebook folder as working directory, written back with execution counts 1..n. Widget state is
not stored (a reopened notebook asks the learner to Run All first).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import navbars  # noqa: E402

# A Korean string with no catalogue entry stops the run instead of storing English (helpers/i18n.py).
os.environ["BP_I18N_STRICT"] = "1"


def regenerate(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    navbars.apply(nb, path.stem, path.parent)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # timings from older runs: noise in diffs
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    nb.metadata.pop("widgets", None)
    start = time.perf_counter()
    client = NotebookClient(nb, timeout=300, kernel_name="python3", store_widget_state=False, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    elapsed = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    nb.metadata["language_info"] = {"name": "python", "version": ".".join(map(str, sys.version_info[:3]))}
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or navbars.notebook_paths()
    with tempfile.TemporaryDirectory(prefix="bp-regen-") as tmp:  # keep $HOME clean
        for var, sub in (("MPLCONFIGDIR", "mpl"), ("IPYTHONDIR", "ipython"), ("JUPYTER_RUNTIME_DIR", "rt")):
            os.environ.setdefault(var, str(Path(tmp) / sub))
        profile = Path(os.environ["IPYTHONDIR"]) / "profile_default"
        profile.mkdir(parents=True, exist_ok=True)
        config = profile / "ipython_kernel_config.py"
        if not config.exists():  # quiet ipykernel's loopback-TCP warning
            config.write_text('c.IPKernelApp.log_level = "ERROR"\n')
        for path in paths:
            elapsed = regenerate(path)
            shown = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else path
            print(f"regenerated {shown} in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
