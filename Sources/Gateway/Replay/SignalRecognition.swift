import GatewayModel

/// Recognises ECG, pleth and pressure channels from WFDB signal names, with their MDC codes.
enum SignalRecognition {
    private static let ecgLeads: [String: UInt32] = [
        "I": 131329, "II": 131330, "III": 131389, "AVR": 131390, "AVL": 131391, "AVF": 131392,
        "V1": 131331, "V2": 131332, "V3": 131333, "V4": 131334, "V5": 131335, "V6": 131336,
        "MLI": 131329, "MLII": 131330, "MLIII": 131389, "ECG": 131328,
    ]

    /// The analysis role and code of a signal named `label`, or nil for a channel the analysis ignores.
    static func recognise(_ label: String) -> (signal: ChannelAnalysis.Signal, code: ChannelCode)? {
        let name = label.uppercased().replacingOccurrences(of: "ECG ", with: "").trimmingCharacters(in: .whitespaces)
        if let mdc = ecgLeads[name] ?? (name.hasPrefix("ECG") ? 131328 : nil) ?? (name.hasPrefix("MCL") || name.hasPrefix("CM") ? 131328 : nil) {
            return (.ecg, ChannelCode(mdc: mdc, display: "ECG lead \(label)"))
        }
        if ["PLETH", "PPG", "SPO2 PLETH"].contains(name) { return (.pleth, ChannelCode(mdc: 150452, display: "Plethysmogram")) }
        if ["ABP", "ART", "AOBP", "PAP", "BP"].contains(name) { return (.arterial, ChannelCode(mdc: 150016, display: "Arterial pressure")) }
        return nil
    }
}
