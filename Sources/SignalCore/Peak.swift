/// A local maximum of a stream: its absolute sample index (from the stream's first sample) and value.
public struct Peak: Sendable, Hashable {
    public var index: Int
    public var value: Float

    public init(index: Int, value: Float) {
        self.index = index
        self.value = value
    }
}
