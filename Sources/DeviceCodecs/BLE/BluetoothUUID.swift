/// Bluetooth SIG UUIDs as bridges spell them: 16-bit `2a37` or the 128-bit base form
/// `00002a37-0000-1000-8000-00805f9b34fb`.
public enum BluetoothUUID {
    private static let baseSuffix = "-0000-1000-8000-00805f9b34fb"

    /// The 16-bit UUID, or nil for any other spelling, including vendor 128-bit UUIDs (which no
    /// health characteristic uses).
    public static func uuid16(_ text: some StringProtocol) -> UInt16? {
        let lower = text.lowercased()
        let short: Substring
        if lower.utf8.count == 4 {
            short = Substring(lower)
        } else if lower.utf8.count == 36, lower.hasPrefix("0000"), lower.hasSuffix(baseSuffix) {
            short = lower.dropFirst(4).prefix(4)
        } else {
            return nil
        }
        guard short.utf8.allSatisfy({ HexBytes.nibble($0) != nil }) else { return nil }
        return UInt16(short, radix: 16)
    }
}
