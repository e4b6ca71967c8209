"""A real class JupyterHub for tests and benchmarks: ``deploy/jupyterhub_config.py`` with only the
authenticator, the spawner, the ports and the paths overridden.

``ClassHub`` writes a small config file that loads the deploy config unchanged (``load_subconfig``), then
sets: a test authenticator with one known password per student, ``SimpleLocalProcessSpawner`` (every
student runs as the one test user, each in their own home under the hub's temporary folder), free
loopback ports, and the database, cookie secret and proxy pid file inside that folder. The hub runs in
its own process group with HOME and every Jupyter directory inside the folder; ``stop()`` terminates
that group, then any student server the hub started (by pid, each in its own session), then removes
the folder. The proxy is the pinned configurable-http-proxy in ``deploy/proxy`` (``ensure_proxy``).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.browser.harness import _free_port, isolated_env

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
PROXY_DIR = ROOT / "deploy" / "proxy"
PROXY = PROXY_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
PROXY_STAMP = PROXY_DIR / "node_modules" / ".installed-from-lock"    # newer than the lock: nothing to do
PROXY_VERSION = json.loads((PROXY_DIR / "package.json").read_text())["dependencies"]["configurable-http-proxy"]

# The only settings a test changes; everything else comes from the deploy config.
TEST_CONFIG = '''c = get_config()  # noqa
load_subconfig({deploy!r})

from jupyterhub.auth import Authenticator

class KnownPasswords(Authenticator):
    """One known password per student (a test authenticator: never for a class)."""
    async def authenticate(self, handler, data):
        return data["username"] if {passwords!r}.get(data["username"]) == data["password"] else None

c.JupyterHub.authenticator_class = KnownPasswords
c.Authenticator.allowed_users = set({passwords!r})
c.Authenticator.admin_users = set()
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.args.extend({extra_args!r})
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.JupyterHub.db_url = "sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{state}/jupyterhub_cookie_secret"
c.ConfigurableHTTPProxy.pid_file = "{state}/jupyterhub-proxy.pid"
'''


def proxy_missing_reason() -> str | None:
    """Why the hub cannot run here (no Node.js or npm), or None."""
    for tool in ("node", "npm"):      # npm only to install the proxy; node always, to run it
        if shutil.which(tool) is None and (tool == "node" or not PROXY.exists()):
            return (f"hub tests not run: {tool} not found (the hub's proxy, configurable-http-proxy "
                    f"{PROXY_VERSION}, runs on Node.js). Install Node.js and npm (Debian/Ubuntu: "
                    "`sudo apt-get install -y nodejs npm`), then rerun `make test`.")
    return None


def ensure_proxy(log: Path) -> str | None:
    """Install the pinned proxy from deploy/proxy/package-lock.json with ``npm ci`` unless it is there.

    Returns None when the proxy is ready, else one line saying why not.
    """
    lock = PROXY_DIR / "package-lock.json"
    if PROXY.exists() and PROXY_STAMP.exists() and PROXY_STAMP.stat().st_mtime >= lock.stat().st_mtime:
        return None
    env = {**os.environ, "npm_config_cache": str(log.parent / "npm-cache")}   # not ~/.npm
    with open(log, "wb") as out:
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PROXY_DIR, stdout=out,
                              stderr=subprocess.STDOUT, env=env, timeout=300)
    if done.returncode != 0 or not PROXY.exists():
        return (f"hub tests not run: `npm ci` in deploy/proxy could not install configurable-http-proxy "
                f"{PROXY_VERSION} (no npm registry?); its output is in {log}")
    PROXY_STAMP.touch()
    return None


class ClassHub:
    """A JupyterHub of our own on a free loopback port; students ``passwords`` = {name: password}.

    ``extra_config`` (Python) is appended to the test config (the capacity benchmark adds a service token).
    """

    def __init__(self, passwords: dict[str, str], tmp: Path | None = None, extra_config: str = "") -> None:
        self.tmp = tmp or Path(tempfile.mkdtemp(prefix="bp-hub-"))
        self.passwords = passwords
        self.homes = self.tmp / "homes"
        self.homes.mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        extra = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        config = self.tmp / "test_config.py"
        config.write_text(TEST_CONFIG.format(
            deploy=str(DEPLOY_CONFIG), passwords=passwords, homes=str(self.homes), extra_args=extra,
            port=self.port, hub_port=_free_port(), api_port=_free_port(), state=self.tmp) + extra_config)
        self.log = open(self.tmp / "hub.log", "wb")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=self.tmp, stdout=self.log,
            stderr=subprocess.STDOUT, env=isolated_env(self.tmp / "env"), start_new_session=True)
        self._wait_ready()

    def home(self, student: str) -> Path:
        return self.homes / student

    def log_text(self) -> str:
        return (self.tmp / "hub.log").read_text(errors="replace")

    def _wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited early:\n{self.log_text()[-4000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/hub/health", timeout=2) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"JupyterHub did not start within {timeout:.0f} s:\n{self.log_text()[-4000:]}")

    def _student_server_pids(self) -> list[int]:
        """Processes started by the hub in sessions of their own (student servers and their kernels)."""
        import psutil

        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        pids = []
        for child in children:
            try:
                if os.getsid(child.pid) != self.process.pid:
                    pids.append(child.pid)
            except ProcessLookupError:
                pass
        return pids

    def stop(self) -> None:
        """Stop the hub (it stops the proxy and the student servers), then kill what is left of ours."""
        leftovers = self._student_server_pids()
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                _kill_group(self.process.pid)
                self.process.wait(timeout=5)
        _kill_group(self.process.pid)
        for pid in leftovers:      # each in a session of its own: the proxy, student servers, kernels
            try:
                _kill_group(os.getpgid(pid))
            except ProcessLookupError:
                pass
        self.log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
