/// One channel of one device, as the analysis indexes its detectors.
struct ChannelKey: Hashable, Sendable {
    let device: String
    let channel: String
}
