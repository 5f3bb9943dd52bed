/// The gateway's Prometheus metric names and their help texts, in one place so a name has one meaning.
///
/// Names follow Prometheus conventions: `vitalgate_` prefix, base units (`_seconds`, `_bytes`),
/// `_total` on counters.
enum MetricCatalog {
    static let deviceMessages = "vitalgate_device_messages_received_total"
    static let deviceSamples = "vitalgate_device_samples_received_total"
    static let deviceDecodeErrors = "vitalgate_device_decode_errors_total"
    static let deviceFramesLost = "vitalgate_device_frames_lost_total"
    static let deviceUp = "vitalgate_device_up"
    static let unroutable = "vitalgate_unroutable_messages_total"
    static let batchesSealed = "vitalgate_batches_sealed_total"
    static let batchesCommitted = "vitalgate_batches_committed_total"
    static let batchesSent = "vitalgate_batches_sent_total"
    static let batchesAcknowledged = "vitalgate_batches_acknowledged_total"
    static let batchesRefused = "vitalgate_batches_refused_total"
    static let batchesDropped = "vitalgate_batches_dropped_total"
    static let queueBatches = "vitalgate_queue_batches"
    static let queueBytes = "vitalgate_queue_bytes"
    static let queueLimit = "vitalgate_queue_limit_bytes"
    static let queueOldestAge = "vitalgate_queue_oldest_age_seconds"
    static let pendingReadings = "vitalgate_pipeline_pending_readings"
    static let sealedUncommitted = "vitalgate_pipeline_sealed_uncommitted_batches"
    static let inboxInputs = "vitalgate_pipeline_inbox_inputs"
    static let inboxWaits = "vitalgate_pipeline_inbox_waits_total"
    static let urgentInputs = "vitalgate_pipeline_urgent_inputs_total"
    static let inputWait = "vitalgate_pipeline_input_wait_seconds"
    static let upstreamConnected = "vitalgate_upstream_connected"
    static let upstreamAlarmConnected = "vitalgate_upstream_alarm_connected"
    static let upstreamReconnects = "vitalgate_upstream_reconnects_total"
    static let upstreamInflight = "vitalgate_upstream_inflight_batches"
    static let pubackLatency = "vitalgate_upstream_puback_latency_seconds"
    static let readingLatency = "vitalgate_reading_latency_seconds"
    static let readingPublishLatency = "vitalgate_reading_publish_latency_seconds"
    static let readingCloseLatency = "vitalgate_reading_close_latency_seconds"
    static let deliveryAllowance = "vitalgate_batch_delivery_allowance_seconds"
    static let stageDuration = "vitalgate_stage_duration_seconds"
    static let alarmsRaised = "vitalgate_alarms_raised_total"
    static let alarmsSuppressed = "vitalgate_alarms_suppressed_total"
    static let alarmsActive = "vitalgate_alarms_active"
    static let degraded = "vitalgate_degraded"
    static let startTime = "vitalgate_start_time_seconds"

    static let help: [String: String] = [
        deviceMessages: "Messages or frames received from a device.",
        deviceSamples: "Readings and waveform samples received from a device.",
        deviceDecodeErrors: "Malformed messages or frames from a device.",
        deviceFramesLost: "Frames known lost from sequence gaps.",
        deviceUp: "1 when the device delivered data recently, else 0.",
        unroutable: "Sensor broker messages that matched no configured device.",
        batchesSealed: "Batches sealed (encrypted) per lane.",
        batchesCommitted: "Sealed batches committed durably to the queue per lane.",
        batchesSent: "Batches published upstream per lane (retries included).",
        batchesAcknowledged: "Batches the upstream broker acknowledged with a good PUBACK per lane.",
        batchesRefused: "Batches the upstream broker refused (PUBACK reason 0x80 or above) per lane.",
        batchesDropped: "Batches lost without a PUBACK, by lane and reason.",
        queueBatches: "Batches waiting in the queue per lane.",
        queueBytes: "Payload bytes waiting in the queue per lane.",
        queueLimit: "The queue's configured byte bound.",
        queueOldestAge: "Age of the oldest queued batch (0 when empty).",
        pendingReadings: "Readings in memory in open batches, waiting for their batch to close.",
        sealedUncommitted: "Closed batches in memory waiting for their commit, sealed or being sealed (bounded in bytes; kept for retry while the store fails).",
        inboxInputs: "Device messages handed to the pipeline and not yet analysed (bounded; beyond it the sensor broker keeps them).",
        inboxWaits: "Times a source found the pipeline inbox full and waited: the gateway was the bottleneck.",
        urgentInputs: "Device messages marked urgent, as they may raise an alarm (a value beyond a limit, a sensor problem, a lead-off): they go ahead of any waiting for the analysis.",
        inputWait:
            "Time from a device message entering the gateway to the analysis taking it: the receive buffer, decoding and the inbox. An alarm in the message waits as long.",
        upstreamConnected: "1 while connected to the upstream broker, else 0.",
        upstreamAlarmConnected: "1 while the alarm-only upstream connection is up, else 0 (alarms then go over the main connection).",
        upstreamReconnects: "Reconnections to the upstream broker.",
        upstreamInflight: "Batches published and not yet acknowledged.",
        pubackLatency: "Time from publishing a batch to its PUBACK.",
        readingLatency: "Time from the oldest reading of a batch entering the gateway to the batch's PUBACK, per lane.",
        readingPublishLatency:
            "Time from the oldest reading of an acknowledged batch entering the gateway to the batch's publish, per lane: the part of the reading latency before the broker.",
        readingCloseLatency:
            "Time from the oldest reading of an acknowledged batch entering the gateway to the batch closing in the pipeline, per lane: the part of the publish latency spent reaching the analysis (receive buffer, decode, inbox) and, for vitals and waveforms, waiting for the batch to fill.",
        deliveryAllowance:
            "How much before the last pipeline tick ahead of maxLatency a lane's batches close, per lane: the largest recent time from a batch closing to its PUBACK (batches that took the whole window left out), at most a quarter of maxLatency.",
        stageDuration:
            "Time spent per item in a stage: decode per device message, analyse per pipeline input, tick per pipeline tick, seal and publish per batch, commit per queue transaction, handoff per PUBACK (libmosquitto reporting it to the uplink taking it).",
        alarmsRaised: "Alarm conditions raised, by priority.",
        alarmsSuppressed: "Alarm conditions vetoed by a cross-check (asystole with pulses).",
        alarmsActive: "Alarm conditions active now, by priority.",
        degraded: "1 while the gateway runs in a reduced mode (disk full, store failing), else 0.",
        startTime: "Start time of the gateway process since the Unix epoch.",
    ]

    /// Histogram buckets by metric name; latencies use `pubackBuckets`.
    static func buckets(for label: String) -> [Duration] {
        switch label {
        case stageDuration: stageBuckets
        case readingLatency, readingPublishLatency, readingCloseLatency, inputWait: readingBuckets
        default: pubackBuckets
        }
    }

    /// Alarms take milliseconds; vitals and waveforms their lane's `maxLatency` (1 s by default; 250 ms is
    /// common for vitals) plus milliseconds, so the edges are dense there, 10 ms apart, to tell a p99 within
    /// `maxLatency + 20 ms` from one beyond; backlogs after an outage take minutes to hours.
    static let readingBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(15), .milliseconds(20),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(240), .milliseconds(250),
        .milliseconds(260), .milliseconds(270), .milliseconds(280), .milliseconds(300), .milliseconds(500), .milliseconds(750),
        .milliseconds(990), .seconds(1), .milliseconds(1010), .milliseconds(1020), .milliseconds(1030), .milliseconds(1100),
        .seconds(2), .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(300), .seconds(600), .seconds(1800),
        .seconds(3600),
    ]

    /// A stage takes microseconds per message; a commit with fsync, milliseconds.
    static let stageBuckets: [Duration] = [
        .microseconds(1), .microseconds(2), .microseconds(5), .microseconds(10), .microseconds(25), .microseconds(50),
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1),
    ]

    /// PUBACK round trips on loopback take about a millisecond, over 5G tens to hundreds.
    static let pubackBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10),
    ]
}
