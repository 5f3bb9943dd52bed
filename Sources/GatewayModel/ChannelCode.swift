/// How a channel is coded for the platform: IEEE 11073-10101 (MDC) and/or LOINC, with a display name.
public struct ChannelCode: Sendable, Hashable, Codable {
    public var mdc: UInt32?
    public var loinc: String?
    public var display: String?

    public init(mdc: UInt32? = nil, loinc: String? = nil, display: String? = nil) {
        self.mdc = mdc
        self.loinc = loinc
        self.display = display
    }
}
