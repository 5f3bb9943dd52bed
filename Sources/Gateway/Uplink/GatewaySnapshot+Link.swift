extension GatewaySnapshot {
    /// The status of one upstream connection; writing the alarm connection's also marks it configured.
    subscript(link link: UplinkLink) -> UpstreamLinkState {
        get { link == .main ? upstream : alarmLink ?? UpstreamLinkState() }
        set {
            if link == .main { upstream = newValue } else { alarmLink = newValue }
        }
    }
}
