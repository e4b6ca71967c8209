"""Accessibility of every widget, done once (WCAG 2.1 AA): names, rounded values, live readouts, keyboard
reach, visible focus, text alternatives of the figures, and figures legible in a dark theme.

ipywidgets has no trait for ARIA attributes, so :class:`helpers.widgets.preview.WidgetBox` carries one
hidden HTML widget (this module's :func:`a11y_html`) whose markup holds

- a ``<style>``: a 3 px focus ring on every control (not the faint 1 px outline), a white card with a
  themed border around figures in JupyterLab's dark theme, a visually hidden class;
- a ``<script type="application/json">`` (data, never executed) mapping each control's CSS class to
  its accessible name, and each figure's CSS class to its current text alternative;
- a tiny script (run by the ``onerror`` of an empty image: innerHTML never runs ``<script>``) that,
  inside this widget only and again whenever it changes (a MutationObserver), gives each slider
  handle, menu, box and readout input its name (``aria-label``), each slider its value as the readout
  rounds it (``aria-valuetext``, not 0.31700000000000017), the readouts ``aria-live="polite"``, each
  figure its ``alt``, and a scrolling box a keyboard stop (``tabindex="0"``, ``role="region"``).

The names and texts are Python data (``WidgetBox(names=…)`` and each FigureImage's ``alt``), so they
are tested without a browser; tests/browser/test_a11y.py checks what the browser makes of them.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping

from ..i18n import _

__all__ = ["A11Y_CSS", "a11y_html", "SCRIPT"]

A11Y_CSS = """
.bp-live button:focus-visible, .bp-live input:focus-visible, .bp-live select:focus-visible,
.bp-live .noUi-handle:focus, .bp-live .noUi-handle:focus-visible, .bp-live .widget-readout:focus,
.bp-live [tabindex]:focus-visible {
  outline: 3px solid var(--jp-brand-color1, #1976d2) !important; outline-offset: 2px !important;
}
[data-jp-theme-light='false'] .bp-live .bp-figure-image {
  background: #ffffff; border: 2px solid var(--jp-border-color1, #616161); border-radius: 6px; padding: 4px;
  box-sizing: content-box;
}
[data-jp-theme-light='false'] .bp-live .widget-html-content span[style*='color:#b71c1c'] { color: #ff8a80 !important; }
.bp-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
"""

# Runs with ``this`` = the empty image inside the hidden a11y widget of one WidgetBox.
SCRIPT = r"""(function(me){
var box = me.closest('.bp-live'); if (!box || box.dataset.bpA11y) return; box.dataset.bpA11y = '1';
function data(){ var s = box.querySelector('script.bp-a11y-data'); try { return JSON.parse(s.textContent); }
  catch (e) { return {names: {}, alts: {}, live: [], regions: {}}; } }
function set(el, k, v){ if (el && v != null && el.getAttribute(k) !== v) el.setAttribute(k, v); }
function apply(){
  var d = data();
  Object.keys(d.names).forEach(function(css){
    box.querySelectorAll('.' + css).forEach(function(w){
      var name = d.names[css];
      w.querySelectorAll('.noUi-handle, select, input, textarea, button, [role=progressbar], progress')
        .forEach(function(c){ set(c, 'aria-label', name); });
      var r = w.querySelector('.widget-readout');
      if (r) { set(r, 'aria-label', (d.value || '{name}: value').replace('{name}', name)); set(r, 'role', 'textbox'); }
      var h = w.querySelector('.noUi-handle');
      if (h && r) set(h, 'aria-valuetext', r.textContent.trim());
    });
  });
  Object.keys(d.alts).forEach(function(css){
    box.querySelectorAll('.' + css).forEach(function(w){
      var img = w.tagName === 'IMG' ? w : w.querySelector('img'); set(img, 'alt', d.alts[css]); set(img, 'role', 'img');
    });
  });
  d.live.forEach(function(css){ box.querySelectorAll('.' + css + ' .widget-html-content').forEach(function(c){
    set(c, 'aria-live', 'polite'); set(c, 'aria-atomic', 'true'); }); });
  Object.keys(d.regions).forEach(function(css){ box.querySelectorAll('.' + css).forEach(function(w){
    set(w, 'tabindex', '0'); set(w, 'role', 'region'); set(w, 'aria-label', d.regions[css]); }); });
}
apply();
new MutationObserver(apply).observe(box, {subtree: true, childList: true, characterData: true,
  attributes: true, attributeFilter: ['aria-valuetext', 'src']});
})(this)"""


def a11y_html(names: Mapping[str, str], alts: Mapping[str, str], live: list[str],
              regions: Mapping[str, str]) -> str:
    """The hidden widget's markup: the style, the data (names, alts, live readouts, scroll regions) and
    the script that applies them."""
    payload = json.dumps({"names": dict(names), "alts": dict(alts), "live": list(live), "regions": dict(regions),
                          # i18n: the accessible name of a slider's number box; {name} is the slider's name
                          "value": _("{name}: value")},
                         ensure_ascii=False).replace("</", "<\\/")
    return (f"<style>{A11Y_CSS}</style>"
            f"<script type='application/json' class='bp-a11y-data'>{payload}</script>"
            f"<img src='data:,' alt='' style='display:none' onerror=\"{html.escape(SCRIPT, quote=True)}\">")
