import Foundation
import GatewayModel
import Wire

/// Maps an opened batch to FHIR R4 resources: vitals and waveforms as `Observation`, alarms as `DetectedIssue`.
public enum FHIRMapper {
    static let loincSystem = "http://loinc.org"
    static let mdcSystem = "urn:iso:std:iso:11073:10101"
    static let categorySystem = "http://terminology.hl7.org/CodeSystem/observation-category"

    /// One NDJSON line per resource, with the UTC day each belongs to (for the daily files), and
    /// how many readings could not be encoded (JSON has no NaN or infinity).
    public static func lines(for batch: OpenedBatch, receivedUnixMs: Int64) -> (lines: [(day: String, json: [UInt8])], unencodable: Int) {
        let patients = Dictionary(batch.content.devices.map { ($0.id, $0.patient) }, uniquingKeysWith: { first, _ in first })
        let gateway = batch.header.gatewayID
        let prefix = "\(gateway)-\(batch.header.seq)"
        let issued = timestamp(receivedUnixMs)
        var days = DayNames()
        var lines: [(String, [UInt8])] = []
        lines.reserveCapacity(batch.content.measurements.count + batch.content.waveforms.count + batch.content.events.count)
        var unencodable = 0
        func add(_ resource: some JSONLineWritable, at unixMs: Int64) {
            if let json = try? resource.jsonBytes() { lines.append((days.name(of: unixMs), json)) } else { unencodable += 1 }
        }
        for (index, measurement) in batch.content.measurements.enumerated() {
            add(observation(measurement, id: "\(prefix)-m\(index)", gateway: gateway, patient: patients[measurement.device] ?? nil, issued: issued), at: measurement.timeUnixMs)
        }
        for (index, chunk) in batch.content.waveforms.enumerated() {
            let unixMs = chunk.startUnixNs / 1_000_000
            add(waveform(chunk, id: "\(prefix)-w\(index)", gateway: gateway, patient: patients[chunk.device] ?? nil, issued: issued), at: unixMs)
        }
        for (index, event) in batch.content.events.enumerated() {
            add(issue(event, id: "\(prefix)-e\(index)", gateway: gateway, patient: patients[event.device] ?? nil, written: issued), at: event.timeUnixMs)
        }
        return (lines, unencodable)
    }

    static func code(_ channel: ChannelDescriptor) -> FHIR.CodeableConcept {
        var codings: [FHIR.Coding] = []
        if let loinc = channel.code.loinc { codings.append(FHIR.Coding(system: loincSystem, code: loinc, display: channel.code.display)) }
        if let mdc = channel.code.mdc { codings.append(FHIR.Coding(system: mdcSystem, code: String(mdc), display: nil)) }
        return FHIR.CodeableConcept(coding: codings, text: channel.code.display ?? channel.name)
    }

    private static func common(
        id: String, gateway: String, device: String, channel: ChannelDescriptor, patient: String?, at unixMs: Int64, issued: String, status: MeasurementStatus
    ) -> FHIR.Observation {
        // Demonstration or test data must never pass as a real patient reading.
        let synthetic = status.contains(.demonstration) || status.contains(.testing)
        return FHIR.Observation(
            id: id,
            meta: synthetic ? FHIR.Meta(tag: [FHIR.Coding(system: "http://terminology.hl7.org/CodeSystem/v3-ActReason", code: "HTEST", display: "test health data")]) : nil,
            identifier: [FHIR.Identifier(system: "urn:vitalgate:reading", value: id)],
            status: status.contains(.invalid) ? "entered-in-error" : (status.contains(.questionable) ? "preliminary" : "final"),
            category: [FHIR.CodeableConcept(coding: [FHIR.Coding(system: categorySystem, code: "vital-signs", display: "Vital Signs")], text: nil)],
            code: code(channel),
            subject: patient.map { FHIR.Reference(reference: "Patient/\($0)") },
            device: FHIR.Reference(display: device, identifier: FHIR.Identifier(system: "urn:vitalgate:device:\(gateway)", value: device)),
            effectiveDateTime: timestamp(unixMs), issued: issued
        )
    }

    static func observation(_ measurement: GatewayModel.Measurement, id: String, gateway: String, patient: String?, issued: String) -> FHIR.Observation {
        var resource = common(
            id: id, gateway: gateway, device: measurement.device, channel: measurement.channel, patient: patient,
            at: measurement.timeUnixMs, issued: issued, status: measurement.status
        )
        if let value = measurement.value {
            resource.valueQuantity = FHIR.Quantity(value: value, unit: measurement.channel.unit, code: measurement.channel.unit)
        } else {
            let reason = measurement.absentReason ?? "unknown"
            resource.dataAbsentReason = FHIR.CodeableConcept(
                coding: [FHIR.Coding(system: "http://terminology.hl7.org/CodeSystem/data-absent-reason", code: reason)], text: nil
            )
        }
        return resource
    }

    static func waveform(_ chunk: WaveformChunk, id: String, gateway: String, patient: String?, issued: String) -> FHIR.Observation {
        var resource = common(
            id: id, gateway: gateway, device: chunk.device, channel: chunk.channel, patient: patient,
            at: chunk.startUnixNs / 1_000_000, issued: issued, status: []
        )
        resource.valueSampledData = FHIR.SampledData(
            origin: FHIR.SimpleQuantity(value: chunk.offset, unit: chunk.channel.unit), period: Double(chunk.periodNs) / 1e6,
            factor: chunk.scale, data: chunk.samples.map(String.init).joined(separator: " ")
        )
        return resource
    }

    /// `written`: when the receiver wrote it (`meta.lastUpdated`), so a platform can see how long the alarm took.
    static func issue(_ event: Event, id: String, gateway: String, patient: String?, written: String) -> FHIR.DetectedIssue {
        FHIR.DetectedIssue(
            id: id, meta: FHIR.Meta(lastUpdated: written), identifier: [FHIR.Identifier(system: "urn:vitalgate:alarm", value: event.id)],
            status: status(of: event.kind),
            code: FHIR.CodeableConcept(coding: code(event.channel).coding, text: "\(event.rule) \(event.kind.rawValue)"),
            severity: event.priority == .medium ? "moderate" : event.priority.rawValue,
            patient: patient.map { FHIR.Reference(reference: "Patient/\($0)") },
            identifiedDateTime: timestamp(event.timeUnixMs),
            author: FHIR.Reference(display: event.device, identifier: FHIR.Identifier(system: "urn:vitalgate:device:\(gateway)", value: event.device)),
            detail: event.message
        )
    }

    /// A platform alerts on `final` issues; a vetoed condition is kept, as `preliminary`, for review.
    static func status(of kind: Event.Kind) -> String {
        switch kind {
        case .raised: "final"
        case .cleared: "cancelled"
        case .suppressed: "preliminary"
        }
    }

    /// RFC 3339 UTC with milliseconds, as FHIR `instant` and `dateTime` allow.
    public static func timestamp(_ unixMs: Int64) -> String {
        var seconds = time_t(unixMs.floorDiv(1000))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        // Built by hand: String(format:) dominated the receiver's profile at 20,000 readings/s.
        var text = ""
        text.reserveCapacity(24)
        pad(&text, Int(parts.tm_year) + 1900, 4, then: "-")
        pad(&text, Int(parts.tm_mon) + 1, 2, then: "-")
        pad(&text, Int(parts.tm_mday), 2, then: "T")
        pad(&text, Int(parts.tm_hour), 2, then: ":")
        pad(&text, Int(parts.tm_min), 2, then: ":")
        pad(&text, Int(parts.tm_sec), 2, then: ".")
        pad(&text, Int(unixMs.floorMod(1000)), 3, then: "Z")
        return text
    }

    private static func pad(_ text: inout String, _ value: Int, _ width: Int, then separator: Character) {
        let digits = String(value)
        if digits.count < width { text += String(repeating: "0", count: width - digits.count) }
        text += digits
        text.append(separator)
    }

    static func day(_ unixMs: Int64) -> String { String(timestamp(unixMs).prefix(10)) }

    /// The UTC day names of one batch's readings, formatted once per day rather than per reading.
    private struct DayNames {
        private var last: (day: Int64, name: String)?

        mutating func name(of unixMs: Int64) -> String {
            let day = unixMs.floorDiv(86_400_000)
            if let last, last.day == day { return last.name }
            let name = FHIRMapper.day(unixMs)
            last = (day, name)
            return name
        }
    }
}

extension Int64 {
    fileprivate func floorDiv(_ divisor: Int64) -> Int64 { (self - floorMod(divisor)) / divisor }
    fileprivate func floorMod(_ divisor: Int64) -> Int64 { ((self % divisor) + divisor) % divisor }
}
