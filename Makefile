# reportgen — `make report` and `make test` are all a fresh clone needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
READY  := $(VENV)/.installed

# Where `make report` reads reports and writes their DOCX (make bench points them elsewhere).
SOURCES ?= sources
BUILD   ?= build

REPORTS  := $(sort $(patsubst $(SOURCES)/%/,%,$(dir $(wildcard $(SOURCES)/*/*.md))))
TEMPLATE := $(shell find templates/un_docx -type f 2>/dev/null)
CODE     := $(shell find reportgen -name '*.py' -o -name '*.yaml' 2>/dev/null) pyproject.toml

.PHONY: report pdf check align test fuzz bench clean distclean
.DEFAULT_GOAL := report

$(READY): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

## make report: build every report under sources/ (only those whose sources, template or code changed)
report: $(REPORTS:%=$(BUILD)/%/manifest.json)

# Project-wide companions (INTERFACE §2.5, §2.6): every report reads them.
SHARED := $(wildcard $(SOURCES)/documents.yaml $(SOURCES)/terms.tbx $(SOURCES)/terms.csv)

# `reportgen build --manifest` writes manifest.json with the outputs, in one set (all or
# nothing, unique temporary names: two `make report` at once do not collide), dated when
# the build began: a source edited while the build read it is newer, so it is built again.
# Beside it, manifest.json.d names every file the build read (an emblem in a subfolder
# too) as a make rule.
-include $(wildcard $(BUILD)/*/manifest.json.d $(BUILD)/*/pdf.json.d)

.SECONDEXPANSION:
$(BUILD)/%/manifest.json: $$(wildcard $(SOURCES)/%/*) $(SHARED) $(TEMPLATE) $(CODE) $(READY)
	@mkdir -p $(@D)
	$(BIN)/reportgen build $(SOURCES)/$* -o $(@D) --manifest $@ > /dev/null
	@sed -n 's/.*"path": "\(.*\)".*/  wrote \1/p' $@

## make pdf: every report's DOCX and, beside each, its PDF through headless LibreOffice
## (only reports whose sources, template or code changed)
pdf: $(REPORTS:%=$(BUILD)/%/pdf.json)

$(BUILD)/%/pdf.json: $$(wildcard $(SOURCES)/%/*) $(SHARED) $(TEMPLATE) $(CODE) reportgen/render/fonts.conf $(READY)
	@mkdir -p $(@D)
	$(BIN)/reportgen build $(SOURCES)/$* -o $(@D) --pdf --manifest $@ > /dev/null
	@sed -n 's/.*"pdf": "\(.*\)".*/  wrote \1/p' $@

## make check: validate every report's sources, write nothing
check: $(READY)
	@set -e; for r in $(REPORTS); do $(BIN)/reportgen check $(SOURCES)/$$r; done

## make align: alignment reports (HTML and JSON) for every report; fails on open errors
align: $(READY)
	@set -e; status=0; for r in $(REPORTS); do \
	  mkdir -p $(BUILD)/$$r; \
	  $(BIN)/reportgen align $(SOURCES)/$$r --format html -o $(BUILD)/$$r/alignment.html || true; \
	  $(BIN)/reportgen align $(SOURCES)/$$r --format json -o $(BUILD)/$$r/alignment.json || status=$$?; \
	  echo "  wrote $(BUILD)/$$r/alignment.html and alignment.json"; \
	  [ $$status -eq 0 ] || { $(BIN)/reportgen align $(SOURCES)/$$r || true; exit $$status; }; \
	done

## make test: the type check (mypy, configured in pyproject.toml), then the whole test suite
test: $(READY)
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest

## make fuzz: the property tests with 10,000 generated examples each (the suite runs a small budget):
## reports to build, and XLIFF files to import
FUZZ_EXAMPLES ?= 10000
FUZZ_TESTS    ?= tests/source/test_fuzz.py tests/interchange/test_fuzz_xliff.py tests/importer/test_fuzz_docx.py
fuzz: $(READY)
	REPORTGEN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest $(FUZZ_TESTS) -p no:cacheprovider --hypothesis-show-statistics

## make bench: median times and peak memory (whole process tree) on generated reports of 100, 500
## and 2000 paragraphs per language, on the standard and the dense (symbols and sub-items in most
## paragraphs) generated report (BENCH_VARIANTS=standard for one), of the stages read, build, check,
## align, diff (against a later draft), noop (a no-op `make report`), pandoc-read and pandoc-docx (pandoc's md->docx on the same six files, the
## baseline), corpus-1 and corpus-2 (`reportgen corpus` over 24 generated reports, BENCH_CORPUS_REPORTS=1000 for the issue's size, 1 and 2 workers, N up to 500), then the performance targets, met or not (BENCH_FLAGS=--full adds 8000;
## BENCH_SIZES=2000 BENCH_STAGES=build,pandoc-docx BENCH_RUNS=3 narrow it); in build/bench/results.md
bench: $(READY)
	$(BIN)/python -m bench.run $(BENCH_FLAGS)

clean:
	rm -rf build

distclean: clean
	rm -rf $(VENV) node_modules
