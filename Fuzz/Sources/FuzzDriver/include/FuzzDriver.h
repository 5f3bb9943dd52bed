#ifndef VITALGATE_FUZZ_DRIVER_H
#define VITALGATE_FUZZ_DRIVER_H

#include <stddef.h>

/// One fuzz input; never NULL (an empty input gets a pointer to a dummy byte).
typedef int (*FuzzDriverTestOneInput)(const void *_Nonnull data, size_t size);

/// Runs libFuzzer's command-line driver (LLVMFuzzerRunDriver) with `test` as the target.
///
/// SwiftPM links every executable module with its own entry point (`main` aliased to `<Module>_main`),
/// so libFuzzer's `main` is never used: each fuzz executable's top-level code calls this instead.
int FuzzDriverRun(int argc, char *_Nullable *_Nonnull argv, FuzzDriverTestOneInput _Nonnull test);

#endif
