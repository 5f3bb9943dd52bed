/// One characteristic value a BLE→MQTT bridge forwarded: whose, which characteristic, and when.
public struct BLENotification: Sendable, Hashable {
    /// Normalised `AA:BB:CC:DD:EE:FF`.
    public var mac: String
    public var uuid: UInt16
    public var bytes: [UInt8]
    /// When the bridge received it, in Unix ms, if the bridge said.
    public var timeUnixMs: Int64?

    public init(mac: String, uuid: UInt16, bytes: [UInt8], timeUnixMs: Int64? = nil) {
        self.mac = mac
        self.uuid = uuid
        self.bytes = bytes
        self.timeUnixMs = timeUnixMs
    }
}
