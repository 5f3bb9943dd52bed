import DeviceCodecs
import GatewayModel

/// The gateway clock the tests pretend it is: 2024-11-29T00:00:00Z.
let testNow: Int64 = 1_732_838_400_000

/// `"1E 55 32"` → bytes: vectors are written the way the reference prints them.
func hex(_ text: String) -> [UInt8] {
    text.split(separator: " ").map { UInt8($0, radix: 16)! }
}

func decode(_ uuid: UInt16, _ text: String) throws(DecodeError) -> DecodedBatch {
    try GATTHealthDecoder.decode(uuid: uuid, bytes: hex(text), nowUnixMs: testNow)
}

extension DecodedBatch {
    func value(_ name: String) -> DecodedValue? { values.first { $0.name == name } }

    /// The reported state of a condition, nil when the payload said nothing about it.
    func condition(_ code: String) -> Bool? {
        let matches = conditions.filter { $0.code == code }
        return matches.count == 1 ? matches[0].active : nil
    }

    var activeConditions: Set<String> { Set(conditions.filter(\.active).map(\.code)) }
}
