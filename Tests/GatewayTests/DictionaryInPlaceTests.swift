@testable import Gateway
import Testing

@Suite struct DictionaryInPlaceTests {
    @Test func updateValuesChangesEveryValueAndNoKey() {
        var counts = ["a": 1, "b": 2, "c": 3]
        counts.updateValues { $0 *= 10 }
        #expect(counts == ["a": 10, "b": 20, "c": 30])
        var empty: [String: Int] = [:]
        empty.updateValues { $0 += 1 }
        #expect(empty.isEmpty)
    }
}
