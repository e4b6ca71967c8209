"""A real class JupyterHub for tests and benchmarks: ``deploy/jupyterhub_config.py`` as deployed, with only
ports, paths and the prefix of the students' Unix accounts overridden.

``ClassHub`` writes a small config file that loads the deploy config unchanged (``load_subconfig``): its
own ClassAuthenticator (NativeAuthenticator: sign-up, the lecturer's approval) and ClassSpawner (a Unix
account per student, made on first start, here under the hub's temporary folder with a prefix of its
own per run). It then sets free loopback ports, the database, cookie secret and proxy pid file inside
that folder, the browser tests' JupyterLab settings, a git config that lets the students' accounts pull
from the teacher's local (root-owned) repository, and, where the hub's Python is out of other
accounts' reach (pyenv under /root), the interpreter of the students' servers (``student_python``).
The hub runs in its own process group with HOME and every Jupyter directory inside the folder;
``stop()`` terminates that group, then any student server the hub started, removes every account the
run made, then the folder. The proxy is the pinned configurable-http-proxy in ``deploy/proxy``.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import stat
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.browser.harness import _free_port, _write_settings, isolated_env

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
PROXY_DIR = ROOT / "deploy" / "proxy"
PROXY = PROXY_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
PROXY_STAMP = PROXY_DIR / "node_modules" / ".installed-from-lock"    # newer than the lock: nothing to do
TEACHER_FOLDER = "backprop-step-by-step"    # the teacher's repository in the hub's folder (tests/hub/conftest.py)
PROXY_VERSION = json.loads((PROXY_DIR / "package.json").read_text())["dependencies"]["configurable-http-proxy"]

# The only settings a test changes: ports, paths, and the prefix of the students' Unix accounts (one of
# its own per run, so two runs never share an account). Everything else comes from the deploy config:
# NativeAuthenticator (sign-up, the lecturer's approval) and ClassSpawner (a Unix account per student).
TEST_CONFIG = '''c = get_config()  # noqa
load_subconfig({deploy!r})

c.ClassSpawner.system_user_prefix = {prefix!r}
c.ClassSpawner.home_base = {homes!r}
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.JupyterHub.db_url = "sqlite:///{state}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{state}/jupyterhub_cookie_secret"
c.ConfigurableHTTPProxy.pid_file = "{state}/jupyterhub-proxy.pid"
# The browser tests' JupyterLab settings (no autosave, every cell in the DOM), read by every student's lab
c.Spawner.environment["JUPYTERLAB_SETTINGS_DIR"] = {lab_settings!r}
# The teacher's repository is a local folder owned by root, which git refuses to read as another account
# unless its global config says it is safe (a class pulls from https://github.com/..., which needs nothing).
c.Spawner.environment["GIT_CONFIG_GLOBAL"] = {gitconfig!r}
'''


def _everyone_may_run(path: Path) -> bool:
    """True if any Unix account may run ``path`` (it and every folder above it have the x bit for others)."""
    path = path.resolve()
    return all(part.stat().st_mode & stat.S_IXOTH for part in [path, *path.parents])


def student_python(tmp: Path) -> str | None:
    """The interpreter students' servers need when the hub's own is out of their reach, else None.

    The deployed hub's environment is /opt/backprop/venv, which every account may use. A test machine's
    may be under /root (pyenv): then the students run a venv made here from the system's Python of the
    same version, whose site-packages, etc/ and share/ are the hub environment's (read-only for them, as deployed).
    """
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    if _everyone_may_run(Path(sys.executable)) and _everyone_may_run(stdlib):
        return None
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    system = shutil.which(version, path="/usr/local/bin:/usr/bin")
    if system is None or not _everyone_may_run(Path(system)):
        raise RuntimeError(f"the hub's Python ({sys.executable}) is not usable by other accounts, and there is "
                           f"no system {version} for the students' servers: install one, or make the venv "
                           "with a Python every account may run")
    venv = tmp / "student-venv"
    subprocess.run([system, "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True)
    site = Path(sysconfig.get_paths()["purelib"])
    (venv / "lib" / version / "site-packages" / "hub-environment.pth").write_text(
        f"import site; site.addsitedir({str(site)!r})\n")
    for shared in ("etc", "share"):     # Jupyter's config (server extensions: JupyterLab) and data paths
        (venv / shared).symlink_to(Path(sys.prefix) / shared)
    return str(venv / "bin" / "python")


def proxy_missing_reason() -> str | None:
    """Why the hub cannot run here (no Node.js or npm), or None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return ("hub tests not run: they start the hub as deployed, which makes a Unix account per student "
                "(useradd), so they need root (CI runs as root); run `sudo make test` or in a container")
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
    """A JupyterHub of our own on a free loopback port, configured as deployed (NativeAuthenticator,
    ClassSpawner). Needs root, as the deployed hub does: students run as Unix accounts it makes.

    ``passwords`` = {name: password} of the students a caller will sign up (``sign_up_and_approve`` does it
    over HTTP for callers without a browser). ``extra_config`` (Python) is appended to the test config
    (the capacity benchmark adds a service token). ``stop()`` removes every account the run made.
    """

    def __init__(self, passwords: dict[str, str], tmp: Path | None = None, extra_config: str = "") -> None:
        self.tmp = tmp or Path(tempfile.mkdtemp(prefix="bp-hub-"))
        self.tmp.chmod(0o755)            # students (other Unix accounts) clone the teacher's repository here
        self.passwords = passwords
        self.prefix = f"bp{os.getpid() % 100000}-"
        self.homes = self.tmp / "homes"
        self.homes.mkdir(parents=True, exist_ok=True)
        state = self.tmp / "state"
        state.mkdir(mode=0o700, exist_ok=True)
        settings = self.tmp / "lab-settings"
        gitconfig = self.tmp / "students.gitconfig"
        teacher = self.tmp / TEACHER_FOLDER
        gitconfig.write_text(f"[safe]\n\tdirectory = {teacher}\n\tdirectory = {teacher}/.git\n")
        _write_settings(settings)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = self.tmp / "test_config.py"
        config.write_text(TEST_CONFIG.format(
            deploy=str(DEPLOY_CONFIG), prefix=self.prefix, gitconfig=str(gitconfig),
            homes=str(self.homes), lab_settings=str(settings),
            port=self.port, hub_port=_free_port(), api_port=_free_port(), state=state) + extra_config)
        python = student_python(self.tmp)
        if python:      # the same packages, through an interpreter the students' accounts may run
            with open(config, "a") as out:
                out.write(f"c.Spawner.cmd = [{python!r}, '-m', 'jupyterhub.singleuser']\n")
        self.log = open(self.tmp / "hub.log", "wb")  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=self.tmp, stdout=self.log,
            stderr=subprocess.STDOUT, env=isolated_env(self.tmp / "env"), start_new_session=True)
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise

    def account(self, student: str) -> str:
        """The Unix account ClassSpawner runs ``student`` as."""
        return self.prefix + student

    def home(self, student: str) -> Path:
        return self.homes / self.account(student)

    def chown_to(self, student: str, path: Path) -> None:
        """Give ``path`` (and what is inside) to the student's Unix account, as if the student had made it."""
        account = pwd.getpwnam(self.account(student))
        for item in [path, *path.rglob("*")] if path.is_dir() else [path]:
            os.chown(item, account.pw_uid, account.pw_gid)

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
        remove_accounts(self.prefix)
        shutil.rmtree(self.tmp, ignore_errors=True)


def remove_accounts(prefix: str) -> list[str]:
    """Remove every Unix account (and its group) whose name starts with ``prefix``; their names."""
    gone = []
    for account in pwd.getpwall():
        if account.pw_name.startswith(prefix):
            for pid in _pids_of(account.pw_uid):     # a kernel that outlived its server
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            subprocess.run(["userdel", account.pw_name], capture_output=True, check=False)
            gone.append(account.pw_name)
    return gone


def _pids_of(uid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
