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


BADGE_MARKERS = ("<!-- binder:start -->", "<!-- binder:end -->")
README_NOTEBOOK = {"README.md": ("notebooks/00_welcome.ipynb", False),
                   "README.ko.md": ("notebooks/ko/00_welcome.ipynb", True)}
BADGE_IMAGE = "https://mybinder.org/badge_logo.svg"


def badge_markdown(published: Published, readme: str) -> str:
    """The launch line of ``readme`` (README.md or README.ko.md): the Binder badge opening its edition's
    first notebook, or, while ``repository`` is not set, a sentence saying the link needs it."""
    notebook, korean = README_NOTEBOOK[readme]
    if not published.repository:
        if korean:
            return ("**Binder로 브라우저에서 열기:** 이 시리즈가 공개된 저장소 주소가 정해지면 여기에 실행 링크가 "
                    "생깁니다(`deploy/published.toml`의 `repository`). 그때까지는 `make lab-ko`를 쓰세요.")
        return ("**Run it in a browser (Binder):** the launch link appears here once the series' public repository "
                "is set (`repository` in `deploy/published.toml`); until then, use `make lab`.")
    label = "Binder (한국어)" if korean else "Binder"
    return f"[![{label}]({BADGE_IMAGE})]({published.binder_url(notebook, korean=korean)})"


def write_badges(published: Published, root: Path = ROOT) -> list[str]:
    """Put each README's launch line between its markers; the names of the READMEs it changed."""
    changed = []
    for readme in README_NOTEBOOK:
        path = root / readme
        text = path.read_text(encoding="utf-8")
        head, rest = text.split(BADGE_MARKERS[0], 1)
        _, tail = rest.split(BADGE_MARKERS[1], 1)
        new = f"{head}{BADGE_MARKERS[0]}\n{badge_markdown(published, readme)}\n{BADGE_MARKERS[1]}{tail}"
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(readme)
    return changed


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


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--write-badges"]:
        sys.exit("usage: python tools/published.py --write-badges   (rewrites the READMEs' Binder lines "
                 "from deploy/published.toml)")
    done = write_badges(load())
    print("updated: " + ", ".join(done) if done else "the READMEs' Binder lines already match deploy/published.toml")
