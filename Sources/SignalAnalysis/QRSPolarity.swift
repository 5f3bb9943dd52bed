/// Direction of a QRS complex's main deflection (leads such as V1 are mostly negative).
public enum QRSPolarity: Sendable, Hashable {
    case positive
    case negative

    /// +1 or −1, to fold both polarities into one maximum search.
    public var sign: Float { self == .positive ? 1 : -1 }
}
