/// How far one lead's beats can be trusted, from its noise level and activity.
public enum LeadQuality: Int, Sendable, Hashable, Comparable {
    /// No usable activity: disconnected electrode, saturated or flat input.
    case flat = 0
    /// Noise peaks come close to the QRS level, so beats may be missed or spurious.
    case noisy = 1
    case good = 2

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
