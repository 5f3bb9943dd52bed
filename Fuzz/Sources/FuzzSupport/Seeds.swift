import Foundation

/// Seeds a target builds itself (a sealed envelope, an encoded batch): they depend on code, not on
/// hand-written bytes, so Scripts/fuzz asks each run for fresh ones (VITALGATE_FUZZ_SEED_DIR, the
/// run's copy of the corpus) besides the committed copies in Corpus/.
public enum Seeds {
    public static func write(_ data: Data, name: String) {
        guard let directory = ProcessInfo.processInfo.environment["VITALGATE_FUZZ_SEED_DIR"], !directory.isEmpty else { return }
        let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
        do { try data.write(to: url) } catch { fatalError("cannot write seed \(url.path): \(error)") }
    }
}
