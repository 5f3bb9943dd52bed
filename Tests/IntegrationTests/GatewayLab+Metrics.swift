import Foundation
import LocalLab

/// The gateway's `/metrics`, as Prometheus would scrape it (the lab's `options.metrics` must be set).
extension GatewayLab {
    /// Scrapes `/metrics` into `metrics.txt` in the lab folder: the response's content type and body.
    func scrapeMetrics() throws -> (contentType: String, text: String) {
        guard let address = options.metrics else { throw SupportError("the lab has no metrics address") }
        let url = "http://\(address)/metrics"
        let file = dir.file("metrics.txt")
        let result = try ChildProcess.capture("/usr/bin/curl", ["-sS", "--max-time", "10", "-o", file, "-w", "%{content_type}", url])
        guard result.status == 0 else { throw SupportError("curl \(url): \(result.output)") }
        return (result.output, try String(contentsOfFile: file, encoding: .utf8))
    }

    /// The value of one series, e.g. `vitalgate_device_samples_received_total{device="dev0"}`.
    static func metricValue(_ series: String, in text: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }
}
