# Backprop, step by step: the two commands (and a few more for maintainers).
#   make lab          set up .venv if needed, open the series in JupyterLab (127.0.0.1, token on)
#   make lab-ko       the same for the Korean edition (notebooks/ko/), with JupyterLab's Korean interface
#   make test         set up .venv with test tools if needed, run every test (unit, strict nbval, browser, hub)
#   make test-fast    the quick loop: unit tests only (no browser, hub, site, notebooks or servers)
#   make regenerate   re-execute every notebook in a clean kernel and store its outputs
#   make bench        print speed figures (never asserted; make capacity is separate: it takes ~25 min)
#   make site         build the web site of both editions into build/site (stored outputs, nothing run;
#                     needs npm once for the pinned MathJax), then open build/site/index.html
#   make cheatsheet   print docs/cheatsheet.md to the one-page docs/cheatsheet.pdf (system Chromium)
#   make capacity     measure what one class server serves (a real hub, as root; ~20 min): writes docs/capacity.md
#   make catalogue    extract every marked string into helpers/locale/, update the Korean .po, compile the .mo
#   make lock         regenerate the locks (requirements.txt, deploy/requirements-hub.txt,
#                     requirements-test.txt) from the *.in files, with uv; binder/requirements.txt is a copy
# Without make (e.g. Windows), see README.md for the plain pip commands.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
LAB_STAMP  := $(VENV)/.installed-lab
TEST_STAMP := $(VENV)/.installed-test

.PHONY: lab lab-ko test test-fast regenerate bench site cheatsheet capacity catalogue lint lock clean

# JupyterLab refuses to start as root unless told --allow-root; containers and cloud VMs run as root.
LAB_ROOT := $(shell [ "$$(id -u 2>/dev/null)" = 0 ] && echo --allow-root)
# Extra JupyterLab options, e.g. make lab LAB_ARGS="--no-browser --port=9999"
LAB_ARGS ?=

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)

# requirements*.txt are full locks (every package pinned, with hashes): pip installs exactly them.
$(LAB_STAMP): requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	$(PY) -m pip install --disable-pip-version-check -q --no-deps -e .
	@touch $@

$(TEST_STAMP): requirements-test.txt $(LAB_STAMP)
	$(PY) -m pip install --disable-pip-version-check -q -r requirements-test.txt
	@touch $@

# tools/lab/overrides.json turns off JupyterLab's first-start "news" question (it covers the notebook's
# lower right at 1024×768); the default URL makes the printed address (also with --no-browser) open 00.
LAB_OPEN := --LabApp.default_url=/lab/tree/00_welcome.ipynb

lab: $(LAB_STAMP)
	@[ -z "$(LAB_ROOT)" ] || echo "make lab: running as root (a container or VM?), so JupyterLab is started with --allow-root"
	$(PY) -m jupyterlab --ServerApp.ip=127.0.0.1 $(LAB_ROOT) --LabApp.app_settings_dir=$(CURDIR)/tools/lab $(LAB_OPEN) $(LAB_ARGS) notebooks/00_welcome.ipynb

# The Korean edition, with JupyterLab's interface in Korean (tools/lab-ko/overrides.json sets the locale
# and turns off the news question too). The server's root is notebooks/, as for make lab, so every
# Korean nav bar's "English" link (../04_….ipynb) reaches the English notebook; it opens ko/00. Each
# kernel still runs in its notebook's folder (notebooks/ko/), which is how helpers picks Korean.
LAB_OPEN_KO := --LabApp.default_url=/lab/tree/ko/00_welcome.ipynb
lab-ko: $(LAB_STAMP)
	@[ -z "$(LAB_ROOT)" ] || echo "make lab-ko: running as root (a container or VM?), so JupyterLab is started with --allow-root"
	$(PY) -m jupyterlab --ServerApp.ip=127.0.0.1 $(LAB_ROOT) --LabApp.app_settings_dir=$(CURDIR)/tools/lab-ko --ServerApp.root_dir=$(CURDIR)/notebooks $(LAB_OPEN_KO) $(LAB_ARGS) notebooks/ko/00_welcome.ipynb

test: $(TEST_STAMP)
	$(PY) -m pytest

# The markers are given by directory (tests/conftest.py): a new browser or hub test is left out here
# without a line of its own. CI runs `make test`, which runs everything.
FAST := not browser and not hub and not site and not nbval and not server
test-fast: $(TEST_STAMP)
	$(PY) -m pytest -m "$(FAST)" tests

regenerate: $(TEST_STAMP)
	$(PY) tools/regenerate.py

bench: $(TEST_STAMP)
	@for script in bench/bench_*.py; do [ "$$script" = bench/bench_capacity.py ] && continue; echo "== $$script"; $(PY) $$script || exit 1; done

site: $(TEST_STAMP)
	$(PY) tools/build_site.py

cheatsheet: $(TEST_STAMP)
	$(PY) tools/cheatsheet.py

catalogue: $(TEST_STAMP)
	$(PY) tools/catalogue.py

capacity: $(TEST_STAMP)
	$(PY) bench/bench_capacity.py

lint: $(TEST_STAMP)
	$(PY) -m ruff check helpers tests tools bench deploy

# Regenerate the locks from requirements.in, deploy/requirements-hub.in and requirements-test.in:
# one universal resolution (Linux, macOS, Windows; Python >= 3.11), each lock constrained by the one
# before it so a package has the same version in all three.
UV_COMPILE := uv pip compile --universal --python-version 3.11 --generate-hashes --quiet
lock:
	@command -v uv >/dev/null || { echo "make lock needs uv: python3 -m pip install uv"; exit 1; }
	$(UV_COMPILE) requirements.in -o requirements.txt
	$(UV_COMPILE) deploy/requirements-hub.in -c requirements.txt -o deploy/requirements-hub.txt
	$(UV_COMPILE) requirements-test.in -c deploy/requirements-hub.txt -o requirements-test.txt
	cp requirements.txt binder/requirements.txt    # Binder installs the lock alone (binder/postBuild: helpers)

clean:
	rm -rf $(VENV) build *.egg-info
