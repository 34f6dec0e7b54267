VENV := .venv
# Windows (make from Git for Windows, MSYS2 or Chocolatey): the venv keeps its programs in Scripts, not bin
ifeq ($(OS),Windows_NT)
PYTHON ?= python
BIN := $(VENV)/Scripts
else
PYTHON ?= python3
BIN := $(VENV)/bin
endif
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast install clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,pdf]"
	@# PDF reports need a CJK font and pango (WeasyPrint): taken from Debian when missing
	@fc-list :lang=zh 2>/dev/null | grep -q . || { command -v apt-get >/dev/null && (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fontconfig fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0) >/dev/null 2>&1; } || echo "no CJK font could be installed: the PDF tests will be skipped"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/zhili demo --db demo/zhili.db --force

# everything, as CI runs it
test: $(STAMP)
	$(BIN)/python -m pytest -n auto

# what a developer runs often: all but the tests marked slow (under a minute on 2 cores)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) demo .pytest_cache
