// Decoder and wire throughput: what one gateway core can take in, per device protocol.
//
// Run with Scripts/bench-decoders (which writes the table into BENCHMARKS.md), or directly:
//   swift package --package-path Benchmarks -c release benchmark
//
// Per-frame benchmarks use `scalingFactor: .kilo`: one iteration decodes 1,000 frames (messages,
// lines, notifications, or a 1,000-frame serial capture), so "scaled" figures are per frame. The two
// wire benchmarks are per batch (`.one`). Every iteration also records the bytes it consumed as the
// custom metrics `inputBytes` and `inputFrames`, so reports can turn the raw per-iteration figures of
// an export (`--format jmh`) into frames/s and bytes/s without knowing the fixtures.

import Benchmark
import DeviceCodecs
import Foundation
import Wire

/// Bytes of input one iteration consumed (fixed per benchmark); not a timing.
let inputBytes = BenchmarkMetric.custom("inputBytes", polarity: .prefersLarger, useScalingFactor: false)
/// Frames (messages, lines, notifications, batches) one iteration handled: the scaling factor, recorded
/// so that exports, which carry raw per-iteration values only, can be turned into per-frame figures.
let inputFrames = BenchmarkMetric.custom("inputFrames", polarity: .prefersLarger, useScalingFactor: false)

/// Records what one iteration consumed; called after the measured loop of every benchmark.
func record(_ benchmark: Benchmark, bytes: Int) {
    benchmark.measurement(inputBytes, bytes)
    benchmark.measurement(inputFrames, benchmark.configuration.scalingFactor.rawValue)
}

let benchmarks: @Sendable () -> Void = {
    // mallocCountTotal needs the malloc interposer (the package's MallocInterposer trait).
    let metrics: [BenchmarkMetric] = [.wallClock, .throughput, .mallocCountTotal, inputBytes, inputFrames]
    let perFrame = Benchmark.Configuration(
        metrics: metrics, timeUnits: .nanoseconds, warmupIterations: 3, scalingFactor: .kilo,
        maxDuration: .seconds(2), maxIterations: 100_000)
    let perBatch = Benchmark.Configuration(
        metrics: metrics, timeUnits: .nanoseconds, warmupIterations: 3, scalingFactor: .one,
        maxDuration: .seconds(2), maxIterations: 100_000)

    // Every input is built and decoded once, before any measurement, in each benchmark process.
    Benchmark.setup = { try Fixtures.check() }

    let now = Fixtures.nowUnixMs

    // MARK: SenML (MQTT payloads)

    Benchmark("SenML pack 6 records", configuration: perFrame) { benchmark in
        let pack = Fixtures.senmlPack
        for _ in benchmark.scaledIterations {
            blackHole(try SenMLDecoder.decode(pack, nowUnixMs: now))
        }
        record(benchmark, bytes: pack.count * benchmark.scaledIterations.count)
    }

    Benchmark("SenML single record", configuration: perFrame) { benchmark in
        let message = Fixtures.senmlSingle
        for _ in benchmark.scaledIterations {
            blackHole(try SenMLDecoder.decode(message, nowUnixMs: now))
        }
        record(benchmark, bytes: message.count * benchmark.scaledIterations.count)
    }

    // MARK: Serial streams

    Benchmark("Masimo ASCII line", configuration: perFrame) { benchmark in
        let line = Fixtures.masimoLine
        // One read per line, as the device prints one line a second.
        var decoder = MasimoASCIIDecoder()
        for _ in benchmark.scaledIterations {
            blackHole(decoder.decode(line, nowUnixMs: now))
        }
        record(benchmark, bytes: line.count * benchmark.scaledIterations.count)
    }

    Benchmark("Nonin 2 stream 4KiB reads", configuration: perFrame) { benchmark in
        // 1,000 frames (40 packets of 25) in 4 KiB reads, through a fresh decoder per iteration.
        let chunks = Fixtures.noninChunks
        var decoder = NoninFormat2Decoder()
        for chunk in chunks {
            blackHole(decoder.decode(chunk, nowUnixMs: now))
        }
        record(benchmark, bytes: Fixtures.noninStream.count)
    }

    Benchmark("COBS waveform 2ch int16 25 samples", configuration: perFrame) { benchmark in
        // 1,000 frames (sequence 0…999) in 4 KiB reads, through a fresh decoder per iteration.
        let chunks = Fixtures.cobsChunks
        var decoder = COBSWaveformDecoder(sampleFormat: .int16, channels: Fixtures.cobsChannels, sampleRateHz: Fixtures.ecgRateHz)
        for chunk in chunks {
            blackHole(decoder.decode(chunk, nowUnixMs: now))
        }
        record(benchmark, bytes: Fixtures.cobsStream.count)
    }

    // MARK: BLE GATT notifications

    Benchmark("GATT 2A37 heart rate with RR", configuration: perFrame) { benchmark in
        let value = Fixtures.heartRateWithRR
        for _ in benchmark.scaledIterations {
            blackHole(try GATTHealthDecoder.decode(uuid: 0x2A37, bytes: value, nowUnixMs: now))
        }
        record(benchmark, bytes: value.count * benchmark.scaledIterations.count)
    }

    Benchmark("GATT 2A5F PLX continuous", configuration: perFrame) { benchmark in
        let value = Fixtures.plxContinuous
        for _ in benchmark.scaledIterations {
            blackHole(try GATTHealthDecoder.decode(uuid: 0x2A5F, bytes: value, nowUnixMs: now))
        }
        record(benchmark, bytes: value.count * benchmark.scaledIterations.count)
    }

    // MARK: Wire (per batch)

    Benchmark("BatchCodec encode 1s 2-lead 500Hz ECG", configuration: perBatch) { benchmark in
        // Input bytes: the encoded batch's size (the plaintext the sealer gets).
        let content = Fixtures.ecgSecond
        var size = 0
        for _ in benchmark.scaledIterations {
            let encoded = BatchCodec.encode(content)
            size = encoded.count
            blackHole(encoded)
        }
        record(benchmark, bytes: size * benchmark.scaledIterations.count)
    }

    Benchmark("Sealer seal 16KiB batch", configuration: perBatch) { benchmark in
        let plaintext = Fixtures.sixteenKiBPlaintext
        let header = Fixtures.sealHeader
        let sealer = Fixtures.sealer
        for _ in benchmark.scaledIterations {
            blackHole(try sealer.seal(plaintext: plaintext, header: header))
        }
        record(benchmark, bytes: plaintext.count * benchmark.scaledIterations.count)
    }
}
