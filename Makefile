# VitalGate — `make demo` to see it work, `make test` to prove it.
SWIFT ?= swift
BIN := .build/debug/vitalgate

.PHONY: all deps build demo test bench bench-decoders bench-signal soak fuzz release deb proto clean

all: build

deps:
	@Scripts/install-deps

build: deps
	$(SWIFT) build --product vitalgate

## A simulated ward, local brokers, the gateway and a receiver, for about a minute (Ctrl-C stops).
demo: build
	$(BIN) demo --seconds $${DEMO_SECONDS:-60}

## Everything CI runs: unit tests and the integration tests with real brokers, TLS and SQLite.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

## End-to-end throughput, latency, CPU and memory (vitals, waveforms, a 10-minute outage's drain), serial devices, decoders; writes BENCHMARKS.md.
bench: deps
	$(SWIFT) build -c release --product vitalgate
	Scripts/bench
	Scripts/bench-wave
	Scripts/bench-drain
	Scripts/bench-serial 64
	Scripts/bench-decoders

## Decoder throughput only (package-benchmark suite in Benchmarks/).
bench-decoders: deps
	Scripts/bench-decoders

## Signal-core kernels and QRS detection, SIMD against scalar (package-benchmark).
bench-signal: deps
	$(SWIFT) package --package-path Benchmarks -c release benchmark --target SignalKernels --format markdown

## The long crash loop: the gateway killed with SIGKILL at random 25 times under load.
soak: deps
	VITALGATE_SOAK_KILLS=$${SOAK_KILLS:-25} $(SWIFT) test --filter CrashLoopTests

## libFuzzer on every decoder, the config and profile loaders and the envelope opener (Fuzz/), FUZZ_SECONDS each (default 60).
fuzz: deps
	Scripts/fuzz

release: deps
	$(SWIFT) build -c release --product vitalgate

## A Debian package (.build/vitalgate_VERSION_ARCH.deb); the Swift runtime is linked in statically.
deb: deps
	$(SWIFT) build -c release --static-swift-stdlib --product vitalgate
	Scripts/make-deb

## Regenerate Sources/Wire/vitalgate.pb.swift after editing vitalgate.proto.
proto:
	Scripts/gen-proto

clean:
	rm -rf .build
