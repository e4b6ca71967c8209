"""The addresses the series is published at, read from ``deploy/published.toml`` (the one place).

Everything that links to the published series builds its links here: the READMEs' Binder badges, the
site's launch buttons, the class-hub guide and ``deploy/nbgitpuller_link.py``. An address that is not
set yet is ``""``; the functions that need it raise :class:`NotPublished`, whose message says which
setting to fill in.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "deploy" / "published.toml"
KEYS = ("repository", "branch", "binder", "hub", "site")


class NotPublished(LookupError):
    """An address the caller needs is not set in deploy/published.toml yet."""


@dataclass(frozen=True)
class Published:
    repository: str
    branch: str
    binder: str
    hub: str
    site: str

    def require(self, key: str) -> str:
        value = getattr(self, key)
        if not value:
            raise NotPublished(f"{key} is not set in deploy/published.toml yet (it is empty until the "
                               f"series is published); set {key} = \"https://...\" there")
        return value

    def github_slug(self) -> str:
        """``OWNER/REPO`` of a GitHub repository URL (Binder's ``gh`` provider needs it)."""
        parts = urlsplit(self.require("repository"))
        path = parts.path.strip("/").removesuffix(".git")
        if parts.netloc != "github.com" or path.count("/") != 1:
            raise ValueError(f"repository must be a GitHub address like https://github.com/OWNER/REPO for a "
                             f"Binder link; deploy/published.toml has {self.repository!r}")
        return path

    def binder_url(self, notebook: str, *, korean: bool = False) -> str:
        """The Binder link that opens ``notebook`` (a path in the repository) in JupyterLab; with
        ``korean=True`` JupyterLab's interface is in Korean (the ``lang`` query of JupyterLab's
        translation extension)."""
        lang = "%3Flang%3Dko-KR" if korean else ""
        return (f"{self.require('binder').rstrip('/')}/v2/gh/{self.github_slug()}/{quote(self.branch)}"
                f"?urlpath=lab/tree/{quote(notebook)}{lang}")


def load(path: Path = CONFIG) -> Published:
    """The settings in ``path`` (every key present, each a string)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    missing = [k for k in KEYS if k not in data]
    extra = [k for k in data if k not in KEYS]
    if missing or extra:
        raise ValueError(f"{path.name}: keys must be exactly {', '.join(KEYS)}; missing {missing}, unknown {extra}")
    bad = [k for k in KEYS if not isinstance(data[k], str)]
    if bad:
        raise ValueError(f"{path.name}: {', '.join(bad)} must be text in quotes")
    for key in ("repository", "binder", "hub", "site"):
        value = data[key].strip()
        if value and urlsplit(value).scheme not in ("http", "https"):
            raise ValueError(f"{path.name}: {key} must start with https:// (or http://); got {value!r}")
    return Published(**{k: data[k].strip() for k in KEYS})
