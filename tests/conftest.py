"""Session-wide test settings: keep every tool's files out of $HOME, and register markers."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="bp-tests-"))
for _var, _sub in (("MPLCONFIGDIR", "mpl"), ("IPYTHONDIR", "ipython"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                   ("JUPYTER_DATA_DIR", "data")):
    os.environ[_var] = str(_TMP / _sub)
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
# ipykernel logs a warning about plain TCP transport at every kernel start (the kernels here listen on
# loopback only); keep kernel logging to errors so pytest's summary stays the last thing printed.
_PROFILE = _TMP / "ipython" / "profile_default"
_PROFILE.mkdir(parents=True, exist_ok=True)
(_PROFILE / "ipython_kernel_config.py").write_text('c.IPKernelApp.log_level = "ERROR"\n')


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs a real JupyterLab in headless Chromium")
