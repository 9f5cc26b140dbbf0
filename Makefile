# Two commands for a new user: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test bench screenshots clean

$(STAMP): setup.cfg pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/xxgk db upgrade
	$(VENV)/bin/xxgk demo load --if-empty
	@echo "登录：http://$(HOST):$(PORT)/login  演示账号如 gov.clerk1 / gov.reviewer / gov.supervisor / gov.admin，密码 xxgk-demo-2026（见 README）"
	$(VENV)/bin/xxgk run --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) -m benchmarks

screenshots: $(STAMP)
	$(PY) -m tests.e2e.screenshots --out screenshots

clean:
	rm -rf $(VENV) instance/*.sqlite3* .pytest_cache
