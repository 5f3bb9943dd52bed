import DeviceCodecs
import Foundation
import FuzzSupport

/// The paths of the shipped json-vitals profile, plus array steps, so mutations can reach every kind of step.
private let paths = ["vitals.hr", "vitals.spo2", "vitals.rr", "nibp.sys", "temperature.fahrenheit", "readings[0].value", "a[1][2]"]
    .compactMap(JSONPath.init)

/// Input: one byte picks the time unit, the rest is the JSON payload.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(start, count)
    let unit = JSONTimeUnit.allCases[input.pick(JSONTimeUnit.allCases.count)]
    let decoder = JSONMapDecoder(paths: paths, timePath: JSONPath("ts"), timeUnit: unit)
    if let values = try? decoder.decode(Data(input.rest), nowUnixMs: StreamCheck.nowUnixMs) {
        Invariants.check(values, "JSON map (\(unit))")
    }
    // Profiles compile paths from their text: the path parser gets the same bytes.
    _ = JSONPath(String(decoding: input.rest, as: UTF8.self))
    return 0
}
