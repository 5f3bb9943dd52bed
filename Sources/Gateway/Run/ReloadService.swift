import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the configuration on SIGHUP, the way operators expect of a Unix daemon.
final class ReloadService: Service {
    private let reloader: Reloader

    init(reloader: Reloader) {
        self.reloader = reloader
    }

    func run() async {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        // The signal sequence ends only when its task is cancelled; a graceful stop must cancel it.
        await cancelWhenGracefulShutdown { [reloader] in
            for await _ in signals { _ = await reloader.reload() }
        }
    }
}
