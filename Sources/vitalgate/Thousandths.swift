/// Writes a count of thousandths as a decimal with three places (what `String(format: "%.3f")`
/// gives), without Foundation's formatter: that took 8 % of the load generator's CPU.
enum Thousandths {
    static func text(_ thousandths: Int) -> String {
        precondition(thousandths >= 0, "only non-negative counts")
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
