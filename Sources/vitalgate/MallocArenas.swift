#if canImport(Glibc) && canImport(CMalloc)
import CMalloc
import Glibc
#endif

/// glibc's malloc arenas. By default there are up to eight per core, each keeping freed memory of its own, so every
/// thread that allocates a lot (Swift's pool, libmosquitto's, SQLite's, the sealing queue) adds megabytes of RSS on a
/// box whose budget is 64 MiB; two arenas hold it (`BENCHMARKS.md`).
enum MallocArenas {
    /// Caps the arenas at `count`, unless `MALLOC_ARENA_MAX` is set (glibc then follows it). Arenas made before the
    /// call stay, so it goes first in `run`; the systemd unit sets the variable, which holds from the first allocation.
    static func limit(to count: Int32 = 2) {
        #if canImport(Glibc) && canImport(CMalloc)
        guard getenv("MALLOC_ARENA_MAX") == nil else { return }
        _ = mallopt(M_ARENA_MAX, count)
        #endif
    }
}
