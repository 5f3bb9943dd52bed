import Foundation
import Logging

extension QueueStore {
    /// Moves a corrupt queue file and its `-wal`/`-shm`/`-journal` companions aside, side by side
    /// under `<path>.corrupt-<UTC timestamp>` (so SQLite can still open them together for forensics),
    /// and returns the new name of the main file.
    static func quarantine(_ path: String, because detail: String, logger: Logger) throws -> String {
        let files = FileManager.default
        let stamp = quarantineStamp(unixMs: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
        var target = "\(path).corrupt-\(stamp)"
        var attempt = 1
        while files.fileExists(atPath: target) {
            attempt += 1
            target = "\(path).corrupt-\(stamp)-\(attempt)"
        }
        do {
            try files.moveItem(atPath: path, toPath: target)
        } catch {
            logger.critical(
                "queue file is corrupt and cannot be moved aside",
                metadata: ["path": "\(path)", "detail": "\(detail)", "error": "\(error)"])
            throw QueueError(
                kind: .corrupt, message: "queue \(path) is corrupt (\(detail)) and could not be moved aside: \(error)")
        }
        for suffix in ["-wal", "-shm", "-journal"] where files.fileExists(atPath: path + suffix) {
            do {
                try files.moveItem(atPath: path + suffix, toPath: target + suffix)
            } catch {
                // A stale WAL next to the new file would be replayed into it: it must go, one way
                // or the other, before the new queue is created.
                do {
                    try files.removeItem(atPath: path + suffix)
                    logger.error(
                        "could not move corrupt queue companion aside; removed it",
                        metadata: ["file": "\(path + suffix)", "error": "\(error)"])
                } catch {
                    throw QueueError(
                        kind: .corrupt,
                        message: "queue \(path) is corrupt and its \(suffix) file cannot be moved or removed: \(error)")
                }
            }
        }
        logger.critical(
            "queue file is corrupt: moved aside, starting a new empty queue; its unsent batches are NOT forwarded",
            metadata: ["path": "\(path)", "quarantined": "\(target)", "detail": "\(detail)"])
        return target
    }

    /// `20250611T142233.123Z`: sortable, unique to the millisecond, no colons (portable file names).
    static func quarantineStamp(unixMs: Int64) -> String {
        var seconds = time_t(unixMs / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d%02d%02dT%02d%02d%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(unixMs % 1000))
    }
}
