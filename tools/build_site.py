"""Build the static web site of both editions (``make site``): build/site/en/, build/site/ko/.

    python tools/build_site.py          # everything, into build/site (about 30 s on 2 cores)

Sphinx with MyST-NB and sphinx-book-theme (site/conf.py) renders the committed notebooks as they are:
nothing is executed, the stored outputs are the page. The build works on a copy of each notebook
(build/site-src/EDITION/), never on the committed files, and changes only what a web page needs:
- every figure becomes an ``<img>`` with the text alternative ``helpers.inline_png`` stored with it
  (``make regenerate`` stores them), its PNG written once as a file (256 colours where smaller);
- every widget shows its stored preview (alt: its caption), one line saying what the live widget
  does, and the launch links; the live widget's own output (which needs a kernel) is left out;
- each solution (the collapsed '#### Solution N' heading and its cells) becomes one folded
  ``<details>``, its stored feedback inside;
- links between notebooks and to the cheat sheet and guides point at their pages; the language
  link of the notebooks' navigation bars is left to the site's own switch on every page.
Launch links (Binder, the class hub through nbgitpuller, the download) come from
deploy/published.toml; while the repository is not set there, each page says the links need it.

MathJax and everything else a page loads is served from the site itself (site/package-lock.json pins
MathJax; ``npm ci`` installs it once into build/site-node/, after that the build needs no network).
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "deploy"))
sys.path.insert(0, str(ROOT / "tools"))

import published  # noqa: E402
from nbgitpuller_link import make_link  # noqa: E402
from site_text import STRINGS, WIDGETS, widget_line  # noqa: E402

from helpers.glossary import glossary_table  # noqa: E402
from helpers.series import EDITIONS, SERIES  # noqa: E402

SITE = ROOT / "site"
BUILD = ROOT / "build"
SRC = BUILD / "site-src"
OUT = BUILD / "site"
NODE = BUILD / "site-node"
STAMP = OUT / ".stamp"
NO_ALT = "no text alternative stored"
INPUTS = ("notebooks", "docs/cheatsheet.md", "docs/teaching", "site", "tools/build_site.py", "tools/site_text.py",
          "helpers/glossary.py", "helpers/series.py", "deploy/published.toml")
MATHJAX_PARTS = ("tex-chtml.js", "input/tex/extensions", "output/chtml/fonts/woff-v2", "a11y", "ui", "sre")


def input_hash() -> str:
    """A hash of every file the site is built from (the site test rebuilds when it changes)."""
    digest = hashlib.sha256()
    for name in INPUTS:
        path = ROOT / name
        files = sorted(p for p in path.rglob("*") if p.is_file() and "node_modules" not in p.parts) \
            if path.is_dir() else [path]
        for file in files:
            digest.update(str(file.relative_to(ROOT)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


# ---------------------------------------------------------------- links


def _slug(fragment: str) -> str:
    """A JupyterLab heading anchor ("1.-The-network") as MyST's heading anchor ("1-the-network")."""
    return re.sub(r"[^\w\-]", "", fragment.lower())


def _site_doc(repo_path: str, lang: str, from_notebook: bool) -> str | None:
    """The staged document (path in the edition's source folder) a repository path is on the site as.
    A notebook's link to its twin in the other edition has none (the site's switch does that); the
    cheat sheet and guides (one text for both editions) link the notebook of the edition they are in."""
    match = re.fullmatch(r"notebooks/(ko/)?([\w-]+\.ipynb)", repo_path)
    if match:
        return match.group(2) if not from_notebook or bool(match.group(1)) == (lang == "ko") else None
    if repo_path == "docs/cheatsheet.md":
        return "cheatsheet.md"
    match = re.fullmatch(r"docs/teaching/([\w-]+\.md)", repo_path)
    if match:
        return "teaching/" + ("index.md" if match.group(1) == "README.md" else match.group(1))
    return None


def rewrite_links(text: str, repo_file: str, staged: str, lang: str) -> str:
    """Markdown links of ``repo_file`` (a repository path) as they work from ``staged`` on the site:
    to the page of the same thing, or plain text where the site has no such page."""
    def one(match: re.Match) -> str:
        label, target = match.group(1), match.group(2)
        if re.match(r"[a-z]+:", target):
            return match.group(0)
        path, _, fragment = target.partition("#")
        fragment = "#" + _slug(fragment) if fragment else ""
        if not path:
            return f"[{label}]({fragment})"
        repo_path = posixpath.normpath(posixpath.join(posixpath.dirname(repo_file), path))
        doc = _site_doc(repo_path, lang, repo_file.startswith("notebooks/"))
        if doc is None:
            return label
        return f"[{label}]({posixpath.relpath(doc, posixpath.dirname(staged) or '.')}{fragment})"
    return re.sub(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)", one, text)


# ---------------------------------------------------------------- launch links


def launch_links(notebook: str, lang: str, depth: int = 0) -> list[tuple[str, str, str]]:
    """(css class, label, href) of the launch links of ``notebook`` (a repository path, e.g.
    notebooks/ko/04_worked_example_222.ipynb); the download link is relative to a page ``depth``
    folders below the edition's root."""
    text = STRINGS[lang]
    where = published.load()
    links = []
    if where.repository:
        links.append(("bp-binder", text["binder"], where.binder_url(notebook, korean=lang == "ko")))
        if where.hub:
            links.append(("bp-hub", text["hub"], make_link(where.hub, where.repository, notebook, branch=where.branch)))
    links.append(("bp-download", text["download"], "../" * (depth + 1) + notebook))
    return links


def launch_html(notebook: str, lang: str, *, where_id: str | None = None) -> str:
    text = STRINGS[lang]
    anchors = " ".join(f'<a class="bp-button {cls}" href="{html.escape(href)}"'
                       f'{" download" if cls == "bp-download" else ""}>{html.escape(label)}</a>'
                       for cls, label, href in launch_links(notebook, lang))
    notice = "" if published.load().repository else f'<p class="bp-notice">{html.escape(text["not_published"])}</p>'
    ident = f' id="{where_id}"' if where_id else ""
    return (f'<nav class="bp-launch"{ident} aria-label="{html.escape(text["launch_label"])}">'
            f'<span class="bp-launch-title">{html.escape(text["launch_title"])}</span> {anchors}{notice}</nav>')


# ---------------------------------------------------------------- notebooks


class Images:
    """Writes each figure once into the edition's _static/figures/ and counts the bytes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.stored = self.written = self.count = self.missing_alt = 0

    def write(self, b64: str) -> tuple[str, int, int]:
        from PIL import Image

        raw = base64.b64decode(b64)
        image = Image.open(io.BytesIO(raw))
        name = hashlib.sha256(raw).hexdigest()[:20] + ".png"
        target = self.folder / name
        if not target.exists():
            small = io.BytesIO()
            image.convert("RGB").quantize(colors=256, method=Image.Quantize.FASTOCTREE,
                                          dither=Image.Dither.NONE).save(small, format="png", optimize=True)
            data = small.getvalue() if len(small.getvalue()) < len(raw) else raw
            target.write_bytes(data)
            self.stored += len(raw)
            self.written += len(data)
            self.count += 1
        return f"_static/figures/{name}", image.width, image.height


def _img(src: str, width: int, height: int, alt: str, cls: str, lang: str) -> str:
    """An image; in the Korean edition an English text alternative (figure text is English) says so."""
    english = ' lang="en"' if lang == "ko" and not re.search("[가-힣]", alt) else ""
    return (f'<img class="{cls}" src="{src}" width="{width}" height="{height}" alt="{html.escape(alt, quote=True)}"'
            f'{english} loading="lazy" decoding="async">')


def _is_widget_view(output) -> bool:
    return "application/vnd.jupyter.widget-view+json" in output.get("data", {})


def _widget_kind(source: str) -> str:
    for kind in WIDGETS:
        if re.search(rf"\b{kind}\b", source):
            return kind
    raise ValueError(f"a widget cell the site has no description for (add it to tools/site_text.py "
                     f"WIDGETS): {source[:120]!r}")


def _outputs(cell, notebook: str, lang: str, images: Images) -> list:
    outputs, kept = cell.outputs, []
    for i, output in enumerate(outputs):
        data = output.get("data", {})
        if _is_widget_view(output):
            continue                                                  # the live widget needs a kernel
        if "image/png" not in data:
            kept.append(output)
            continue
        src, width, height = images.write(data["image/png"])
        widget_next = i + 1 < len(outputs) and _is_widget_view(outputs[i + 1])
        if widget_next:
            caption = data.get("text/plain", "")
            line = widget_line(_widget_kind(cell.source), lang)
            body = (f'<figure class="bp-widget">{_img(src, width, height, caption, "bp-preview", lang)}'
                    f'<figcaption><p class="bp-widget-line">{html.escape(line)}</p>'
                    f'{launch_html(notebook, lang)}</figcaption></figure>')
        else:
            alt = output.get("metadata", {}).get("image/png", {}).get("alt")
            if not alt:
                images.missing_alt += 1
                alt = f"Figure ({NO_ALT}: run make regenerate)"
            body = f'<figure class="bp-figure">{_img(src, width, height, alt, "bp-plot", lang)}</figure>'
        kept.append(nbformat.v4.new_output("display_data", data={"text/html": body}))
    return kept


SOLUTION_HEADING = re.compile(r"^#### (Solution|풀이)((?: \d+)?)\s*$")


def transform_notebook(nb, notebook: str, lang: str, images: Images) -> None:
    """The page form of a notebook (see the module docstring), in place."""
    cells, open_fold = [], False
    staged = posixpath.basename(notebook)
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("jupyter", None)
        cell.metadata.pop("jp-MarkdownHeadingCollapsed", None)
        tags = cell.metadata.get("tags", [])
        if open_fold and "solution" not in tags:
            cells.append(nbformat.v4.new_markdown_cell("</details>"))
            open_fold = False
        if cell.cell_type == "markdown":
            source = re.sub(r" · \[(한국어|English)\]\([^)]*\.ipynb\)", "", cell.source)  # the site's switch does it
            source = rewrite_links(source, notebook, staged, lang)
            heading = SOLUTION_HEADING.match(source)
            if heading:
                source = (f'<details class="bp-solution">\n<summary>{heading.group(1)}{heading.group(2)}</summary>\n')
                open_fold = True
            cell.source = source
        elif cell.cell_type == "code":
            cell.outputs = _outputs(cell, notebook, lang, images)
        cells.append(cell)
        if index == 0:
            cells.append(nbformat.v4.new_markdown_cell(launch_html(notebook, lang, where_id="launch")))
    if open_fold:
        cells.append(nbformat.v4.new_markdown_cell("</details>"))
    nb.cells = cells
    nb.metadata.pop("widgets", None)


# ---------------------------------------------------------------- the other pages


def index_page(lang: str) -> str:
    text = STRINGS[lang]
    rows = [f"| {text['col_number']} | {text['col_notebook']} | {text['col_question']} |", "|---|---|---|"]
    for item in SERIES:
        title = item.title if lang == "en" else item.korean
        question = item.question if lang == "en" else item.question_ko
        rows.append(f"| {item.number} | [{title}]({item.slug}.ipynb) | {question} |")
    toc = "\n".join(item.slug for item in SERIES)
    return (f"# {text['site_title']}\n\n{text['intro']}\n\n## {text['map']}\n\n" + "\n".join(rows) +
            f"\n\n{text['more']}\n\n"
            f"```{{toctree}}\n:caption: {text['toc_notebooks']}\n:hidden:\n\n{toc}\n```\n\n"
            f"```{{toctree}}\n:caption: {text['toc_reference']}\n:hidden:\n\ncheatsheet\nglossary\n```\n\n"
            f"```{{toctree}}\n:caption: {text['toc_teaching']}\n:hidden:\n\nteaching/index\n```\n")


def glossary_page(lang: str, folder: Path) -> str:
    text = STRINGS[lang]
    return f"# {text['glossary']}\n\n{text['glossary_intro']}\n\n{glossary_table(folder)}\n"


def stage_docs(dest: Path, lang: str) -> None:
    text = STRINGS[lang]
    note = f"```{{note}}\n{text['english_only']}\n```\n\n" if lang == "ko" else ""
    cheat = (ROOT / "docs/cheatsheet.md").read_text(encoding="utf-8")
    cheat = rewrite_links(cheat, "docs/cheatsheet.md", "cheatsheet.md", lang)
    (dest / "cheatsheet.md").write_text(_after_title(cheat, note), encoding="utf-8")
    (dest / "teaching").mkdir()
    guides = sorted(p for p in (ROOT / "docs/teaching").glob("*.md") if p.name != "README.md")
    for path in [ROOT / "docs/teaching/README.md", *guides]:
        staged = "teaching/" + ("index.md" if path.name == "README.md" else path.name)
        body = rewrite_links(path.read_text(encoding="utf-8"), f"docs/teaching/{path.name}", staged, lang)
        if path.name == "README.md":
            body += "\n```{toctree}\n:hidden:\n\n" + "\n".join(p.stem for p in guides) + "\n```\n"
        (dest / staged).write_text(_after_title(body, note), encoding="utf-8")


def _after_title(markdown: str, insert: str) -> str:
    """``insert`` right after the page's first heading line."""
    head, _, rest = markdown.partition("\n")
    return f"{head}\n\n{insert}{rest}" if insert else markdown


def stage(lang: str) -> Images:
    dest = SRC / lang
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    shutil.copy(SITE / "conf.py", dest / "conf.py")
    shutil.copytree(SITE / "_templates", dest / "_templates")
    shutil.copytree(SITE / "_static", dest / "_static")
    images = Images(dest / "_static" / "figures")
    folder = EDITIONS[lang]
    for item in SERIES:
        nb = nbformat.read(folder / item.filename, as_version=4)
        repo_path = f"notebooks/{'ko/' if lang == 'ko' else ''}{item.filename}"
        transform_notebook(nb, repo_path, lang, images)
        nbformat.write(nb, dest / item.filename)
    (dest / "index.md").write_text(index_page(lang), encoding="utf-8")
    (dest / "glossary.md").write_text(glossary_page(lang, folder), encoding="utf-8")
    stage_docs(dest, lang)
    return images


# ---------------------------------------------------------------- assets, Sphinx, the root


def mathjax() -> Path:
    """The pinned MathJax (site/package-lock.json), installed once with npm ci into build/site-node."""
    lock = SITE / "package-lock.json"
    marker = NODE / "package-lock.json"
    es5 = NODE / "node_modules" / "mathjax" / "es5"
    if not (es5 / "tex-chtml.js").exists() or not marker.exists() or marker.read_bytes() != lock.read_bytes():
        npm = shutil.which("npm")
        if npm is None:
            raise SystemExit("make site needs npm once, to install the pinned MathJax (Debian: apt-get install npm)")
        shutil.rmtree(NODE, ignore_errors=True)
        NODE.mkdir(parents=True)
        shutil.copy(SITE / "package.json", NODE / "package.json")
        shutil.copy(lock, marker)
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
                       cwd=NODE, check=True, stdout=subprocess.DEVNULL)
    return es5


def copy_mathjax(es5: Path, static: Path) -> None:
    for part in MATHJAX_PARTS:
        source, target = es5 / part, static / "mathjax" / part
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)


def _html(lang: str) -> Path:
    """Where Sphinx writes an edition (MyST-NB puts its jupyter_execute/ beside it, off the site)."""
    return BUILD / "site-sphinx" / lang / "html"


def sphinx(lang: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going", "-E",
           "-D", f"language={lang}", "-d", str(BUILD / "site-sphinx" / lang / "doctrees"),
           str(SRC / lang), str(_html(lang))]
    env = {**os.environ, "BP_SITE_LANG": lang}
    return subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)


def polish(lang: str) -> int:
    """Two accessibility repairs of the theme's own markup in the built pages (axe-core, WCAG 2.1):
    the sidebar's fold toggles (``<summary>`` with only an icon) get a name, and the search field's
    ``aria-label`` ("Search" while it shows "Search Ctrl+K") gives way to its visible text."""
    label = html.escape(STRINGS[lang]["toggle_label"], quote=True)
    changed = 0
    for page in (OUT / lang).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = text.replace('<summary><span class="toctree-toggle"',
                           f'<summary aria-label="{label}"><span class="toctree-toggle"')
        new = re.sub(r'(<button class="btn search-button-field[^>]*?) aria-label="[^"]*"', r"\1", new)
        if new != text:
            page.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def root_page() -> str:
    en, ko = STRINGS["en"], STRINGS["ko"]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(en['site_title'])} · {html.escape(ko['site_title'])}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5;
color:#1a1a1a;background:#fff}}a{{color:#0b5394}}@media (prefers-color-scheme:dark){{body{{background:#121212;
color:#eee}}a{{color:#8ab4f8}}}}</style></head><body><main>
<h1>{html.escape(en['site_title'])} <span lang="ko">({html.escape(ko['site_title'])})</span></h1>
<p>{html.escape(en['intro_short'])}</p>
<p lang="ko">{html.escape(ko['intro_short'])}</p>
<ul><li><a href="en/index.html">English</a></li><li><a href="ko/index.html" lang="ko">한국어</a></li></ul>
</main></body></html>
"""


def build() -> dict:
    start = time.perf_counter()
    es5 = mathjax()
    for stale in (OUT, BUILD / "site-sphinx"):
        shutil.rmtree(stale, ignore_errors=True)
    images = {}
    for lang in EDITIONS:
        images[lang] = stage(lang)
        copy_mathjax(es5, SRC / lang / "_static")
    staged = time.perf_counter()
    runs = {lang: sphinx(lang) for lang in EDITIONS}              # the two editions side by side (2 cores)
    failed = []
    for lang, run in runs.items():
        _, err = run.communicate()
        if run.returncode != 0 or err.strip():
            failed.append(f"--- sphinx ({lang}) exit {run.returncode}:\n{err}")
    if failed:
        raise SystemExit("make site: Sphinx reported problems (warnings are errors):\n" + "\n".join(failed))
    OUT.mkdir(parents=True)
    for lang in EDITIONS:
        shutil.move(_html(lang), OUT / lang)
        shutil.rmtree(OUT / lang / "_sources", ignore_errors=True)      # (html_copy_source is off: empty)
        polish(lang)
    for folder in ("notebooks", "notebooks/ko"):                   # the download links
        (OUT / folder).mkdir(parents=True, exist_ok=True)
        for item in SERIES:
            shutil.copy(ROOT / folder / item.filename, OUT / folder / item.filename)
    (OUT / "index.html").write_text(root_page(), encoding="utf-8")
    (OUT / ".nojekyll").write_text("")
    STAMP.write_text(input_hash())
    return {"seconds": time.perf_counter() - start, "staging_seconds": staged - start,
            "figures": {lang: (i.count, i.stored, i.written, i.missing_alt) for lang, i in images.items()}}


def main() -> int:
    report = build()
    for lang, (count, stored, written, missing) in report["figures"].items():
        print(f"site {lang}: {count} images, {stored / 1024:.0f} KiB as stored, {written / 1024:.0f} KiB on the site"
              + (f"; {missing} figures without a stored text alternative (run make regenerate)" if missing else ""))
    print(f"site built in {report['seconds']:.1f} s: {OUT / 'index.html'}")
    print(json.dumps({"seconds": round(report["seconds"], 1), "staging_seconds": round(report["staging_seconds"], 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
