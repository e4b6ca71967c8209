"""The nbgitpuller link builder (deploy/nbgitpuller_link.py): the link's exact form, and clear errors.

The hub test (tests/hub/test_hub.py) proves a built link works: students land in the notebook it names.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from deploy.nbgitpuller_link import ROOT, check_notebook, default_folder, main, make_link

REPO = "https://github.com/OWNER/REPO"


def test_the_link_a_teacher_hands_out():
    link = make_link("https://hub.example.edu/", REPO, "notebooks/04_worked_example_222.ipynb", branch="main")
    assert link == ("https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2FOWNER%2FREPO"
                    "&branch=main&urlpath=lab%2Ftree%2FREPO%2Fnotebooks%2F04_worked_example_222.ipynb")


def test_query_decodes_to_what_nbgitpuller_reads():
    link = make_link("http://127.0.0.1:8000", "file:///srv/teacher/backprop/", "/notebooks/00_welcome.ipynb",
                     targetpath="course")
    parts = urlsplit(link)
    assert parts.path == "/hub/user-redirect/git-pull"
    assert parse_qs(parts.query) == {"repo": ["file:///srv/teacher/backprop/"], "targetpath": ["course"],
                                     "urlpath": ["lab/tree/course/notebooks/00_welcome.ipynb"]}


def test_default_folder_is_the_last_part_of_the_url_as_nbgitpuller_takes_it():
    assert default_folder("https://github.com/OWNER/REPO/") == "REPO"
    assert default_folder("https://github.com/OWNER/REPO.git") == "REPO.git"   # nbgitpuller keeps .git


def test_a_space_in_a_path_is_escaped_once_in_the_decoded_urlpath():
    link = make_link("https://hub.example.edu", REPO, "notebooks/my notes.ipynb")
    assert parse_qs(urlsplit(link).query)["urlpath"] == ["lab/tree/REPO/notebooks/my%20notes.ipynb"]


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"hub_url": "hub.example.edu"}, r"hub_url must be an http\(s\) address"),
    ({"hub_url": ""}, "hub_url must be a non-empty string"),
    ({"repo_url": None}, "repo_url must be a non-empty string"),
    ({"notebook": "../etc/passwd"}, "notebook must be a path inside the repository"),
    ({"branch": " "}, "branch must be a non-empty string"),
])
def test_bad_input_names_the_argument(kwargs, words):
    args = {"hub_url": "https://hub.example.edu", "repo_url": REPO, "notebook": "notebooks/00_welcome.ipynb",
            **kwargs}
    with pytest.raises(ValueError, match=words):
        make_link(**args)


def test_the_reset_link_asks_nbgitpuller_for_a_backup():
    query = parse_qs(urlsplit(make_link("https://hub.example.edu", REPO, "notebooks/00_welcome.ipynb",
                                        reset=True)).query)
    assert query["backup"] == ["true"]
    with pytest.raises(TypeError, match="reset must be True or False"):
        make_link("https://hub.example.edu", REPO, "notebooks/00_welcome.ipynb", reset="yes")


def test_command_line_prints_the_link(capsys):
    assert main(["--hub", "https://hub.example.edu", "--repo", REPO, "--branch", "main"]) == 0
    assert capsys.readouterr().out == ("https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com"
                                       "%2FOWNER%2FREPO&branch=main&urlpath=lab%2Ftree%2FREPO%2Fnotebooks%2F"
                                       "00_welcome.ipynb\n")


def test_the_korean_edition_has_links_too(capsys):
    assert main(["notebooks/ko/04_worked_example_222.ipynb", "--hub", "https://hub.example.edu", "--repo", REPO]) == 0
    link = capsys.readouterr().out.strip()
    assert link.endswith("urlpath=lab%2Ftree%2FREPO%2Fnotebooks%2Fko%2F04_worked_example_222.ipynb")


def _error(capsys, argv: list[str]) -> str:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "Traceback" not in captured.err
    return captured.err.strip().splitlines()[-1]


def test_a_hub_without_https_is_a_clear_error_naming_the_option(capsys):
    line = _error(capsys, ["--hub", "hub.example.edu", "--repo", REPO])
    assert line == ("nbgitpuller_link.py: error: --hub must be an http(s) address like https://hub.example.edu; "
                    "got 'hub.example.edu'")


def test_a_notebook_that_is_not_in_the_repository_is_a_clear_error_with_a_suggestion(capsys):
    line = _error(capsys, ["notebooks/04_worked_example.ipynb", "--hub", "https://hub.example.edu", "--repo", REPO])
    assert line.startswith("nbgitpuller_link.py: error: notebook 'notebooks/04_worked_example.ipynb' is not a file "
                           "of this repository")
    assert "did you mean notebooks/04_worked_example_222.ipynb" in line


def test_check_notebook_accepts_the_files_of_the_repository():
    assert check_notebook("/notebooks/07_training.ipynb") == "notebooks/07_training.ipynb"
    assert (ROOT / "notebooks" / "07_training.ipynb").is_file()
    with pytest.raises(ValueError, match="notebook 'notebooks' is not a file"):
        check_notebook("notebooks")


def test_without_published_addresses_the_options_are_asked_for(capsys, monkeypatch):
    import deploy.nbgitpuller_link as tool

    real = tool._published()
    monkeypatch.setattr(tool, "_published", lambda: type(real)(**{**real.__dict__, "hub": "", "repository": ""}))
    assert _error(capsys, ["--repo", REPO]).endswith("--hub is needed: deploy/published.toml has no hub address yet "
                                                     "(e.g. --hub https://hub.example.edu)")
    assert "--repo is needed" in _error(capsys, ["--hub", "https://hub.example.edu"])


def test_published_addresses_are_the_defaults(capsys, monkeypatch):
    import deploy.nbgitpuller_link as tool

    real = tool._published()
    monkeypatch.setattr(tool, "_published", lambda: type(real)(**{**real.__dict__, "hub": "https://hub.school.example",
                                                                  "repository": "https://github.com/school/bp",
                                                                  "branch": "spring"}))
    assert main([]) == 0
    assert capsys.readouterr().out == ("https://hub.school.example/hub/user-redirect/git-pull?repo=https%3A%2F%2F"
                                       "github.com%2Fschool%2Fbp&branch=spring&urlpath=lab%2Ftree%2Fbp%2Fnotebooks%2F"
                                       "00_welcome.ipynb\n")


def test_help_is_complete(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    text = capsys.readouterr().out
    assert "(docs/teaching/class-hub.md explains both).\n" in text    # the description's last sentence, whole
    for option in ("--hub", "--repo", "--branch", "--targetpath", "--reset"):
        assert option in text
