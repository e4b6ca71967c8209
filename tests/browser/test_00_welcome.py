"""00_welcome in a real JupyterLab: the setup panel shows versions and the kernel answers a ping."""

from helpers.widgets.setup_check import SetupCheck, package_report, summary
from tests.browser.harness import click_button, expect, open_and_run


def test_ping_button_gets_the_kernel_reply(lab, page):
    open_and_run(page, lab, "00_welcome.ipynb")
    expect(page.locator(".bp-setup-versions")).to_contain_text(summary(package_report()))
    # The notebook's own cell pings once through the plain-Python API; each click adds one more.
    expect(page.locator(".bp-setup-reply")).to_have_text(SetupCheck.reply_text(1))
    click_button(page, "Ping the kernel")
    expect(page.locator(".bp-setup-reply")).to_have_text(SetupCheck.reply_text(2))
    click_button(page, "Ping the kernel")
    expect(page.locator(".bp-setup-reply")).to_have_text(SetupCheck.reply_text(3))
