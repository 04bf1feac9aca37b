# Overblik: the two quick-start commands are `make demo` and `make test`.
SHELL := /bin/bash
DB ?= out/demo.sqlite
BIN := .build/release/overblik

.PHONY: demo test setup build release bench clean

setup:
	@Tools/setup.sh --with-test-tools

build: setup
	swift build

# The Swift runtime and Foundation linked statically: a short command starts in about half the time
# (no dynamic relocation of Foundation and ICU), which is most of a cold `near` on a small store.
release: setup
	swift build -c release --static-swift-stdlib --product overblik
	swift build -c release --static-swift-stdlib --product overblik-server

demo: release
	@Tools/demo.sh $(DB)

test: setup
	swift build --build-tests
	swift test --skip-build

# The scale suite (issue 19's table: imports, cold near, memory, beside their peers); another suite
# with `make bench BENCH=proximity` (the list: `.build/release/overblik-bench --help`).
BENCH ?= scale
bench: setup
	swift build -c release --static-swift-stdlib --product overblik
	swift build -c release --static-swift-stdlib --product overblik-bench
	.build/release/overblik-bench $(BENCH)

clean:
	rm -rf .build out
