import DeviceCodecs
import GatewayModel
import Testing

@Suite struct LineMappingDecoderTests {
    let now: Int64 = 1_732_838_400_000

    func decode(_ decoder: LineMappingDecoder, _ text: String) -> DecodedBatch {
        var decoder = decoder
        return decoder.decode(Array(text.utf8), nowUnixMs: now)
    }

    @Test func csvColumnsWithTime() {
        let decoder = LineMappingDecoder(format: .csv(separator: ",", columns: [1: "hr", 2: "spo2", 4: "rr"], timeColumn: 0))
        let batch = decode(decoder, "1732838460123,72,97,x,15\r\n1732838461123, ,96.5\n1732838462123,71,nan,,abc\n")
        #expect(batch.errors.isEmpty && batch.frames == 3)
        #expect(batch.values.map(\.name) == ["hr", "spo2", "rr", "hr", "spo2", "hr", "spo2", "rr"])
        // Blank and non-numeric mapped fields are absent; a column the line does not have is left out.
        #expect(batch.values.map(\.value) == [72, 97, 15, nil, 96.5, 71, nil, nil])
        #expect(batch.values.map(\.timeUnixMs) == [1_732_838_460_123, 1_732_838_460_123, 1_732_838_460_123, 1_732_838_461_123, 1_732_838_461_123, 1_732_838_462_123, 1_732_838_462_123, 1_732_838_462_123])
        #expect(batch.values.allSatisfy { $0.status == [] && $0.unit == nil })
    }

    @Test func csvWithoutTimeUsesGatewayTime() {
        let decoder = LineMappingDecoder(format: .csv(separator: ";", columns: [0: "temp"]))
        let batch = decode(decoder, "36.9;x\n")
        #expect(batch.values == [DecodedValue(name: "temp", timeUnixMs: now, value: 36.9, status: .gatewayTime)])
    }

    @Test func csvQuotesAndWhitespaceSeparators() {
        let quoted = LineMappingDecoder(format: .csv(separator: ",", columns: [1: "hr", 2: "note"]))
        #expect(decode(quoted, "\"Smith, J\",\" 64 \",\"say \"\"hi\"\"\"\n").values.map(\.value) == [64, nil])
        let aligned = LineMappingDecoder(format: .csv(separator: " ", columns: [1: "hr", 2: "spo2"]))
        #expect(decode(aligned, "  12:00:01    72     98\n").values.map(\.value) == [72, 98])
    }

    @Test func csvLinesThatMatchNothingAreErrors() {
        let decoder = LineMappingDecoder(format: .csv(separator: ",", columns: [3: "hr"], timeColumn: 0))
        // Too few columns; a header whose time column is no time.
        let batch = decode(decoder, "1,2\ntime,a,b,hr\n1732838400000,0,0,61\n")
        #expect(batch.errors.count == 2 && batch.frames == 3)
        #expect(batch.values.map(\.value) == [61])
    }

    @Test func keyValueLines() {
        let decoder = LineMappingDecoder(
            format: .keyValue(separator: "=", pairSeparator: " ", keys: ["HR": "hr", "SpO2": "spo2", "RR": "rr"], timeKey: "T"), timeUnit: .s
        )
        let batch = decode(decoder, "T=1732838400 HR=72  SpO2=-- junk FOO=1\nRR=16,5 HR=\nFOO=3 BAR=4\n")
        #expect(batch.errors.count == 1 && batch.frames == 3)
        #expect(batch.values.map(\.name) == ["hr", "spo2", "rr", "hr"])
        #expect(batch.values.map(\.value) == [72, nil, nil, nil])
        #expect(batch.values.map(\.timeUnixMs) == [1_732_838_400_000, 1_732_838_400_000, now, now])
        #expect(batch.values.map(\.status) == [[], [], .gatewayTime, .gatewayTime])
    }

    @Test func keyValueWithCommaPairsAndISOTime() {
        let decoder = LineMappingDecoder(
            format: .keyValue(separator: ":", pairSeparator: ",", keys: ["hr": "pulse"], timeKey: "at"), timeUnit: .iso8601
        )
        let batch = decode(decoder, "at: 2024-11-29T00:00:00Z, hr: 58\nat:yesterday,hr:58\n")
        #expect(batch.values == [DecodedValue(name: "pulse", timeUnixMs: 1_732_838_400_000, value: 58)])
        #expect(batch.errors.count == 1)
    }

    @Test(arguments: ["T=1e30 HR=1", "T=-5 HR=1", "T=soon HR=1", "T=inf HR=1"])
    func badTimesAreErrorsNotCrashes(_ line: String) {
        let decoder = LineMappingDecoder(format: .keyValue(separator: "=", pairSeparator: " ", keys: ["HR": "hr"], timeKey: "T"))
        let batch = decode(decoder, line + "\n")
        #expect(batch.errors.count == 1 && batch.values.isEmpty)
    }

    @Test func overlongLinesAndChunking() {
        let decoder = LineMappingDecoder(format: .csv(separator: ",", columns: [0: "a", 1: "b"]))
        let stream = Array(("1,2\n" + String(repeating: "9", count: 700) + ",1\n3,4\r\n5").utf8)
        let whole = Feed.whole(decoder, stream, now: now)
        #expect(whole.values.map(\.value) == [1, 2, 3, 4])
        #expect(whole.errors.count == 1 && whole.frames == 3)
        #expect(Feed.byteByByte(decoder, stream, now: now) == whole)
        for seed in 0..<20 as Range<UInt64> {
            #expect(Feed.randomChunks(decoder, stream, now: now, maxChunk: 50, seed: seed) == whole)
        }
    }
}
