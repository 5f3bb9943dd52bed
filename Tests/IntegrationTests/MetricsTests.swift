import Foundation
import LocalLab
import Testing

/// `/metrics` on the loopback address: Prometheus's own checker accepts it and the figures move.
@Suite(.serialized) struct MetricsTests {
    func value(_ series: String, in text: String) -> Double? { GatewayLab.metricValue(series, in: text) }

    @Test func metricsPassPromtoolAndFollowTheTraffic() async throws {
        var options = GatewayLab.Options(devices: 2)
        let port = FreePort.next()
        options.metrics = "127.0.0.1:\(port)"
        let lab = try GatewayLab(options)
        defer { lab.stopAll(); lab.dir.remove() }
        try await lab.startReceiver()
        try await lab.startGatewayAndWait()
        try await lab.publish(SenMLTraffic.heartRates(count: 60, devices: 2).messages)
        let start = SenMLTraffic.baseMs + 500_000
        try await lab.publish((0...7).map { step in
            (topic: "sensors/dev1/vitals", payload: SenMLTraffic.pack(device: "dev1", timeMs: start + Int64(step) * 1000, records: [("spo2", "%", 84)]))
        })
        #expect(await eventually(timeout: .seconds(20)) { lab.observations().count >= 60 })

        var text = ""
        let settled = await eventually(timeout: .seconds(20)) {
            text = (try? lab.scrapeMetrics().text) ?? ""
            return (value("vitalgate_batches_acknowledged_total{lane=\"alarm\"}", in: text) ?? 0) >= 1
        }
        #expect(settled, "\(text.prefix(3000))")
        let scrape = try lab.scrapeMetrics()
        #expect(scrape.contentType.hasPrefix("text/plain; version=0.0.4"))
        text = scrape.text

        let check = try ChildProcess.capture("/bin/sh", ["-c", "promtool check metrics < '\(lab.dir.file("metrics.txt"))'"])
        #expect(check.status == 0, "promtool: \(check.output)")
        #expect((value("vitalgate_device_samples_received_total{device=\"dev0\"}", in: text) ?? 0) >= 30)
        #expect((value("vitalgate_device_samples_received_total{device=\"dev1\"}", in: text) ?? 0) >= 38)
        #expect((value("vitalgate_batches_sealed_total{lane=\"vital\"}", in: text) ?? 0) >= 1)
        #expect((value("vitalgate_alarms_raised_total{priority=\"high\"}", in: text) ?? 0) >= 1)
        #expect(value("vitalgate_upstream_connected", in: text) == 1)
        #expect((value("vitalgate_upstream_puback_latency_seconds_count", in: text) ?? 0) >= 2)
        #expect(value("vitalgate_batches_dropped_total{lane=\"wave\",reason=\"full\"}", in: text) == 0, "drop series exist from the start")
        // What each stage costs, and how long readings take from arrival to PUBACK.
        let stage = { (name: String) in value("vitalgate_stage_duration_seconds_count{stage=\"\(name)\"}", in: text) ?? 0 }
        #expect(stage("decode") >= 68, "one decode per device message")
        #expect(stage("analyse") >= 68)
        #expect((value("vitalgate_pipeline_input_wait_seconds_count", in: text) ?? 0) >= 68, "each device message's wait before the analysis")
        for name in ["tick", "seal", "publish"] { #expect(stage(name) >= 2, "\(name) per batch") }
        #expect(stage("commit") >= 1, "one per transaction, which takes every batch sealed meanwhile")
        let lanes = ["alarm", "vital", "wave"]
        let latencyCount = lanes.compactMap { value("vitalgate_reading_latency_seconds_count{lane=\"\($0)\"}", in: text) }.reduce(0, +)
        let latencySum = lanes.compactMap { value("vitalgate_reading_latency_seconds_sum{lane=\"\($0)\"}", in: text) }.reduce(0, +)
        let pubacks = value("vitalgate_upstream_puback_latency_seconds_count", in: text) ?? 0
        let pubackSum = value("vitalgate_upstream_puback_latency_seconds_sum", in: text) ?? 0
        #expect((value("vitalgate_reading_latency_seconds_count{lane=\"alarm\"}", in: text) ?? 0) >= 1)
        // Within one: a PUBACK may land between the two histograms of one scrape.
        #expect(abs(latencyCount - pubacks) <= 1, "every acknowledged batch of this run has its readings' arrival")
        #expect(latencySum >= pubackSum, "a batch's oldest reading arrived before the batch was published")
        // The part before the broker, for the same batches: as many, and less by their PUBACKs. A scrape taken while a
        // batch is acknowledged between the two families would not match, so this waits for one that does.
        var parts = (count: 0.0, toClose: 0.0, toPublish: 0.0, total: 0.0, puback: 0.0)
        let matched = await eventually(timeout: .seconds(10)) {
            let now = (try? lab.scrapeMetrics().text) ?? ""
            let sum = { (name: String) in lanes.compactMap { value("\(name){lane=\"\($0)\"}", in: now) }.reduce(0, +) }
            let count = sum("vitalgate_reading_latency_seconds_count")
            parts = (count, sum("vitalgate_reading_close_latency_seconds_sum"), sum("vitalgate_reading_publish_latency_seconds_sum"),
                     sum("vitalgate_reading_latency_seconds_sum"), value("vitalgate_upstream_puback_latency_seconds_sum", in: now) ?? 0)
            return count > 0 && count == sum("vitalgate_reading_publish_latency_seconds_count")
                && count == sum("vitalgate_reading_close_latency_seconds_count")
                && count == value("vitalgate_upstream_puback_latency_seconds_count", in: now)
        }
        #expect(matched)
        #expect(parts.toPublish > 0 && parts.toPublish < parts.total, "\(parts)")
        // Vital batches stay open for most of their 300 ms window; sealing and the hand-over to the uplink follow.
        #expect(parts.toClose > 0 && parts.toClose < parts.toPublish, "closing comes before the publish: \(parts)")
        #expect(abs(parts.total - parts.toPublish - parts.puback) < 0.001 * parts.count, "publish + PUBACK = the whole: \(parts)")
        // Each PUBACK (none is refused here) is handed from libmosquitto's thread to the uplink, in less time than it took.
        let handoffs = stage("handoff")
        // Within one either way, as above: the scrape's families come in no fixed order.
        #expect(abs(handoffs - pubacks) <= 1, "one handoff per PUBACK: \(handoffs) for \(pubacks)")
        #expect((value("vitalgate_stage_duration_seconds_sum{stage=\"handoff\"}", in: text) ?? .infinity) <= pubackSum)
        // The PUBACKs taught the batcher how early to close: more than nothing, at most a quarter of the 300 ms window.
        let allowance = value("vitalgate_batch_delivery_allowance_seconds{lane=\"vital\"}", in: text) ?? -1
        #expect(allowance > 0 && allowance <= 0.075, "vital delivery allowance \(allowance) s")
        #expect(value("vitalgate_batch_delivery_allowance_seconds{lane=\"alarm\"}", in: text) == 0, "alarms close at once")
        // The eight SpO2 readings below 90 % may raise an alarm, so they went ahead of any queued load; no heart rate did.
        #expect(await eventually(timeout: .seconds(10)) {
            value("vitalgate_pipeline_urgent_inputs_total", in: (try? lab.scrapeMetrics().text) ?? "") == 8
        }, "urgent inputs: \(value("vitalgate_pipeline_urgent_inputs_total", in: (try? lab.scrapeMetrics().text) ?? "") ?? -1)")
        for name in ["vitalgate_pipeline_inbox_inputs", "vitalgate_pipeline_sealed_uncommitted_batches", "vitalgate_pipeline_inbox_waits_total", "vitalgate_pipeline_urgent_inputs_total", "vitalgate_queue_bytes", "vitalgate_queue_oldest_age_seconds", "vitalgate_queue_limit_bytes", "vitalgate_upstream_reconnects_total"] {
            #expect(text.contains("# TYPE \(name) "), "\(name) is exported")
        }

        // Counters only go up, across scrapes.
        let samples = value("vitalgate_device_samples_received_total{device=\"dev0\"}", in: text) ?? 0
        try await lab.publish(SenMLTraffic.heartRates(count: 20, devices: 2, offset: 100).messages)
        #expect(await eventually(timeout: .seconds(20)) {
            let later = (try? lab.scrapeMetrics().text) ?? ""
            return (value("vitalgate_device_samples_received_total{device=\"dev0\"}", in: later) ?? 0) >= samples + 10
        })
    }
}
