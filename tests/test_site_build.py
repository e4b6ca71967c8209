"""tools/build_site.py without a browser: how each notebook becomes a page (solutions folded, widgets as
their picture plus a line and the launch links, figures with their text alternative), the links, the
launch links read from deploy/published.toml, and both editions' strings. The expected URLs are
written out by hand."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402
import published  # noqa: E402
import site_text  # noqa: E402

from helpers.series import SERIES  # noqa: E402

EDITIONS = [("en", ROOT / "notebooks"), ("ko", ROOT / "notebooks" / "ko")]


@pytest.mark.parametrize("text, repo_file, staged, lang, expected", [
    ("[← 03 V](03_vectors_matrices_jacobians.ipynb) · [Index](00_welcome.ipynb#The-map-of-the-series)",
     "notebooks/04_worked_example_222.ipynb", "04_worked_example_222.ipynb", "en",
     "[← 03 V](03_vectors_matrices_jacobians.ipynb) · [Index](00_welcome.ipynb#the-map-of-the-series)"),
    ("see [the sheet](../docs/cheatsheet.md) and [1.](#1.-The-network)",
     "notebooks/04_worked_example_222.ipynb", "04_worked_example_222.ipynb", "en",
     "see [the sheet](cheatsheet.md) and [1.](#1-the-network)"),
    ("[04](../../notebooks/04_worked_example_222.ipynb), [capacity](../capacity.md), [hub](class-hub.md)",
     "docs/teaching/04_worked_example_222.md", "teaching/04_worked_example_222.md", "ko",
     "[04](../04_worked_example_222.ipynb), capacity, [hub](class-hub.md)"),
    ("[guides](teaching/README.md) [cap](capacity.md) ![a picture](x.png) [web](https://example.org/a)",
     "docs/cheatsheet.md", "cheatsheet.md", "en",
     "[guides](teaching/index.md) cap ![a picture](x.png) [web](https://example.org/a)"),
    ("[English](../04_worked_example_222.ipynb)", "notebooks/ko/05_node_by_node_deltas.ipynb",
     "05_node_by_node_deltas.ipynb", "ko", "English"),
])
def test_links_point_at_the_sites_pages_or_become_text(text, repo_file, staged, lang, expected):
    assert build_site.rewrite_links(text, repo_file, staged, lang) == expected


def _published(tmp_path, monkeypatch, **values):
    settings = {"repository": "", "branch": "main", "binder": "https://mybinder.org", "hub": "", "site": "", **values}
    path = tmp_path / "published.toml"
    path.write_text("".join(f'{k} = "{v}"\n' for k, v in settings.items()))
    load = published.load                               # (build_site.published is this same module)
    monkeypatch.setattr(published, "load", lambda: load(path))


def test_unpublished_pages_offer_the_download_and_say_the_other_links_need_the_repository(tmp_path, monkeypatch):
    _published(tmp_path, monkeypatch)
    assert build_site.launch_links("notebooks/ko/04_worked_example_222.ipynb", "ko") == [
        ("bp-download", "노트북 내려받기 (.ipynb)", "../notebooks/ko/04_worked_example_222.ipynb")]
    for lang in ("en", "ko"):
        bar = build_site.launch_html("notebooks/04_worked_example_222.ipynb", lang)
        assert html.escape(site_text.STRINGS[lang]["not_published"]) in bar and "mybinder" not in bar


def test_published_pages_launch_binder_and_the_class_hub(tmp_path, monkeypatch):
    _published(tmp_path, monkeypatch, repository="https://github.com/OWNER/REPO", hub="https://hub.example.edu")
    links = build_site.launch_links("notebooks/ko/04_worked_example_222.ipynb", "ko")
    assert links == [
        ("bp-binder", "Binder에서 열기", "https://mybinder.org/v2/gh/OWNER/REPO/main"
         "?urlpath=lab/tree/notebooks/ko/04_worked_example_222.ipynb%3Flang%3Dko-KR"),
        ("bp-hub", "수업 허브에서 열기", "https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com"
         "%2FOWNER%2FREPO&branch=main&urlpath=lab%2Ftree%2FREPO%2Fnotebooks%2Fko%2F04_worked_example_222.ipynb"),
        ("bp-download", "노트북 내려받기 (.ipynb)", "../notebooks/ko/04_worked_example_222.ipynb")]
    bar = build_site.launch_html("notebooks/04_worked_example_222.ipynb", "en")
    assert html.escape(site_text.STRINGS["en"]["not_published"]) not in bar and "Open in Binder" in bar


def _html_outputs(nb) -> list[str]:
    return [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if "text/html" in o.get("data", {})]


@pytest.mark.parametrize("lang, folder", EDITIONS)
def test_each_notebook_page_folds_its_solutions_and_shows_widgets_as_pictures(lang, folder, tmp_path):
    for item in SERIES:
        committed = nbformat.read(folder / item.filename, as_version=4)
        headings = sum(1 for c in committed.cells if c.cell_type == "markdown"
                       and re.match(r"#### (Solution|풀이)( \d+)?\s*$", c.source))
        widgets = sum(1 for c in committed.cells if c.cell_type == "code" for o in c.outputs
                      if "application/vnd.jupyter.widget-view+json" in o.get("data", {}))
        figures = sum(1 for c in committed.cells if c.cell_type == "code" for o in c.outputs
                      if "image/png" in o.get("data", {}))
        nb = nbformat.read(folder / item.filename, as_version=4)
        images = build_site.Images(tmp_path / lang / "figures")
        build_site.transform_notebook(nb, f"notebooks/{'ko/' if lang == 'ko' else ''}{item.filename}", lang, images)
        markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
        opened = sum(s.startswith('<details class="bp-solution">') for s in markdown)
        closed = sum(s == "</details>" for s in markdown)
        assert (opened, closed) == (headings, headings), item.slug
        html = _html_outputs(nb)
        assert sum('class="bp-widget"' in h for h in html) == widgets, item.slug
        assert sum("<img " in h for h in html) == figures, item.slug
        assert not any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
                       for c in nb.cells if c.cell_type == "code" for o in c.outputs)
        assert all(re.search(r'alt="[^"]{8,}"', h) for h in html if "<img " in h), item.slug
        assert not re.search(r"\]\((\.\./|ko/)[\w-]+\.ipynb", "\n".join(markdown)), "a link to the other edition"
        widget_lines = [h for h in html if 'class="bp-widget"' in h]
        assert all(site_text.STRINGS[lang]["widget_prefix"] in h for h in widget_lines)


def test_both_editions_have_every_string():
    english, korean = site_text.STRINGS["en"], site_text.STRINGS["ko"]
    assert english.keys() == korean.keys()
    assert all(korean[k] for k in korean) and all(english[k] for k in english if k != "english_only")
    assert all(re.search("[가-힣]", korean[k]) for k in ("launch_title", "download", "not_published", "widget_prefix"))
    assert all(re.search("[가-힣]", ko) and not re.search("[가-힣]", en) for en, ko in site_text.WIDGETS.values())


def test_a_widget_the_site_cannot_describe_stops_the_build():
    with pytest.raises(ValueError, match="WIDGETS"):
        build_site._widget_kind("w = NewExplorer()\nw.widget")
