@testable import Gateway
import Testing

/// Profiles that trap, caught by the checks of the profile fuzz target (Fuzz/Sources/FuzzProfile; the
/// inputs are also in Fuzz/Corpus/Profile). Each runs in a child process (an exit test), so a trap
/// fails this test instead of ending the whole test run.
@Suite struct ProfileFuzzRegressionTests {
    /// Two CSV channels whose sources differ as text but name the same column ("1" and "01"): the loader's
    /// duplicate check compares the text, while StreamDecoders.make builds its column map with
    /// Dictionary(uniqueKeysWithValues:) from Int(source), which traps on the repeated key 1 when the
    /// serial device starts. Either the loader refuses the profile or the decoder is built; no trap.
    @Test func csvSourcesNamingOneColumnTwice() async {
        await #expect(processExitsWith: .success) {
            let text = """
                name: csv-lines
                transport: serial
                serial: { baud: 115200 }
                decoder: csv
                csv: { separator: "," }
                lane: vital
                channels:
                  hr: { source: "1", loinc: 8867-4, unit: /min }
                  spo2: { source: "01", loinc: 59408-5, unit: "%" }

                """
            guard let profile = try? DeviceProfile.parse(text: text, file: "fuzz-regression.yaml") else { return }
            _ = StreamDecoders.make(for: profile)
        }
    }
}
