"""The harness itself: loopback + token, temp files only, and it kills only what it started."""

import os
import urllib.error
import urllib.request

from tests.browser.harness import LabServer


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as reply:
            return reply.status
    except urllib.error.HTTPError as err:
        return err.code


def test_server_needs_its_token_and_cleans_up_after_itself():
    server = LabServer()
    pid, tmp = server.process.pid, server.tmp
    try:
        assert server.url.startswith("http://127.0.0.1:")
        assert _status(f"{server.url}/api/status") == 403
        assert _status(f"{server.url}/api/status?token={server.token}") == 200
        assert str(tmp).startswith(("/tmp", os.environ.get("TMPDIR", "/tmp")))
    finally:
        server.stop()
    assert not tmp.exists()
    assert server.process.poll() is not None
    try:
        os.killpg(pid, 0)
        alive = True
    except ProcessLookupError:
        alive = False
    assert not alive, "the server's process group is still running"
