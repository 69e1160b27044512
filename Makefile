# Two commands for a fresh machine: `make run` serves the demo site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app marketplace
PORT ?= 5000
DATA_DIR ?= $(CURDIR)/instance
export DATA_DIR

# Extra pytest arguments, e.g. `make test PYTEST_ARGS="-n 2"` or `PYTEST_ARGS="-m 'not browser'"`.
PYTEST_ARGS ?=

.PHONY: run test install install-dev translations chromium lint migrate seed messages clean

run: install translations ## set up, migrate, seed on first start, build/check the search index, serve on 127.0.0.1:$(PORT)
	@mkdir -p "$(DATA_DIR)"
	$(FLASK) db upgrade
	@if [ ! -f "$(DATA_DIR)/.demo-seeded" ]; then $(FLASK) seed demo && touch "$(DATA_DIR)/.demo-seeded"; fi
	$(FLASK) search check
	@echo "Sentra Nusantara: http://127.0.0.1:$(PORT)  (data in $(DATA_DIR))"
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: install-dev translations chromium ## set up and run the whole suite (browser tests included)
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

$(BIN)/activate:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed (set PYTHON=python3.x)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip==26.3

$(VENV)/.installed: $(BIN)/activate requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

translations: install ## compile the .po catalogues the app reads
	$(BIN)/pybabel -q compile -D "messages wtforms" -d marketplace/translations

# Babel skips folders starting with "_" unless told otherwise: templates/_macros must be read too.
EXTRACT_OPTS := -F babel.cfg -k _l -k lazy_gettext -k lazy_ngettext:1,2 --ignore-dirs='.* __pycache__' --no-location --sort-output

messages: install ## extract strings and update the catalogues after changing the UI
	$(BIN)/pybabel extract $(EXTRACT_OPTS) -o messages.pot .
	$(BIN)/pybabel update -i messages.pot -d marketplace/translations --no-fuzzy-matching --ignore-obsolete
	@rm -f messages.pot

chromium: ## Debian's Chromium for the browser tests (browsers cannot be downloaded)
	@test -x /usr/bin/chromium || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

migrate: install ## apply the database migrations to $(DATA_DIR) (or DATABASE_URL)
	@mkdir -p "$(DATA_DIR)"
	$(FLASK) db upgrade

seed: migrate ## load the demo data (safe to run again)
	$(FLASK) seed demo

lint: install-dev
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# The search benchmark of issue 5 (bench/search_bench.py): 100,000 products and 50,000 forum posts,
# index build, query p50/p95 and commit-to-searchable on Whoosh, and PostgreSQL when one answers on
# 127.0.0.1:5432. Options: `make bench-search BENCH_ARGS="--keep /tmp/sentra-bench --strict"`.
BENCH_ARGS ?=
.PHONY: bench-search
bench-search: install ## time the search backends on a national-scale corpus
	$(BIN)/python -m bench.search_bench $(BENCH_ARGS)
