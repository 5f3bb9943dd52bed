import DeviceCodecs
import GatewayModel
import Testing

@Suite struct MasimoASCIIDecoderTests {
    let now: Int64 = 1_732_838_400_000
    let line1 = "12/01/05 11:56:29 SN=0123456789 SPO2=098% BPM=240 PI=20.00% SPCO=01.0% SPMET=00.5% DESAT=01 PIDELTA=-02 PVI=027 ALARM=0000 EXC=000820\r\n"
    let line2 = "09/15/10 15:10:29 SPO2=097% BPM=064 PI=11.82% ALARM=20 EXC=800\r\n"

    func decode(_ text: String, order: MasimoASCIIDecoder.DateOrder = .monthDayYear) -> DecodedBatch {
        var decoder = MasimoASCIIDecoder(dateOrder: order)
        return decoder.decode(Array(text.utf8), nowUnixMs: now)
    }

    func active(_ batch: DecodedBatch) -> Set<String> { Set(batch.conditions.filter(\.active).map(\.code)) }

    @Test func firstReferenceLine() {
        let batch = decode(line1)
        #expect(batch.errors.isEmpty && batch.frames == 1)
        let time: Int64 = 1_133_438_189_000  // 2005-12-01T11:56:29Z
        #expect(batch.values.map(\.name) == ["spo2", "pr", "pi", "spco", "spmet", "desat", "pidelta", "pvi"])
        #expect(batch.values.map(\.value) == [98, 240, 20, 1.0, 0.5, 1, -2, 27])
        #expect(batch.values.map(\.unit) == ["%", "/min", "%", "%", "%", nil, nil, "1"])
        #expect(batch.values.allSatisfy { $0.timeUnixMs == time })
        // EXC 0x820: 0x20 is sensor off (0x800 is Masimo SET mode, no condition).
        #expect(batch.values.allSatisfy { $0.status == .sensorProblem })
        #expect(active(batch) == ["sensor-off"])
        // Every known bit is reported, set or not: 3 ALARM + 9 EXC.
        #expect(batch.conditions.count == 12)
        #expect(batch.conditions.allSatisfy { $0.timeUnixMs == time })
        #expect(Set(batch.conditions.map(\.code)).isSuperset(of: ["low-battery", "alarm-silenced", "device-alarm-active", "no-sensor", "low-signal-iq"]))
    }

    @Test func secondReferenceLine() {
        let batch = decode(line2)
        #expect(batch.errors.isEmpty)
        #expect(batch.values.map(\.name) == ["spo2", "pr", "pi"])
        #expect(batch.values.map(\.value) == [97, 64, 11.82])
        #expect(batch.values.allSatisfy { $0.timeUnixMs == 1_284_563_429_000 && $0.status == [] })
        #expect(active(batch) == ["alarm-silenced"])
    }

    @Test func dateOrders() {
        let dayFirst = decode(line1, order: .dayMonthYear)
        #expect(dayFirst.values.allSatisfy { $0.timeUnixMs == 1_105_530_989_000 && !$0.status.contains(.gatewayTime) })  // 2005-01-12
        let yearFirst = decode("05/12/01 11:56:29 SPO2=098%\r\n", order: .yearMonthDay)
        #expect(yearFirst.values.map(\.timeUnixMs) == [1_133_438_189_000])
        #expect(MasimoASCIIDecoder.DateOrder.allCases.map(\.rawValue) == ["MM/DD/YY", "DD/MM/YY", "YY/MM/DD"])
    }

    @Test(arguments: [
        ("09/15/10 15:10:29", MasimoASCIIDecoder.DateOrder.dayMonthYear),  // month 15
        ("02/30/24 10:00:00", .monthDayYear),  // 30 February
        ("12/01/05 24:00:00", .monthDayYear),
        ("--/--/-- --:--:--", .monthDayYear),  // clock never set
    ])
    func invalidDateFallsBackToGatewayTime(_ stamp: String, _ order: MasimoASCIIDecoder.DateOrder) {
        let batch = decode("\(stamp) SPO2=097% ALARM=0040\r\n", order: order)
        #expect(batch.errors.isEmpty)
        #expect(batch.values.map(\.timeUnixMs) == [now])
        #expect(batch.values.allSatisfy { $0.status == .gatewayTime })
        #expect(batch.conditions.allSatisfy { $0.timeUnixMs == now })
        #expect(active(batch) == ["low-battery"])
    }

    @Test func leapDayIsValid() {
        #expect(decode("02/29/24 00:00:00 SPO2=097%\n").values.map(\.timeUnixMs) == [1_709_164_800_000])
    }

    @Test func dashesAreAbsentValues() {
        let line = "02/22/16 22:47:45 SN=0000056661 SPO2=---% BPM=--- PI=--.--% SPCO=--.-% SPMET=--.-% DESAT=-- PIDELTA=+-- PVI=--- ALARM=0000 EXC=000800\r\n"
        let batch = decode(line)
        #expect(batch.errors.isEmpty)
        #expect(batch.values.map(\.name) == ["spo2", "pr", "pi", "spco", "spmet", "desat", "pidelta", "pvi"])
        #expect(batch.values.allSatisfy { $0.value == nil })
        #expect(active(batch).isEmpty)
    }

    @Test func exceptionBitsSetConditionsAndValueStatus() {
        let batch = decode("12/01/05 11:56:29 SPO2=090% EXC=0405\r\n")
        #expect(active(batch) == ["no-sensor", "low-perfusion", "low-signal-iq"])
        #expect(batch.values[0].status == [.sensorProblem, .lowPerfusion, .questionable])
        let noisy = decode("12/01/05 11:56:29 SPO2=090% EXC=58\r\n")
        #expect(active(noisy) == ["pulse-search", "interference", "ambient-light"])
        #expect(noisy.values[0].status == [.questionable, .artifact])
        let alarms = decode("12/01/05 11:56:29 SPO2=090% ALARM=1073\r\n")
        #expect(active(alarms) == ["device-alarm-active", "alarm-silenced", "low-battery"])
        #expect(alarms.values[0].status == [])
    }

    @Test(arguments: [
        "garbage", "12/01/05 11:56:29", "12/01/05 11:56:29 SN=0123456789", "1/2/05 11:56:29 SPO2=098%",
        "12/01/05 11-56-29 SPO2=098%", "SPO2=098% BPM=060 PI=01.00%", "12/01/05 11:56:29 SPO2=9x8%",
        "12/01/05 11:56:29 SPO2=", "12/01/05 11:56:29 SPO2=nan", "12/01/05 11:56:29 PI=1.", "12/01/05 11:56:29 SPO2=098% BPM",
        "12/01/05 11:56:29 SPO2=098% =5", "12/01/05 11:56:29 SPO2=098% ALARM=XYZ", "12/01/05 11:56:29 EXC=123456789",
    ])
    func malformedLineIsOneErrorAndNothingElse(_ line: String) {
        let batch = decode(line + "\r\n" + line2)
        #expect(batch.errors.count == 1)
        #expect(batch.frames == 2)
        // Nothing from the bad line, everything from the good one.
        #expect(batch.values.map(\.name) == ["spo2", "pr", "pi"])
        #expect(batch.conditions.count == 12)
    }

    @Test func lineThatIsNotUTF8IsAnError() {
        var decoder = MasimoASCIIDecoder()
        let batch = decoder.decode([0x31, 0x32, 0xFF, 0xC3, 0x0D, 0x0A] + Array(line2.utf8), nowUnixMs: now)
        #expect(batch.errors.count == 1 && batch.frames == 2 && batch.values.count == 3)
    }

    @Test func overlongLineIsDroppedAndCounted() {
        let long = "12/01/05 11:56:29 " + String(repeating: "SPO2=098% ", count: 60)
        let batch = decode(long + "\r\n" + line2)
        #expect(batch.errors.count == 1 && batch.frames == 2)
        #expect(batch.values.count == 3)
        // A runaway stream with no line end at all costs one error per 513 bytes, never unbounded memory.
        var decoder = MasimoASCIIDecoder()
        let flood = decoder.decode([UInt8](repeating: 0x41, count: 5000), nowUnixMs: now)
        #expect(flood.errors.count == 1)
        #expect(decoder.decode(Array(("\n" + line2).utf8), nowUnixMs: now).values.count == 3)
    }

    @Test func partialLineWaitsForTheRest() {
        var decoder = MasimoASCIIDecoder()
        let bytes = Array(line1.utf8)
        let first = decoder.decode(Array(bytes[..<40]), nowUnixMs: now)
        #expect(first == DecodedBatch())
        let second = decoder.decode(Array(bytes[40...]), nowUnixMs: now)
        #expect(second.values.count == 8 && second.frames == 1)
    }

    @Test func anyChunkingGivesTheSameResult() {
        let stream = Array((line1 + "noise\r\n" + line2 + "\n\n" + line1 + "12/01/05 11:56:29 SPO2=09").utf8)
        let whole = Feed.whole(MasimoASCIIDecoder(), stream, now: now)
        #expect(whole.values.count == 19 && whole.errors.count == 1 && whole.frames == 4)
        #expect(Feed.byteByByte(MasimoASCIIDecoder(), stream, now: now) == whole)
        for seed in 1...20 as ClosedRange<UInt64> {
            #expect(Feed.randomChunks(MasimoASCIIDecoder(), stream, now: now, maxChunk: 16, seed: seed) == whole)
        }
    }
}
