import Foundation

/// Parses the human quantities of configuration files: durations (`250ms`, `7d`) and sizes (`512MiB`).
public enum Quantity {
    private static let durationUnits: [(suffix: String, nanoseconds: Double)] = [
        ("ms", 1e6), ("us", 1e3), ("ns", 1), ("s", 1e9), ("m", 60e9), ("h", 3600e9), ("d", 86400e9), ("w", 604800e9),
    ]

    private static let sizeUnits: [(suffix: String, bytes: Double)] = [
        ("KiB", 1024), ("MiB", 1024 * 1024), ("GiB", 1024 * 1024 * 1024), ("TiB", 1024 * 1024 * 1024 * 1024),
        ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("kB", 1e3), ("B", 1),
    ]

    /// `250ms`, `1.5s`, `10s`, `5m`, `2h`, `7d`, `1w`; `0` alone means zero. Negative values are rejected.
    public static func duration(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "0" { return .zero }
        for unit in durationUnits where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count)
            // Up to about 292 years, the most an Int64 of nanoseconds holds.
            guard let value = Double(number), value >= 0, value * unit.nanoseconds < 9e18 else { return nil }
            return .nanoseconds(Int64((value * unit.nanoseconds).rounded()))
        }
        return nil
    }

    /// `512MiB`, `2GiB`, `64KiB`, `10MB`, `1000B` or a bare number of bytes.
    public static func byteSize(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let bytes = Int64(trimmed), bytes >= 0 { return bytes }
        for unit in sizeUnits where trimmed.hasSuffix(unit.suffix) {
            let number = trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)
            guard let value = Double(number), value >= 0, value * unit.bytes < 9e18 else { return nil }
            return Int64((value * unit.bytes).rounded())
        }
        return nil
    }
}

