"""Sphinx configuration of the web site, shared by both editions (tools/build_site.py copies it into
build/site-src/en and build/site-src/ko and runs Sphinx with -D language=en or ko).

Nothing is executed (the stored outputs are the page) and nothing is loaded from another site: MathJax
is served from _static/mathjax, the theme's fonts and scripts come with the theme.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]          # build/site-src/<lang>/conf.py -> the repository
sys.path.insert(0, str(ROOT / "tools"))
from site_text import STRINGS  # noqa: E402

LANG = os.environ.get("BP_SITE_LANG", "en")
OTHER = "ko" if LANG == "en" else "en"
TEXT = STRINGS[LANG]

project = TEXT["site_title"]
author = "Backprop, step by step"
copyright = "the authors of Backprop, step by step (MIT licence)"
language = LANG
extensions = ["myst_nb"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
templates_path = ["_templates"]
html_static_path = ["_static"]
html_css_files = ["bp-site.css"]
html_title = TEXT["site_title"]
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
html_theme = "sphinx_book_theme"
html_context = {"default_mode": "auto"}     # (else the theme logs "invalid theme mode" on a first visit)
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "article_header_end": ["bp-lang-switch.html", "article-header-buttons.html"],
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "navbar_persistent": [],            # one search field (the sidebar's), not a second one in a top bar
}

# MyST and MyST-NB: the stored outputs, never executed; $…$ math; heading anchors for links.
nb_execution_mode = "off"
nb_ipywidgets_js = {}                   # no widget JavaScript (the page shows the stored previews)
nb_output_stderr = "show"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 4
suppress_warnings = ["mystnb.unknown_mime_type"]

# MathJax 3 from the site itself (_static/mathjax, the version pinned in site/package-lock.json).
mathjax_path = "mathjax/tex-chtml.js"


def _page_context(app, pagename, templatename, context, doctree):
    depth = pagename.count("/")
    context["bp_twin_url"] = "../" * (depth + 1) + f"{OTHER}/{pagename}.html"
    context["bp_switch"] = TEXT["switch"]
    context["bp_switch_label"] = TEXT["switch_label"]
    context["bp_other_lang"] = OTHER


def setup(app):
    app.connect("html-page-context", _page_context)
