"""Build the nbgitpuller link a teacher hands out: one click clones (or updates) the series into the
student's home on the hub and opens a notebook in JupyterLab.

    python deploy/nbgitpuller_link.py https://hub.example.edu https://github.com/OWNER/REPO \\
        notebooks/04_worked_example_222.ipynb --branch main

prints ``https://hub.example.edu/hub/user-redirect/git-pull?repo=…&branch=main&urlpath=lab/tree/REPO/…``.
The folder the copy lands in is nbgitpuller's default: the last part of the repository URL
(``targetpath`` changes it). A student who opens the link again gets the teacher's new commits and keeps
their own edits (docs/teaching/class-hub.md explains nbgitpuller's merge rules).
"""

from __future__ import annotations

import argparse
import sys
from urllib.parse import quote, urlencode, urlsplit


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


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("hub_url", help="the hub's address, e.g. https://hub.example.edu")
    parser.add_argument("repo_url", help="the repository students pull, e.g. https://github.com/OWNER/REPO")
    parser.add_argument("notebook", nargs="?", default="notebooks/00_welcome.ipynb",
                        help="the notebook to open, a path inside the repository (default: %(default)s)")
    parser.add_argument("--branch", help="the branch to pull (default: the repository's default branch)")
    parser.add_argument("--targetpath", help="the folder in the student's home (default: the repository's name)")
    parser.add_argument("--reset", action="store_true",
                        help="the reset link: move the student's copy aside and clone a fresh one")
    args = parser.parse_args(argv)
    print(make_link(args.hub_url, args.repo_url, args.notebook, args.branch, args.targetpath, args.reset))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
