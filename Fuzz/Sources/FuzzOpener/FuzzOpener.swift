import Foundation
import FuzzSupport
import Wire

/// Envelopes as the receiver gets them from the broker: garbage and mutated sealed envelopes must be
/// refused with an OpenError. Only an envelope the fixture's gateway sealed can open, and every seal
/// uses the fixture's header: an envelope that opens with any other header got a forgery through.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let envelope = Data(bytes: start, count: count)
    let opener = OpenerFixture.opener
    // The unauthenticated header is what the receiver logs and routes by before opening.
    _ = try? opener.header(of: envelope)
    do {
        let opened = try opener.open(envelope)
        if opened.header != OpenerFixture.header {
            fatalError("an envelope opened to something that was never sealed: \(opened.header)")
        }
    } catch {
        // Typed throws: every refusal is an OpenError by construction; its text must be printable.
        _ = error.description
    }
    return 0
}
