import Hummingbird
import NIOCore

/// The control API's request context: Hummingbird's, plus the connection, to ask who the peer is.
struct ControlContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}
