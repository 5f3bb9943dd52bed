import GatewayModel

// Conversions between the GatewayModel types and the generated table and enum messages. Optional
// model fields map to proto3 `optional` fields so that nil and "" stay distinct across the wire.

extension Vitalgate_V1_Channel {
    init(_ channel: ChannelDescriptor) {
        self.init()
        name = channel.name
        unit = channel.unit
        if let mdc = channel.code.mdc { self.mdc = mdc }
        if let loinc = channel.code.loinc { self.loinc = loinc }
        if let display = channel.code.display { self.display = display }
    }

    var model: ChannelDescriptor {
        ChannelDescriptor(
            name: name,
            code: ChannelCode(
                mdc: hasMdc ? mdc : nil, loinc: hasLoinc ? loinc : nil, display: hasDisplay ? display : nil),
            unit: unit)
    }
}

extension Vitalgate_V1_Device {
    init(_ device: DeviceInfo) {
        self.init()
        id = device.id
        profile = device.profile
        if let patient = device.patient { self.patient = patient }
        if let bed = device.bed { self.bed = bed }
    }

    /// An entry that only gives readings an id to refer to (see `reference_only` in the proto).
    init(referenceOnly id: String) {
        self.init()
        self.id = id
        referenceOnly = true
    }

    var model: DeviceInfo {
        DeviceInfo(id: id, profile: profile, patient: hasPatient ? patient : nil, bed: hasBed ? bed : nil)
    }
}

extension Vitalgate_V1_Event.Kind {
    init(_ kind: Event.Kind) {
        switch kind {
        case .raised: self = .raised
        case .cleared: self = .cleared
        case .suppressed: self = .suppressed
        }
    }

    /// nil for unspecified or unknown values, which a receiver must not guess at.
    var model: Event.Kind? {
        switch self {
        case .raised: .raised
        case .cleared: .cleared
        case .suppressed: .suppressed
        case .unspecified, .UNRECOGNIZED: nil
        }
    }
}

extension Vitalgate_V1_Event.Priority {
    init(_ priority: AlarmPriority) {
        switch priority {
        case .high: self = .high
        case .medium: self = .medium
        case .low: self = .low
        }
    }

    /// nil for unspecified or unknown values, which a receiver must not guess at.
    var model: AlarmPriority? {
        switch self {
        case .high: .high
        case .medium: .medium
        case .low: .low
        case .unspecified, .UNRECOGNIZED: nil
        }
    }
}
