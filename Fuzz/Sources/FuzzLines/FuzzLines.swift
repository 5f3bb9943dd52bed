import DeviceCodecs
import FuzzSupport

/// The layouts profiles use: comma CSV (csv-lines), whitespace-aligned columns (runs merge), CSV with a
/// time column, and key=value pairs with a time key.
private let formats: [LineMappingDecoder.Format] = [
    .csv(separator: ",", columns: [0: "hr", 1: "spo2", 2: "rr", 3: "temp"]),
    .csv(separator: " ", columns: [1: "hr", 3: "spo2"], timeColumn: 0),
    .csv(separator: ";", columns: [0: "hr", 2: "spo2"], timeColumn: 1),
    .keyValue(separator: "=", pairSeparator: ",", keys: ["HR": "hr", "SPO2": "spo2", "RR": "rr"], timeKey: "T"),
    .keyValue(separator: ":", pairSeparator: " ", keys: ["hr": "hr", "spo2": "spo2"]),
]

/// Input: one byte picks the layout and time unit, one the chunk cut, the rest is the serial stream.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(start, count)
    let selector = input.pick(formats.count * JSONTimeUnit.allCases.count)
    let format = formats[selector % formats.count]
    let unit = JSONTimeUnit.allCases[selector / formats.count]
    let split = input.byte()
    StreamCheck.run(LineMappingDecoder(format: format, timeUnit: unit), input.rest, split: split, "lines \(format) \(unit)")
    return 0
}
