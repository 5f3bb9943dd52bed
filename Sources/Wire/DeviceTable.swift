import GatewayModel

/// The device table of a batch: the batch's own device records in order, then a reference-only
/// entry for each device id that readings name without a record, so that `devices` round-trips
/// exactly while every reading can still refer to its device by index.
struct DeviceTable {
    private(set) var entries: [Vitalgate_V1_Device]
    private var indices: [String: UInt32] = [:]

    init(_ devices: [DeviceInfo]) {
        entries = devices.map(Vitalgate_V1_Device.init)
        // The first record of an id wins, should the configuration list one twice.
        for (index, device) in devices.enumerated().reversed() {
            indices[device.id] = UInt32(index)
        }
    }

    mutating func index(of id: String) -> UInt32 {
        if let index = indices[id] { return index }
        let index = UInt32(entries.count)
        entries.append(Vitalgate_V1_Device(referenceOnly: id))
        indices[id] = index
        return index
    }
}
