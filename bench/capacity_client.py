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
        if proc.info["cwd"] == str(home) and "jupyterhub-singleuser" in cmdline:
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
