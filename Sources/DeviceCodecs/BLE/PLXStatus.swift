import GatewayModel

/// The status fields shared by the PLX Spot-check (0x2A5E) and Continuous (0x2A5F) measurements.
enum PLXStatus {
    /// Measurement Status (u16). Demonstration and testing data are flagged on every value so
    /// they can never pass as a patient's; validated/fully-qualified/from-storage change nothing.
    static let measurementBits: [GATTStatusBit] = [
        GATTStatusBit(5, "measurement-ongoing"),
        GATTStatusBit(6, "early-estimate", .questionable),
        GATTStatusBit(10, nil, .demonstration),
        GATTStatusBit(11, nil, .testing),
        GATTStatusBit(12, "calibration-ongoing", .questionable),
        GATTStatusBit(13, "measurement-unavailable", .invalid),
        GATTStatusBit(14, nil, .questionable),
        GATTStatusBit(15, nil, .invalid),
    ]

    /// Device and Sensor Status (u24); codes follow DeviceCondition's vocabulary where one fits.
    static let deviceAndSensorBits: [GATTStatusBit] = [
        GATTStatusBit(1, "equipment-malfunction", .sensorProblem),
        GATTStatusBit(2, "signal-processing-irregularity", .questionable),
        GATTStatusBit(3, "inadequate-signal", .questionable),
        GATTStatusBit(4, "poor-signal", .questionable),
        GATTStatusBit(5, "low-perfusion", .lowPerfusion),
        GATTStatusBit(6, "erratic-signal", .artifact),
        GATTStatusBit(7, "non-pulsatile-signal", .questionable),
        GATTStatusBit(8, "questionable-pulse", .questionable),
        GATTStatusBit(9, "pulse-search"),
        GATTStatusBit(10, "interference", .artifact),
        GATTStatusBit(11, "sensor-off", .sensorProblem),
        GATTStatusBit(12, "unrecognized-sensor", .sensorProblem),
        GATTStatusBit(13, "sensor-displaced", .sensorProblem),
        GATTStatusBit(14, "defective-sensor", .sensorProblem),
        GATTStatusBit(15, "sensor-disconnected", .sensorProblem),
    ]
}
