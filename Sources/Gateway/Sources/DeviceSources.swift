import Logging
import ServiceLifecycle

/// Runs the device sources (the sensor broker and every serial port) as one replaceable group, so a
/// reload can swap the device list while the pipeline, the queue and the uplink run on.
final class DeviceSources: Service {
    /// What the group is asked to do next.
    private enum Command: Sendable {
        case replace([any Service])
        case stop
    }

    private let initial: [any Service]
    private let commands: AsyncStream<Command>
    private let continuation: AsyncStream<Command>.Continuation
    private let logger: Logger

    init(sources: [any Service], logger: Logger) {
        self.initial = sources
        (commands, continuation) = AsyncStream<Command>.makeStream()
        self.logger = logger
    }

    /// Stops the running sources (each finishes handing over what it already read) and starts these.
    func replace(with sources: [any Service]) {
        continuation.yield(.replace(sources))
    }

    func run() async {
        await withGracefulShutdownHandler {
            var running = start(initial)
            for await command in commands {
                await stop(running)
                guard case let .replace(sources) = command else { return }
                running = start(sources)
            }
        } onGracefulShutdown: { [continuation] in
            continuation.yield(.stop)
        }
    }

    private func start(_ sources: [any Service]) -> (ServiceGroup, Task<Void, Never>) {
        let group = ServiceGroup(configuration: .init(services: sources.map { .init(service: $0) }, logger: logger))
        let task = Task { [logger] in
            do { try await group.run() } catch { logger.error("device sources stopped: \(error)") }
        }
        return (group, task)
    }

    private func stop(_ running: (ServiceGroup, Task<Void, Never>)) async {
        await running.0.triggerGracefulShutdown()
        await running.1.value
    }
}
