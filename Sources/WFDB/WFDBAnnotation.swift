/// One annotation from a WFDB annotation file.
public struct WFDBAnnotation: Sendable, Equatable {
    /// Sample (frame) index the annotation refers to.
    public var sample: Int
    /// Annotation type, e.g. `.normal`.
    public var code: WFDBAnnotationCode
    /// Type-specific subtype (SUB pseudo-annotation); 0 when absent.
    public var subtype: Int
    /// Signal number the annotation refers to (CHN); carried over from earlier annotations, as WFDB does.
    public var channel: Int
    /// Annotator-defined number (NUM); carried over from earlier annotations, as WFDB does.
    public var number: Int
    /// Auxiliary text (AUX), e.g. `(N` on rhythm changes, without trailing NULs.
    public var aux: String?

    public init(sample: Int, code: WFDBAnnotationCode, subtype: Int = 0, channel: Int = 0, number: Int = 0, aux: String? = nil) {
        self.sample = sample
        self.code = code
        self.subtype = subtype
        self.channel = channel
        self.number = number
        self.aux = aux
    }

    /// The code's standard label, e.g. `N`.
    public var mnemonic: String { code.mnemonic }
    /// Whether this is a heartbeat annotation under the EC57 convention.
    public var isBeat: Bool { code.isBeat }
}
