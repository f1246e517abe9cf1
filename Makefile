# migsim — two commands do all set-up on a fresh machine:
#   make demo   the whole pipeline on the bundled Korean case, ending with the report path
#   make test   all tests
# Both install the system packages they need, only when missing.

SWIFT        ?= swift
APT_PACKAGES := libopenblas-dev liblapacke-dev libopenmpi-dev openmpi-bin
RELEASE_BIN  := .build/release/migsim
OUT          ?= out
PYTHON       ?= python3
CASE         ?= korea

.PHONY: all deps build test demo bench clean fixtures notebook-deps notebooks screenshots fuzz kill-test

all: build

## Install the system libraries (OpenBLAS, LAPACKE, Open MPI and its mpirun) when any is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product migsim

test: deps notebook-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(PYTHON) scripts/fuzz.py --quick .build/debug/migsim
	$(PYTHON) scripts/validate_notebooks.py notebooks-export/*.ipynb

## nbformat (PyPI) for validating the exported notebooks, only when missing.
notebook-deps:
	@$(PYTHON) -c "import nbformat" 2>/dev/null || $(PYTHON) -m pip install --quiet --disable-pip-version-check nbformat

## Regenerate notebooks-export/ (pipeline on the Korean case, then migsim report).
notebooks: build notebook-deps
	@bash scripts/notebooks.sh $(RELEASE_BIN) $(OUT)/notebooks

## PNGs of the exported report and notebook in screenshots/ (headless Chromium).
screenshots:
	@bash scripts/screenshots.sh korea

## make demo CASE=us-states: the pipeline on another case folder of models/ (default: korea).
demo: build
	@CASE=$(CASE) bash scripts/demo.sh $(RELEASE_BIN) $(OUT)

bench: deps
	# One --product per call: swift build honours only the last of several.
	$(SWIFT) build -c release --product migsim-bench
	$(SWIFT) build -c release --product migsim
	@bash bench/run.sh

## Bad-input suite: about 800 malformed inputs over all subcommands, on the release binary; prints
## `cases N crashes C hangs H unclear U partial P` and fails on any crash, hang or partial output.
fuzz: build
	$(PYTHON) scripts/fuzz.py $(RELEASE_BIN)

clean:
	rm -rf .build $(OUT)

## kill -9 at 20 random moments of `migsim fit` and of `migsim identify` on the Korean case: the output
## folder must hold the complete old or new set every time; prints `runs N intact I broken B` (about 4 minutes).
kill-test: build
	$(PYTHON) scripts/kill_test.py $(RELEASE_BIN) --stage fit --runs 20
	$(PYTHON) scripts/kill_test.py $(RELEASE_BIN) --stage identify --runs 20
