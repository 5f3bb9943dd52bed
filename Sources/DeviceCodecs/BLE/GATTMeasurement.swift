import GatewayModel

/// Collects one measurement's values before its timestamp and status fields, which follow the
/// values on the wire, are known; then stamps every value with both, so a status bit such as
/// "demonstration data" can never miss a value decoded before it.
struct GATTMeasurement {
    private struct Pending {
        var name: String
        var value: Double?
        var reason: AbsentReason?
        var unit: String?
        var offsetMs: Int64
    }

    private var pending: [Pending] = []
    private var conditions: [(code: String, active: Bool)] = []
    var status: MeasurementStatus = []

    /// `offsetMs` places a value before the measurement time (RR intervals that ended earlier).
    mutating func add(_ name: String, _ reading: (value: Double?, reason: AbsentReason?), unit: String?, offsetMs: Int64 = 0) {
        pending.append(Pending(name: name, value: reading.value, reason: reading.reason, unit: unit, offsetMs: offsetMs))
    }

    mutating func add(_ name: String, _ value: Double, unit: String?, offsetMs: Int64 = 0) {
        add(name, (value, nil), unit: unit, offsetMs: offsetMs)
    }

    /// Clear states are reported too, so whoever tracks conditions sees them end.
    mutating func report(_ code: String, active: Bool) {
        conditions.append((code, active))
    }

    /// Applies a status field whose presence the flags announced: every listed bit reports its
    /// condition's state, and set bits add their quality flags.
    mutating func apply(_ bits: UInt32, _ table: [GATTStatusBit]) {
        for entry in table {
            let set = bits & (1 << UInt32(entry.bit)) != 0
            if let code = entry.condition { report(code, active: set) }
            if set { status.formUnion(entry.effect) }
        }
    }

    /// `timeUnixMs` nil means the device sent no usable time: the gateway's clock stands in, and says so.
    func batch(timeUnixMs: Int64?, nowUnixMs: Int64) -> DecodedBatch {
        var status = status
        if timeUnixMs == nil { status.insert(.gatewayTime) }
        let time = timeUnixMs ?? nowUnixMs
        return DecodedBatch(
            values: pending.map {
                DecodedValue(
                    name: $0.name, timeUnixMs: time + $0.offsetMs, value: $0.value, unit: $0.unit, status: status,
                    absentReason: $0.reason?.rawValue
                )
            },
            conditions: conditions.map { DeviceCondition(code: $0.code, active: $0.active, timeUnixMs: time) },
            frames: 1
        )
    }
}
