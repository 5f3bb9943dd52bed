/// A named channel of a device with its codes and UCUM unit, as the device profile defines it.
public struct ChannelDescriptor: Sendable, Hashable, Codable {
    public var name: String
    public var code: ChannelCode
    public var unit: String

    public init(name: String, code: ChannelCode = ChannelCode(), unit: String = "") {
        self.name = name
        self.code = code
        self.unit = unit
    }
}
