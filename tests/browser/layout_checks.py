"""Window sizes and geometry checks for the widgets in a real JupyterLab (used by the browser tests,
the screenshots and the browser benchmark).

Sizes: 1024×768 with JupyterLab's file browser open (the projector case), 150% browser zoom of a
1280×800 and of a 1024×768 screen (emulated as a CSS viewport of width/1.5 with device pixel ratio
1.5: that is what zoom does to the layout), and 1920×1080. :func:`set_window` switches one page
between them (JupyterLab re-lays-out on resize) so that one Run All serves every size.

:func:`widget_problems` lists, for every widget on the page, what a learner would see as broken:
a readout or label narrower than its text (cut or squeezed to 0), a button label ellipsised, a
slider track shrunk to a dot, an image whose shown aspect ratio differs from its natural one by more
than 2%, an image overlapping a readout or control, anything sticking out past the output column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

__all__ = ["Size", "SIZES", "set_window", "ensure_file_browser", "widget_problems", "figure_scales",
           "check_every_size", "assert_good_at_every_size"]


@dataclass(frozen=True)
class Size:
    name: str
    width: int            # CSS px
    height: int
    scale: float          # device pixels per CSS px (browser zoom or a high-DPI screen)


SIZES = {s.name: s for s in (
    Size("1024x768", 1024, 768, 1.0),
    Size("1280x800@150%", 853, 533, 1.5),
    Size("1024x768@150%", 683, 512, 1.5),
    Size("1920x1080", 1920, 1080, 1.0),
)}


def set_window(page: Page, size: Size) -> None:
    """Resize the page's viewport (CSS px) and its device pixel ratio, then wait for JupyterLab to
    re-lay-out (two animation frames after the last resize of the notebook panel)."""
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setDeviceMetricsOverride", {
        "width": size.width, "height": size.height, "deviceScaleFactor": size.scale, "mobile": False})
    session.detach()
    page.set_viewport_size({"width": size.width, "height": size.height})
    page.wait_for_timeout(400)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def ensure_file_browser(page: Page) -> float:
    """Make sure JupyterLab's left sidebar shows the file browser (its default); returns its width."""
    panel = page.locator("#filebrowser")
    if not panel.is_visible():
        page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id='filebrowser']").first.click()
        panel.wait_for(state="visible")
    width = page.evaluate("() => document.querySelector('#jp-left-stack').getBoundingClientRect().width")
    assert width > 150, f"the file browser is open but only {width:.0f} px wide"
    return width


HERE = Path(__file__).resolve().parent


def _script(name: str) -> str:
    """A JavaScript function from this folder (its leading // comment lines dropped)."""
    lines = (HERE / name).read_text().splitlines()
    return "\n".join(line for line in lines if not line.startswith("//"))


_PROBLEMS_JS = _script("widget_problems.js")
_SCALES_JS = _script("figure_scales.js")


def widget_problems(page: Page, css: str = ".bp-live") -> list[str]:
    """Every problem (see the module docstring) of every widget matching ``css`` on the page."""
    problems = []
    for i in range(page.locator(css).count()):
        root = page.locator(css).nth(i)
        found = root.evaluate(_PROBLEMS_JS)
        problems += [f"{css}[{i}]: {p}" for p in found]
    return problems


def figure_scales(page: Page, css: str = ".bp-live") -> list[dict]:
    """For every widget figure: its name, shown width, natural CSS width (the Image layout width),
    the width its container offers, and the PNG's pixel width."""
    out = []
    for i in range(page.locator(css).count()):
        out += page.locator(css).nth(i).evaluate(_SCALES_JS)
    return out


def check_every_size(page: Page, sizes=None, css: str = ".bp-live") -> dict[str, list[str]]:
    """Resize through ``sizes`` (default: all of SIZES) and collect, per size, the widget problems plus
    any figure not shown at its natural CSS width although the column has room for it, or scaled so
    far down that its text ends up smaller on screen than at 100% (shown/natural × zoom < 1). The
    file browser must be open at 1024×768. Returns {size name: problems}; empty lists mean all good."""
    found = {}
    for size in sizes or SIZES.values():
        set_window(page, size)
        problems = widget_problems(page, css)
        if size.name == "1024x768":
            ensure_file_browser(page)
        for fig in figure_scales(page, css):
            scale = fig["shown"] / fig["natural"]
            fits = fig["natural"] <= fig["available"] + 1
            if fits and abs(fig["shown"] - fig["natural"]) > 1:
                problems.append(f"{fig['name']} shown {fig['shown']:.0f} px wide, natural {fig['natural']:.0f} px")
            elif not fits and scale * size.scale < 1 - 1e-3:
                problems.append(f"{fig['name']} scaled to {scale:.2f} at zoom {size.scale}: text below its size")
        found[size.name] = problems
    return found


def assert_good_at_every_size(page: Page, css: str = ".bp-live") -> None:
    """Fail with every problem :func:`check_every_size` finds; leave the page at 1280×2200 again."""
    try:
        found = check_every_size(page, css=css)
    finally:
        set_window(page, Size("default", 1280, 2200, 1.0))
    bad = [f"{size}: {problem}" for size, problems in found.items() for problem in problems]
    assert not bad, "layout problems:\n" + "\n".join(bad)
