import DeviceCodecs
import FuzzSupport

private let channelNames = ["ecg-i", "ecg-ii", "ecg-iii", "pleth"]

/// Input: one byte picks the sample format (bit 0), channel count (bits 1-2) and a small maximum frame
/// length (bit 3, to reach the overlong-frame path); one byte the chunk cut; the rest is the stream.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(start, count)
    let selector = Int(input.byte())
    let format = COBSWaveformDecoder.SampleFormat.allCases[selector & 1]
    let channels = Array(channelNames.prefix(1 + (selector >> 1) & 3))
    let maxFrameBytes = selector & 8 == 0 ? 8192 : 64
    let split = input.byte()
    let rest = input.rest
    let decoder = COBSWaveformDecoder(sampleFormat: format, channels: channels, sampleRateHz: 500, maxFrameBytes: maxFrameBytes)
    StreamCheck.run(decoder, rest, split: split, "COBS \(format) x\(channels.count)")

    // The framing on its own: any bytes decode or are refused, and encoding round-trips.
    _ = COBS.decode(rest)
    let encoded = COBS.encode(rest)
    if encoded.contains(0) { fatalError("COBS.encode left a zero byte in \(rest)") }
    if COBS.decode(encoded) != rest { fatalError("COBS round trip changed \(rest)") }
    return 0
}
