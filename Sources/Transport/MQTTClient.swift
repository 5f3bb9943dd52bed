import CMosquitto
import Foundation

/// One MQTT v5 connection lifetime over libmosquitto: connect once, publish and subscribe, close. It never reconnects;
/// after `.disconnected` the owner closes it and builds a new client, so libmosquitto never resends stale messages.
public final class MQTTClient: @unchecked Sendable {  // libmosquitto is thread-safe; our own state is behind `lock`
    private enum Phase {
        case idle, connecting, running, closed
    }

    /// Every callback becomes an event here; received messages wait at most `options.receiveBufferLimit` deep.
    /// Iterate it from one task only.
    public let events: MQTTEvents
    public let options: MQTTClientOptions

    private let state: CallbackState
    /// Outlives `handle`: libmosquitto uses its SSL_CTX, whose callbacks find it through an unretained pointer.
    private let tlsContext: TLSContext?
    private let loop = NetworkLoop()
    private let lock = NSLock()
    private var phase = Phase.idle
    private var closeRequested = false
    private var handle: MosquittoHandle?
    private var retainedState: Unmanaged<CallbackState>?

    /// Creates the libmosquitto client and applies the options; no network traffic until `connect()`.
    public init(options: MQTTClientOptions) throws {
        MosquittoLibrary.ensureInitialized()
        try options.validate()
        self.options = options
        let queue = EventQueue(limit: options.receiveBufferLimit)
        events = MQTTEvents(queue: queue)
        let state = CallbackState(queue: queue, logger: options.logger)
        self.state = state
        tlsContext = try options.tls.map { try TLSContext($0, host: options.endpoint.host, state: state) }

        // libmosquitto holds this pointer until mosquitto_destroy; close() gives the reference back exactly once.
        let retained = Unmanaged.passRetained(state)
        retainedState = retained
        guard let raw = mosquitto_new(options.clientID, options.cleanStart, retained.toOpaque()) else {
            let reason = MosquittoLibrary.errnoText(MosquittoLibrary.currentErrno)
            close()
            throw MQTTError("cannot create MQTT client \"\(options.clientID)\": \(reason)")
        }
        handle = MosquittoHandle(raw: raw)
        do {
            try Self.configure(raw, options, tls: tlsContext)
        } catch {
            close()
            throw error
        }
        Self.installCallbacks(on: raw)
    }

    deinit {
        close()
    }

    /// Received messages not yet taken from `events`.
    public var bufferedMessages: Int { events.queue.count }

    /// True between the accepting CONNACK and the disconnect.
    public var isConnected: Bool { state.isConnected }

    /// Opens the connection and returns once the broker accepted it. On any failure the client is closed and the
    /// error says why: errno text for socket errors, OpenSSL's text for TLS errors, the reason code for a refusal.
    public func connect() async throws {
        let handle: MosquittoHandle = try lock.withLock {
            guard phase == .idle, let handle = self.handle else {
                throw MQTTError(phase == .closed ? "the MQTT client is closed" : "connect() was already called")
            }
            phase = .connecting
            return handle
        }
        let outcome = try await awaitConnectThread(handle)

        let startFailure: MQTTError? = lock.withLock {
            if closeRequested {
                teardownLocked()
                return MQTTError("the MQTT client was closed while connecting to \(options.endpoint)")
            }
            guard outcome.code == MosquittoLibrary.success else {
                let failure = connectFailure(outcome)
                teardownLocked()
                return failure
            }
            return nil  // the connect thread started the network thread
        }
        if let startFailure { throw startFailure }

        do {
            try await awaitConnack()
        } catch let error as MQTTError {
            close()
            throw MQTTError("cannot connect to \(options.endpoint): \(error.description)")
        } catch {
            close()
            throw error
        }
    }

    /// Waits for the connect thread, but not past cancellation; an abandoned thread tears the client down
    /// itself when its connect finally returns (it holds the client until then, so nothing is freed under it).
    private func awaitConnectThread(_ handle: MosquittoHandle) async throws -> ConnectOutcome {
        let wait = ConnectWait()
        Self.startConnect(handle, options) { [self] outcome in
            // The network thread starts here, not when the awaiting task next runs: on a busy box the cooperative
            // pool can take longer than the keep-alive to get round to it, and until then nobody sends our CONNECT.
            if outcome.code == MosquittoLibrary.success {
                lock.withLock {
                    guard phase == .connecting, !closeRequested else { return }
                    loop.start(handle, reportingTo: state)
                    phase = .running
                }
            }
            if !wait.finish(outcome) { lock.withLock { teardownLocked() } }
        }
        let outcome = await withTaskCancellationHandler { await wait.result() } onCancel: { wait.abandon() }
        guard let outcome else { throw MQTTError("connecting to \(options.endpoint) was cancelled") }
        return outcome
    }

    /// Subscribes; messages arrive as `.message` events. Returns the SUBSCRIBE's message id.
    @discardableResult
    public func subscribe(_ topic: String, qos: Int32) throws -> Int32 {
        try withConnectedHandle("subscribe to \(topic)") { raw in
            guard (0...2).contains(qos) else { throw MQTTError("invalid QoS \(qos)") }
            var mid: Int32 = 0
            let rc = mosquitto_subscribe_v5(raw, &mid, topic, qos, 0, nil)
            guard rc == MosquittoLibrary.success else {
                throw MQTTError("subscribe to \(topic) failed: \(MosquittoLibrary.errorText(rc))")
            }
            return mid
        }
    }

    /// Queues a publish and returns its message id; the broker's answer arrives as `.published(mid:reasonCode:at:)`,
    /// possibly before this returns, so an owner that tracks mids should record it under its own isolation.
    public func publish(topic: String, payload: Data, qos: Int32, retain: Bool = false) throws -> Int32 {
        try withConnectedHandle("publish to \(topic)") { raw in
            guard (0...2).contains(qos) else { throw MQTTError("invalid QoS \(qos)") }
            guard payload.count <= Int(Int32.max) else {
                throw MQTTError("payload of \(payload.count) bytes is too large")
            }
            var mid: Int32 = 0
            let rc = payload.withUnsafeBytes { bytes in
                mosquitto_publish_v5(raw, &mid, topic, Int32(bytes.count), bytes.baseAddress, qos, retain, nil)
            }
            guard rc == MosquittoLibrary.success else {
                throw MQTTError("publish to \(topic) failed: \(MosquittoLibrary.errorText(rc))")
            }
            return mid
        }
    }

    /// Disconnects, stops the network thread and frees libmosquitto; finishes `events`. Safe to call repeatedly.
    public func close() {
        lock.withLock {
            switch phase {
            case .closed:
                return
            case .connecting:
                // The blocking connect still uses the handle; its thread tears down as soon as it returns.
                closeRequested = true
            case .idle, .running:
                teardownLocked()
            }
        }
    }

    // MARK: Internals

    private func withConnectedHandle<T>(_ what: String, _ body: (OpaquePointer) throws -> T) throws -> T {
        try lock.withLock {
            // Holding the lock keeps close() from destroying the handle under libmosquitto's feet.
            guard phase == .running, let handle, state.isConnected else {
                throw MQTTError("cannot \(what): not connected to \(options.endpoint)")
            }
            return try body(handle.raw)
        }
    }

    private func awaitConnack() async throws {
        let state = self.state
        let timeout = options.connectTimeout
        let timer = Task {
            try? await Task.sleep(for: timeout)
            guard !Task.isCancelled else { return }
            state.failConnack(MQTTError("no CONNACK within \(timeout)"))
        }
        defer { timer.cancel() }
        try await withTaskCancellationHandler {
            try await state.waitForConnack()
        } onCancel: {
            state.failConnack(CancellationError())
        }
    }

    private func connectFailure(_ outcome: ConnectOutcome) -> MQTTError {
        var reason: String
        switch outcome.code {
        case MosquittoLibrary.code(MOSQ_ERR_ERRNO):
            reason = MosquittoLibrary.errnoText(outcome.errno)
        case MosquittoLibrary.code(MOSQ_ERR_EAI):
            reason = "cannot resolve host name \"\(options.endpoint.host)\""
        default:
            reason = MosquittoLibrary.errorText(outcome.code)
        }
        let problems = state.recentProblems
        if !problems.isEmpty { reason += " [\(problems.joined(separator: "; "))]" }
        return MQTTError("cannot connect to \(options.endpoint): \(reason)")
    }

    /// Must be called with `lock` held. Frees everything; libmosquitto calls back no more once this returns.
    private func teardownLocked() {
        let wasRunning = phase == .running
        events.queue.stopBlocking()  // a callback waiting for room would keep the network thread from stopping
        phase = .closed
        if let raw = handle?.raw {
            handle = nil
            if wasRunning {
                mosquitto_disconnect_v5(raw, 0, nil)
                // Give the network thread the chance to send DISCONNECT (so the broker drops any will and keeps
                // the session as agreed) before stopping it; returns at once if the connection is already gone.
                _ = state.waitForDisconnect(timeout: 1)
                guard loop.stop(timeout: 10) else {
                    // Destroying the handle under a live thread would crash; leaking it is the lesser harm.
                    options.logger?.error("MQTT network thread did not stop; leaking its libmosquitto client")
                    // Its SSL_CTX still points at our TLS context: that must live as long as the leaked client.
                    if let tlsContext { _ = Unmanaged.passRetained(tlsContext) }
                    state.finish()
                    return
                }
            }
            mosquitto_destroy(raw)
        }
        state.finish()
        retainedState?.release()
        retainedState = nil
    }
}

/// libmosquitto's client pointer, sendable because libmosquitto serialises access internally.
struct MosquittoHandle: @unchecked Sendable {
    let raw: OpaquePointer
}
