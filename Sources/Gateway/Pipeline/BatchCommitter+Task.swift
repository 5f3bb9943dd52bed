extension BatchCommitter {
    /// The committer's own task: each wake commits all that was sealed meanwhile; once `sealed` is finished (and its
    /// last seal done), what is left, trying until a deadline before the batches still refused are counted as lost.
    func run(taking sealed: ClosedBatches) async {
        var committer = self
        for await _ in sealed.wakes { await committer.commitWaiting(in: sealed) }
        await committer.commitWaiting(in: sealed)
        let left = committer.waitingCount
        await committer.flushBeforeExit(deadline: .now + .seconds(5))
        sealed.settled(left)
    }

    private mutating func commitWaiting(in sealed: ClosedBatches) async {
        let taken = sealed.takeAll()
        let held = waitingCount + taken.count
        await commit(taken)
        sealed.settled(held - waitingCount)
    }
}
