/// Scales an IEEE 11073 mantissa by a power of ten with a single rounding, so a device's 87 × 10⁻¹
/// becomes exactly the Double nearest 8.7, the same as the literal a person would compare it with.
enum IEEE11073Decimal {
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var power = 1.0
        for _ in 0..<exponent { power *= 10 }
        return power
    }

    static func value(mantissa: Int, exponent: Int) -> Double {
        if mantissa == 0 { return 0 }
        // 10^0…10^22 are exact Doubles, so one multiply or divide rounds once.
        if exponent >= 0, exponent < powersOfTen.count { return Double(mantissa) * powersOfTen[exponent] }
        if exponent < 0, -exponent < powersOfTen.count { return Double(mantissa) / powersOfTen[-exponent] }
        // Outside that range only decimal parsing rounds once; FLOAT exponents reach ±128.
        return Double("\(mantissa)e\(exponent)") ?? Double(mantissa) * pow10(exponent)
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }
}
