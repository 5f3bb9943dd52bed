/// One SenML record's fields as a pack carries them (RFC 8428 §4), before base fields are applied.
@_spi(Testing) public struct SenMLRecord: Decodable, Equatable, Sendable {
    var bn: String?
    var bt: Double?
    var bu: String?
    var bv: Double?
    var bver: Int?
    var n: String?
    var u: String?
    var v: Double?
    var vs: String?
    var vb: Bool?
    var vd: String?
    var s: Double?
    var t: Double?
}
