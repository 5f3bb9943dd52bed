/// Line settings of a serial device, as its profile states them.
public struct SerialSettings: Sendable, Hashable {
    /// Parity bit mode.
    public enum Parity: String, Sendable, CaseIterable {
        case none
        case even
        case odd
    }

    /// Hardware, software or no flow control.
    public enum FlowControl: String, Sendable, CaseIterable {
        case none
        case rtsCts = "rts-cts"
        case xonXoff = "xon-xoff"
    }

    public static let supportedBaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115_200, 230_400, 460_800, 921_600]

    public var baudRate: Int
    public var dataBits: Int
    public var parity: Parity
    public var stopBits: Int
    public var flowControl: FlowControl

    public init(baudRate: Int = 9600, dataBits: Int = 8, parity: Parity = .none, stopBits: Int = 1, flowControl: FlowControl = .none) {
        self.baudRate = baudRate
        self.dataBits = dataBits
        self.parity = parity
        self.stopBits = stopBits
        self.flowControl = flowControl
    }
}
