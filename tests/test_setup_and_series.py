"""The setup panel, exercise feedback and the series map, through their plain-Python APIs."""

from pathlib import Path

import numpy as np
import pytest

from helpers.exercises.feedback import NOT_ANSWERED, compare_array, compare_number
from helpers.exercises.nb00 import check_nielsen_symbol
from helpers.series import SERIES, available, edition, lesson, map_heading, map_table, nav_bar, twin
from helpers.widgets.setup_check import PackageStatus, SetupCheck, package_report, pinned_versions, summary


def test_ping_counts_and_replies_with_a_kernel_computed_value():
    panel = SetupCheck()
    assert panel.state["pings"] == 0
    assert panel.ping() == SetupCheck.reply_text(1)
    panel.button.click()  # the button runs the same code
    assert panel.state["pings"] == 2 and "ping 2" in panel.state["reply"] and "0.5" in panel.state["reply"]


def test_pins_for_other_platforms_are_not_reported_missing(tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text("appnope==1.0.0 ; sys_platform == 'nowhere' \\\n    --hash=sha256:ab\n"
                   "numpy==9.9 ; python_full_version < '3.0' \\\nnumpy==0.0.2 ; python_full_version >= '3.0' \\\n"
                   "sympy==1.0 \\\n")
    assert pinned_versions(req) == {"numpy": "0.0.2", "sympy": "1.0"}


def test_the_setup_panel_lists_key_packages_and_counts_all(tmp_path):
    from helpers.widgets.setup_check import KEY_PACKAGES, shown_rows

    report = [PackageStatus("numpy", "1", "1"), PackageStatus("zzz-dep", "1", "1"), PackageStatus("bad", "2", "1")]
    assert [s.name for s in shown_rows(report)] == ["numpy", "bad"] and "numpy" in KEY_PACKAGES
    assert summary(report).startswith("1 package(s) differ")


def test_package_report_reads_the_pins(tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text("# comment\nnumpy==0.0.1\nnot_a_real_package_xyz==1.0\n")
    assert pinned_versions(req) == {"numpy": "0.0.1", "not-a-real-package-xyz": "1.0"}
    report = {s.name: s for s in package_report(req)}
    assert not report["numpy"].ok and report["numpy"].installed is not None
    assert report["not-a-real-package-xyz"].installed is None
    text = summary(list(report.values()))
    assert text.startswith("2 package(s) differ") and "missing" in text


def test_summary_when_all_match():
    assert summary([PackageStatus("a", "1", "1")]) == "All 1 pinned packages are installed at the pinned versions."


def test_feedback_for_numbers_and_arrays():
    assert compare_number(None, 1.0, what="x") is NOT_ANSWERED
    assert compare_number(0.5000000001, 0.5, what="x").ok
    assert "wrong sign" in compare_number(-0.5, 0.5, what="x").message
    assert "off by" in compare_number(0.6, 0.5, what="x").message
    assert not compare_number("abc", 0.5, what="x").ok
    assert compare_array([[1, 2]], np.array([[1.0, 2.0]]), what="dW").ok
    assert "shape" in compare_array([1, 2], np.array([[1.0, 2.0]]), what="dW").message
    assert "entry (0, 1)" in compare_array([[1, 3]], np.array([[1.0, 2.0]]), what="dW").message
    assert repr(compare_number(1, 1, what="x")).startswith("✅")


def test_check_nielsen_symbol():
    assert check_nielsen_symbol(None) is NOT_ANSWERED
    assert check_nielsen_symbol("z").ok and check_nielsen_symbol(" z^l_j ").ok
    assert "activation" in check_nielsen_symbol("a").message
    assert not check_nielsen_symbol(3).ok


def test_series_numbers_and_slugs_are_consistent():
    assert [item.number for item in SERIES] == [f"{i:02d}" for i in range(len(SERIES))]
    assert all(item.slug.startswith(item.number + "_") for item in SERIES)
    assert lesson("04").slug == lesson("04_worked_example_222").slug


def test_nav_bar_links_only_existing_neighbours(tmp_path: Path):
    for slug in ("00_welcome", "02_computational_graphs_and_gates", "07_training"):
        (tmp_path / f"{slug}.ipynb").write_text("{}")
    assert [item.slug for item in available(tmp_path)] == ["00_welcome", "02_computational_graphs_and_gates",
                                                            "07_training"]
    bar = nav_bar("02_computational_graphs_and_gates", tmp_path)
    assert bar.startswith("[← 00 Welcome](00_welcome.ipynb)") and bar.endswith("(07_training.ipynb)")
    assert "→" not in nav_bar("07_training", tmp_path)
    table = map_table(tmp_path)
    assert "[The chain rule (연쇄 법칙)]" not in table and "*in preparation*" in table
    with pytest.raises(ValueError, match="slug"):
        nav_bar("01_chain_rule", tmp_path)


def test_the_korean_edition_has_korean_bars_and_each_bar_links_its_twin(tmp_path: Path):
    korean = tmp_path / "ko"
    korean.mkdir()
    for slug in ("00_welcome", "01_chain_rule", "02_computational_graphs_and_gates"):
        (tmp_path / f"{slug}.ipynb").write_text("{}")
    for slug in ("00_welcome", "01_chain_rule"):
        (korean / f"{slug}.ipynb").write_text("{}")
    assert edition(korean) == "ko" and edition(tmp_path) == "en"
    assert nav_bar("01_chain_rule", korean) == (
        "[← 00 환영합니다](00_welcome.ipynb) · [목차](00_welcome.ipynb#series-map) · "
        "[English](../01_chain_rule.ipynb)")
    assert nav_bar("01_chain_rule", tmp_path).endswith(" · [한국어](ko/01_chain_rule.ipynb)")
    assert "한국어" not in nav_bar("02_computational_graphs_and_gates", tmp_path)     # no Korean twin yet
    assert map_heading(korean) == "## 시리즈 지도" and map_heading(tmp_path) == "## The map of the series"
    table = map_table(korean)
    assert "| 01 | [연쇄 법칙(The chain rule)](01_chain_rule.ipynb) |" in table
    assert "계산 그래프와 게이트(Computational graphs and gates) — *준비 중*" in table
    assert twin("02_computational_graphs_and_gates", tmp_path) is None
