import Logging

extension Logger.Level {
    /// The syslog(3) priority journald reads from a `<N>` line prefix (RFC 5424 severities).
    public var syslogPriority: Int {
        switch self {
        // syslog has nothing below debug, so trace shares its priority.
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
