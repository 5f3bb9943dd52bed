/// What the control API's mutating calls reach: a reload, and sealing open batches now.
struct ControlActions: Sendable {
    let reloader: Reloader
    let pipeline: PipelineInbox

    func reload() async -> ReloadOutcome { await reloader.reload() }

    /// The pipeline seals and commits every open batch; the commit wakes the uplink.
    func flushQueue() { pipeline.post(.flush) }
}
