import DeviceCodecs
import Detection
import GatewayModel

/// Runs the detectors the profiles configure over every reading and waveform, and the per-patient
/// rhythm and NEWS2 watches, returning the alarm events they raise.
///
/// Owned by the pipeline task; time comes from the data, so replayed records behave like live ones.
public struct Analyzer: Sendable {
    var numeric: [ChannelKey: NumericWatch] = [:]
    var waves: [ChannelKey: WaveformWatch] = [:]
    var signals: [ChannelKey: ChannelAnalysis.Signal] = [:]
    var ecg: [String: ECGWatch] = [:]
    var pulses: [ChannelKey: PulseWatch] = [:]
    var patients: [String: PatientWatch] = [:]
    /// Device id → the patient it is attached to (the device itself when none is configured).
    var patientOf: [String: String] = [:]
    var leadOff: [String: LeadOffDetector] = [:]
    var snippets = SnippetRecorder()
    var rates = DerivedRates()
    var infos: [String: DeviceInfo] = [:]

    /// A new NEWS2 score must last this long before it is announced (no flapping at band edges).
    static let news2Hold: Duration = .seconds(60)
    /// Vitals older than this no longer count towards a patient's NEWS2.
    static let news2MaxAge: Duration = .seconds(15 * 60)

    /// Device condition codes that mean the ECG electrodes are off.
    static let leadOffCodes: Set<String> = ["lead-off", "leads-off", "electrode-off"]

    public init(devices: [(DeviceConfig, DeviceProfile)], news2: Bool = true) {
        for (device, profile) in devices { add(device.info, profile, news2: news2) }
    }

    private mutating func add(_ device: DeviceInfo, _ profile: DeviceProfile, news2: Bool) {
        let patient = device.patient ?? device.id
        patientOf[device.id] = patient
        infos[device.id] = device
        if news2, device.patient != nil, patients[patient]?.news2 == nil {
            patients[patient, default: PatientWatch()].news2 = NEWS2Scorer(patient: patient, maxAge: Self.news2MaxAge, hold: Self.news2Hold)
        }
        var ecgLeads: [ProfileChannel] = []
        for channel in profile.channels {
            let key = ChannelKey(device: device.id, channel: channel.descriptor.name)
            numeric[key] = NumericWatch(device: device.id, channel: channel)
            waves[key] = WaveformWatch(device: device.id, channel: channel)
            guard let signal = channel.analysis.signal else { continue }
            signals[key] = signal
            if signal == .ecg { ecgLeads.append(channel) } else { pulses[key] = PulseWatch() }
        }
        guard let first = ecgLeads.first else { return }
        ecg[device.id] = ECGWatch(channels: ecgLeads.map(\.descriptor.name))
        leadOff[device.id] = LeadOffDetector(device: device.id, channel: first.descriptor)
        if patients[patient]?.arrhythmia == nil {
            patients[patient, default: PatientWatch()].arrhythmia = ArrhythmiaDetector(device: device.id, channel: first.descriptor)
        }
    }

    /// One device's decoded readings, waveforms and self-reported conditions.
    public mutating func analyse(
        device: String, measurements: [Measurement], waveforms: [WaveformChunk] = [], conditions: [DeviceCondition] = []
    ) -> AnalysisOutput {
        var output = AnalysisOutput()
        for condition in conditions where Self.leadOffCodes.contains(condition.code) {
            output.events += leadOff[device]?.observe(leadOff: condition.active, atUnixMs: condition.timeUnixMs) ?? []
        }
        for measurement in measurements { output.events += observe(measurement) }
        for chunk in waveforms { observe(chunk, into: &output) }
        for event in output.events { snippets.request(for: event) }
        return output
    }

    private mutating func observe(_ measurement: Measurement) -> [Event] {
        let key = ChannelKey(device: measurement.device, channel: measurement.channel.name)
        var events = numeric.modifyValue(forKey: key) { $0.observe(measurement) } ?? []
        if let patient = patientOf[measurement.device],
           let found = patients.modifyValue(forKey: patient, { $0.news2?.observe(measurement) }) ?? nil {
            events += found
        }
        return events
    }

    /// The configured identity of a device (patient, bed), for the batch's device table.
    func info(of device: String) -> DeviceInfo { infos[device] ?? DeviceInfo(id: device, profile: "") }

    /// The devices some events are about, in first-seen order.
    func devices(of events: [Event]) -> [DeviceInfo] {
        var seen: Set<String> = []
        return events.compactMap { seen.insert($0.device).inserted ? info(of: $0.device) : nil }
    }

    /// Missing-data alarms and overdue snippets; called with the wall clock on every pipeline tick.
    public mutating func tick(nowUnixMs: Int64) -> AnalysisOutput {
        var output = AnalysisOutput()
        // In place: looping over `keys` (or `values.indices`) would copy every watch of the ward on every tick.
        numeric.updateValues { output.events += $0.tick(nowUnixMs: nowUnixMs) }
        waves.updateValues { output.events += $0.tick(nowUnixMs: nowUnixMs) }
        output.snippets = snippets.tick(nowUnixMs: nowUnixMs)
        return output
    }
}
