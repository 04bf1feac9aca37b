# Overblik: the two quick-start commands are `make demo` and `make test`.
SHELL := /bin/bash
DB ?= out/demo.sqlite
BIN := .build/release/overblik

.PHONY: demo test setup build release bench clean

setup:
	@Tools/setup.sh --with-test-tools

build: setup
	swift build

release: setup
	swift build -c release --product overblik
	swift build -c release --product overblik-server

demo: release
	@Tools/demo.sh $(DB)

test: setup
	swift build --build-tests
	swift test --skip-build

bench: setup
	swift run -c release overblik-bench all

clean:
	rm -rf .build out
