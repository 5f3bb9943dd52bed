/// The identity of a bedside device as configured: id, profile, and whom it is attached to.
public struct DeviceInfo: Sendable, Hashable, Codable {
    public var id: String
    public var profile: String
    public var patient: String?
    public var bed: String?

    public init(id: String, profile: String, patient: String? = nil, bed: String? = nil) {
        self.id = id
        self.profile = profile
        self.patient = patient
        self.bed = bed
    }
}
