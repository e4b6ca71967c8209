"""A student's side of the class hub, driven through the Jupyter APIs (for bench/bench_capacity.py).

``HubAPI`` starts a student's server through the hub's REST API with a service token; ``KernelClient``
talks to one kernel of that server over its websocket, through the hub's proxy, as JupyterLab does:
``execute(code)`` runs a cell, ``click(button, readout)`` sends the comm message a browser sends when a
widget button is pressed and returns the time until the readout widget's new value comes back.
``student_processes`` finds a student's server and kernel processes to read their memory and CPU time.
"""

from __future__ import annotations

import asyncio
import json
import os
import struct
import time
import urllib.request
import uuid
from pathlib import Path

import psutil
from tornado.httpclient import HTTPRequest
from tornado.websocket import websocket_connect

# Run in the kernel after a notebook's Run All: the model ids of every widget carrying a CSS class.
FIND_WIDGETS = """
def _bp_bench_find():
    import json
    from ipywidgets.widgets.widget import _instances
    found = {}
    for widget in list(_instances.values()):
        for css in getattr(widget, "_dom_classes", ()):
            found.setdefault(css, widget.model_id)
    print(json.dumps(found))
_bp_bench_find()
"""


class HubAPI:
    """The hub's REST API with a service token that may start servers and use them."""

    def __init__(self, url: str, token: str) -> None:
        self.url, self.token = url, token

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}{path}", data=data, method=method,
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as reply:
            text = reply.read()
        return json.loads(text) if text else {}

    def start_server(self, name: str, timeout: float = 180.0) -> None:
        self.call("POST", f"/hub/api/users/{name}/server")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.call("GET", f"/hub/api/users/{name}").get("servers", {}).get("", {})
            if server.get("ready"):
                return
            time.sleep(0.5)
        raise RuntimeError(f"the server of {name} did not start within {timeout:.0f} s")

    def wait_ready(self, name: str, timeout: float = 180.0) -> None:
        """Wait until the server the hub is starting for ``name`` (e.g. after a login) is ready; RuntimeError
        if the hub gave up on it (no server, nothing pending, for 30 s) or after ``timeout``."""
        deadline, idle_since = time.monotonic() + timeout, None
        while time.monotonic() < deadline:
            user = self.call("GET", f"/hub/api/users/{name}")
            if user.get("servers", {}).get("", {}).get("ready"):
                return
            if not user.get("pending") and not user.get("servers"):
                idle_since = idle_since or time.monotonic()
                if time.monotonic() - idle_since > 30:
                    raise RuntimeError(f"the hub stopped starting the server of {name} (see its log)")
            else:
                idle_since = None
            time.sleep(0.5)
        raise RuntimeError(f"the server of {name} was not ready within {timeout:.0f} s of the login")

    def start_kernel(self, name: str, path: str) -> str:
        """Open ``path`` (relative to the student's home) as JupyterLab does; the new kernel's id."""
        session = self.call("POST", f"/user/{name}/api/sessions",
                            {"path": path, "type": "notebook", "name": Path(path).name,
                             "kernel": {"name": "python3"}})
        return session["kernel"]["id"]

    def stop_kernel(self, name: str, kernel_id: str) -> None:
        self.call("DELETE", f"/user/{name}/api/kernels/{kernel_id}")


def _decode(frame: str | bytes) -> dict:
    """A kernel message from the websocket (text JSON, or jupyter_server's binary frame with buffers)."""
    if isinstance(frame, str):
        return json.loads(frame)
    count = struct.unpack("!I", frame[:4])[0]
    offsets = struct.unpack(f"!{count}I", frame[4:4 * (count + 1)])
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0]:end].decode())


class KernelClient:
    """One kernel's websocket channels, with replies and widget updates routed to waiting callers."""

    def __init__(self, hub: HubAPI, name: str, kernel_id: str) -> None:
        self.hub, self.name, self.kernel_id = hub, name, kernel_id
        self.session = uuid.uuid4().hex
        self._idle: dict[str, asyncio.Future] = {}
        self._output: dict[str, list[str]] = {}
        self._updates: dict[str, asyncio.Future] = {}
        self._ws = None
        self._reader: asyncio.Task | None = None

    async def connect(self) -> None:
        ws_url = self.hub.url.replace("http", "ws", 1)
        request = HTTPRequest(f"{ws_url}/user/{self.name}/api/kernels/{self.kernel_id}/channels",
                              headers={"Authorization": f"token {self.hub.token}"})
        self._ws = await websocket_connect(request, max_message_size=64 * 1024 * 1024)
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        while True:
            frame = await self._ws.read_message()
            if frame is None:
                return
            self._route(_decode(frame))

    def _route(self, msg: dict) -> None:
        parent = msg.get("parent_header", {}).get("msg_id")
        kind, content = msg["header"]["msg_type"], msg.get("content", {})
        if kind == "stream" and parent in self._output:
            self._output[parent].append(content.get("text", ""))
        elif kind == "error" and parent in self._output:
            self._output[parent].append("ERROR " + content.get("ename", "") + ": " + content.get("evalue", ""))
        elif kind == "status" and content.get("execution_state") == "idle" and parent in self._idle:
            future = self._idle.pop(parent)
            if not future.done():
                future.set_result(None)
        elif kind == "comm_msg" and content.get("comm_id") in self._updates:
            if content.get("data", {}).get("method") == "update" and "value" in content["data"].get("state", {}):
                future = self._updates.pop(content["comm_id"])
                if not future.done():
                    future.set_result(time.perf_counter())

    def _send(self, channel: str, kind: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": kind, "session": self.session, "username": self.name,
                  "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "version": "5.3"}
        self._ws.write_message(json.dumps({"header": header, "parent_header": {}, "metadata": {},
                                           "content": content, "channel": channel, "buffers": []}))
        return msg_id

    async def execute(self, code: str, timeout: float = 600.0) -> str:
        """Run ``code`` as a cell; its printed output. Raises RuntimeError if the cell fails."""
        future = asyncio.get_running_loop().create_future()
        msg_id = self._send("shell", "execute_request", {"code": code, "silent": False, "store_history": True,
                                                         "user_expressions": {}, "allow_stdin": False,
                                                         "stop_on_error": True})
        self._idle[msg_id], self._output[msg_id] = future, []
        await asyncio.wait_for(future, timeout)
        text = "".join(self._output.pop(msg_id))
        if "ERROR " in text:
            raise RuntimeError(f"a cell failed in {self.name}'s kernel:\n{code[:300]}\n{text[-2000:]}")
        return text

    async def click(self, button_id: str, readout_id: str, timeout: float = 120.0) -> float:
        """Press a widget button as the browser does; milliseconds until the readout's new value arrives."""
        future = asyncio.get_running_loop().create_future()
        self._updates[readout_id] = future
        started = time.perf_counter()
        self._send("shell", "comm_msg", {"comm_id": button_id,
                                         "data": {"method": "custom", "content": {"event": "click"}}})
        done = await asyncio.wait_for(future, timeout)
        return (done - started) * 1000

    async def close(self) -> None:
        if self._ws is not None:
            self._ws.close()
        if self._reader is not None:
            self._reader.cancel()


def student_processes(home: Path) -> tuple[psutil.Process, dict[str, psutil.Process]]:
    """The single-user server started in ``home`` and its kernels, by kernel id."""
    for proc in psutil.process_iter(["cwd", "cmdline"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        if proc.info["cwd"] == str(home) and ("jupyterhub-singleuser" in cmdline or "jupyterhub.singleuser" in cmdline):
            kernels = {}
            for child in proc.children():
                for arg in child.cmdline():
                    if arg.endswith(".json") and "kernel-" in arg:
                        kernels[Path(arg).stem.removeprefix("kernel-")] = child
            return proc, kernels
    raise RuntimeError(f"no single-user server runs in {home}")


def rss_mb(proc: psutil.Process) -> tuple[float, float]:
    """Resident and unique (not shared with other processes) memory of ``proc``, in MB."""
    full = proc.memory_full_info()
    return full.rss / 2**20, full.uss / 2**20


def cpu_seconds(proc: psutil.Process) -> float:
    times = proc.cpu_times()
    return times.user + times.system


# --- a student's login, as the browser does it (NativeAuthenticator's forms, with the _xsrf cookie) ----------

class Browserless:
    """A student's cookies and the hub's forms, over plain HTTP: sign up, log in (which starts the server)."""

    def __init__(self, url: str) -> None:
        import http.cookiejar

        self.url = url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def _xsrf(self, page: str) -> str:
        self.opener.open(f"{self.url}{page}", timeout=120).read()
        return next(c.value for c in self.jar if c.name == "_xsrf")

    def post_form(self, page: str, fields: dict[str, str]) -> str:
        """Fill in and send the form of ``page``; the text of the page it lands on."""
        from urllib.parse import urlencode

        data = urlencode({**fields, "_xsrf": self._xsrf(page)}).encode()
        with self.opener.open(urllib.request.Request(f"{self.url}{page}", data=data), timeout=300) as reply:
            return reply.read().decode(errors="replace")


def sign_up(hub_url: str, name: str, password: str, expect: str = "sent to the admin") -> None:
    """The student (or lecturer) fills in /hub/signup."""
    page = Browserless(hub_url).post_form("/hub/signup", {"username": name, "signup_password": password,
                                                          "signup_password_confirmation": password})
    if expect not in page:
        raise RuntimeError(f"sign-up of {name} failed: {page[-500:]}")


class Lecturer(Browserless):
    """The lecturer (an ADMINS name), signed up and logged in, approving students at /hub/authorize."""

    def __init__(self, hub_url: str, name: str, password: str) -> None:
        super().__init__(hub_url)
        sign_up(hub_url, name, password, expect="The signup was successful")
        self.post_form("/hub/login?next=%2Fhub%2Fauthorize", {"username": name, "password": password})
        page = self.opener.open(f"{self.url}/hub/authorize", timeout=120).read().decode(errors="replace")
        if "Authorize" not in page and "Unauthorize" not in page:
            raise RuntimeError(f"the lecturer {name} could not open /hub/authorize: {page[-500:]}")

    def approve(self, name: str) -> None:
        self.opener.open(f"{self.url}/hub/authorize/{name}", timeout=120).read()


def log_in(hub_url: str, name: str, password: str) -> None:
    """POST the login form, as the browser does; the hub then starts the student's server."""
    page = Browserless(hub_url).post_form("/hub/login", {"username": name, "password": password})
    if "login_error" in page:
        raise RuntimeError(f"login of {name} refused: {page[-500:]}")


# --- CPU time from /proc: the students' own processes, and the whole machine ------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _processes_of(uids: set[int]):
    """The /proc folders of every live process owned by one of ``uids`` (vanished ones skipped)."""
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and entry.stat().st_uid in uids:
                yield entry
        except OSError:
            continue


def cpu_seconds_of_uids(uids: set[int]) -> float:
    """CPU seconds (user + system, from /proc/PID/stat) of every live process owned by one of ``uids``:
    robust to whatever else the machine runs."""
    total = 0
    for entry in _processes_of(uids):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])       # utime, stime (fields 14, 15 of proc(5))
    return total / CLOCK_TICKS


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has been busy (every core, /proc/stat: all but idle and iowait)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(values) - values[3] - values[4]) / CLOCK_TICKS


def pss_mb_of_uids(uids: set[int]) -> float:
    """Proportional set size (MB) of every process of ``uids``: shared libraries counted once overall."""
    total = 0
    for entry in _processes_of(uids):
        try:
            for line in (entry / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
    return total / 1024
