"""The controls of notebook 04's weight-stepping panel (:class:`helpers.widgets.panel222.Panel222`):
buttons, the Run N row, the η slider and the two convention boxes, one slider per parameter; and the
limits they enforce."""

from __future__ import annotations

import ipywidgets as widgets

from helpers import example222 as ex
from helpers._checks import as_scalar, check_positive

from ..i18n import _
from . import layout
from .preview import WidgetBox

__all__ = ["PanelControls", "check_learning_rate", "check_parameter", "MAX_RUN", "LR_MIN", "LR_MAX", "LR_STEP",
           "SLIDER_LIMIT", "MAX_PARAMETER"]

SLIDER_LIMIT = 5.0
LR_MIN, LR_MAX, LR_STEP = 0.01, 5.0, 0.01
MAX_RUN = 100_000
MAX_PARAMETER = 1000.0    # largest |w| or |b| a parameter can be set to (σ is flat long before)


def check_learning_rate(value) -> float:
    """η on the slider's grid: a multiple of 0.01 between 0.01 and 5 (refused otherwise)."""
    lr = check_positive("learning_rate", value)
    if not LR_MIN <= lr <= LR_MAX:
        raise ValueError(_("learning_rate must lie between {low} and {high:g} (the η slider's range); "
                           "got {lr:g}").format(low=LR_MIN, high=LR_MAX, lr=lr))
    snapped = round(lr / LR_STEP) * LR_STEP
    if abs(snapped - lr) > 1e-9:
        raise ValueError(_("learning_rate must be a multiple of {step} (the η slider's step); got {lr:g}").format(
            step=LR_STEP, lr=lr))
    return round(snapped, 2)


def check_parameter(name: str, value) -> float:
    """A value for parameter ``name``: a finite real number of magnitude at most ``MAX_PARAMETER``."""
    value = as_scalar("value", value)
    if abs(value) > MAX_PARAMETER:
        raise ValueError(_("value must lie between -{limit:g} and {limit:g} for {name} "
                           "(σ is flat far before that, and a slider cannot show more); got {value:g}").format(
            limit=MAX_PARAMETER, name=name, value=value))
    return value


class PanelControls:
    """The panel's widgets, built for a :class:`~helpers.widgets.panel222.Panel222` (composition: the
    panel *has* these controls). ``panel`` provides the actions (``forward``, ``step``, …) and the
    handlers (``callback``, ``on_control``, ``on_lr``, ``on_slider``, ``show_progress``) they call."""

    def __init__(self, panel, run_steps: int, figures) -> None:
        self.panel = panel
        b, act = layout.button, panel.callback
        self.buttons = [
            b(_("Forward"), "bp-panel-forward", lambda: act(panel.forward, _("run the forward pass"))),
            b(_("Backward"), "bp-panel-backward", lambda: act(panel.backward, _("run the backward pass"))),
            b(_("Update"), "bp-panel-update", lambda: act(panel.update, _("update the weights"))),
            b(_("Step"), "bp-panel-step", lambda: act(panel.step, _("take a step")), style="primary",
              tooltip=_("forward + backward + update")),
            b(_("Run N"), "bp-panel-runn", lambda: act(panel.run, _("run N updates")), icon="forward", style="info",
              tooltip=_("N updates in a row")),
            b(_("Reset"), "bp-panel-reset", lambda: act(panel.reset, _("reset")), icon="undo", style="warning",
              tooltip=_("back to the published starting weights"))]
        self._build_run_row(run_steps)
        self._build_settings()
        self._build_sliders()
        self.readout_E, self.readout_params = (layout.readout(f"bp-panel-{c}") for c in ("readout-E",
                                                                                          "readout-params"))
        # The E_total readout heads the column of parameter sliders, so the lecture's key move (drag a
        # slider, read E_total) fits one 1024×768 screen. One wrapping row holds that column and the
        # pictures and tables: side by side on a wide screen, one under the other in a narrow column.
        readout_and_sliders = layout.column([self.readout_E, panel.message, *self.sliders.values()],
                                            "bp-panel-readout-and-sliders")
        self.widget = WidgetBox([
            layout.row(self.buttons), layout.row([self.n_box, self.progress, self.progress_text, self.lr_slider]),
            layout.row([self.bias_box, self.hidden_box]),
            layout.row([readout_and_sliders, figures.net.widget, self.readout_params, figures.curve_image.widget])],
            "bp-panel", caption=_("▶ Run this notebook to use the panel (this is a picture of it)"),
            figures=lambda: [figures.net, figures.curve_image], live=["bp-panel-readout-E", "bp-panel-progress-text"],
            names={"bp-panel-n": _("N, the number of updates Run N makes"),
                   "bp-panel-lr": _("learning rate η of the next updates"),
                   "bp-panel-progress": _("progress of Run N"),
                   **{f"bp-panel-slider-{n}": _("parameter {name} of the 2-2-2 network").format(name=n)
                      for n in ex.PARAM_NAMES}})

    @staticmethod
    def _css(widget: widgets.Widget, css: str, width: str = "") -> widgets.Widget:
        widget.add_class(css)
        if width:
            widget.layout.width = width
        return layout.keep_width(widget)

    def _build_run_row(self, run_steps: int) -> None:
        panel = self.panel
        style = {"description_width": "initial"}
        self.n_box = self._css(widgets.BoundedIntText(value=run_steps, min=1, max=MAX_RUN, description="N",
                                                      style=style), "bp-panel-n", "9em")
        self.n_box.observe(lambda ch: panel.on_control(lambda v: panel.show_progress(0, v), ch["new"]), "value")
        self.progress = self._css(widgets.IntProgress(value=0, min=0, max=run_steps), "bp-panel-progress", "8em")
        self.progress_text = layout.readout("bp-panel-progress-text")

    def _build_settings(self) -> None:
        panel = self.panel
        self.lr_slider = self._css(widgets.FloatSlider(value=panel.learning_rate, min=LR_MIN, max=LR_MAX,
                                                       step=LR_STEP, description="η", readout_format=".2f",
                                                       style={"description_width": "initial"}),
                                   "bp-panel-lr", "16em")
        self.lr_slider.layout.min_width = "14em"
        self.lr_slider.observe(lambda ch: panel.on_lr(ch["new"]), "value")
        self.bias_box = self._css(widgets.Checkbox(value=panel.update_biases, indent=False,
                                                   description=_("update biases b1, b2")),
                                  "bp-panel-update-biases", "auto")
        self.bias_box.observe(lambda ch: panel.on_control(
            lambda v: panel.set_conventions(update_biases=v), ch["new"]), "value")
        self.hidden_box = self._css(widgets.Checkbox(value=panel.hidden_uses_updated, indent=False,
                                                     description=_("hidden gradients through updated w5..w8")),
                                    "bp-panel-hidden-uses-updated", "auto")
        self.hidden_box.observe(lambda ch: panel.on_control(
            lambda v: panel.set_conventions(hidden_uses_updated=v), ch["new"]), "value")

    def _build_sliders(self) -> None:
        panel = self.panel
        self.sliders = {}
        for name in ex.PARAM_NAMES:
            slider = widgets.FloatSlider(value=0.0, min=-SLIDER_LIMIT, max=SLIDER_LIMIT, step=0.001,
                                         description=name, readout_format=".3f", continuous_update=True,
                                         style={"description_width": "2.5em"})
            self._css(slider, f"bp-panel-slider-{name}", "19em")
            slider.layout.min_width = "14em"
            slider.observe(lambda ch, n=name: panel.on_slider(n, ch["new"]), "value")
            self.sliders[name] = slider
