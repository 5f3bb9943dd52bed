import Detection
import GatewayModel

/// What is watched per patient rather than per channel: the rhythm (from the fused ECG, checked
/// against pulses) and the NEWS2 early-warning score.
struct PatientWatch: Sendable {
    var arrhythmia: ArrhythmiaDetector?
    var news2: NEWS2Scorer?
}
