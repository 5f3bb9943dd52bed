import Testing
import YAMLConfig

@Suite struct QuantityTests {
    @Test func durations() {
        #expect(Quantity.duration("250ms") == .milliseconds(250))
        #expect(Quantity.duration("10s") == .seconds(10))
        #expect(Quantity.duration("1.5s") == .milliseconds(1500))
        #expect(Quantity.duration("5m") == .seconds(300))
        #expect(Quantity.duration("7d") == .seconds(7 * 86400))
        #expect(Quantity.duration("0") == .zero)
        #expect(Quantity.duration("10") == nil)
        #expect(Quantity.duration("-1s") == nil)
        #expect(Quantity.duration("fast") == nil)
        #expect(Quantity.duration("1e12d") == nil, "too long for a Duration is an error, not a crash")
    }

    @Test func sizes() {
        #expect(Quantity.byteSize("512MiB") == Int64(536_870_912))
        #expect(Quantity.byteSize("2GiB") == Int64(2_147_483_648))
        #expect(Quantity.byteSize("64KiB") == 65536)
        #expect(Quantity.byteSize("10MB") == 10_000_000)
        #expect(Quantity.byteSize("4096") == 4096)
        #expect(Quantity.byteSize("lots") == nil)
        #expect(Quantity.byteSize("-5MiB") == nil)
        #expect(Quantity.byteSize("1e30TiB") == nil)
    }
}
