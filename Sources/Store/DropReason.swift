/// Why a batch left the queue without a PUBACK; every such drop is counted by lane and reason.
public enum DropReason: String, Sendable, Hashable, CaseIterable, Codable {
    /// Evicted to make room for a newer batch.
    case full
    /// Older than `maxAge`.
    case age
    /// An incoming batch refused because only more important lanes were left to evict.
    case rejected
}
