// Each resource writes its keys in sorted order, as `JSONEncoder` with `.sortedKeys` does; nil
// fields are left out. `FHIRJSONTests` checks every kind against `JSONEncoder`, byte for byte.

extension FHIR.Coding: JSONLineWritable {
    func write(to line: inout JSONLine) {
        line.object { line in
            line.field("code", code)
            line.field("display", display)
            line.field("system", system)
        }
    }
}

extension FHIR.CodeableConcept: JSONLineWritable {
    func write(to line: inout JSONLine) throws {
        try line.object { line in
            try line.field("coding", coding)
            line.field("text", text)
        }
    }
}

extension FHIR.Reference: JSONLineWritable {
    func write(to line: inout JSONLine) throws {
        try line.object { line in
            line.field("display", display)
            try line.field("identifier", identifier)
            line.field("reference", reference)
        }
    }
}

extension FHIR.Identifier: JSONLineWritable {
    func write(to line: inout JSONLine) {
        line.object { line in
            line.field("system", system)
            line.field("value", value)
        }
    }
}

extension FHIR.Quantity: JSONLineWritable {
    func write(to line: inout JSONLine) throws {
        try line.object { line in
            line.field("code", code)
            line.field("system", system)
            line.field("unit", unit)
            line.key("value")
            try line.number(value)
        }
    }
}

extension FHIR.SimpleQuantity: JSONLineWritable {
    func write(to line: inout JSONLine) throws {
        try line.object { line in
            line.field("unit", unit)
            line.key("value")
            try line.number(value)
        }
    }
}

extension FHIR.SampledData: JSONLineWritable {
    func write(to line: inout JSONLine) throws {
        try line.object { line in
            line.field("data", data)
            line.key("dimensions")
            line.number(dimensions)
            line.key("factor")
            try line.number(factor)
            try line.field("origin", origin)
            line.key("period")
            try line.number(period)
        }
    }
}

extension FHIR.Meta: JSONLineWritable {
    func write(to line: inout JSONLine) throws {
        try line.object { line in
            line.field("lastUpdated", lastUpdated)
            if let tag { try line.field("tag", tag) }
        }
    }
}

extension FHIR.Observation: JSONLineWritable {
    func write(to line: inout JSONLine) throws {
        try line.object { line in
            try line.field("category", category)
            try line.field("code", code)
            try line.field("dataAbsentReason", dataAbsentReason)
            try line.field("device", device)
            line.field("effectiveDateTime", effectiveDateTime)
            line.field("id", id)
            try line.field("identifier", identifier)
            line.field("issued", issued)
            try line.field("meta", meta)
            line.field("resourceType", resourceType)
            line.field("status", status)
            try line.field("subject", subject)
            try line.field("valueQuantity", valueQuantity)
            try line.field("valueSampledData", valueSampledData)
        }
    }
}

extension FHIR.DetectedIssue: JSONLineWritable {
    func write(to line: inout JSONLine) throws {
        try line.object { line in
            try line.field("author", author)
            try line.field("code", code)
            line.field("detail", detail)
            line.field("id", id)
            line.field("identifiedDateTime", identifiedDateTime)
            try line.field("identifier", identifier)
            try line.field("meta", meta)
            try line.field("patient", patient)
            line.field("resourceType", resourceType)
            line.field("severity", severity)
            line.field("status", status)
        }
    }
}
