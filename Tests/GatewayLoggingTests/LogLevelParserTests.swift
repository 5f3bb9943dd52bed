import GatewayLogging
import Logging
import Testing

@Suite struct LogLevelParserTests {
    @Test func everyLevelParsesCaseInsensitively() throws {
        for level in Logger.Level.allCases {
            #expect(try LogLevelParser.parse(level.rawValue) == level)
            #expect(try LogLevelParser.parse(level.rawValue.uppercased()) == level)
        }
        #expect(try LogLevelParser.parse("  Warning\n") == .warning)
    }

    @Test func unknownNamesAreErrorsThatListTheValidOnes() {
        for text in ["verbose", "warn", "", "info2"] {
            #expect(throws: UnknownLogLevel(text: text)) { try LogLevelParser.parse(text) }
        }
        #expect(
            UnknownLogLevel(text: "Verbose").description
                == "unknown log level 'Verbose' (expected trace, debug, info, notice, warning, error, critical)"
        )
    }

    @Test func syslogPrioritiesFollowRFC5424() {
        #expect(Logger.Level.allCases.map(\.syslogPriority) == [7, 7, 6, 5, 4, 3, 2])
    }
}
