"""JupyterHub for one class on one server (The Littlest JupyterHub style: one machine, local users).

    sudo /opt/backprop/venv/bin/jupyterhub -f deploy/jupyterhub_config.py

The hub runs in the series' environment (``pip install -r deploy/requirements-hub.txt`` and
``pip install --no-deps .`` into one virtual environment), which is also every student's environment:
JupyterLab, ipywidgets, ``helpers``, nbgitpuller. Students open one nbgitpuller link
(``deploy/nbgitpuller_link.py`` builds it) and land in JupyterLab (``/lab``) on their own copy.
The proxy is configurable-http-proxy 5.3.0 from ``deploy/proxy`` (``npm ci`` there).
``docs/teaching/class-hub.md`` is the guide; ``docs/capacity.md`` the measured sizes behind the limits.

Edit the settings in CAPITALS below. The test ``tests/hub/test_hub.py`` loads this file unchanged and
overrides only the authenticator, the spawner, the ports and the paths.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub provides get_config in its config files)

HERE = Path(__file__).resolve().parent
STATE_DIR = Path("/srv/jupyterhub")     # database, cookie secret, proxy pid (root only)
PUBLIC_URL = "http://:8000"             # put TLS in front (nginx/caddy) or set c.JupyterHub.ssl_cert/ssl_key
ADMINS = {"teacher"}                    # local (PAM) accounts that may add students and stop servers
# Per student, from docs/capacity.md: a kernel + its server after Run All of the heaviest notebook stays
# well under 512 MB, and a class that clicks on a schedule needs a fraction of a core per student. The
# limit is a ceiling for one student's runaway cell, not a reservation: size the server from the table.
MEM_LIMIT = "1G"
CPU_LIMIT = 1.0
IDLE_TIMEOUT = 3600                     # stop a student's server after an hour without activity (seconds)
KERNEL_IDLE = 1200                      # stop a kernel whose notebook is closed after 20 minutes idle (seconds)

# --- the hub ------------------------------------------------------------------------------------------------
c.JupyterHub.bind_url = PUBLIC_URL
c.JupyterHub.db_url = f"sqlite:///{STATE_DIR / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE_DIR / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE_DIR / "jupyterhub-proxy.pid")
_proxy = HERE / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [str(_proxy) if _proxy.exists() else "configurable-http-proxy"]
# Many students log in in the same minute at the start of a lecture: spawn at most this many at once
# (the others see "try again"), and give a slow start time on a busy machine.
c.JupyterHub.concurrent_spawn_limit = 20
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 60

# --- students: local accounts ---------------------------------------------------------------------------------
# PAM: each student is a local Unix account (`sudo adduser`), or the teacher adds them on the hub's admin
# page and the hub creates the account (create_system_users). Everyone added there may log in.
c.Authenticator.admin_users = ADMINS
c.Authenticator.allow_existing_users = True
c.LocalAuthenticator.create_system_users = True

# --- each student's server: the series' environment, JupyterLab, limits -------------------------------------
c.Spawner.cmd = [str(Path(sys.prefix) / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {"NBGITPULLER_APP": "lab"}   # nbgitpuller links without urlpath open JupyterLab too
# Each open notebook has a kernel of its own (docs/capacity.md has each one's size). Stop a kernel nobody has
# open any more after KERNEL_IDLE seconds idle (kernels of open tabs are kept), so memory follows the lecture.
c.Spawner.args = [f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE}",
                  "--MappingKernelManager.cull_interval=120"]
c.Spawner.mem_limit = MEM_LIMIT
c.Spawner.cpu_limit = CPU_LIMIT
try:  # SystemdSpawner (pip install jupyterhub-systemdspawner) enforces the limits with cgroups, as TLJH does
    import systemdspawner  # noqa: F401

    c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
    c.SystemdSpawner.isolate_tmp = True
    c.SystemdSpawner.isolate_devices = True
    c.SystemdSpawner.disable_user_sudo = True
except ImportError:  # LocalProcessSpawner runs each student as their own Unix user but cannot enforce limits
    c.JupyterHub.spawner_class = "localprocess"
    if shutil.which("systemctl") and "jupyterhub" in sys.argv[0]:    # say so in the hub's log, not elsewhere
        print("jupyterhub_config: jupyterhub-systemdspawner is not installed, so MEM_LIMIT and CPU_LIMIT are "
              "only advertised, not enforced", file=sys.stderr)

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
