/// A Bluetooth device address in the one spelling the gateway compares: `AA:BB:CC:DD:EE:FF`.
public enum BLEAddress {
    /// Accepts `aa:bb:cc:dd:ee:ff`, `AA-BB-…` and bare `AABBCCDDEEFF` (bridges put each in topics);
    /// nil for anything else.
    public static func normalized(_ text: some StringProtocol) -> String? {
        let utf8 = Array(text.utf8)
        let digits: [UInt8]
        switch utf8.count {
        case 12:
            digits = utf8
        case 17:
            let separator = utf8[2]
            guard separator == UInt8(ascii: ":") || separator == UInt8(ascii: "-") else { return nil }
            var kept: [UInt8] = []
            for (index, byte) in utf8.enumerated() {
                if index % 3 == 2 {
                    guard byte == separator else { return nil }
                } else {
                    kept.append(byte)
                }
            }
            digits = kept
        default:
            return nil
        }
        guard digits.allSatisfy({ HexBytes.nibble($0) != nil }) else { return nil }
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, index % 2 == 0 { result.append(":") }
            result.append(Character(Unicode.Scalar(digit)).uppercased())
        }
        return result
    }
}
