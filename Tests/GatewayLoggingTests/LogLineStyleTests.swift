import Foundation
import GatewayLogging
import Logging
import Testing

/// Journal detection from `JOURNAL_STREAM`, checked against the real stream as systemd documents.
@Suite struct LogLineStyleTests {
    /// `DEVICE:INODE` of an open descriptor, as systemd writes it into `JOURNAL_STREAM`.
    func streamID(_ descriptor: Int32) -> String {
        var info = stat()
        fstat(descriptor, &info)
        return "\(info.st_dev):\(info.st_ino)"
    }

    @Test func journalOnlyWhenTheVariableNamesThisStream() {
        var journal: [Int32] = [0, 0]
        var other: [Int32] = [0, 0]
        #expect(pipe(&journal) == 0 && pipe(&other) == 0)
        defer { for fd in journal + other { close(fd) } }
        #expect(LogLineStyle.detect(environment: [:], descriptor: journal[1]) == .human)
        #expect(LogLineStyle.detect(environment: ["JOURNAL_STREAM": ""], descriptor: journal[1]) == .human)
        #expect(LogLineStyle.detect(environment: ["JOURNAL_STREAM": streamID(journal[1])], descriptor: journal[1]) == .journal)
        // A child of the service whose stderr was redirected elsewhere still inherits the variable.
        #expect(LogLineStyle.detect(environment: ["JOURNAL_STREAM": streamID(other[1])], descriptor: journal[1]) == .human)
        #expect(LogLineStyle.detect(environment: ["JOURNAL_STREAM": "yes"], descriptor: journal[1]) == .journal)
    }

    @Test func theDetectedStyleShapesTheLinesWrittenToTheStream() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let style = LogLineStyle.detect(environment: ["JOURNAL_STREAM": streamID(fds[1])], descriptor: fds[1])
        let writeEnd = fds[1]
        Logger(label: "vitalgate") { JournalLogHandler(label: $0, style: style, output: .fileDescriptor(writeEnd)) }.warning("disk full")
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = read(fds[0], &buffer, buffer.count)
        #expect(String(decoding: buffer[0..<max(count, 0)], as: UTF8.self) == "<4>vitalgate: disk full\n")
    }
}
