/// The subset of FHIR R4 resources the reference receiver writes, as Encodable values.
enum FHIR {
    struct Coding: Encodable, Sendable {
        var system: String
        var code: String
        var display: String?
    }

    struct CodeableConcept: Encodable, Sendable {
        var coding: [Coding]
        var text: String?
    }

    struct Reference: Encodable, Sendable {
        var reference: String?
        var display: String?
        var identifier: Identifier?
    }

    struct Identifier: Encodable, Sendable {
        var system: String
        var value: String
    }

    struct Quantity: Encodable, Sendable {
        var value: Double
        var unit: String
        var system = "http://unitsofmeasure.org"
        var code: String
    }

    struct SimpleQuantity: Encodable, Sendable {
        var value: Double
        var unit: String?
    }

    struct SampledData: Encodable, Sendable {
        var origin: SimpleQuantity
        var period: Double
        var factor: Double
        var dimensions = 1
        var data: String
    }

    struct Meta: Encodable, Sendable {
        var tag: [Coding]?
        /// When the receiver wrote the resource (FHIR `instant`).
        var lastUpdated: String?
    }

    struct Observation: Encodable, Sendable {
        var resourceType = "Observation"
        var id: String
        var meta: Meta?
        var identifier: [Identifier]
        var status: String
        var category: [CodeableConcept]
        var code: CodeableConcept
        var subject: Reference?
        var device: Reference
        var effectiveDateTime: String
        var issued: String
        var valueQuantity: Quantity?
        var valueSampledData: SampledData?
        var dataAbsentReason: CodeableConcept?
    }

    struct DetectedIssue: Encodable, Sendable {
        var resourceType = "DetectedIssue"
        var id: String
        var meta: Meta?
        var identifier: [Identifier]
        var status: String
        var code: CodeableConcept
        var severity: String
        var patient: Reference?
        var identifiedDateTime: String
        var author: Reference
        var detail: String
    }
}
