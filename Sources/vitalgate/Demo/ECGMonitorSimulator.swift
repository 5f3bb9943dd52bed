import Foundation
import LocalLab
import ServiceLifecycle
import Synchronization
import WFDB

/// A bedside monitor's waveform port on a serial line: real ECG (MIT-BIH record 100, leads MLII and
/// V5, 360 Hz) and a pleth that pulses after every annotated beat, as COBS frames. Every minute it plays
/// a script: electrodes off (15–25 s), an ECG pause while the pleth still pulses (32–39 s, which the
/// gateway must suppress), and a true asystole with no pulses (45–52 s, a high-priority alarm).
final class ECGMonitorSimulator: Service {
    static let sampleRate = 360
    static let samplesPerFrame = 12

    private let line: PseudoTerminalPair
    private let signal: ECGSignal
    private let sent = Atomic<Int>(0)

    init(line: PseudoTerminalPair, record: String) {
        self.line = line
        signal = ECGSignal(record: record)
    }

    var framesSent: Int { sent.load(ordering: .relaxed) }

    func run() async throws {
        let out = try line.openPeer()
        defer { try? out.close() }
        let clock = ContinuousClock()
        let began = clock.now
        var sample = 0
        var sequence: UInt16 = 0
        while !Task.isShuttingDownGracefully {
            var interleaved: [Int32] = []
            interleaved.reserveCapacity(Self.samplesPerFrame * 3)
            for index in sample..<(sample + Self.samplesPerFrame) { interleaved += signal.frame(at: index) }
            try? out.write(contentsOf: Data(COBSWaveformFrames.frame(sequence: sequence, samples: interleaved)))
            sent.add(1, ordering: .relaxed)
            sample += Self.samplesPerFrame
            sequence &+= 1
            let due = began + .seconds(Double(sample) / Double(Self.sampleRate))
            try? await cancelWhenGracefulShutdown { try await clock.sleep(until: due) }
        }
    }
}

/// The simulated monitor's three channels at one sample index: ECG II, ECG V5 and pleth, in counts.
struct ECGSignal: Sendable {
    private let leads: [[Int32]]
    private let pulseOnsets: [Int]
    private let length: Int

    init(record: String) {
        if let reader = try? WFDBSignalReader(recordPath: record), let all = try? reader.read(frames: 0..<min(reader.frameCount, 360 * 600)) {
            leads = all.signals.prefix(2).map { signal in signal.samples.map { $0 - Int32(signal.baseline) } }
            let beats = (try? WFDBAnnotationReader.read(path: record + ".atr")) ?? []
            pulseOnsets = beats.filter(\.isBeat).map { $0.sample + 90 }
        } else {
            // No record at hand: a plain synthetic sinus rhythm at 75 /min.
            let synthetic = (0..<(360 * 60)).map { i -> Int32 in
                let t = Double(i % 288) / 360 - 0.1
                return Int32(200 * exp(-t * t / 0.0002))
            }
            leads = [synthetic, synthetic.map { $0 / 2 }]
            pulseOnsets = stride(from: 36 + 90, to: 360 * 60, by: 288).map { $0 }
        }
        length = leads.map(\.count).min() ?? 1
    }

    func frame(at index: Int) -> [Int32] {
        let second = (index / ECGMonitorSimulator.sampleRate) % 60
        let position = index % length
        var ecg = leads.map { $0[position] }
        var pleth = plethValue(at: position)
        switch second {
        case 15..<25: ecg = ecg.map { _ in 0 }
        case 32..<39: ecg = ecg.map { _ in Int32((index * 7919) % 9) - 4 }
        case 45..<52:
            ecg = ecg.map { _ in Int32((index * 7919) % 9) - 4 }
            pleth = 300
        default: break
        }
        return ecg + [pleth]
    }

    /// A pulse wave rising 90 samples after each beat: fast upstroke, slow run-off.
    private func plethValue(at position: Int) -> Int32 {
        var low = 0
        var high = pulseOnsets.count
        while low < high {
            let mid = (low + high) / 2
            if pulseOnsets[mid] <= position { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return 300 }
        let since = Double(position - pulseOnsets[low - 1]) / 360
        let wave = since < 0.12 ? sin(since / 0.12 * .pi / 2) : exp(-(since - 0.12) * 3.5)
        return Int32(300 + 700 * wave)
    }
}
