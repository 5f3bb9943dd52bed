import GatewayModel

/// An authenticated, decrypted batch: the clear-text header it came with and its readings.
public struct OpenedBatch: Sendable, Hashable {
    public var header: BatchHeader
    public var content: BatchContent

    public init(header: BatchHeader, content: BatchContent) {
        self.header = header
        self.content = content
    }
}
