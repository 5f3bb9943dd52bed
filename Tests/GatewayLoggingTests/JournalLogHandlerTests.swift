import Foundation
import GatewayLogging
import Logging
import Testing

/// The handler end to end: what reaches the output for each style, level and metadata.
@Suite struct JournalLogHandlerTests {
    func logger(_ style: LogLineStyle, level: Logger.Level = .trace, into collector: LineCollector) -> Logger {
        Logger(label: "vitalgate.uplink") { label in
            JournalLogHandler(label: label, level: level, style: style, output: collector.output)
        }
    }

    @Test(arguments: [
        (Logger.Level.trace, "<7>"), (.debug, "<7>"), (.info, "<6>"), (.notice, "<5>"),
        (.warning, "<4>"), (.error, "<3>"), (.critical, "<2>"),
    ])
    func journalLinesStartWithTheSyslogPriority(level: Logger.Level, prefix: String) {
        let collector = LineCollector()
        logger(.journal, into: collector).log(level: level, "queue opened")
        #expect(collector.all == ["\(prefix)vitalgate.uplink: queue opened\n"])
    }

    @Test func journalLinesCarryNoTimestampAndHumanLinesDo() throws {
        let journal = LineCollector()
        logger(.journal, into: journal).info("connected")
        #expect(journal.all == ["<6>vitalgate.uplink: connected\n"])

        let human = LineCollector()
        logger(.human, into: human).info("connected")
        let line = try #require(human.all.first)
        let pattern = #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z info vitalgate\.uplink: connected\n$/#
        #expect(line.wholeMatch(of: pattern) != nil, "\(line)")
    }

    @Test func theTimestampIsTheCurrentUTCTime() throws {
        let collector = LineCollector()
        let before = Date()
        logger(.human, into: collector).warning("late")
        let line = try #require(collector.all.first)
        let stamp = String(line.prefix(while: { $0 != " " }))
        let parsed = try #require(try? Date(stamp, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        #expect(abs(parsed.timeIntervalSince(before)) < 5, "\(stamp)")
    }

    @Test func aMultiLineMessageStaysOneLine() {
        let collector = LineCollector()
        logger(.journal, into: collector).error("bad frame:\nline two\r\n\u{1B}[31mred", metadata: ["payload": "a\nb"])
        #expect(collector.all == [#"<3>vitalgate.uplink: bad frame:\nline two\r\n\x1B[31mred payload=a\nb"# + "\n"])
        #expect(collector.all.allSatisfy { $0.filter { $0 == "\n" }.count == 1 })
    }

    @Test func metadataIsSortedAndMergedWithTheCallSiteWinning() {
        let collector = LineCollector()
        var log = logger(.journal, into: collector)
        log[metadataKey: "gateway"] = "gw01"
        log[metadataKey: "lane"] = "wave"
        for _ in 0..<3 {
            log.info("sent", metadata: ["seq": "42", "lane": "alarm", "attempt": .stringConvertible(2), "b": ["z": "1", "a": "2"]])
        }
        let expected = "<6>vitalgate.uplink: sent attempt=2 b=\"{a: 2, z: 1}\" gateway=gw01 lane=alarm seq=42\n"
        #expect(collector.all == Array(repeating: expected, count: 3))
    }

    @Test func valuesWithSpacesOrQuotesAreQuoted() {
        let collector = LineCollector()
        logger(.journal, into: collector).notice("x", metadata: ["reason": "connection refused", "q": "say \"hi\"", "empty": ""])
        #expect(collector.all == [#"<5>vitalgate.uplink: x empty="" q="say \"hi\"" reason="connection refused""# + "\n"])
    }

    @Test func metadataProviderAndErrorAreIncluded() {
        struct Refused: Error, CustomStringConvertible { var description: String { "refused" } }
        let collector = LineCollector()
        let provider = Logger.MetadataProvider { ["request": "r1"] }
        let log = Logger(label: "api") { label in
            JournalLogHandler(label: label, style: .journal, output: collector.output, metadataProvider: provider)
        }
        log.error("bind failed", error: Refused())
        #expect(collector.all == ["<3>api: bind failed error=refused request=r1\n"])
    }

    @Test func recordsBelowTheLevelAreDropped() {
        let collector = LineCollector()
        let log = logger(.journal, level: .warning, into: collector)
        log.trace("t")
        log.debug("d")
        log.info("i")
        log.notice("n")
        log.warning("w")
        log.error("e")
        log.critical("c")
        #expect(collector.all == ["<4>vitalgate.uplink: w\n", "<3>vitalgate.uplink: e\n", "<2>vitalgate.uplink: c\n"])
    }

    @Test func manyThreadsNeverSplitALine() async throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let readEnd = fds[0]
        defer { close(readEnd) }
        let reader = Task.detached {
            var data = Data()
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(readEnd, &buffer, buffer.count)
                if count <= 0 { return data }
                data.append(contentsOf: buffer[0..<count])
            }
        }
        let writeEnd = fds[1]
        let log = Logger(label: "t") { JournalLogHandler(label: $0, style: .journal, output: .fileDescriptor(writeEnd)) }
        let payload = String(repeating: "x", count: 300)
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    for index in 0..<200 { log.info("\(payload)", metadata: ["task": "\(task)", "i": "\(index)"]) }
                }
            }
        }
        close(writeEnd)
        let text = String(decoding: await reader.value, as: UTF8.self)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1600)
        #expect(lines.allSatisfy { $0.hasPrefix("<6>t: \(payload) i=") })
    }
}
