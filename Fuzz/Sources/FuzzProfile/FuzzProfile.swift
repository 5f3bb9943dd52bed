import Foundation
import FuzzSupport
import Gateway

/// A device profile as text (the loader's in-memory entry, which `vitalgate profile validate` uses on
/// stdin): parsed and checked, or refused with a ConfigError at a position.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    // The file loader reads UTF-8 and refuses anything else; the fuzzer's bytes are repaired instead, so
    // every mutation reaches the YAML parser.
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    guard let profile = try? DeviceProfile.parse(text: text, file: "fuzz.yaml") else { return 0 }
    checkDecoderCanBeBuilt(profile)
    return 0
}

/// A profile the loader accepts must give a decoder the gateway can build when the device starts. The
/// builder (StreamDecoders.make) is internal, so its preconditions are restated here: the COBS decoder's
/// (channels, rate) and the CSV column map's, built with Dictionary(uniqueKeysWithValues:), which traps
/// on two sources naming the same column ("1" and "01").
private func checkDecoderCanBeBuilt(_ profile: DeviceProfile) {
    switch profile.decoder {
    case let .cobsWaveform(_, channels, rate):
        if channels.isEmpty || !(rate.isFinite && rate > 0) { fatalError("profile accepted with COBS channels \(channels), rate \(rate)") }
    case .lines(.csv):
        var columns: [Int: String] = [:]
        for source in profile.channels.map(\.source) {
            guard let column = Int(source) else { continue }
            if let other = columns.updateValue(source, forKey: column) {
                fatalError("profile accepted with CSV sources '\(other)' and '\(source)' both column \(column): StreamDecoders.make traps")
            }
        }
    default:
        break
    }
}
