# The two set-up commands in README.md are `make build` and `make test`.
# Each creates .venv and installs the pinned dependencies the first time.
PYTHON ?= python3
# MkDocs 1.x and Material 9.x status is in README.md; no need to repeat it on every build.
export NO_MKDOCS_2_WARNING := 1
# Stamp dates (the sitemap's lastmod) with the commit time, so a commit always builds the same bytes.
COMMIT_TIME := $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(COMMIT_TIME),)
export SOURCE_DATE_EPOCH ?= $(COMMIT_TIME)
endif
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: build test serve check bench clean update-deps contributing lock

# uv installs the pinned packages: about 15 s, where pip took 30 s or more (pip
# only installs uv, pip and setuptools). Every file is checked against its hash in
# requirements.lock (made from requirements.txt by `make lock`). Every module is
# compiled to bytecode as it is installed: where PYTHONDONTWRITEBYTECODE is set, as on
# our CI machines, Python never saves what it compiles, so without it every process
# would compile MkDocs, WeasyPrint and the rest again (importing them took 2.4 s, not 1.0 s).
LOCK := requirements.lock
$(STAMP): $(LOCK) pyproject.toml
	$(PYTHON) -m venv $(VENV)
	awk '/^(uv|pip|setuptools)==/ {p=1; print; next} p && /^ / {print; next} {p=0}' $(LOCK) > $(VENV)/installer.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(VENV)/installer.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode --require-hashes -r $(LOCK)
	# Our own package, built with the pinned setuptools (no unpinned download).
	# A package-info folder left by an older install would list plugins that no longer exist.
	rm -rf coproduction.egg-info
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode --no-deps --no-build-isolation -e .
	touch $(STAMP)

## After changing a pin in requirements.txt: write requirements.lock (the pins and their hashes).
lock:
	test -x $(BIN)/uv || ($(PYTHON) -m venv $(VENV) && $(BIN)/pip install --quiet "$$(grep '^uv==' requirements.txt)")
	$(BIN)/uv pip compile requirements.txt --generate-hashes --python $(BIN)/python --quiet \
		--custom-compile-command "make lock" -o $(LOCK)

## Build the site and the A4 PDF into site/ (strict: any problem stops the build).
build: $(STAMP)
	bash scripts/install-system-packages.sh build
	$(BIN)/mkdocs build

## Run every test: unit tests, real builds, the PDF and the browser checks.
test: $(STAMP)
	bash scripts/install-system-packages.sh test
	# One worker per core (-n auto): the suite is busy on every core, and more workers
	# only add switching (two cores: 2 workers 2 min 57 s, 3 took 3 min 5 s, 4 took 3 min 33 s).
	# One test at a time to each worker, the slow ones first (tests/conftest.py), so no
	# worker is left with a queue of slow browser tests at the end.
	$(BIN)/pytest -n auto --maxschedchunk 1

## Live preview for contributors on http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve

## Check pages for plain English: the pages changed against main (BASE=...
## to compare with another branch), or one page: make check PAGE=docs/index.md
BASE ?= main
check: $(STAMP)
ifeq ($(strip $(PAGE)),)
	$(BIN)/python -m coproduction changed --base $(BASE)
else
	$(BIN)/python -m coproduction $(PAGE)
endif

## Make the site's contributing page (docs/about/contributing.md) from CONTRIBUTING.md.
contributing: $(STAMP)
	$(BIN)/python scripts/sync-contributing.py

## Print speed and size figures (not tests).
bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf site .cache

update-deps:
	@echo "See 'Updating dependencies' in README.md"
