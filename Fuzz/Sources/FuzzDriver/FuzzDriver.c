#include "FuzzDriver.h"

#include <stdint.h>

// Provided by libclang_rt.fuzzer, which `-sanitize=fuzzer` links into every executable.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

static FuzzDriverTestOneInput target;

// libFuzzer may hand an empty input as NULL; the Swift side takes a non-optional pointer.
static int trampoline(const uint8_t *data, size_t size) {
    static const uint8_t empty = 0;
    return target(data != NULL ? (const void *)data : (const void *)&empty, size);
}

int FuzzDriverRun(int argc, char **argv, FuzzDriverTestOneInput test) {
    target = test;
    return LLVMFuzzerRunDriver(&argc, &argv, trampoline);
}
