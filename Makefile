# chidao: `make run` sets everything up and starts the main job; `make test` sets up and runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
EXTRAS ?= e5,dev

.PHONY: setup system-deps run test ingest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed-$(EXTRAS): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e ".[$(EXTRAS)]"
	touch $@

# antiword reads Word 97 .doc files (TCVN3/VNI legacy documents); a Debian package, installed when missing
system-deps:
	@command -v antiword >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq antiword; }

setup: system-deps $(VENV)/.installed-$(EXTRAS)

run: setup
	$(BIN)/chidao ingest corpus
	$(BIN)/chidao chat

ingest: setup
	$(BIN)/chidao ingest corpus

test: setup
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) data .pytest_cache .hypothesis
