/// What a serial port reports: bytes read, or that the port went away (unplugged, other end closed).
public enum SerialEvent: Sendable {
    case data([UInt8])
    case closed(reason: String)
}
