"""The published addresses have one place, deploy/published.toml: the READMEs' Binder lines agree with it
(English opens notebooks/00_welcome.ipynb, Korean notebooks/ko/00_welcome.ipynb with JupyterLab in Korean),
and while the repository is not set they say so instead of showing a placeholder link."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("published_under_test", ROOT / "tools" / "published.py")
published = sys.modules.setdefault(_spec.name, importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(published)

READMES = ("README.md", "README.ko.md")
SET = dict(repository="https://github.com/school/backprop", branch="main", binder="https://mybinder.org", hub="",
           site="")


def block(readme: str, root: Path = ROOT) -> str:
    text = (root / readme).read_text(encoding="utf-8")
    match = re.search(r"<!-- binder:start -->\n(.*?)\n<!-- binder:end -->", text, re.S)
    assert match, f"{readme} has no <!-- binder:start --> … <!-- binder:end --> block"
    return match[1]


@pytest.mark.parametrize("readme", READMES)
def test_each_readme_launch_line_agrees_with_published_toml(readme):
    assert block(readme) == published.badge_markdown(published.load(), readme), \
        "run: python tools/published.py --write-badges"


@pytest.mark.parametrize("readme", READMES)
def test_no_placeholder_addresses_in_the_readmes(readme):
    text = (ROOT / readme).read_text(encoding="utf-8")
    assert "OWNER/REPO" not in text and "https://HUB" not in text


def test_until_the_repository_is_set_the_readmes_say_the_link_needs_it():
    if published.load().repository:
        pytest.skip("deploy/published.toml has a repository: the badges are links (tested above)")
    assert "launch link appears here once the series' public repository is set" in block("README.md")
    assert "`repository` in `deploy/published.toml`" in block("README.md")
    assert "`deploy/published.toml`의 `repository`" in block("README.ko.md")
    assert "mybinder.org/v2" not in block("README.md") + block("README.ko.md")


def test_a_published_repository_gives_each_edition_its_own_badge():
    site = published.Published(**SET)
    assert published.badge_markdown(site, "README.md") == (
        "[![Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/school/backprop/main"
        "?urlpath=lab/tree/notebooks/00_welcome.ipynb)")
    assert published.badge_markdown(site, "README.ko.md") == (
        "[![Binder (한국어)](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/school/backprop/main"
        "?urlpath=lab/tree/notebooks/ko/00_welcome.ipynb%3Flang%3Dko-KR)")


def test_write_badges_rewrites_only_the_block_and_is_idempotent(tmp_path):
    for readme in READMES:
        shutil.copy(ROOT / readme, tmp_path / readme)
    site = published.Published(**SET)
    assert published.write_badges(site, tmp_path) == list(READMES)
    assert published.write_badges(site, tmp_path) == []
    for readme in READMES:
        assert block(readme, tmp_path) == published.badge_markdown(site, readme)
        before = (ROOT / readme).read_text(encoding="utf-8").split("<!-- binder:start -->")
        after = (tmp_path / readme).read_text(encoding="utf-8").split("<!-- binder:start -->")
        assert before[0] == after[0] and before[1].split("<!-- binder:end -->")[1] == \
            after[1].split("<!-- binder:end -->")[1], "only the block changes"


def test_the_hub_config_takes_the_course_folder_from_the_published_repository():
    text = (ROOT / "deploy" / "jupyterhub_config.py").read_text(encoding="utf-8")
    assert "_published().repository" in text and "published.toml" in text
