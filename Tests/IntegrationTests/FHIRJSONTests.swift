import Foundation
@testable import Receiver
import Testing

/// The receiver writes FHIR with its own `JSONLine`: each resource kind must come out exactly as
/// `JSONEncoder` (sorted keys, slashes unescaped) would write it.
@Suite struct FHIRJSONTests {
    func encoderBytes(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    func expectSame(_ value: some Encodable & JSONLineWritable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let mine = try value.jsonBytes()
        let reference = try encoderBytes(value)
        #expect(String(decoding: mine, as: UTF8.self) == String(decoding: reference, as: UTF8.self), sourceLocation: sourceLocation)
    }

    func coding(_ code: String, display: String? = nil) -> FHIR.Coding {
        FHIR.Coding(system: "http://loinc.org", code: code, display: display)
    }

    func observation(id: String = "gw-7-m0") -> FHIR.Observation {
        FHIR.Observation(
            id: id, meta: nil, identifier: [FHIR.Identifier(system: "urn:vitalgate:reading", value: id)], status: "final",
            category: [FHIR.CodeableConcept(coding: [coding("vital-signs", display: "Vital Signs")], text: nil)],
            code: FHIR.CodeableConcept(coding: [coding("8867-4", display: "Heart rate"), coding("147842")], text: "Heart rate"),
            subject: FHIR.Reference(reference: "Patient/p-1"),
            device: FHIR.Reference(display: "bed1", identifier: FHIR.Identifier(system: "urn:vitalgate:device:gw", value: "bed1")),
            effectiveDateTime: "2025-11-24T16:00:00.123Z", issued: "2025-11-24T16:00:00.500Z"
        )
    }

    @Test func everyResourceKindMatchesJSONEncoder() throws {
        var vital = observation()
        vital.valueQuantity = FHIR.Quantity(value: 72.5, unit: "/min", code: "/min")
        try expectSame(vital)

        var absent = observation()
        absent.subject = nil
        absent.meta = FHIR.Meta(tag: [coding("HTEST", display: "test health data")])
        absent.dataAbsentReason = FHIR.CodeableConcept(coding: [coding("asked-declined")], text: nil)
        try expectSame(absent)

        var wave = observation()
        wave.valueSampledData = FHIR.SampledData(
            origin: FHIR.SimpleQuantity(value: -0.5, unit: "mV"), period: 2.7777777777777777, factor: 0.005, data: "1 -2 3"
        )
        try expectSame(wave)
        try expectSame(FHIR.SampledData(origin: FHIR.SimpleQuantity(value: 0, unit: nil), period: 2, factor: 1, data: ""))

        let issue = FHIR.DetectedIssue(
            id: "gw-7-e0", meta: FHIR.Meta(lastUpdated: "2025-11-24T16:00:00.500Z"),
            identifier: [FHIR.Identifier(system: "urn:vitalgate:alarm", value: "a1")], status: "final",
            code: FHIR.CodeableConcept(coding: [coding("59408-5")], text: "spo2-low raised"), severity: "high",
            patient: nil, identifiedDateTime: "2025-11-24T16:00:00.123Z",
            author: FHIR.Reference(display: "oxi", identifier: FHIR.Identifier(system: "urn:vitalgate:device:gw", value: "oxi")),
            detail: "SpO2 80 % below 90 %"
        )
        try expectSame(issue)
        try expectSame(FHIR.CodeableConcept(coding: [], text: nil))
    }

    /// Every optional field set, so a field the writer left out would show (checked by `nothingIsNil`).
    @Test func fullyFilledResourcesMatchJSONEncoder() throws {
        let everything = FHIR.Reference(
            reference: "Patient/p-1", display: "bed1", identifier: FHIR.Identifier(system: "urn:vitalgate:device:gw", value: "bed1")
        )
        let meta = FHIR.Meta(tag: [coding("HTEST", display: "test health data")], lastUpdated: "2025-11-24T16:00:00.500Z")
        var vital = observation()
        vital.meta = meta
        vital.subject = everything
        vital.device = everything
        vital.valueQuantity = FHIR.Quantity(value: 72.5, unit: "/min", code: "/min")
        vital.valueSampledData = FHIR.SampledData(origin: FHIR.SimpleQuantity(value: 1, unit: "mV"), period: 2, factor: 0.5, data: "1 2")
        vital.dataAbsentReason = FHIR.CodeableConcept(coding: [coding("error", display: "Error")], text: "error")
        vital.category = [FHIR.CodeableConcept(coding: [coding("vital-signs", display: "Vital Signs")], text: "Vital Signs")]
        vital.code = FHIR.CodeableConcept(coding: [coding("8867-4", display: "Heart rate")], text: "Heart rate")
        let issue = FHIR.DetectedIssue(
            id: "gw-7-e0", meta: meta, identifier: [FHIR.Identifier(system: "urn:vitalgate:alarm", value: "a1")], status: "final",
            code: FHIR.CodeableConcept(coding: [coding("59408-5", display: "SpO2")], text: "spo2-low raised"), severity: "high",
            patient: everything, identifiedDateTime: "2025-11-24T16:00:00.123Z", author: everything, detail: "SpO2 80 % below 90 %"
        )
        nothingIsNil(vital)
        nothingIsNil(issue)
        try expectSame(vital)
        try expectSame(issue)
    }

    func nothingIsNil(_ value: Any, path: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else {
                Issue.record("\(path) is nil: the test would not see the writer leave it out", sourceLocation: sourceLocation)
                return
            }
            nothingIsNil(wrapped, path: path, sourceLocation: sourceLocation)
            return
        }
        for (index, child) in mirror.children.enumerated() {
            nothingIsNil(child.value, path: "\(path).\(child.label ?? String(index))", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [
        "plain", "", "quote \" and backslash \\", "slash / stays", "tab\tnew\nline\rreturn", "\u{08}\u{0C}",
        "\u{00}\u{01}\u{1F}\u{7F}", "Müller 心拍 🫀", "\u{2028}\u{2029}",
    ])
    func stringsAreEscapedAsJSONEncoderDoes(text: String) throws {
        try expectSame(FHIR.Identifier(system: text, value: "x\(text)y"))
    }

    @Test(arguments: [
        0.0, -0.0, 80, -3.5, 60.123, 0.1, 1e-7, 1e20, 123456789.125, 1.7976931348623157e308, .leastNonzeroMagnitude, 97.00000000000001,
    ])
    func numbersAreWrittenAsJSONEncoderDoes(value: Double) throws {
        try expectSame(FHIR.SimpleQuantity(value: value, unit: "%"))
    }

    @Test func nonFiniteNumbersAreRefused() {
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(throws: JSONLine.UnencodableNumber.self) { try FHIR.SimpleQuantity(value: value, unit: nil).jsonBytes() }
        }
    }
}
