// SIMD signal kernels and QRS detection: samples per second on one core.
//
// Run from the repository root:
//   swift package --package-path Benchmarks -c release benchmark --target SignalKernels
//
// One iteration streams the whole 650,000-sample fixture (an MIT-BIH record's length) through a kernel, in 1 s
// chunks unless the name says "whole", so samples/s = throughput (iterations/s) × `inputSamples` (650,000, or
// 5,200,000 for the eight-lead benchmarks). Output buffers are reused, so mallocCountTotal stays near zero.

import Benchmark
import SignalAnalysis
import SignalCore

/// Samples one iteration consumed, over all channels; not a timing.
let inputSamples = BenchmarkMetric.custom("inputSamples", polarity: .prefersLarger, useScalingFactor: false)

var configuration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, inputSamples], timeUnits: .microseconds,
        warmupIterations: 2, scalingFactor: .one, maxDuration: .seconds(2), maxIterations: 1_000)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.setup = { try SignalFixtures.check() }
    let rate = SignalFixtures.sampleRate
    let band = PanTompkinsConfiguration(sampleRate: rate).bandPassSections

    filter("Biquad cascade 2 sections SIMD") { BiquadCascade(sections: band) }
    filter("Biquad cascade 2 sections scalar") { ScalarBiquadCascade(sections: band) }
    filter("FIR 5-point derivative SIMD") { FIRFilter.panTompkinsDerivative(sampleRate: rate) }
    filter("FIR 5-point derivative scalar") { ScalarFIRFilter.panTompkinsDerivative(sampleRate: rate) }
    filter("Moving-window integrator 150 ms SIMD") { MovingWindowIntegrator(window: 54) }
    filter("Moving-window integrator 150 ms scalar") { ScalarMovingWindowIntegrator(window: 54) }
    squaring()
    multiChannel(band)
    rollingStatistics()
    peakFinders()
    frontEnds()
    detector()
}

/// Streams the fixture through `body` in 1 s chunks, with one output buffer reused throughout.
func streamChunks(_ body: (UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>) -> Void) {
    var output = [Float](repeating: 0, count: SignalFixtures.chunk)
    SignalFixtures.ecg.withUnsafeBufferPointer { all in
        output.withUnsafeMutableBufferPointer { out in
            for range in SignalFixtures.chunks {
                body(UnsafeBufferPointer(rebasing: all[range]), UnsafeMutableBufferPointer(rebasing: out[0..<range.count]))
                // Every chunk's output escapes, so stateless kernels cannot be skipped for all but the last chunk.
                blackHole(out.baseAddress)
            }
        }
    }
}

func filter<F: StreamingFilter>(_ name: String, _ make: @escaping @Sendable () -> F) {
    Benchmark(name, configuration: configuration) { benchmark in
        var filter = make()
        streamChunks { filter.process($0, into: $1) }
        benchmark.measurement(inputSamples, SignalFixtures.count)
    }
}

func squaring() {
    Benchmark("Squaring SIMD", configuration: configuration) { benchmark in
        streamChunks { Squaring.apply($0, into: $1) }
        benchmark.measurement(inputSamples, SignalFixtures.count)
    }
    Benchmark("Squaring scalar", configuration: configuration) { benchmark in
        streamChunks { ScalarSquaring.apply($0, into: $1) }
        benchmark.measurement(inputSamples, SignalFixtures.count)
    }
}

/// Eight leads in lock-step (one SIMD8 lane each) against eight scalar cascades.
func multiChannel(_ band: [BiquadCoefficients]) {
    Benchmark("Biquad cascade 8 leads SIMD8 lanes", configuration: configuration) { benchmark in
        var filter = MultiChannelBiquadCascade<SIMD8<Float>>(sections: band)
        var output = [SIMD8<Float>](repeating: SIMD8(), count: SignalFixtures.chunk)
        SignalFixtures.frames8.withUnsafeBufferPointer { all in
            output.withUnsafeMutableBufferPointer { out in
                for range in SignalFixtures.chunks {
                    filter.process(UnsafeBufferPointer(rebasing: all[range]), into: UnsafeMutableBufferPointer(rebasing: out[0..<range.count]))
                }
            }
        }
        blackHole(output)
        benchmark.measurement(inputSamples, 8 * SignalFixtures.count)
    }
    Benchmark("Biquad cascade 8 leads scalar", configuration: configuration) { benchmark in
        var filters = Array(repeating: ScalarBiquadCascade(sections: band), count: 8)
        for lead in 0..<8 {
            streamChunks { filters[lead].process($0, into: $1) }
        }
        benchmark.measurement(inputSamples, 8 * SignalFixtures.count)
    }
}

func rollingStatistics() {
    Benchmark("Rolling mean+variance 1 s SIMD", configuration: configuration) { benchmark in
        var statistics = RollingMeanVariance(window: 360)
        var variance = [Float](repeating: 0, count: SignalFixtures.chunk)
        variance.withUnsafeMutableBufferPointer { v in
            streamChunks { statistics.process($0, mean: $1, variance: UnsafeMutableBufferPointer(rebasing: v[0..<$0.count])) }
        }
        benchmark.measurement(inputSamples, SignalFixtures.count)
    }
    Benchmark("Rolling min+max 1 s monotonic deque", configuration: configuration) { benchmark in
        var extrema = RollingExtrema(window: 360)
        var maximum = [Float](repeating: 0, count: SignalFixtures.chunk)
        maximum.withUnsafeMutableBufferPointer { m in
            streamChunks { extrema.process($0, minimum: $1, maximum: UnsafeMutableBufferPointer(rebasing: m[0..<$0.count])) }
        }
        benchmark.measurement(inputSamples, SignalFixtures.count)
    }
}

func peakFinders() {
    Benchmark("Peak finder SIMD skip", configuration: configuration) { benchmark in
        var finder = PeakFinder(threshold: 0.5, refractory: 72)
        var peaks: [Peak] = []
        peaks.reserveCapacity(4_096)
        streamChunks { input, _ in finder.process(input, into: &peaks) }
        blackHole(peaks)
        benchmark.measurement(inputSamples, SignalFixtures.count)
    }
    Benchmark("Peak finder scalar", configuration: configuration) { benchmark in
        var finder = ScalarPeakFinder(threshold: 0.5, refractory: 72)
        var peaks: [Peak] = []
        peaks.reserveCapacity(4_096)
        streamChunks { input, _ in finder.process(input, into: &peaks) }
        blackHole(peaks)
        benchmark.measurement(inputSamples, SignalFixtures.count)
    }
}

func frontEnds() {
    let configuration360 = PanTompkinsConfiguration(sampleRate: SignalFixtures.sampleRate)
    Benchmark("Pan-Tompkins front end SIMD 1 s chunks", configuration: configuration) { benchmark in
        var frontEnd = PanTompkinsFrontEnd(configuration: configuration360)
        var integrated = [Float](repeating: 0, count: SignalFixtures.chunk)
        integrated.withUnsafeMutableBufferPointer { i in
            streamChunks { frontEnd.process($0, filtered: $1, integrated: UnsafeMutableBufferPointer(rebasing: i[0..<$0.count])) }
        }
        benchmark.measurement(inputSamples, SignalFixtures.count)
    }
    Benchmark("Pan-Tompkins front end SIMD whole", configuration: configuration) { benchmark in
        var frontEnd = PanTompkinsFrontEnd(configuration: configuration360)
        var (filtered, integrated) = ([Float](), [Float]())
        frontEnd.process(SignalFixtures.ecg, filtered: &filtered, integrated: &integrated)
        blackHole(integrated)
        benchmark.measurement(inputSamples, SignalFixtures.count)
    }
    Benchmark("Pan-Tompkins front end scalar 1 s chunks", configuration: configuration) { benchmark in
        var frontEnd = ScalarPanTompkinsFrontEnd(configuration: configuration360)
        var (filtered, integrated) = ([Float](), [Float]())
        for range in SignalFixtures.chunks {
            frontEnd.process(Array(SignalFixtures.ecg[range]), filtered: &filtered, integrated: &integrated)
        }
        blackHole(integrated)
        benchmark.measurement(inputSamples, SignalFixtures.count)
    }
}

func detector() {
    Benchmark("QRS detector 1 s chunks", configuration: configuration) { benchmark in
        var detector = QRSDetector(sampleRate: SignalFixtures.sampleRate)
        var beats: [QRSBeat] = []
        beats.reserveCapacity(4_096)
        SignalFixtures.ecg.withUnsafeBufferPointer { all in
            for range in SignalFixtures.chunks { detector.process(UnsafeBufferPointer(rebasing: all[range]), into: &beats) }
        }
        blackHole(beats)
        benchmark.measurement(inputSamples, SignalFixtures.count)
    }
}
