#if canImport(CMalloc)
import CMalloc
import Glibc
#endif

/// glibc's malloc arenas. By default there are up to eight per core, each keeping freed memory of its own, so every
/// thread that allocates a lot (Swift's pool, libmosquitto's, SQLite's, the sealing queue) adds megabytes of RSS on a
/// box whose budget is 64 MiB; two arenas hold it (`BENCHMARKS.md`).
enum MallocArenas {
    /// Caps the arenas at `count`, unless `MALLOC_ARENA_MAX` is set (glibc then follows it); call before the gateway's
    /// services start their threads.
    static func limit(to count: Int32 = 2) {
        #if canImport(CMalloc)
        // M_ARENA_MAX from <malloc.h>: Swift does not import a macro with a negative value.
        let arenaMaxOption: Int32 = -8
        guard getenv("MALLOC_ARENA_MAX") == nil else { return }
        _ = mallopt(arenaMaxOption, count)
        #endif
    }
}
