# Two commands matter: `make run` and `make test`. Both bootstrap .venv from the lock file.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench lock clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# The distribution was called `strategist` before it became `cluster-strategist`
	@# (that name on the package index is another project's): drop an old install first,
	@# since removing it afterwards would take the `strategist` command with it.
	$(BIN)/python -m pip uninstall --quiet --yes strategist 2>/dev/null || true
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test]'
	@# Compiled once here: an editable install where PYTHONDONTWRITEBYTECODE is set would
	@# otherwise compile every module again on each start of the command.
	$(BIN)/python -m compileall -q strategist
	touch $(STAMP)

run: $(STAMP)  ## open the TUI on the example workspace (the repository root)
	$(BIN)/strategist -C .

test: $(STAMP) lint typecheck pytest  ## ruff, mypy and pytest

lint: $(STAMP)
	$(BIN)/ruff check strategist tests bench
	$(BIN)/ruff format --check strategist tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q -n 2

bench: $(STAMP)  ## every performance goal as a ratio, measured in one run (takes minutes)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

lock:  ## re-pin requirements.lock from what pyproject.toml allows (needs the network)
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/python -m pip install --quiet --upgrade pip
	.lockenv/bin/python -m pip install --quiet '.[test]' hatchling
	printf '%s\n' '# Pinned versions for every machine: make installs with `pip install -c requirements.lock`.' \
		'# Regenerate with `make lock`.' > requirements.lock
	.lockenv/bin/python -m pip freeze --exclude cluster-strategist >> requirements.lock
	rm -rf .lockenv

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
