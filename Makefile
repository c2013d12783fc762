# Guanjia — the two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TRIAGE_WEIGHTS := guanjia/triage/data/builtin_weights.json
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help install assets translations migrate demo run test lint format browser-deps fonts bench bench-quick clean messages

help: ## Show this help
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

install: $(STAMP) assets $(TRIAGE_WEIGHTS) ## Create .venv and install the locked dependencies, front-end assets and triage weights

# The triage model's trained weights are built here, not kept in git (2 MB a retraining); the
# classifier trains at start-up, with a warning, whenever they are missing or stale. Any module of
# the package triggers a rebuild (a second): a list here could drift from shipped.SOURCES.
$(TRIAGE_WEIGHTS): $(STAMP) $(wildcard guanjia/triage/data/*.jsonl guanjia/triage/*.py)
	$(BIN)/guanjia triage_weights

node_modules/.package-lock.json: package-lock.json
	@command -v npm >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq npm >/dev/null; } \
	  || { echo "npm is needed to install the front-end packages: install Node.js and npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.package-lock.json ## Install front-end packages from the npm registry (package-lock.json)

translations: $(STAMP) ## Compile the Chinese and English translations
	$(BIN)/guanjia compile_translations

migrate: install translations ## Migrate the database (DATABASE_URL, SQLite by default)
	$(BIN)/guanjia migrate --no-input

demo: migrate fonts ## Install, migrate, load the demo company and serve http://127.0.0.1:8000
	$(BIN)/guanjia load_demo
	$(BIN)/guanjia serve --host $(HOST) --port $(PORT)

run: migrate ## Serve the app (and the built-in scheduler) without reloading the demo data
	$(BIN)/guanjia serve --host $(HOST) --port $(PORT)

# The demo's sample photos carry a Chinese caption, which Pillow can only draw with a CJK font.
fonts: ## Install Debian's CJK fonts (when root), for the demo photos' Chinese captions
	@if fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing fonts-noto-cjk from Debian's packages…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; \
	else echo "No CJK font: the demo photos will carry English captions (install Debian's 'fonts-noto-cjk')."; fi

browser-deps: ## Install Debian's Chromium and CJK fonts for the browser tests (when root)
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing chromium and fonts-noto-cjk from Debian's packages…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	else echo "Browser tests will skip: install Debian's 'chromium' and 'fonts-noto-cjk' to run them."; fi

test: install translations browser-deps ## Install and run the whole test suite (DATABASE_URL selects the database)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install ## ruff, mypy (configured in pyproject.toml) and the migrations check
	$(BIN)/ruff check .
	$(BIN)/mypy
	DJANGO_SETTINGS_MODULE=guanjia.settings.test $(BIN)/guanjia makemigrations --check --dry-run

format: install ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install translations ## Benchmarks at scale: 1,000,000 orders on PostgreSQL (see bench/README.md)
	$(BIN)/python -m bench $(ARGS)

bench-quick: install translations ## A small benchmark run that takes a few minutes
	$(BIN)/python -m bench --quick $(ARGS)

clean: ## Remove the virtual environment, front-end packages and local data
	rm -rf $(VENV) node_modules var

messages: install ## Update the translation catalogues from the source (needs GNU gettext)
	$(BIN)/guanjia makemessages --no-obsolete --ignore=.venv --ignore=node_modules --ignore=var --ignore=tests --ignore=bench -l zh_Hans -l zh_Hant -l en
