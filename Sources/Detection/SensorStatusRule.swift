import GatewayModel

/// A technical alarm on device-reported reading status: which flags (or a missing value) make the
/// condition, how long it must persist, and its priority.
public struct SensorStatusRule: Sendable, Hashable {
    public var name: String
    /// The condition holds while a reading carries any of these flags.
    public var flags: MeasurementStatus
    /// The condition also holds while readings arrive without a value.
    public var includesMissingValue: Bool
    public var delay: Duration
    public var priority: AlarmPriority

    public init(
        name: String, flags: MeasurementStatus, includesMissingValue: Bool = false,
        delay: Duration = .zero, priority: AlarmPriority
    ) {
        self.name = name
        self.flags = flags
        self.includesMissingValue = includesMissingValue
        self.delay = delay
        self.priority = priority
    }

    func matches(_ measurement: Measurement) -> Bool {
        !measurement.status.isDisjoint(with: flags) || (includesMissingValue && measurement.value == nil)
    }

    /// Sensor off or faulty as the device says: medium, at once (monitoring is lost).
    public static let sensorProblem = SensorStatusRule(name: "sensor-problem", flags: .sensorProblem, priority: .medium)
    /// Low perfusion for 10 s: low (readings continue but are less reliable).
    public static let lowPerfusion = SensorStatusRule(
        name: "low-perfusion", flags: .lowPerfusion, delay: .seconds(10), priority: .low
    )
    /// Questionable or artefact-flagged readings for 10 s: low.
    public static let unreliableSignal = SensorStatusRule(
        name: "unreliable-signal", flags: [.questionable, .artifact], delay: .seconds(10), priority: .low
    )
    /// Readings without a usable value (absent or invalid) for 10 s: low.
    public static let noValue = SensorStatusRule(
        name: "no-value", flags: .invalid, includesMissingValue: true, delay: .seconds(10), priority: .low
    )
    /// Most specific cause first: `SensorStatusDetector` lets only the first matching rule hold.
    public static let defaults: [SensorStatusRule] = [.sensorProblem, .lowPerfusion, .unreliableSignal, .noValue]
}
