import DeviceCodecs
import FuzzSupport

/// Input: one byte picks the format (#2, #7, #8), one the chunk cut, the rest is the serial stream.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(start, count)
    let format = input.pick(3)
    let split = input.byte()
    switch format {
    case 0: StreamCheck.run(NoninFormat2Decoder(), input.rest, split: split, "Nonin #2")
    case 1: StreamCheck.run(NoninFormat7Decoder(), input.rest, split: split, "Nonin #7")
    default: StreamCheck.run(NoninFormat8Decoder(), input.rest, split: split, "Nonin #8")
    }
    return 0
}
