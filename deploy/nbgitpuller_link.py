"""Build the nbgitpuller link a teacher hands out: one click clones (or updates) the series into the
student's home on the hub and opens a notebook in JupyterLab.

    python deploy/nbgitpuller_link.py notebooks/04_worked_example_222.ipynb
    python deploy/nbgitpuller_link.py notebooks/ko/04_worked_example_222.ipynb --hub https://hub.example.edu \\
        --repo https://github.com/OWNER/REPO --branch main

prints https://hub.example.edu/hub/user-redirect/git-pull?repo=...&branch=main&urlpath=lab/tree/REPO/...
The hub, the repository and the branch default to deploy/published.toml (the one place for the
published addresses); --hub and --repo are needed while it has none. The notebook must be a file of
this repository (checked here, so a typo does not become a dead link). The folder the copy lands in is
nbgitpuller's default, the last part of the repository URL (--targetpath changes it). A student who
opens the link again gets the teacher's new commits and keeps their own edits; --reset makes the link
that moves a broken copy aside and clones a fresh one (docs/teaching/class-hub.md explains both).
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import sys
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]


def _require_text(name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string; got {value!r}")
    return value.strip()


def default_folder(repo_url: str) -> str:
    """The folder nbgitpuller clones ``repo_url`` into: its last path part (as nbgitpuller computes it)."""
    return _require_text("repo_url", repo_url).rstrip("/").split("/")[-1]


def make_link(hub_url: str, repo_url: str, notebook: str, branch: str | None = None,
              targetpath: str | None = None, reset: bool = False) -> str:
    """The nbgitpuller link that pulls ``repo_url`` (``branch``, default: the repository's default
    branch) into ``targetpath`` (default: ``default_folder(repo_url)``) and opens ``notebook`` (a path
    inside the repository, e.g. ``notebooks/00_welcome.ipynb``) in JupyterLab on the hub at ``hub_url``.

    ``reset=True`` makes the reset link: nbgitpuller first moves the student's copy aside (to
    ``<folder>_backup_<timestamp>``, nothing is deleted), then clones a fresh one; the student lands in
    their home folder, where both are.
    """
    if not isinstance(reset, bool):
        raise TypeError(f"reset must be True or False; got {reset!r}")
    hub = _require_text("hub_url", hub_url).rstrip("/")
    if urlsplit(hub).scheme not in ("http", "https") or not urlsplit(hub).netloc:
        raise ValueError(f"hub_url must be an http(s) address like https://hub.example.edu; got {hub_url!r}")
    repo = _require_text("repo_url", repo_url)
    path = _require_text("notebook", notebook).strip("/")
    if ".." in path.split("/"):
        raise ValueError(f"notebook must be a path inside the repository; got {notebook!r}")
    folder = default_folder(repo) if targetpath is None else _require_text("targetpath", targetpath).strip("/")
    query = {"repo": repo}
    if branch is not None:
        query["branch"] = _require_text("branch", branch)
    if targetpath is not None:
        query["targetpath"] = folder
    query["urlpath"] = f"lab/tree/{quote(folder)}/{quote(path)}"
    if reset:
        query["backup"] = "true"
    return f"{hub}/hub/user-redirect/git-pull?{urlencode(query)}"


def _published():
    """deploy/published.toml, read by tools/published.py."""
    spec = importlib.util.spec_from_file_location("bp_published", ROOT / "tools" / "published.py")
    module = sys.modules.setdefault(spec.name, importlib.util.module_from_spec(spec))
    spec.loader.exec_module(module)
    return module.load()


def check_notebook(notebook: str, root: Path = ROOT) -> str:
    """``notebook`` if it is a file of the repository at ``root``; else ValueError naming close matches."""
    path = _require_text("notebook", notebook).strip("/")
    if (root / path).is_file():
        return path
    known = sorted(str(p.relative_to(root)) for p in (root / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
    near = difflib.get_close_matches(path, known, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(near)}?" if near else f"; the notebooks are under {root / 'notebooks'}"
    raise ValueError(f"notebook {notebook!r} is not a file of this repository ({root}){hint}")


def main(argv: list[str]) -> int:
    published = _published()
    parser = argparse.ArgumentParser(prog="nbgitpuller_link.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebook", nargs="?", default="notebooks/00_welcome.ipynb",
                        help="the notebook to open, a path inside the repository (default: %(default)s)")
    hub_default = repr(published.hub) if published.hub else "not set yet"
    parser.add_argument("--hub", default=published.hub or None,
                        help=f"the hub's address, e.g. https://hub.example.edu (default: hub in "
                             f"deploy/published.toml, {hub_default})")
    parser.add_argument("--repo", default=published.repository or None,
                        help="the repository students pull (default: repository in deploy/published.toml"
                             f"{', ' + repr(published.repository) if published.repository else ', not set yet'})")
    parser.add_argument("--branch", default=published.branch or None,
                        help="the branch to pull (default: %(default)s, from deploy/published.toml)")
    parser.add_argument("--targetpath", help="the folder in the student's home (default: the repository's name)")
    parser.add_argument("--reset", action="store_true",
                        help="the reset link: move the student's copy aside and clone a fresh one")
    args = parser.parse_args(argv)
    if not args.hub:
        parser.error("--hub is needed: deploy/published.toml has no hub address yet (e.g. --hub https://hub.example.edu)")
    if not args.repo:
        parser.error("--repo is needed: deploy/published.toml has no repository yet "
                     "(e.g. --repo https://github.com/OWNER/REPO)")
    try:
        notebook = check_notebook(args.notebook)
        print(make_link(args.hub, args.repo, notebook, args.branch, args.targetpath, args.reset))
    except ValueError as error:      # named as on the command line
        parser.error(str(error).replace("hub_url", "--hub").replace("repo_url", "--repo")
                     .replace("targetpath", "--targetpath").replace("branch must", "--branch must"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
