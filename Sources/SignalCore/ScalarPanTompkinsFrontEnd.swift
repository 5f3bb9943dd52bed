/// Reference Pan–Tompkins front end: the scalar kernels chained one sample at a time.
public struct ScalarPanTompkinsFrontEnd: Sendable {
    public let configuration: PanTompkinsConfiguration
    private var bandPass: ScalarBiquadCascade
    private var derivative: ScalarFIRFilter
    private var integrator: ScalarMovingWindowIntegrator

    public init(configuration: PanTompkinsConfiguration) {
        self.configuration = configuration
        bandPass = ScalarBiquadCascade(sections: configuration.bandPassSections)
        derivative = .panTompkinsDerivative(sampleRate: configuration.sampleRate)
        integrator = ScalarMovingWindowIntegrator(window: configuration.integrationSamples)
    }

    public mutating func process(_ sample: Float) -> (filtered: Float, integrated: Float) {
        let filtered = bandPass.process(sample)
        let slope = derivative.process(filtered)
        return (filtered, integrator.process(slope * slope))
    }

    public mutating func process(_ input: [Float], filtered: inout [Float], integrated: inout [Float]) {
        filtered.removeAll(keepingCapacity: true)
        integrated.removeAll(keepingCapacity: true)
        for x in input {
            let y = process(x)
            filtered.append(y.filtered)
            integrated.append(y.integrated)
        }
    }

    public mutating func reset() { self = ScalarPanTompkinsFrontEnd(configuration: configuration) }
}
