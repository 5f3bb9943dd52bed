import Detection
import GatewayModel
import YAMLConfig

extension DeviceProfile {
    static let analysisKeys: Set<String> = ["signal", "noData", "flatline", "clipping", "trend"]

    /// `signal`, `noData`, `flatline`, `clipping` and `trend` of one channel mapping.
    static func parseAnalysis(_ map: YAMLMapping) throws(ConfigError) -> ChannelAnalysis {
        var analysis = ChannelAnalysis()
        analysis.signal = try map["signal"].map { value throws(ConfigError) in
            ChannelAnalysis.Signal(rawValue: try value.choice(ChannelAnalysis.Signal.allCases.map(\.rawValue)))!
        }
        analysis.noData = try map["noData"]?.duration()
        if let value = map["flatline"] {
            let flat = try value.mapping(allowed: ["below", "for"])
            analysis.flatline = ChannelAnalysis.Flatline(below: try flat.required("below").double(), duration: try flat["for"]?.duration() ?? .seconds(3))
        }
        if let value = map["clipping"] {
            let rails = try value.mapping(allowed: ["low", "high"])
            let low = try rails.required("low").int(in: Int(Int32.min)...Int(Int32.max))
            let high = try rails.required("high").int(in: Int(Int32.min)...Int(Int32.max))
            guard low < high else { throw value.error("'clipping.low' must be below 'clipping.high'") }
            analysis.clipping = ChannelAnalysis.Clipping(low: Int32(low), high: Int32(high))
        }
        if let value = map["trend"] { analysis.trend = try parseTrend(value) }
        return analysis
    }

    /// `{ change: 5, baseline: 30m, recent: 5m, direction: falling }`.
    private static func parseTrend(_ value: YAMLValue) throws(ConfigError) -> TrendRule {
        let map = try value.mapping(allowed: ["change", "baseline", "recent", "direction", "priority"])
        let change = try map.required("change").double()
        guard change > 0 else { throw value.error("'trend.change' must be positive") }
        let directions = [TrendRule.Direction.rising, .falling, .either].map(\.rawValue)
        return TrendRule(
            baselineWindow: try map["baseline"]?.duration() ?? .seconds(30 * 60), recentWindow: try map["recent"]?.duration() ?? .seconds(5 * 60),
            minimumChange: change, direction: TrendRule.Direction(rawValue: try map["direction"]?.choice(directions) ?? "either")!,
            priority: AlarmPriority(rawValue: try map["priority"]?.choice(AlarmPriority.allCases.map(\.rawValue)) ?? "low")!
        )
    }
}
