"""00_welcome in a real JupyterLab: the setup panel shows versions and the kernel answers a ping."""

from helpers.widgets.setup_check import SetupCheck, package_report, summary
from tests.browser.harness import click_button, expect, open_and_run
from tests.browser.layout_checks import assert_good_at_every_size


def test_ping_button_gets_the_kernel_reply(lab, page):
    open_and_run(page, lab, "00_welcome.ipynb")
    expect(page.locator(".bp-setup-versions")).to_contain_text(summary(package_report()))
    # The notebook's own cell pings once through the plain-Python API; each click adds one more.
    expect(page.locator(".bp-setup-reply")).to_have_text(SetupCheck.reply_text(1))
    click_button(page, "Ping the kernel")
    expect(page.locator(".bp-setup-reply")).to_have_text(SetupCheck.reply_text(2))
    click_button(page, "Ping the kernel")
    expect(page.locator(".bp-setup-reply")).to_have_text(SetupCheck.reply_text(3))


def test_setup_panel_layout_at_every_size(page):
    """At 1024×768 with the file browser open, at 150% zoom of 1280×800 and 1024×768, and at 1920×1080:
    every readout as wide as its text, no button label cut, no slider shrunk to a dot, no figure
    distorted or overlapping a readout, each figure at its natural size where the column has room
    (the set-up panel)."""
    assert_good_at_every_size(page)
