"""The "check my setup" panel of notebook 00: package versions, and a button that proves the
kernel and the widgets talk to each other (the reply is computed by the kernel on each click)."""

from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker

from ..activations import sigmoid
from ..i18n import _
from . import layout
from .base import WidgetBase
from .preview import WidgetBox

REQUIREMENTS = Path(__file__).resolve().parents[2] / "requirements.txt"
KEY_PACKAGES = ("jupyterlab", "ipywidgets", "numpy", "matplotlib", "sympy", "nbval")


@dataclass(frozen=True)
class PackageStatus:
    name: str
    pinned: str | None      # None when requirements.txt is not beside the package
    installed: str | None   # None when not installed

    @property
    def ok(self) -> bool:
        return self.installed is not None and (self.pinned is None or self.pinned == self.installed)


def _as_path(path) -> Path:
    if isinstance(path, Path):
        return path
    if isinstance(path, str) and path.strip():
        return Path(path)
    raise TypeError(_("path must be the path of a requirements file (a str or pathlib.Path) such as "
                      "'requirements.txt'; got {kind} {path!r}").format(kind=type(path).__name__, path=path))


def pinned_versions(path: Path | str = REQUIREMENTS) -> dict[str, str]:
    """``{package: version}`` from requirements.txt's ``name==version`` lines (empty if absent);
    ``path`` a str or :class:`pathlib.Path`.
    A line with an environment marker (``appnope==1.0.0 ; sys_platform == 'darwin'``, as a lock for
    every platform has) counts only where its marker holds on this machine."""
    path = _as_path(path)
    if path.is_dir():
        raise ValueError(_("path must be a requirements file, not a folder; got {path!r}").format(path=str(path)))
    if not path.exists():
        return {}
    pins = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^\s*([A-Za-z0-9_.\-]+)==([^\s#;\\]+)\s*(?:;([^#\\]*))?", line)
        if match and (not match[3] or Marker(match[3].strip()).evaluate()):
            pins[match[1].lower().replace("_", "-")] = match[2]
    return pins


def package_report(path: Path | str = REQUIREMENTS) -> list[PackageStatus]:
    """Each pinned package (or the key ones, without requirements.txt) with its installed version."""
    pins = pinned_versions(path) or dict.fromkeys(KEY_PACKAGES)
    report = []
    for name, version in pins.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        report.append(PackageStatus(name, version, installed))
    return report


def summary(report: list[PackageStatus]) -> str:
    """One sentence: all good, or which packages differ and how to fix it."""
    if isinstance(report, (str, bytes)) or not isinstance(report, (list, tuple)) or not all(
            isinstance(s, PackageStatus) for s in report):
        raise TypeError(_("report must be the list package_report() returns (PackageStatus items); "
                          "got {kind} {report!r:.60}").format(kind=type(report).__name__, report=report))
    bad = [s for s in report if not s.ok]
    if not bad:
        return _("All {count} pinned packages are installed at the pinned versions.").format(count=len(report))
    details = ", ".join(_("{name} (pinned {pinned}, installed {installed})").format(
        name=s.name, pinned=s.pinned, installed=s.installed or _("missing")) for s in bad)
    return _("{count} package(s) differ from requirements.txt: {details}. Run `make lab` to reinstall.").format(
        count=len(bad), details=details)


def shown_rows(report: list[PackageStatus]) -> list[PackageStatus]:
    """The table's rows: the key packages, plus every package that differs from its pin (the lock pins
    ~100 packages; all of them are counted in the summary sentence)."""
    return [s for s in report if s.name in KEY_PACKAGES or not s.ok]


class SetupCheck(WidgetBase):
    """Versions table plus a Ping button. Plain-Python API: ``ping()`` and ``state``."""

    _kept = ("pings",)

    def __init__(self) -> None:
        self._setup("bp-setup")
        self.pings = 0
        self.report = package_report()
        cell = 'style="padding:0 0.8em 0 0;line-height:1.3"'
        missing, pinned_as = _("missing"), _("✗ pinned {version}")
        rows = "".join(f"<tr><td {cell}>{s.name}</td><td {cell}>{s.installed or missing}</td>"
                       f"<td {cell}>{'✓' if s.ok else pinned_as.format(version=s.pinned)}</td></tr>"
                       for s in shown_rows(self.report))
        header = "".join(f"<th {cell}>{label}</th>" for label in (_("package"), _("installed"), _("pinned")))
        self.versions = layout.readout(
            "bp-setup-versions",
            f"<b>Python {platform.python_version()}</b><table style='border-collapse:collapse'>"
            f"<tr>{header}</tr>{rows}</table><p style='white-space:normal'>{summary(self.report)}</p>")
        self.button = layout.button(_("Ping the kernel"), "bp-setup-ping", lambda: self.callback(self.ping, "ping"),
                                    icon="bolt", style="primary")
        self.reply = layout.readout("bp-setup-reply", _("No reply yet: press the button."))
        self._state = self._state_now()
        self.widget = WidgetBox([self.versions, layout.row([self.button, self.reply], align="center"), self.message],
                                "bp-setup", caption=_("▶ Run this notebook to check your set-up (what the "
                                          "panel reports)"), lines=self._preview_lines, live=["bp-setup-reply"])

    def _preview_lines(self) -> list[str]:
        """What the panel says, as plain text (it has no figure)."""
        return [f"Python {platform.python_version()}: {summary(self.report)}", self.reply.value]

    @staticmethod
    def reply_text(pings: int) -> str:
        """What the kernel answers on the n-th ping (σ(0) is computed by the helpers each time)."""
        return _("Kernel replied (ping {pings}): sigmoid(0) = {value:.1f}. Widgets and kernel talk.").format(
            pings=pings, value=sigmoid(0.0))

    def ping(self) -> str:
        """Do what the button does; return the reply shown."""
        self.pings += 1
        self.reply.value = self.reply_text(self.pings)
        self._state = self._state_now()
        return self.reply.value

    def _state_now(self) -> dict:
        return {"pings": self.pings, "reply": self.reply.value, "all_ok": all(s.ok for s in self.report)}

    def _controls_follow_state(self) -> None:
        self.reply.value = self._state["reply"]
