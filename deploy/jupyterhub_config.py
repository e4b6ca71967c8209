"""JupyterHub for one class on one server (The Littlest JupyterHub style: one machine, local accounts).

    sudo systemctl start jupyterhub        # deploy/jupyterhub.service runs:
    /opt/backprop/venv/bin/jupyterhub -f /opt/backprop/deploy/jupyterhub_config.py

The hub's environment (``pip install -r deploy/requirements-hub.txt`` into one virtual environment) is
also every student's: JupyterLab, ipywidgets, nbgitpuller, the series' third-party packages, and no
``helpers``: a student's kernel imports ``helpers`` from the student's own pulled copy of the course
(``deploy/classhub.py`` sets ``PYTHONPATH``), so a teacher's fix reaches students with the next pull.

Logins: students **sign up** on the login page (NativeAuthenticator); the lecturer (an ADMINS name,
who signs up first) **approves** them at ``/hub/authorize``. Each approved student runs as a Unix account
of their own, ``jupyter-<name>``, made on their first start (``ClassSpawner`` in ``deploy/classhub.py``).
An institution's single sign-on (OAuthenticator) is the other path: docs/teaching/class-hub.md.

``docs/teaching/class-hub.md`` is the guide; ``docs/capacity.md`` the measured sizes behind the limits.
Edit the settings in CAPITALS below. ``tests/hub/test_hub.py`` loads this file unchanged and overrides
only ports, paths and the prefix of the Unix account names.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub provides get_config in its config files)

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from classhub import ClassAuthenticator, ClassSpawner  # noqa: E402


def _published():
    """deploy/published.toml through tools/published.py (the one place for the published addresses)."""
    spec = importlib.util.spec_from_file_location("bp_published", HERE.parent / "tools" / "published.py")
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load(HERE / "published.toml")


STATE_DIR = Path("/srv/jupyterhub")     # database, cookie secret, proxy pid (root only)
PUBLIC_URL = "http://127.0.0.1:8000"    # behind Caddy (deploy/Caddyfile: TLS, Let's Encrypt); or set
                                        # c.JupyterHub.ssl_cert/ssl_key and bind_url "https://:443"
ADMINS = {"teacher"}                    # the lecturer's hub name(s): sign up with it first, then approve students
# The folder the nbgitpuller link clones the course into: the published repository's name.
COURSE_FOLDER = _published().repository.rstrip("/").removesuffix(".git").split("/")[-1] or "backprop-step-by-step"
# Per student, from docs/capacity.md: a ceiling for one student's runaway cell, not a reservation.
MEM_LIMIT = "1G"
CPU_LIMIT = 1.0
IDLE_TIMEOUT = 3600                     # stop a student's server after an hour without activity (seconds)
KERNEL_IDLE = 1200                      # stop a kernel whose notebook is closed after 20 minutes idle (seconds)
# The start of a lecture: how many servers may be starting at once (those beyond it see "try again"), and how
# long one may take. docs/capacity.md measured 60 students logging in within one minute on 2 busy cores:
# logins to a ready server took up to 184 s (median 155 s), and 11 of the 60 were not served within the old
# 180 s timeout. So: a limit above the class (nobody turned away) and a 300 s timeout; on a server sized
# from the table (CPU-bound estimate ~25 s for any class size) starts are far quicker.
SPAWN_LIMIT = 100

# --- the hub ------------------------------------------------------------------------------------------------
c.JupyterHub.bind_url = PUBLIC_URL
c.JupyterHub.db_url = f"sqlite:///{STATE_DIR / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE_DIR / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE_DIR / "jupyterhub-proxy.pid")
_proxy = HERE / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [str(_proxy) if _proxy.exists() else "configurable-http-proxy"]
c.JupyterHub.concurrent_spawn_limit = SPAWN_LIMIT
c.Spawner.start_timeout = 300           # docs/capacity.md: the last of a class starting at once
c.Spawner.http_timeout = 120

# --- logins: sign-up, approved by the lecturer ------------------------------------------------------------------
c.JupyterHub.authenticator_class = ClassAuthenticator  # NativeAuthenticator, repaired for JupyterHub 6
c.NativeAuthenticator.open_signup = False            # a signed-up student waits for approval at /hub/authorize
c.NativeAuthenticator.minimum_password_length = 8
c.NativeAuthenticator.check_common_password = True
c.NativeAuthenticator.allowed_failed_logins = 10     # then wait a minute: guessing is slow
c.NativeAuthenticator.seconds_before_next_try = 60
c.Authenticator.admin_users = ADMINS
c.Authenticator.allow_all = True                     # anyone NativeAuthenticator lets in: i.e. approved students
# Names that make a valid Unix account jupyter-<name> (lower case; normalize_username lowers them).
c.Authenticator.username_pattern = r"^[a-z][a-z0-9_-]{0,23}$"

# --- each student's server: their own Unix account, JupyterLab, limits ----------------------------------------
c.JupyterHub.spawner_class = ClassSpawner
c.ClassSpawner.course_folder = COURSE_FOLDER
c.Spawner.cmd = [str(Path(sys.prefix) / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {"NBGITPULLER_APP": "lab"}   # nbgitpuller links without urlpath open JupyterLab too
# Each open notebook has a kernel of its own (docs/capacity.md has each one's size). Stop a kernel nobody has
# open any more after KERNEL_IDLE seconds idle (kernels of open tabs are kept), so memory follows the lecture.
c.Spawner.args = [f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE}",
                  "--MappingKernelManager.cull_interval=120"]
# Advertised to each server (MEM_LIMIT/CPU_LIMIT in its environment, shown by resource-usage extensions).
# Enforced for the hub as a whole by deploy/jupyterhub.service (MemoryMax, CPUQuota); per student, only by a
# container or systemd spawner (TLJH: `tljh-config set limits.memory 1G`).
c.Spawner.mem_limit = MEM_LIMIT
c.Spawner.cpu_limit = CPU_LIMIT

# --- the idle culler, run by the hub as a service -------------------------------------------------------------
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={IDLE_TIMEOUT}", "--cull-every=300"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
