extension WFDBSignalReader {
    /// Gathers signals by file name, in header order, checking each group is decodable.
    static func groups(
        of signals: [WFDBSignalSpec], open: (String) throws(WFDBError) -> WFDBByteSource
    ) throws(WFDBError) -> [WFDBSignalGroup] {
        var order: [String] = []
        var members: [String: [Int]] = [:]
        for (index, spec) in signals.enumerated() {
            if members[spec.fileName] == nil { order.append(spec.fileName) }
            members[spec.fileName, default: []].append(index)
        }
        var groups: [WFDBSignalGroup] = []
        for name in order {
            groups.append(try group(members[name] ?? [], of: signals, source: open(name)))
        }
        return groups
    }

    private static func group(
        _ indices: [Int], of signals: [WFDBSignalSpec], source: @autoclosure () throws(WFDBError) -> WFDBByteSource
    ) throws(WFDBError) -> WFDBSignalGroup {
        let first = signals[indices[0]]
        guard first.fileName != "-", first.fileName != "~" else {
            throw .unsupportedRecord(reason: "signal file '\(first.fileName)' (standard input or null signal)")
        }
        guard let format = WFDBSampleFormat(rawValue: first.format) else {
            throw .unsupportedFormat(signal: indices[0], format: first.format)
        }
        var members: [WFDBSignalGroup.Member] = []
        var width = 0
        for index in indices {
            let spec = signals[index]
            guard spec.format == first.format else {
                throw .unsupportedRecord(reason: "signals of file \(spec.fileName) mix formats \(first.format) and \(spec.format)")
            }
            members.append(.init(signal: index, offsetInFrame: width, samplesPerFrame: spec.samplesPerFrame, skew: spec.skew))
            width += spec.samplesPerFrame
        }
        guard width <= WFDBSignalGroup.maxSamplesPerFrame else {
            throw .unsupportedRecord(reason: "\(width) samples per frame in \(first.fileName)")
        }
        return WFDBSignalGroup(
            source: try source(), format: format, members: members, samplesPerFrame: width, byteOffset: first.byteOffset
        )
    }
}
