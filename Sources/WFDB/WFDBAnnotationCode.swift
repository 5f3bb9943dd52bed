/// A WFDB annotation type code (1...49 per `ecgcodes.h`) with its standard mnemonic.
public struct WFDBAnnotationCode: RawRepresentable, Hashable, Sendable {
    public let rawValue: Int

    public init(rawValue: Int) {
        self.rawValue = rawValue
    }

    /// The standard one-character label, e.g. `N`, `V`, `+`; empty for unassigned codes.
    public var mnemonic: String {
        Self.mnemonics.indices.contains(rawValue) ? Self.mnemonics[rawValue] : ""
    }

    /// Whether the code labels a heartbeat (ANSI/AAMI EC57: N L R B A a J S V r F e j n E / f Q ?).
    public var isBeat: Bool { Self.beatCodes.contains(rawValue) }

    /// The code whose mnemonic is `mnemonic`, if any.
    public init?(mnemonic: String) {
        guard !mnemonic.isEmpty, let code = Self.mnemonics.firstIndex(of: mnemonic) else { return nil }
        rawValue = code
    }

    /// Index = code; from WFDB's `ecgcodes.h` / `annot.c` tables. Codes 42...49 are unassigned.
    static let mnemonics: [String] = [
        "", "N", "L", "R", "a", "V", "F", "J", "A", "S", // 0-9
        "E", "j", "/", "Q", "~", "", "|", "", "s", "T", // 10-19
        "*", "D", "\"", "=", "p", "B", "^", "t", "+", "u", // 20-29
        "?", "!", "[", "]", "e", "n", "@", "x", "f", "(", // 30-39
        ")", "r", "", "", "", "", "", "", "", "", // 40-49
    ]

    /// N L R a V F J A S E j / Q B ? e n f r
    static let beatCodes: Set<Int> = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 34, 35, 38, 41]
}

extension WFDBAnnotationCode {
    public static let normal = Self(rawValue: 1)
    public static let prematureVentricular = Self(rawValue: 5)
    public static let atrialPremature = Self(rawValue: 8)
    public static let noise = Self(rawValue: 14)
    public static let note = Self(rawValue: 22)
    public static let rhythmChange = Self(rawValue: 28)
}
