"""The README's lab command serves on 127.0.0.1 only and refuses requests without the token.

The command is read from the Makefile's `lab` recipe, so this tests what learners actually run.
"""

import json
import os
import re
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.harness import _free_port, isolated_env

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parent.parent


def lab_recipe(target: str = "lab") -> str:
    """The Makefile's recipe line for ``target`` (lab, or lab-ko for the Korean edition), as written."""
    text = (ROOT / "Makefile").read_text()
    return re.findall(rf"^{re.escape(target)}:.*\n(?:\t@.*\n)*\t(.+)$", text, re.M)[0]


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a TCP socket in LISTEN state on ``port`` (Linux /proc)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == "0A":
                found.add(address)
    return found


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as reply:   # the first settings request builds the schemas
        return reply.read().decode()


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:
            return reply.status
    except urllib.error.HTTPError as err:
        return err.code


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads listening sockets from Linux /proc")
@pytest.mark.parametrize("target", ["lab", "lab-ko"])
def test_lab_command_binds_loopback_and_requires_the_token(target):
    recipe = lab_recipe(target)
    assert "--ServerApp.ip=127.0.0.1" in recipe and "token" not in recipe
    port = _free_port()
    # The README's command itself (make lab / make lab-ko), with only the options a test needs added.
    command = ["make", "--no-print-directory", target,
               f"LAB_ARGS=--no-browser --port={port} --ServerApp.port_retries=0"]
    with tempfile.TemporaryDirectory(prefix="bp-labcmd-") as tmp:
        log = Path(tmp) / "log"
        with open(log, "wb") as out:
            proc = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                    env=isolated_env(Path(tmp)), start_new_session=True)
        try:
            token = printed_path = None
            for _ in range(200):
                match = re.search(rf"http://127\.0\.0\.1:{port}(/lab\S*)\?token=([0-9a-f]+)", log.read_text())
                if match:
                    printed_path, token = match[1], match[2]
                    break
                assert proc.poll() is None, log.read_text()[-2000:]
                time.sleep(0.2)
            assert token, "the server never printed its tokenized URL"
            base = f"http://127.0.0.1:{port}"
            for _ in range(100):     # the URL can be printed a moment before the socket accepts
                try:
                    if status(f"{base}/api/status?token={token}") == 200:
                        break
                except urllib.error.URLError:
                    assert proc.poll() is None, log.read_text()[-2000:]
                time.sleep(0.2)
            assert status(f"{base}/api/status?token={token}") == 200
            assert status(f"{base}/api/status") == 403
            assert status(f"{base}/api/contents/notebooks") == 403
            locale = json.loads(fetch(f"{base}/lab/api/settings/@jupyterlab/translation-extension:plugin"
                                      f"?token={token}"))["schema"]["properties"]["locale"]["default"]
            assert (locale == "ko_KR") == (target == "lab-ko"), f"{target}: interface language {locale}"
            # the printed address (what --no-browser leaves the learner to open) opens 00, not the Launcher;
            # lab-ko opens ko/00 from the root notebooks/, so both editions are reachable (the nav bars'
            # English links, ../NN_….ipynb, lead to the English notebooks)
            welcome = "ko/00_welcome.ipynb" if target == "lab-ko" else "00_welcome.ipynb"
            assert printed_path == f"/lab/tree/{welcome}", f"{target} prints {printed_path}"
            assert status(f"{base}{printed_path}?token={token}") == 200
            assert status(f"{base}/api/contents/{welcome}?token={token}") == 200
            assert status(f"{base}/api/contents/00_welcome.ipynb?token={token}") == 200
            assert status(f"{base}/api/contents/ko/04_worked_example_222.ipynb?token={token}") == 200
            # JupyterLab's first-start "news" question is off, and so is its update check
            notes = json.loads(fetch(f"{base}/lab/api/settings/@jupyterlab/apputils-extension:notification"
                                     f"?token={token}"))["schema"]["properties"]
            assert notes["fetchNews"]["default"] == "false" and notes["checkForUpdates"]["default"] is False
            assert listening_addresses(port) == {"0100007F"}, "must listen on 127.0.0.1 only"
            as_root = hasattr(os, "geteuid") and os.geteuid() == 0
            assert ("running as root" in log.read_text()) == as_root, "make lab must say when it adds --allow-root"
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
