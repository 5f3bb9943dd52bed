// Realistic inputs for the decoder benchmarks, built once per process outside the measured loops.
// Every fixture is checked once (`Fixtures.check()`, run from each benchmark's setup) so that a
// benchmark never silently measures an error path.

import Crypto
import DeviceCodecs
import Foundation
import GatewayModel
import LocalLab
import Wire

enum Fixtures {
    /// The "now" every decoder is handed; the inputs carry device times around it.
    static let nowUnixMs: Int64 = 1_764_374_400_000  // 2025-11-29 00:00:00 UTC

    /// Frames (messages, lines, notifications) per measured iteration of the per-frame benchmarks;
    /// matches `BenchmarkScalingFactor.kilo`.
    static let framesPerIteration = 1_000

    // MARK: - SenML

    /// A bedside monitor's pack of six vitals, as the demo ward's monitors publish it (base name and
    /// base time on the first record). 300 bytes or so.
    static let senmlPack: Data = {
        let records: [(String, String, Double)] = [
            ("hr", "beat/min", 74), ("spo2", "%", 97), ("rr", "/min", 15),
            ("temp", "Cel", 36.8), ("sys", "mm[Hg]", 123), ("dia", "mm[Hg]", 79),
        ]
        let time = String(format: "%.3f", Double(nowUnixMs) / 1000 - 0.25)
        let body = records.enumerated().map { index, record in
            let base = index == 0 ? "\"bn\":\"urn:dev:mac:0024befffe804ff1:\",\"bt\":\(time)," : ""
            return "{\(base)\"n\":\"\(record.0)\",\"u\":\"\(record.1)\",\"v\":\(record.2)}"
        }
        return Data("[\(body.joined(separator: ","))]".utf8)
    }()

    /// One reading per message, as `vitalgate simulate` publishes it.
    static let senmlSingle: Data = {
        let time = String(format: "%.3f", Double(nowUnixMs) / 1000)
        return Data("[{\"bn\":\"urn:dev:load:dev17:\",\"bt\":\(time),\"n\":\"hr\",\"u\":\"beat/min\",\"v\":72}]".utf8)
    }()

    // MARK: - Masimo

    /// One Radical-7 line (the shape `LocalLab.MasimoLine` prints), CR LF ended.
    static let masimoLine: [UInt8] = Array(
        "11/29/25 00:00:01 SN=0000123456 SPO2=097% BPM=072 PI=03.41% SPCO=01.0% SPMET=00.6% DESAT=00 PIDELTA=+00 PVI=014 ALARM=0000 EXC=000000\r\n"
            .utf8)

    // MARK: - Nonin format #2

    static let noninFramesPerPacket = 25
    static let noninPackets = framesPerIteration / noninFramesPerPacket  // 40 packets, 13.3 s of data
    static let serialChunkBytes = 4096

    /// 1,000 frames (5,000 bytes) of one continuous stream, cut into 4 KiB reads like a serial port
    /// buffer delivers them (so one read ends mid-frame).
    static let noninStream: [UInt8] = (0..<noninPackets).flatMap { packet in
        [UInt8](NoninFrames.packet(heartRate: 70 + packet % 7, spo2: 96 + packet % 3, phase: packet))
    }
    static let noninChunks: [[UInt8]] = chunks(of: noninStream, size: serialChunkBytes)

    // MARK: - COBS waveform (2-lead ECG front end, cobs-ecg-2lead profile)

    static let cobsChannels = ["ecg-i", "ecg-ii"]
    static let cobsSamplesPerChannel = 25
    static let ecgRateHz = 500.0

    /// 1,000 consecutive frames (sequence 0…999): `seq u16 LE`, 25 interleaved int16 LE sample pairs,
    /// CRC-16/CCITT-FALSE LE; COBS-encoded and 0x00-delimited. The samples are a synthetic ECG
    /// (baseline wander, QRS spikes at 72 /min, noise) in 2.5 µV counts, so zero bytes occur as in
    /// real data and COBS has work to do.
    static let cobsStream: [UInt8] = {
        var random = SplitMix(seed: 42)
        var stream: [UInt8] = []
        var sampleIndex = 0
        for sequence in 0..<framesPerIteration {
            var frame: [UInt8] = [UInt8(sequence & 0xFF), UInt8(sequence >> 8)]
            for _ in 0..<cobsSamplesPerChannel {
                let lead1 = ecg(sampleIndex, lead: 0, noise: &random)
                let lead2 = ecg(sampleIndex, lead: 1, noise: &random)
                for sample in [lead1, lead2] {
                    let raw = UInt16(bitPattern: sample)
                    frame += [UInt8(raw & 0xFF), UInt8(raw >> 8)]
                }
                sampleIndex += 1
            }
            let crc = CRC16CCITTFalse.checksum(frame)
            frame += [UInt8(crc & 0xFF), UInt8(crc >> 8)]
            stream += COBS.encode(frame)
            stream.append(0)
        }
        return stream
    }()
    static let cobsChunks: [[UInt8]] = chunks(of: cobsStream, size: serialChunkBytes)

    /// A rough ECG in counts of 2.5 µV: ±0.1 mV wander, a 1.2 mV (lead I) / 1.6 mV (lead II) QRS.
    static func ecg(_ index: Int, lead: Int, noise random: inout SplitMix) -> Int16 {
        let t = Double(index) / ecgRateHz
        let beat = t.truncatingRemainder(dividingBy: 60.0 / 72)
        let qrs = exp(-pow((beat - 0.2) / 0.012, 2)) * (lead == 0 ? 480 : 640)
        let t_wave = exp(-pow((beat - 0.45) / 0.05, 2)) * (lead == 0 ? 100 : 140)
        let wander = 40 * sin(2 * Double.pi * 0.3 * t)
        let noise = (random.unit() - 0.5) * 12
        return Int16((qrs + t_wave + wander + noise).rounded())
    }

    // MARK: - BLE GATT

    /// 0x2A37 Heart Rate Measurement: flags 0x16 (u8 rate, contact detected, RR present), 72 /min,
    /// two RR intervals of 1/1024 s (what a chest strap sends once a second).
    static let heartRateWithRR: [UInt8] = [0x16, 72, 0x55, 0x03, 0x48, 0x03]

    /// 0x2A5F PLX Continuous Measurement: flags 0x1C (measurement status, device and sensor status,
    /// pulse amplitude index), SpO2 97 %, PR 72 /min, PAI 3.4 % — all IEEE 11073 SFLOAT.
    static let plxContinuous: [UInt8] = {
        var bytes: [UInt8] = [0x1C]
        bytes += sfloat(mantissa: 97, exponent: 0)  // SpO2
        bytes += sfloat(mantissa: 72, exponent: 0)  // pulse rate
        bytes += [0x00, 0x00]  // measurement status: nothing set
        bytes += [0x00, 0x00, 0x00]  // device and sensor status: nothing set
        bytes += sfloat(mantissa: 34, exponent: -1)  // PAI
        return bytes
    }()

    static func sfloat(mantissa: Int, exponent: Int) -> [UInt8] {
        let raw = UInt16((exponent & 0x0F) << 12) | UInt16(mantissa & 0x0FFF)
        return [UInt8(raw & 0xFF), UInt8(raw >> 8)]
    }

    // MARK: - Wire

    static let ecgDevice = DeviceInfo(id: "ecg-bed3", profile: "cobs-ecg-2lead", patient: "patient-0003", bed: "bed-3")
    static let ecgChannels = [
        ChannelDescriptor(name: "ecg-i", code: ChannelCode(mdc: 131_329, display: "ECG lead I"), unit: "mV"),
        ChannelDescriptor(name: "ecg-ii", code: ChannelCode(mdc: 131_330, display: "ECG lead II"), unit: "mV"),
    ]

    /// One second of the `wave` lane from the 2-lead ECG front end: 20 frames × 2 leads, 25 samples
    /// each (500 Hz), as the batcher collects the decoder's chunks — 1,000 samples in 40 chunks.
    static let ecgSecond: BatchContent = {
        var random = SplitMix(seed: 7)
        let periodNs = Int64(1_000_000_000 / ecgRateHz)
        let startNs = nowUnixMs * 1_000_000
        var chunks: [WaveformChunk] = []
        for frame in 0..<20 {
            for (lead, channel) in ecgChannels.enumerated() {
                let first = frame * cobsSamplesPerChannel
                let samples = (first..<(first + cobsSamplesPerChannel)).map { Int32(ecg($0, lead: lead, noise: &random)) }
                chunks.append(
                    WaveformChunk(
                        device: ecgDevice.id, channel: channel, startUnixNs: startNs + Int64(first) * periodNs,
                        periodNs: periodNs, scale: 0.0025, offset: 0, samples: samples))
            }
        }
        return BatchContent(devices: [ecgDevice], waveforms: chunks)
    }()

    static let ecgSamplesPerSecond = 1_000

    /// A `vital` batch of about 16 KiB once encoded: 50 SenML beds × 6 vitals × ~3 s (the size the
    /// demo's vital lane reaches), encoded once here so that `seal` alone is measured.
    static let sixteenKiBPlaintext: Data = {
        let names = ["hr", "spo2", "rr", "temp", "sys", "dia"]
        let devices = (1...50).map { DeviceInfo(id: "bed\($0)-monitor", profile: "senml-vitals", bed: "bed-\($0)") }
        var content = BatchContent(devices: devices)
        var random = SplitMix(seed: 3)
        var step = 0
        while true {
            for device in devices {
                for name in names {
                    content.measurements.append(
                        Measurement(
                            device: device.id, channel: ChannelDescriptor(name: name, unit: "1"),
                            timeUnixMs: nowUnixMs + Int64(step * 1000) + Int64(random.next() % 1000),
                            value: (random.unit() * 100).rounded() / 10))
                    let encoded = BatchCodec.encode(content)
                    if encoded.count >= 16 * 1024 { return encoded }
                }
            }
            step += 1
        }
    }()

    static let sealHeader = BatchHeader(gatewayID: "gw-ward-3", seq: 1, lane: .vital, createdUnixMs: nowUnixMs)

    /// Fresh X25519 keys held in memory: the gateway's and the platform's.
    static let sealer: Sealer = {
        let gateway = Curve25519.KeyAgreement.PrivateKey()
        let platform = Curve25519.KeyAgreement.PrivateKey()
        return Sealer(gatewayID: sealHeader.gatewayID, gatewayKey: gateway, recipientKey: platform.publicKey)
    }()

    // MARK: - Helpers

    static func chunks(of bytes: [UInt8], size: Int) -> [[UInt8]] {
        stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
    }

    /// Builds every fixture and decodes each once, stopping the run if an input does not decode
    /// cleanly to what the benchmark claims to measure.
    static func check() throws {
        func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
            if !condition { throw FixtureError(message: message()) }
        }

        let pack = try SenMLDecoder.decode(senmlPack, nowUnixMs: nowUnixMs)
        try require(pack.count == 6, "SenML pack decoded to \(pack.count) values, expected 6")
        let single = try SenMLDecoder.decode(senmlSingle, nowUnixMs: nowUnixMs)
        try require(single.count == 1, "SenML single decoded to \(single.count) values, expected 1")

        var masimo = MasimoASCIIDecoder()
        let line = masimo.decode(masimoLine, nowUnixMs: nowUnixMs)
        try require(line.frames == 1 && line.errors.isEmpty && line.values.count == 8, "Masimo line: \(line)")

        var nonin = NoninFormat2Decoder()
        var noninBatch = DecodedBatch()
        for chunk in noninChunks { noninBatch.merge(nonin.decode(chunk, nowUnixMs: nowUnixMs)) }
        try require(noninStream.count == 5 * framesPerIteration, "Nonin stream is \(noninStream.count) bytes")
        try require(
            noninBatch.frames == framesPerIteration && noninBatch.errors.isEmpty && noninBatch.waveforms.count == noninPackets,
            "Nonin: \(noninBatch.frames) frames, \(noninBatch.errors.count) errors, \(noninBatch.waveforms.count) packets")

        var cobs = COBSWaveformDecoder(sampleFormat: .int16, channels: cobsChannels, sampleRateHz: ecgRateHz)
        var cobsBatch = DecodedBatch()
        for chunk in cobsChunks { cobsBatch.merge(cobs.decode(chunk, nowUnixMs: nowUnixMs)) }
        try require(
            cobsBatch.frames == framesPerIteration && cobsBatch.errors.isEmpty && cobsBatch.lostFrames == 0
                && cobsBatch.waveforms.count == 2 * framesPerIteration,
            "COBS: \(cobsBatch.frames) frames, \(cobsBatch.errors.count) errors, \(cobsBatch.lostFrames) lost")

        let hr = try GATTHealthDecoder.decode(uuid: 0x2A37, bytes: heartRateWithRR, nowUnixMs: nowUnixMs)
        try require(hr.values.count == 3, "0x2A37 decoded to \(hr.values.count) values, expected hr + 2 RR")
        let plx = try GATTHealthDecoder.decode(uuid: 0x2A5F, bytes: plxContinuous, nowUnixMs: nowUnixMs)
        try require(plx.values.count == 3, "0x2A5F decoded to \(plx.values.count) values, expected spo2, pr, pai")

        try require(ecgSecond.readingCount == ecgSamplesPerSecond, "ECG second has \(ecgSecond.readingCount) samples")
        try require(BatchCodec.decode(BatchCodec.encode(ecgSecond)) == ecgSecond, "ECG batch does not round-trip")

        try require(sixteenKiBPlaintext.count >= 16 * 1024, "plaintext is \(sixteenKiBPlaintext.count) bytes")
        _ = try sealer.seal(plaintext: sixteenKiBPlaintext, header: sealHeader)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { "benchmark fixture is wrong: \(message)" }
}

/// SplitMix64, the demo ward's generator: deterministic inputs from run to run.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
