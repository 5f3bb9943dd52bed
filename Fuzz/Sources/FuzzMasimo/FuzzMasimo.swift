import DeviceCodecs
import FuzzSupport

/// Input: one byte picks the date order, one the chunk cut, the rest is the serial stream.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    var input = FuzzInput(start, count)
    let order = MasimoASCIIDecoder.DateOrder.allCases[input.pick(MasimoASCIIDecoder.DateOrder.allCases.count)]
    let split = input.byte()
    StreamCheck.run(MasimoASCIIDecoder(dateOrder: order), input.rest, split: split, "Masimo \(order.rawValue)")
    return 0
}
