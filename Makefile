# Thin wrapper over CMake.  `make` builds build/storyline.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all deps demo test test-fast bench model clean distclean

all: $(BUILD)/Makefile
	@cmake --build $(BUILD) -j $(JOBS)

$(BUILD)/Makefile: CMakeLists.txt
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null

$(ASAN_BUILD)/Makefile: CMakeLists.txt
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DSL_SANITIZE=ON $(CMAKE_FLAGS) >/dev/null

deps:
	@scripts/deps.sh

demo: deps all
	@scripts/demo.sh $(BUILD)/storyline

# Every test, in the normal build and again under ASan+UBSan.
test: deps all $(ASAN_BUILD)/Makefile
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	@echo "== tests (release build)"
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	@echo "== tests (ASan+UBSan build)"
	@cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

# Only the normal build, for quick iteration.
test-fast: deps all
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

bench: deps all
	@bench/run.sh $(BUILD)

# Retrain the shipped NER model from the openly licensed data in ../shared
# (see model/README.md); the result is byte-identical for the same data.
SHARED ?= ../shared
model: deps all
	@$(BUILD)/sl-train-ner -o data/models/ner-en.slm --gaz $(SHARED)/data/gazetteers \
	    --epochs 8 --upper 0.15 --replace 1.0 $(SHARED)/data/ner/train/*.conll

# Fuzzing (tests/fuzz/README.md): the libFuzzer targets built with clang in
# $(FUZZ_BUILD), each run FUZZ_SECONDS on a copy of its corpus; crashes are
# saved in $(FUZZ_BUILD)/crashes/.  FUZZ_TARGETS="jsonl warc" runs a few.
FUZZ_BUILD   ?= build-fuzz
FUZZ_CC      ?= clang-14
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=

.PHONY: fuzz
fuzz:
	@CC=$(FUZZ_CC) cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSL_FUZZ=ON $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_all
	@tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	@rm -rf $(BUILD) $(ASAN_BUILD)

distclean: clean
