import DeviceCodecs

/// Builds the byte-stream decoder a serial profile names, with the profile's options.
enum StreamDecoders {
    static func make(for profile: DeviceProfile) -> any ByteStreamDecoder {
        // A channel's source is what the decoder calls the value; for lines it is the column or key.
        let sources = profile.channels.map(\.source)
        switch profile.decoder {
        case let .masimoASCII(order):
            return MasimoASCIIDecoder(dateOrder: MasimoASCIIDecoder.DateOrder(rawValue: order) ?? .monthDayYear)
        case .nonin(2):
            return NoninFormat2Decoder()
        case .nonin(7):
            return NoninFormat7Decoder()
        case .nonin:
            return NoninFormat8Decoder()
        case let .lines(.csv(separator, timeColumn)):
            // The loader refuses two channels on one column; should one slip through, the first wins, never a trap.
            let columns = Dictionary(sources.compactMap { source in Int(source).map { ($0, source) } }, uniquingKeysWith: { first, _ in first })
            return LineMappingDecoder(format: .csv(separator: separator, columns: columns, timeColumn: timeColumn))
        case let .lines(.keyValue(separator, pairSeparator, timeKey)):
            let keys = Dictionary(sources.map { ($0, $0) }, uniquingKeysWith: { first, _ in first })
            return LineMappingDecoder(format: .keyValue(separator: separator, pairSeparator: pairSeparator, keys: keys, timeKey: timeKey))
        case let .cobsWaveform(bits, channels, rate):
            return COBSWaveformDecoder(sampleFormat: bits == 24 ? .int24 : .int16, channels: channels, sampleRateHz: rate)
        case .senml, .jsonMap, .bleGATT:
            // Message decoders never reach here: profile loading pairs them with MQTT transports.
            return MasimoASCIIDecoder()
        }
    }
}
