"""The class hub's login and spawner, used by deploy/jupyterhub_config.py (and tested as deployed).

``ClassAuthenticator`` is NativeAuthenticator (students sign up; the lecturer approves them at
/hub/authorize) with two repairs for JupyterHub 6, which NativeAuthenticator 1.3.0 (the newest) predates:
its login handler times the login with ``self.statsd``, which JupyterHub 6 no longer has (every login
was a 500 error), and JupyterHub 6 renders a failed login through ``_render(**fields)``, which
NativeAuthenticator's ``_render`` does not accept. Drop the repairs once NativeAuthenticator has them.

Students are hub users, not Unix users. ``ClassSpawner``
does what The Littlest JupyterHub's spawner does before starting a student's server: it makes the
account ``jupyter-<name>`` if it is not there yet (``useradd --create-home``, home readable only by
its owner), then starts the server as that account in its home (``LocalProcessSpawner``). The hub
runs as root to do this (deploy/jupyterhub.service).

``course_folder`` is the folder the nbgitpuller link clones the course into (the repository's name).
The student's kernel imports ``helpers`` from there: ``PYTHONPATH`` is set to it, and the hub's
environment holds only the third-party packages. So after a teacher's commit changes ``helpers``, a
student who clicks the link again (pull) and restarts the kernel runs the new code.
"""

from __future__ import annotations

import os
import pwd
import re
import subprocess

from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from nativeauthenticator import NativeAuthenticator
from nativeauthenticator.handlers import LoginHandler as NativeLoginHandler
from traitlets import Unicode, validate

# Account names useradd accepts everywhere (Debian's NAME_REGEX without dots), at most 32 characters.
SYSTEM_NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")


class _NoTimer:
    """Stands in for the statsd client JupyterHub 6 removed: timing a login does nothing."""

    def timer(self, name: str) -> _NoTimer:
        return self

    def start(self) -> _NoTimer:
        return self

    def stop(self, send: bool = True) -> None:
        return None


class ClassLoginHandler(NativeLoginHandler):
    """NativeAuthenticator's login page, working on JupyterHub 6."""

    statsd = _NoTimer()

    def _render(self, login_error=None, username=None, **fields):
        return super()._render(login_error=login_error, username=username)


class ClassAuthenticator(NativeAuthenticator):
    """NativeAuthenticator (sign-up, the lecturer's approval) with ``ClassLoginHandler`` for /hub/login."""

    def get_handlers(self, app):
        return [(path, ClassLoginHandler if handler is NativeLoginHandler else handler)
                for path, handler in super().get_handlers(app)]


class ClassSpawner(LocalProcessSpawner):
    """LocalProcessSpawner that runs each hub user as the Unix account ``<prefix><name>``, made on demand."""

    system_user_prefix = Unicode("jupyter-", config=True,
                                 help="Prefix of the students' Unix accounts (TLJH uses jupyter-).")
    home_base = Unicode("/home", config=True, help="Where the students' home folders are made (useradd --base-dir).")
    course_folder = Unicode("backprop-step-by-step", config=True,
                            help="The folder in each home the nbgitpuller link clones the course into; "
                                 "the student's kernels import helpers from it (PYTHONPATH).")

    @validate("course_folder")
    def _check_folder(self, proposal):
        value = proposal["value"]
        if not value or "/" in value or value in (".", ".."):
            raise ValueError(f"ClassSpawner.course_folder must be one folder name, e.g. 'backprop-step-by-step'; "
                             f"got {value!r}")
        return value

    @property
    def system_user(self) -> str:
        name = self.system_user_prefix + self.user.name
        if not SYSTEM_NAME.match(name):
            raise ValueError(f"the Unix account name {name!r} for hub user {self.user.name!r} is not one useradd "
                             "accepts (lower-case letters, digits, - and _, at most 32 characters); "
                             "Authenticator.username_pattern in deploy/jupyterhub_config.py should refuse it")
        return name

    def ensure_system_user(self) -> pwd.struct_passwd:
        """The student's Unix account, made now if it is not there (home 0700, own group, no password)."""
        name = self.system_user
        try:
            return pwd.getpwnam(name)
        except KeyError:
            pass
        os.makedirs(self.home_base, exist_ok=True)
        done = subprocess.run(["useradd", "--create-home", "--base-dir", self.home_base, "--user-group",
                               "--shell", "/bin/bash", name], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"useradd {name} failed (the hub must run as root): {done.stderr.strip()}")
        account = pwd.getpwnam(name)
        os.chmod(account.pw_dir, 0o700)
        self.log.info("Made the Unix account %s (home %s) for %s", name, account.pw_dir, self.user.name)
        return account

    async def start(self):
        self.ensure_system_user()
        return await super().start()

    def make_preexec_fn(self, name):
        return set_user_setuid(self.system_user)

    def user_env(self, env):
        account = pwd.getpwnam(self.system_user)
        env["USER"] = account.pw_name
        env["HOME"] = account.pw_dir
        env["SHELL"] = account.pw_shell or "/bin/bash"
        env["PYTHONPATH"] = os.path.join(account.pw_dir, self.course_folder)
        return env
