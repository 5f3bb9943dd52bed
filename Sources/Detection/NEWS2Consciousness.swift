/// The ACVPU consciousness level NEWS2 uses; anything but alert scores 3.
public enum NEWS2Consciousness: String, Sendable, Hashable, CaseIterable {
    case alert
    case newConfusion
    case voice
    case pain
    case unresponsive
}
