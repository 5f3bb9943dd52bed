import Foundation
import GatewayModel

/// Decodes SenML JSON packs (RFC 8428): base fields, relative times, numeric values.
public enum SenMLDecoder {
    /// Times below 2^28 seconds are relative to "now" (RFC 8428 §4.5.3).
    static let relativeTimeLimit = Double(1 << 28)
    /// One decoder for every message: making one per message costs more than decoding a small pack.
    private static let decoder = JSONDecoder()

    /// Returns the numeric records of `payload`; string, boolean and data values are skipped.
    public static func decode(_ payload: Data, nowUnixMs: Int64) throws(DecodeError) -> [DecodedValue] {
        if let records = SenMLScanner.records(in: payload) { return try values(of: records, nowUnixMs: nowUnixMs) }
        return try decodeWithFoundation(payload, nowUnixMs: nowUnixMs)
    }

    /// `decode` with Foundation's `JSONDecoder` alone, never the scanner: the reference the scanner must match.
    public static func decodeWithFoundation(_ payload: Data, nowUnixMs: Int64) throws(DecodeError) -> [DecodedValue] {
        try values(of: foundationRecords(payload), nowUnixMs: nowUnixMs)
    }

    private static func values(of records: [SenMLRecord], nowUnixMs: Int64) throws(DecodeError) -> [DecodedValue] {
        var baseName = ""
        var baseTime = 0.0
        var baseUnit: String?
        var baseValue = 0.0
        var values: [DecodedValue] = []
        values.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            if let bn = record.bn { baseName = bn }
            if let bt = record.bt { baseTime = bt }
            if let bu = record.bu { baseUnit = bu }
            if let bv = record.bv { baseValue = bv }
            guard record.v != nil || record.vs != nil || record.vb != nil || record.vd != nil || record.s != nil else { continue }
            let name = baseName + (record.n ?? "")
            guard !name.isEmpty else { throw DecodeError("record \(index) has no name (neither bn nor n)") }
            guard let v = record.v else { continue }
            let time = baseTime + (record.t ?? 0)
            guard time.isFinite, (baseValue + v).isFinite else { throw DecodeError("record \(index) ('\(name)') has a non-finite number") }
            var status: MeasurementStatus = []
            let unixMs: Int64
            if abs(time) < relativeTimeLimit {
                unixMs = nowUnixMs + Int64((time * 1000).rounded())
                status.insert(.gatewayTime)
            } else {
                // Absolute times from 1978 (2^28 s) to the year 5138; anything else is a device fault.
                guard time > 0, time < 1e11 else { throw DecodeError("record \(index) ('\(name)') has time \(time) out of range") }
                unixMs = Int64((time * 1000).rounded())
            }
            values.append(DecodedValue(name: name, timeUnixMs: unixMs, value: baseValue + v, unit: record.u ?? baseUnit, status: status))
        }
        return values
    }

    /// The records as Foundation's `JSONDecoder` reads them: packs outside the scanner's subset, and every malformed one.
    @_spi(Testing) public static func foundationRecords(_ payload: Data) throws(DecodeError) -> [SenMLRecord] {
        do {
            return try decoder.decode([SenMLRecord].self, from: payload)
        } catch {
            throw DecodeError("not a SenML JSON pack: \(describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
            let DecodingError.keyNotFound(_, context), let DecodingError.dataCorrupted(context):
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
