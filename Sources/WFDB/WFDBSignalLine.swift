/// Parses one signal line: `file format[xN][:skew][+offset] gain[(baseline)][/units] res zero init checksum block description`.
enum WFDBSignalLine {
    /// Bounds that keep frame and byte arithmetic far from overflow on hostile headers.
    static let maxSamplesPerFrame = 1 << 16
    static let maxSkew = 1 << 30
    static let maxByteOffset = 1 << 48

    private struct Gain {
        var gain = 200.0
        var baseline: Int?
        var units = "mV"
    }

    static func parse(_ text: Substring, line: Int) throws(WFDBError) -> WFDBSignalSpec {
        let (fields, rest) = text.fields(upTo: 8)
        guard fields.count >= 2 else { throw bad(line, "signal line needs a file name and a format") }
        let gain = try fields.count > 2 ? parseGain(fields[2], line: line) : Gain()
        let resolution = try fields.count > 3 ? integer(fields[3], "ADC resolution", 0...64, line) : 0
        let zero = try fields.count > 4 ? integer(fields[4], "ADC zero", Int(Int32.min)...Int(Int32.max), line) : 0
        var spec = try WFDBSignalSpec(
            fileName: String(fields[0]), format: 0, adcGain: gain.gain, baseline: gain.baseline, units: gain.units,
            adcResolution: resolution == 0 ? 12 : resolution, adcZero: zero,
            initialValue: fields.count > 5 ? integer(fields[5], "initial value", Int(Int32.min)...Int(Int32.max), line) : nil,
            checksum: fields.count > 6 ? Int16(truncatingIfNeeded: integer(fields[6], "checksum", -32768...65535, line)) : nil,
            blockSize: fields.count > 7 ? integer(fields[7], "block size", 0...Int(Int32.max), line) : 0,
            label: String(rest.trimmingBlanks())
        )
        try parseFormat(fields[1], into: &spec, line: line)
        return spec
    }

    private static func parseFormat(_ field: Substring, into spec: inout WFDBSignalSpec, line: Int) throws(WFDBError) {
        var scanner = FieldScanner(field)
        guard let format = scanner.integer(), format >= 0 else { throw bad(line, "format '\(field)' is not a number") }
        spec.format = format
        if scanner.skip("x") { spec.samplesPerFrame = try suffix(&scanner, field, "samples per frame", 1...maxSamplesPerFrame, line) }
        if scanner.skip(":") { spec.skew = try suffix(&scanner, field, "skew", 0...maxSkew, line) }
        if scanner.skip("+") { spec.byteOffset = try suffix(&scanner, field, "byte offset", 0...maxByteOffset, line) }
        guard scanner.atEnd else { throw bad(line, "format field '\(field)' is malformed") }
    }

    private static func parseGain(_ field: Substring, line: Int) throws(WFDBError) -> Gain {
        var scanner = FieldScanner(field)
        var result = Gain()
        guard let gain = scanner.number(), gain.isFinite else { throw bad(line, "ADC gain '\(field)' is not a number") }
        // The spec treats a zero gain as "uncalibrated, assume 200".
        result.gain = gain == 0 ? 200 : gain
        if scanner.skip("(") {
            guard let baseline = scanner.integer(), scanner.skip(")") else { throw bad(line, "baseline in '\(field)' is malformed") }
            result.baseline = baseline
        }
        if scanner.skip("/") { result.units = String(scanner.rest()) }
        guard scanner.atEnd else { throw bad(line, "ADC gain field '\(field)' is malformed") }
        return result
    }

    private static func suffix(
        _ scanner: inout FieldScanner, _ field: Substring, _ what: String, _ range: ClosedRange<Int>, _ line: Int
    ) throws(WFDBError) -> Int {
        guard let value = scanner.integer(), range.contains(value) else {
            throw bad(line, "\(what) in '\(field)' is not a number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    private static func integer(_ field: Substring, _ what: String, _ range: ClosedRange<Int>, _ line: Int) throws(WFDBError) -> Int {
        guard let value = Int(field), range.contains(value) else {
            throw bad(line, "\(what) '\(field)' is not a number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    private static func bad(_ line: Int, _ reason: String) -> WFDBError {
        .malformedHeader(line: line, reason: reason)
    }
}
