import Foundation
import GatewayModel

/// Sample readings shared by the tests: several devices and channels, every optional both ways.
enum Fixtures {
    static let spo2 = ChannelDescriptor(
        name: "spo2", code: ChannelCode(mdc: 150_456, loinc: "59408-5", display: "SpO2"), unit: "%")
    static let pulse = ChannelDescriptor(name: "pulse", code: ChannelCode(mdc: 149_530), unit: "/min")
    static let ecg = ChannelDescriptor(
        name: "ecg_ii", code: ChannelCode(mdc: 131_330, display: "ECG lead II"), unit: "mV")
    static let pleth = ChannelDescriptor(name: "pleth")
    /// Same name as `pulse` but another unit: a distinct channel that must not be merged with it.
    static let pulseOtherUnit = ChannelDescriptor(name: "pulse", code: ChannelCode(mdc: 149_530), unit: "Hz")
    /// Empty strings that must stay empty strings, not turn into nil.
    static let emptyCodes = ChannelDescriptor(name: "", code: ChannelCode(mdc: 0, loinc: "", display: ""), unit: "")

    static let t0: Int64 = 1_764_300_000_000

    static var content: BatchContent {
        BatchContent(
            devices: [
                DeviceInfo(id: "bed12-spo2", profile: "masimo-radical7", patient: "p-7f3a", bed: "12"),
                DeviceInfo(id: "bed14", profile: "senml-vitals"),
                DeviceInfo(id: "bed15", profile: "", patient: "", bed: nil),
            ],
            measurements: [
                Measurement(device: "bed12-spo2", channel: spo2, timeUnixMs: t0 + 1_000, value: 97),
                Measurement(device: "bed12-spo2", channel: pulse, timeUnixMs: t0 + 1_000, value: 72.5,
                            status: [.questionable, .lowPerfusion]),
                Measurement(device: "bed12-spo2", channel: spo2, timeUnixMs: t0 + 2_000, value: nil,
                            status: [.sensorProblem], absentReason: "error"),
                Measurement(device: "bed14", channel: pulseOtherUnit, timeUnixMs: t0 - 5, value: 1.2,
                            status: [.demonstration, .testing, .gatewayTime]),
                Measurement(device: "bed14", channel: emptyCodes, timeUnixMs: t0, value: nil),
                Measurement(device: "bed15", channel: spo2, timeUnixMs: t0 + 3, value: -0.0, absentReason: ""),
                Measurement(device: "bed15", channel: pulse, timeUnixMs: t0, value: .infinity,
                            status: MeasurementStatus(rawValue: 0xFFFF_FFFF)),
                // A device the batch has no record for: readings may still name it.
                Measurement(device: "unlisted-dev", channel: pulse, timeUnixMs: t0 + 7, value: 60),
            ],
            waveforms: [
                WaveformChunk(device: "bed12-spo2", channel: pleth, startUnixNs: t0 * 1_000_000, periodNs: 8_000_000,
                              scale: 1, offset: 0, samples: [100, 101, 103, 99, 0, -5, 2_000]),
                WaveformChunk(device: "bed14", channel: ecg, startUnixNs: t0 * 1_000_000 + 123, periodNs: 2_000_000,
                              scale: 0.005, offset: -10.24,
                              samples: [Int32.max, Int32.min, 0, Int32.min, Int32.max, -1, 1, 1_000_000, -1_000_000]),
                WaveformChunk(device: "bed14", channel: ecg, startUnixNs: -1, periodNs: 0, samples: []),
                WaveformChunk(device: "bed14", channel: ecg, startUnixNs: 0, periodNs: 4_000_000, samples: [-7]),
            ],
            events: [
                Event(id: "a1", kind: .raised, device: "bed12-spo2", channel: spo2, rule: "spo2-low",
                      priority: .high, timeUnixMs: t0 + 1_500, value: 84, message: "SpO2 84 % below 90 %"),
                Event(id: "a1", kind: .cleared, device: "bed12-spo2", channel: spo2, rule: "spo2-low",
                      priority: .high, timeUnixMs: t0 + 9_500, value: nil, message: ""),
                Event(id: "a2", kind: .raised, device: "bed14", channel: pulse, rule: "hr-high",
                      priority: .medium, timeUnixMs: t0 - 100, value: 151, message: "HR 151"),
                Event(id: "a3", kind: .raised, device: "other-unlisted", channel: ecg, rule: "lead-off",
                      priority: .low, timeUnixMs: t0, value: nil, message: "leads off"),
            ])
    }

    static func header(gatewayID: String = "ward3-gw01", seq: UInt64 = 42, lane: Lane = .vital) -> BatchHeader {
        BatchHeader(gatewayID: gatewayID, seq: seq, lane: lane, createdUnixMs: t0 + 10_000)
    }

    static func hex(_ string: String) -> Data {
        var data = Data()
        var index = string.startIndex
        while index < string.endIndex {
            let next = string.index(index, offsetBy: 2)
            data.append(UInt8(string[index..<next], radix: 16)!)
            index = next
        }
        return data
    }
}
