import ArgumentParser
import Foundation
import Gateway
import GatewayModel
import YAMLConfig

/// `vitalgate profile validate`.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile", abstract: "Device profile tools.", subcommands: [Validate.self, Decode.self]
    )

    /// Validates device profile files.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate device profile files.")

        @Argument(help: "Profile files (YAML).")
        var files: [String]

        func run() throws {
            var errors: [ConfigError] = []
            for file in files {
                do {
                    let profile = try DeviceProfile.load(path: file)
                    print("\(file): ok: \(profile.name), \(profile.channels.count) channel(s), lane \(profile.lane.rawValue)")
                } catch {
                    errors.append(error)
                }
            }
            if !errors.isEmpty { throw exitForBadInput(ConfigErrors(errors)) }
        }
    }
}

extension ProfileCommand {
    /// Decodes a device capture with a profile and prints the measurements, one JSON line each.
    struct Decode: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decode a device capture (file or stdin) with a profile; one JSON line per measurement.",
            discussion: "Serial profiles read the capture as one byte stream; MQTT and BLE profiles read one message per line (--hex) or the whole file as one message. A summary goes to stderr."
        )

        @Option(help: "Profile name (looked up in --profiles) or path to a profile file.")
        var profile: String

        @Option(help: "Folders with profiles, searched in order.")
        var profiles: [String] = ["DeviceProfiles", "/usr/share/vitalgate/profiles", "/etc/vitalgate/profiles.d"]

        @Flag(help: "The capture is hex text, one frame or message per line.")
        var hex = false

        @Option(help: "Topic the messages came on (BLE bridges name the characteristic there, e.g. ble/aa:bb:cc:dd:ee:ff/2a37).")
        var topic: String = "capture"

        @Argument(help: "Capture file; standard input when absent.")
        var file: String?

        func run() throws {
            let deviceProfile = try loadProfile()
            let input: Data
            if let file {
                guard let data = FileManager.default.contents(atPath: file) else { throw exitForBadInput("\(file): error: cannot read the capture") }
                input = data
            } else {
                input = FileHandle.standardInput.readDataToEndOfFile()
            }
            var decoder = CaptureDecoder(profile: deviceProfile, topic: topic)
            for (index, chunk) in try chunks(of: input, streaming: decoder.readsByteStream).enumerated() {
                decoder.feed(chunk, nowUnixMs: WallClock.nowUnixMs())
                if index % 64 == 0 { emit(decoder.take()) }
            }
            let result = decoder.take()
            emit(result)
            let summary = "\(result.frames) frame(s), \(result.errors.count) error(s), \(result.lostFrames) lost, \(result.unmapped) unmapped value(s)"
            FileHandle.standardError.write(Data("profile decode: \(deviceProfile.name): \(summary)\n".utf8))
            for error in result.errors.prefix(10) { FileHandle.standardError.write(Data("  error: \(error.message)\n".utf8)) }
        }

        private func loadProfile() throws -> DeviceProfile {
            if profile.hasSuffix(".yaml") || profile.hasSuffix(".yml") || profile.contains("/") {
                do { return try DeviceProfile.load(path: profile) } catch { throw exitForBadInput(error) }
            }
            let catalog = ProfileCatalog.load(directories: profiles)
            guard let found = catalog.profiles[profile] else {
                let known = catalog.profiles.keys.sorted().joined(separator: ", ")
                throw exitForBadInput("error: unknown profile '\(profile)' (known: \(known.isEmpty ? "none; pass --profiles DIR" : known))")
            }
            return found
        }

        /// Hex: one chunk per line. Binary: the whole stream for serial decoders, else one message.
        private func chunks(of input: Data, streaming: Bool) throws -> [[UInt8]] {
            guard hex else {
                if streaming { return stride(from: 0, to: input.count, by: 4096).map { Array(input[$0..<min($0 + 4096, input.count)]) } }
                let text = String(decoding: input, as: UTF8.self)
                let lines = text.split(whereSeparator: \.isNewline).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                return lines.count > 1 ? lines.map { Array($0.utf8) } : [Array(input)]
            }
            var result: [[UInt8]] = []
            for (number, line) in String(decoding: input, as: UTF8.self).split(whereSeparator: \.isNewline).enumerated() {
                let digits = line.filter { !$0.isWhitespace }
                guard !digits.isEmpty else { continue }
                guard digits.count % 2 == 0, let bytes = Self.bytes(fromHex: digits) else {
                    throw exitForBadInput("\(file ?? "stdin"):\(number + 1):1: error: not a hex frame")
                }
                result.append(bytes)
            }
            return result
        }

        private static func bytes(fromHex text: String) -> [UInt8]? {
            var bytes: [UInt8] = []
            var index = text.startIndex
            while index < text.endIndex {
                let next = text.index(index, offsetBy: 2)
                guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
                bytes.append(byte)
                index = next
            }
            return bytes
        }

        private func emit(_ result: CaptureDecoder.Result) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for measurement in result.measurements {
                if let data = try? encoder.encode(MeasurementLine(measurement)) { print(String(decoding: data, as: UTF8.self)) }
            }
            for chunk in result.waveforms {
                if let data = try? encoder.encode(WaveformLine(chunk)) { print(String(decoding: data, as: UTF8.self)) }
            }
            for condition in result.conditions where condition.active {
                print("{\"condition\":\"\(condition.code)\",\"time\":\(condition.timeUnixMs)}")
            }
        }
    }
}

/// One decoded measurement as `profile decode` prints it.
private struct MeasurementLine: Encodable {
    struct Code: Encodable {
        var loinc: String?
        var mdc: UInt32?
    }

    var channel: String
    var value: Double?
    var absent: String?
    var unit: String
    var code: Code
    var time: Int64
    var status: [String]

    init(_ measurement: GatewayModel.Measurement) {
        channel = measurement.channel.name
        value = measurement.value
        absent = measurement.value == nil ? (measurement.absentReason ?? "unknown") : nil
        unit = measurement.channel.unit
        code = Code(loinc: measurement.channel.code.loinc, mdc: measurement.channel.code.mdc)
        time = measurement.timeUnixMs
        status = StatusNames.names(measurement.status)
    }
}

/// One decoded waveform chunk as `profile decode` prints it (a summary, not every sample).
private struct WaveformLine: Encodable {
    var waveform: String
    var unit: String
    var mdc: UInt32?
    var start: Int64
    var periodNs: Int64
    var samples: Int
    var first: [Int32]

    init(_ chunk: WaveformChunk) {
        waveform = chunk.channel.name
        unit = chunk.channel.unit
        mdc = chunk.channel.code.mdc
        start = chunk.startUnixNs / 1_000_000
        periodNs = chunk.periodNs
        samples = chunk.samples.count
        first = Array(chunk.samples.prefix(8))
    }
}

/// Human names of measurement status flags.
private enum StatusNames {
    static let all: [(MeasurementStatus, String)] = [
        (.questionable, "questionable"), (.invalid, "invalid"), (.demonstration, "demonstration"), (.testing, "testing"),
        (.sensorProblem, "sensor-problem"), (.lowPerfusion, "low-perfusion"), (.artifact, "artifact"), (.gatewayTime, "gateway-time"),
    ]

    static func names(_ status: MeasurementStatus) -> [String] { all.filter { status.contains($0.0) }.map(\.1) }
}
