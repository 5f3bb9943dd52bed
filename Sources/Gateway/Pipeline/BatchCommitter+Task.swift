extension BatchCommitter {
    /// The committer's own task: each wake seals and commits all that was closed meanwhile; once `batches` is
    /// finished, what is left, trying until a deadline before the batches still refused are counted as lost.
    func run(taking batches: ClosedBatches, sealing sealer: BatchSealer) async {
        var committer = self
        let sealing = SealingThread(sealer)
        for await _ in batches.wakes { await committer.commitWaiting(in: batches, sealing: sealing) }
        await committer.commitWaiting(in: batches, sealing: sealing)
        let left = committer.waitingCount
        await committer.flushBeforeExit(deadline: .now + .seconds(5))
        batches.settled(left)
    }

    private mutating func commitWaiting(in batches: ClosedBatches, sealing: SealingThread) async {
        let taken = batches.takeAll()
        let held = waitingCount + taken.count
        let sealedHere = taken.toSeal.isEmpty ? [] : await sealing.seal(taken.toSeal)
        await commit(taken.sealed + sealedHere)
        // A batch that could not be sealed was dropped and counted by the sealer; it is settled too.
        batches.settled(held - waitingCount)
    }
}
