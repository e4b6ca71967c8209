"""A class on the hub: a real JupyterHub (deploy/jupyterhub_config.py, its own NativeAuthenticator and
ClassSpawner), the lecturer and three students in headless Chromium at the same time, the nbgitpuller link
to a local clone of this repository (no network).

The tests run in order on the same hub: the lecturer signs up, students sign up and wait, the lecturer
approves them at /hub/authorize; they log in and land in notebook 04, each as a Unix account of their
own; Run All and Step; kernel state stays each student's own; the teacher's new commit arrives without
losing a student's edit (nbgitpuller's merge rules); a teacher's change to ``helpers`` reaches a student
after pull + kernel restart; a student's server refuses anyone else. Expected numbers are computed here
with ``helpers.example222`` (the unchanged copy this test runs from).
"""

from __future__ import annotations

import os
import pwd
import re
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import psutil
import pytest
from jupyterhub.traitlets import ByteSpecification
from traitlets.config.loader import PyFileConfigLoader

from deploy.nbgitpuller_link import make_link
from helpers import example222 as ex
from tests.browser.harness import (
    _ALL_RAN,
    _WATCH_BUSY,
    _wait_kernel_idle,
    click_button,
    expect,
    open_and_run,
    open_notebook,
    slider_set,
)
from tests.hub.conftest import FOLDER, STUDENTS, TEACHER, git
from tests.hub.hubserver import DEPLOY_CONFIG, PROXY_DIR
from tests.hub.students import Student, all_at_once

pytestmark = pytest.mark.browser

NOTEBOOK = "04_worked_example_222.ipynb"
PANEL = ".bp-panel"
READ_E = f"{PANEL} .bp-panel-readout-E"
OWN_W5 = {"student0": 0.125, "student1": 0.25, "student2": 0.375}    # each student's own weight
TEACHER_TITLE = " (revised by the teacher)"
NOTE = "# my own note, kept across updates"


def link_for(hub, teacher_repo: Path) -> str:
    branch = git("rev-parse", "--abbrev-ref", "HEAD", cwd=teacher_repo).strip()
    return make_link(hub.url, teacher_repo.as_uri(), f"notebooks/{NOTEBOOK}", branch=branch)


def head(repo: Path) -> str:
    return git("rev-parse", "HEAD", cwd=repo).strip()


WAITING = "Your information has been sent to the admin."


def test_students_sign_up_and_the_lecturer_approves_them(hub, teacher, students):
    assert "The signup was successful" in teacher.run(lambda t: t.sign_up()).result(timeout=120), \
        "the lecturer (ADMINS) is approved on sign-up"
    s0 = students[0]
    refused = s0.run(lambda s: s.sign_up(password="abc")).result(timeout=120)
    assert "at least 8 characters" in refused, "a too short password is refused"
    mismatch = s0.run(lambda s: s.sign_up(confirmation="something-else")).result(timeout=120)
    assert "did not match the confirmation" in mismatch
    assert all_at_once(students, lambda s: s.sign_up()) == [WAITING] * len(students)

    def not_yet(student: Student) -> str:
        student.log_in()
        return student.page.locator(".login_error").inner_text()

    assert "has not been authorized by an administrator yet" in s0.run(not_yet).result(timeout=120)

    def approve(me: Student) -> list[str]:
        me.log_in()
        me.page.goto(f"{hub.url}/hub/authorize")
        for name in STUDENTS:
            row = me.page.locator(f"tr#{name}")
            expect(row).to_contain_text("No")
            row.get_by_role("button", name="Authorize", exact=True).click()
            expect(me.page.locator(f"tr#{name}")).to_contain_text("Yes")
        return [row.inner_text() for row in me.page.locator("tr.success").all()]

    approved = teacher.run(approve).result(timeout=240)
    assert sorted(line.split()[0] for line in approved) == sorted([TEACHER, *STUDENTS])


def test_three_students_log_in_at_once_and_land_in_04(hub, teacher_repo, students):
    link = link_for(hub, teacher_repo)

    def arrive(student: Student) -> None:
        student.log_in(password="not-the-password")
        expect(student.page.locator(".login_error")).to_contain_text("Invalid username or password")
        student.log_in()
        student.page.wait_for_url(f"**/user/{student.name}/lab**", timeout=180_000)   # default URL: /lab
        student.open_link(link, NOTEBOOK)

    all_at_once(students, arrive)
    for student in students:
        copy = hub.home(student.name) / FOLDER
        assert head(copy) == head(teacher_repo), f"{student.name} did not get the teacher's commit"
        assert student.lab.path(NOTEBOOK).is_file()
        owner = pwd.getpwuid(copy.stat().st_uid).pw_name
        assert owner == f"{hub.prefix}{student.name}", f"{student.name}'s copy belongs to {owner}"


def _server_process(home: Path) -> psutil.Process:
    for proc in psutil.process_iter(["cwd", "cmdline"]):
        if proc.info["cwd"] == str(home) and "singleuser" in " ".join(proc.info["cmdline"] or []):
            return proc
    raise AssertionError(f"no single-user server runs in {home}")


def test_the_deploy_settings_are_in_force(hub, students):
    deploy = PyFileConfigLoader(str(DEPLOY_CONFIG)).load_config()
    for student in students:
        server = _server_process(hub.home(student.name))
        env, cmdline = server.environ(), server.cmdline()
        assert env["JUPYTERHUB_DEFAULT_URL"] == deploy.Spawner.default_url == "/lab"
        assert env["MEM_LIMIT"] == str(ByteSpecification().validate(None, deploy.Spawner.mem_limit))
        assert env["CPU_LIMIT"] == str(float(deploy.Spawner.cpu_limit))
        assert env["NBGITPULLER_APP"] == deploy.Spawner.environment["NBGITPULLER_APP"]
        assert set(deploy.Spawner.args) <= set(cmdline), "the kernel culling options reach each server"
        account = pwd.getpwnam(hub.account(student.name))
        assert server.uids().real == account.pw_uid != 0, "each student runs as their own Unix account"
        assert env["HOME"] == account.pw_dir == str(hub.home(student.name))
        assert os.stat(account.pw_dir).st_mode & 0o777 == 0o700, "no student can read another's home"
        assert env["PYTHONPATH"] == str(hub.home(student.name) / FOLDER), "helpers come from the pulled copy"
    assert deploy.ClassSpawner.course_folder == FOLDER
    log = hub.log_text()
    assert re.search(r"200 GET /hub/api/users\S* \(idle-culler@", log), "the idle culler runs as a hub service"
    proxies = [p for p in psutil.Process(hub.process.pid).children(recursive=True)
               if any(str(PROXY_DIR) in arg for arg in p.cmdline())]
    assert len(proxies) == 1, "the hub runs the pinned proxy from deploy/proxy"


def test_each_student_runs_04_and_steps_to_the_published_error(students):
    new, _ = ex.update()
    expected = f"{ex.forward(new)['E_total']:.9f}"                      # 0.291027774

    def run_and_step(student: Student) -> None:
        open_and_run(student.page, student.lab, NOTEBOOK)
        expect(student.page.locator(READ_E)).to_contain_text(f"{ex.forward()['E_total']:.9f}")
        click_button(student.page, "Step", PANEL)
        expect(student.page.locator(READ_E)).to_contain_text(expected)
        expect(student.page.locator(READ_E)).to_contain_text("after 1 update")

    all_at_once(students, run_and_step)


def test_kernel_state_is_each_students_own(students):
    new, _ = ex.update()

    def own_error(student: Student) -> str:
        return f"{ex.forward({**new, 'w5': OWN_W5[student.name]})['E_total']:.9f}"

    def move_w5(student: Student) -> None:
        slider_set(student.page, f"{PANEL} .bp-panel-slider-w5", str(OWN_W5[student.name]))
        expect(student.page.locator(READ_E)).to_contain_text(own_error(student))

    def still_own(student: Student) -> None:     # after everyone moved theirs
        click_button(student.page, "Forward", PANEL)
        expect(student.page.locator(READ_E)).to_contain_text(own_error(student))

    assert len({own_error(s) for s in students}) == len(students)
    all_at_once(students, move_w5)
    all_at_once(students, still_own)


def _replace_title(path: Path, suffix: str) -> None:
    """Append ``suffix`` to the notebook's ``# 04 · …`` title line, touching no other line of the file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.lstrip().startswith('"# 04 · '))
    lines[index] = lines[index].replace('\\n",', f'{suffix}\\n",', 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def _edit_and_save(student: Student) -> None:
    """In the browser: type a comment at the top of the first code cell, save with Ctrl+S."""
    page = student.page
    page.locator(".jp-CodeCell .cm-content").first.click()
    page.keyboard.press("Control+Home")
    page.keyboard.type(NOTE)
    page.keyboard.press("Enter")
    page.keyboard.press("Control+s")
    expect(page.locator(".jp-mod-current.jp-mod-dirty")).to_have_count(0)


def _sees_both(student: Student) -> None:
    """The reopened notebook shows the teacher's new title and the student's own note."""
    expect(student.page.locator(".jp-MarkdownOutput h1").first).to_contain_text(TEACHER_TITLE.strip(), timeout=60_000)
    expect(student.page.locator(".jp-CodeCell .cm-content").first).to_contain_text(NOTE)


def test_teachers_update_arrives_and_students_edits_are_kept(hub, teacher_repo, students):
    s0, s1, s2 = students
    s0.run(_edit_and_save).result(timeout=120)
    assert NOTE in s0.lab.path(NOTEBOOK).read_text(encoding="utf-8")
    _replace_title(s1.lab.path(NOTEBOOK), " (student1's own title)")      # the very line the teacher changes
    s1.lab.path("00_welcome.ipynb").unlink()                               # "my copy is broken": delete it
    (s2.lab.path("errata.md")).write_text("student2's own errata\n")       # a file the teacher is about to add

    _replace_title(teacher_repo / "notebooks" / NOTEBOOK, TEACHER_TITLE)
    (teacher_repo / "notebooks" / "errata.md").write_text("The teacher's errata.\n")
    git("add", "-A", cwd=teacher_repo)
    git("commit", "--quiet", "-m", "Teacher: revise 04's title, add errata", cwd=teacher_repo)
    link = link_for(hub, teacher_repo)
    all_at_once(students, lambda student: student.open_link(link, NOTEBOOK))

    for student in students:
        copy = hub.home(student.name) / FOLDER
        git("merge-base", "--is-ancestor", head(teacher_repo), "HEAD", cwd=copy)   # the new commit arrived
        assert (copy / "notebooks" / "errata.md").read_text() == "The teacher's errata.\n"
        nbformat.validate(nbformat.read(student.lab.path(NOTEBOOK), as_version=4))
    mine = s0.lab.path(NOTEBOOK).read_text(encoding="utf-8")
    assert NOTE in mine and TEACHER_TITLE in mine, "student0's edit and the teacher's change should both be there"
    s0.run(_sees_both).result(timeout=120)
    theirs = s1.lab.path(NOTEBOOK).read_text(encoding="utf-8")
    assert "student1's own title" in theirs and TEACHER_TITLE not in theirs, "on the same line the student wins"
    welcome = git("show", "HEAD:notebooks/00_welcome.ipynb", cwd=teacher_repo)
    assert s1.lab.path("00_welcome.ipynb").read_text(encoding="utf-8") == welcome, "a deleted file comes back"
    kept = sorted(p for p in s2.lab.path("errata.md").parent.glob("errata__*.md"))
    assert len(kept) == 1 and kept[0].read_text() == "student2's own errata\n", "a clashing own file is renamed"
    assert TEACHER_TITLE in s2.lab.path(NOTEBOOK).read_text(encoding="utf-8")


def test_the_reset_link_moves_a_broken_copy_aside_and_clones_a_fresh_one(hub, teacher_repo, students):
    student = students[2]
    copy = hub.home(student.name) / FOLDER
    (copy / "notebooks" / NOTEBOOK).write_text("{ this is no longer a notebook")
    link = make_link(hub.url, teacher_repo.as_uri(), f"notebooks/{NOTEBOOK}", reset=True)

    def reset(me: Student) -> None:
        me.page.goto(link)
        me.page.wait_for_url(f"**/user/{me.name}/lab**", timeout=180_000)

    student.run(reset).result(timeout=240)
    backups = list(hub.home(student.name).glob(f"{FOLDER}_backup_*"))
    assert len(backups) == 1, f"the old copy is kept aside: {backups}"
    assert (backups[0] / "notebooks" / NOTEBOOK).read_text() == "{ this is no longer a notebook"
    assert head(copy) == head(teacher_repo)
    assert (copy / "notebooks" / NOTEBOOK).read_bytes() == (teacher_repo / "notebooks" / NOTEBOOK).read_bytes()


# The teacher's change to helpers: the panel's readout calls the phase a "stage". (A change that notebook 04
# checks, such as a starting weight, would stop its Run All at the check that the published numbers hold.)
# (The message is a catalogue entry; in the English edition a new English text needs no translation to show.)
OLD_READOUT, NEW_READOUT = '_("phase: {phase}")', '_("stage: {phase}")'


def _restart_kernel_and_run_all(student: Student) -> None:
    """Kernel → Restart Kernel and Run All Cells…, accept (as a student told "restart your kernel" does),
    and wait until every cell ran in the new kernel."""
    page = student.page
    open_notebook(page, student.lab, NOTEBOOK)
    page.evaluate(_WATCH_BUSY)
    page.locator(".lm-MenuBar-itemLabel:text-is('Kernel')").click()
    page.locator(".lm-Menu-itemLabel:text-is('Restart Kernel and Run All Cells…')").click()
    page.locator(".jp-Dialog-button.jp-mod-accept").click()
    page.wait_for_function(_ALL_RAN, polling=100, timeout=180_000)
    _wait_kernel_idle(page, 60_000)


def test_a_teachers_change_to_helpers_reaches_a_student_after_pull_and_restart(hub, teacher_repo, students):
    student, other = students[0], students[1]
    source = teacher_repo / "helpers" / "widgets" / "panel222_figures.py"
    text = source.read_text(encoding="utf-8")
    assert text.count(OLD_READOUT) == 1
    source.write_text(text.replace(OLD_READOUT, NEW_READOUT), encoding="utf-8")
    git("commit", "--quiet", "-am", "Teacher: helpers: the panel says stage, not phase", cwd=teacher_repo)

    student.run(lambda s: s.open_link(link_for(hub, teacher_repo), NOTEBOOK)).result(timeout=240)   # the pull
    pulled = hub.home(student.name) / FOLDER / "helpers" / "widgets" / "panel222_figures.py"
    assert NEW_READOUT in pulled.read_text(encoding="utf-8")
    student.run(_restart_kernel_and_run_all).result(timeout=300)
    student.run(lambda s: expect(s.page.locator(READ_E)).to_contain_text("after 0 updates · stage: start")
                ).result(timeout=120)
    # Without the pull, another student's restarted kernel still runs the code of their own copy.
    other.run(_restart_kernel_and_run_all).result(timeout=300)
    other.run(lambda s: expect(s.page.locator(READ_E)).to_contain_text("after 0 updates · phase: start")
              ).result(timeout=120)


def _status(url: str) -> int:
    """The status of a GET without any cookie or token (redirects not followed)."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=30) as reply:
            return reply.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_students_server_refuses_everyone_else(hub, teacher_repo, students):
    server = f"{hub.url}/user/student0"
    contents = f"{server}/api/contents/{FOLDER}/notebooks/{NOTEBOOK}"
    assert _status(contents) == 403
    assert _status(f"{server}/git-pull/api?repo={teacher_repo.as_uri()}") == 403
    page_status = _status(f"{server}/lab")
    assert page_status == 302, f"without a login the lab page must redirect to the hub's login, got {page_status}"

    def as_student1(student: Student) -> tuple[int, int]:
        return (student.context.request.get(contents).status,
                student.context.request.get(f"{server}/lab").status)

    assert students[1].run(as_student1).result(timeout=120) == (403, 403)
    own = students[0].run(lambda s: s.context.request.get(contents).status).result(timeout=120)
    assert own == 200, "the student's own browser can read their notebook (so the 403s above mean something)"
