"""Session-wide test settings: keep every tool's files out of $HOME, and mark tests by where they live.

Markers (declared in pyproject.toml) are given by directory, so a new file is covered without a line of
its own: everything under tests/browser/ is ``browser``, under tests/hub/ ``hub``, every test_site*.py
``site`` (the web site build), every notebook cell ``nbval``; a module that starts a server or a second
pytest says ``pytestmark = pytest.mark.server``. ``make test-fast`` leaves all five out.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_TMP = Path(tempfile.mkdtemp(prefix="bp-tests-"))
for _var, _sub in (("MPLCONFIGDIR", "mpl"), ("IPYTHONDIR", "ipython"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                   ("JUPYTER_DATA_DIR", "data")):
    os.environ[_var] = str(_TMP / _sub)
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
# A Korean string with no catalogue entry is an error in every test and every re-run notebook (helpers/i18n.py).
os.environ["BP_I18N_STRICT"] = "1"
# ipykernel logs a warning about plain TCP transport at every kernel start (the kernels here listen on
# loopback only); keep kernel logging to errors so pytest's summary stays the last thing printed.
_PROFILE = _TMP / "ipython" / "profile_default"
_PROFILE.mkdir(parents=True, exist_ok=True)
(_PROFILE / "ipython_kernel_config.py").write_text('c.IPKernelApp.log_level = "ERROR"\n')


_BY_DIRECTORY = {"tests/browser/": "browser", "tests/hub/": "hub"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = str(item.fspath).replace("\\", "/")
        for folder, marker in _BY_DIRECTORY.items():
            if f"/{folder}" in path:
                item.add_marker(marker)
        if path.endswith(".ipynb"):
            item.add_marker("nbval")
        if path.rsplit("/", 1)[-1].startswith("test_site"):
            item.add_marker("site")


@pytest.fixture
def ko(monkeypatch):
    """Run the test in the Korean edition (helpers.i18n reads BP_LANG)."""
    monkeypatch.setenv("BP_LANG", "ko")


@pytest.fixture
def en(monkeypatch):
    """Run the test in the English edition."""
    monkeypatch.setenv("BP_LANG", "en")
