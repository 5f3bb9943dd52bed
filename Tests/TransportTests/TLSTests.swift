import Foundation
import LocalLab
import Testing
import Transport

/// Mutual TLS against a real mosquitto that requires client certificates.
@Suite struct TLSTests {
    /// A temp dir with a PKI and a TLS broker using `serverCert` (ours for 127.0.0.1/localhost by default), or with
    /// `pinned`, a plain broker for `TLSFront`s that speak one TLS version each.
    struct Setup {
        let tmp: TempDirectory
        let pki: TestPKI
        let broker: TestBroker

        init(
            prefix: String, serverCert: ((TestPKI) throws -> (cert: String, key: String))? = nil,
            requireClientCertificate: Bool = true, version: String = "tlsv1.2", pinned: Bool = false
        ) throws {
            tmp = TempDirectory(prefix: prefix)
            do {
                pki = try TestPKI.make(in: tmp.file("pki"))
                let server = try serverCert?(pki) ?? (cert: pki.serverCert, key: pki.serverKey)
                broker = try TestBroker.start(
                    in: tmp.file("broker"),
                    tls: pinned ? nil : TestBroker.TLS(
                        caFile: pki.caCert, certFile: server.cert, keyFile: server.key,
                        requireClientCertificate: requireClientCertificate, version: version))
            } catch {
                tmp.remove()
                throw error
            }
        }

        func clientTLS(
            caFile: String? = nil, withClientCert: Bool = true, verifyServer: Bool = true
        ) -> MQTTTLSOptions {
            MQTTTLSOptions(
                caFile: caFile ?? pki.caCert, certFile: withClientCert ? pki.clientCert : nil,
                keyFile: withClientCert ? pki.clientKey : nil, verifyServer: verifyServer)
        }

        /// A TLS server speaking only `version` (socat's name: "TLS1.2") in front of the plain broker; one connection.
        func front(_ version: String, requestClientCertificate: Bool = true) throws -> TLSFront {
            try TLSFront(
                forwardingTo: broker.port, certFile: pki.serverCert, keyFile: pki.serverKey, caFile: pki.caCert,
                version: version, requestClientCertificate: requestClientCertificate, logDirectory: tmp.path)
        }

        /// Whether a client with `tls` gets through a fresh `front(version, …)` to the broker.
        func connectsThroughFront(_ version: String, requestClientCertificate: Bool = true, tls: MQTTTLSOptions, id: String) async throws -> Bool {
            let front = try front(version, requestClientCertificate: requestClientCertificate)
            defer { front.stop() }
            let client = try Fixtures.client(front.url, id: Fixtures.uniqueID(id), tls: tls)
            defer { client.close() }
            try await client.connect()
            return client.isConnected
        }

        func tearDown() {
            broker.stop()
            tmp.remove()
        }
    }

    /// Connects and returns the error connect() threw, or nil if it connected.
    static func connectError(_ client: MQTTClient) async -> MQTTError? {
        do {
            try await client.connect()
            return nil
        } catch let error as MQTTError {
            return error
        } catch {
            return MQTTError("unexpected error type: \(error)")
        }
    }

    @Test func mutualTLSConnectAndPublishIsAcknowledged() async throws {
        let setup = try Setup(prefix: "tls-ok")
        defer { setup.tearDown() }
        let client = try Fixtures.client(setup.broker.url, id: Fixtures.uniqueID("tls"), tls: setup.clientTLS())
        defer { client.close() }
        let recorder = MQTTEventRecorder(client)
        try await client.connect()
        let mid = try client.publish(topic: "vg/tls/data", payload: Data("secret".utf8), qos: 1)
        let code = try #require(await recorder.publishResult(mid: mid))
        #expect(code < 0x80)
    }

    @Test func untrustedServerCertificateFailsWithTheVerificationReason() async throws {
        let setup = try Setup(prefix: "tls-wrongca")
        defer { setup.tearDown() }
        let other = try setup.pki.makeOtherCA()
        let client = try Fixtures.client(
            setup.broker.url, id: Fixtures.uniqueID("wrongca"), tls: setup.clientTLS(caFile: other.cert))
        let error = try #require(await Self.connectError(client), "connected although the CA is wrong")
        #expect(error.description.localizedCaseInsensitiveContains("certificate verify failed"), "\(error)")
        #expect(error.description.contains(setup.broker.url), "the error names the endpoint: \(error)")
        #expect(!client.isConnected)
    }

    @Test func serverCertificateForAnotherHostIsRejected() async throws {
        let setup = try Setup(prefix: "tls-wronghost") { try $0.makeServerCert(names: ["other.example"]) }
        defer { setup.tearDown() }
        let client = try Fixtures.client(setup.broker.url, id: Fixtures.uniqueID("wronghost"), tls: setup.clientTLS())
        let error = try #require(await Self.connectError(client), "connected although the host name does not match")
        #expect(error.description.localizedCaseInsensitiveContains("certificate verify failed"), "\(error)")
        #expect(error.description.localizedCaseInsensitiveContains("address mismatch"), "\(error)")
    }

    @Test func insecureModeSkipsOnlyTheHostNameCheck() async throws {
        let setup = try Setup(prefix: "tls-insecure") { try $0.makeServerCert(names: ["other.example"]) }
        defer { setup.tearDown() }
        let client = try Fixtures.client(
            setup.broker.url, id: Fixtures.uniqueID("insecure"), tls: setup.clientTLS(verifyServer: false))
        defer { client.close() }
        try await client.connect()
        #expect(client.isConnected)

        // The chain is still checked: an unrelated CA fails even in insecure mode.
        let other = try setup.pki.makeOtherCA()
        let untrusting = try Fixtures.client(
            setup.broker.url, id: Fixtures.uniqueID("insecure-wrongca"),
            tls: setup.clientTLS(caFile: other.cert, verifyServer: false))
        #expect(await Self.connectError(untrusting) != nil)
    }

    @Test func expiredServerCertificateIsRejected() async throws {
        let setup = try Setup(prefix: "tls-expired") { try $0.makeExpiredServerCert() }
        defer { setup.tearDown() }
        let client = try Fixtures.client(setup.broker.url, id: Fixtures.uniqueID("expired"), tls: setup.clientTLS())
        let error = try #require(await Self.connectError(client), "connected although the server certificate expired")
        #expect(error.description.localizedCaseInsensitiveContains("certificate verify failed"), "\(error)")
        // OpenSSL's verdict is only recoverable when the handshake failed on the network thread; when it failed
        // inside the blocking connect, libmosquitto has already freed the TLS session. If present, it must be right.
        if error.description.contains("certificate verification:") {
            #expect(error.description.contains("certificate has expired"), "\(error)")
        }
    }

    @Test func brokerRejectsAClientWithoutCertificate() async throws {
        let setup = try Setup(prefix: "tls-nocert")
        defer { setup.tearDown() }
        let client = try Fixtures.client(
            setup.broker.url, id: Fixtures.uniqueID("nocert"), tls: setup.clientTLS(withClientCert: false))
        #expect(await Self.connectError(client) != nil, "connected without a client certificate")
    }

    /// Each version ends the server's flight differently (ServerHelloDone in 1.2, Finished in 1.3), so each is served
    /// alone: a mosquitto listener set to "tlsv1.2" would still negotiate 1.3.
    @Test(arguments: ["TLS1.2", "TLS1.3"])
    func aServerThatDoesNotAskForTheClientCertificateIsRefused(version: String) async throws {
        let setup = try Setup(prefix: "tls-noask", pinned: true)
        defer { setup.tearDown() }
        let id = Fixtures.uniqueID("noask")
        let front = try setup.front(version, requestClientCertificate: false)
        defer { front.stop() }
        let client = try Fixtures.client(front.url, id: id, tls: setup.clientTLS())
        let error = try #require(await Self.connectError(client), "connected to a server that accepts anyone")
        #expect(error.description.contains("did not ask for a client certificate"), "\(error)")
        #expect(!setup.broker.logText().contains(id), "the broker never saw our CONNECT: \(setup.broker.logText().suffix(1500))")

        // The same server is fine for a client that was not configured for mutual TLS.
        #expect(try await setup.connectsThroughFront(
            version, requestClientCertificate: false, tls: setup.clientTLS(withClientCert: false), id: "noask-plain"))
    }

    @Test func aTLS13FloorRefusesAServerThatOnlySpeaks12() async throws {
        let setup = try Setup(prefix: "tls-floor13", pinned: true)
        defer { setup.tearDown() }
        var floor = setup.clientTLS()
        floor.minimumVersion = "tlsv1.3"
        let id = Fixtures.uniqueID("floor13")
        let front = try setup.front("TLS1.2")
        defer { front.stop() }
        let refused = try Fixtures.client(front.url, id: id, tls: floor)
        #expect(await Self.connectError(refused) != nil, "connected over TLS 1.2 below a 1.3 floor")

        // A server just like it takes the default floor, so the refusal above was the floor's.
        #expect(try await setup.connectsThroughFront("TLS1.2", tls: setup.clientTLS(), id: "floor12"))
    }

    /// Promise 5 says TLS 1.2 or later: a server that offers only TLS 1.1 is never talked to.
    @Test func theDefaultFloorRefusesAServerThatOnlySpeaks11() async throws {
        let setup = try Setup(prefix: "tls-floor11", pinned: true)
        defer { setup.tearDown() }
        let id = Fixtures.uniqueID("floor11")
        let front = try setup.front("TLS1.1")
        defer { front.stop() }
        let client = try Fixtures.client(front.url, id: id, tls: setup.clientTLS())
        #expect(await Self.connectError(client) != nil, "connected over TLS 1.1")

        // The server really speaks TLS 1.1 to a client that allows it, so the refusal above was our client's.
        let other = try setup.front("TLS1.1")
        defer { other.stop() }
        let legacy = try ChildProcess.capture("/usr/bin/openssl", [
            "s_client", "-connect", "127.0.0.1:\(other.port)", "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0",
            "-cert", setup.pki.clientCert, "-key", setup.pki.clientKey, "-CAfile", setup.pki.caCert,
        ], timeout: .seconds(20))
        #expect(legacy.output.contains("Protocol  : TLSv1.1"), "\(legacy.output.suffix(1500))")
    }

    /// A host name in the URL is checked against the certificate's DNS names, an address against its IP entries.
    @Test func aHostNameMustBeAmongTheCertificatesDNSNames() async throws {
        let named = try Setup(prefix: "tls-dns")  // DNS:localhost and IP:127.0.0.1
        defer { named.tearDown() }
        let byName = named.broker.url.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        let client = try Fixtures.client(byName, id: Fixtures.uniqueID("dns"), tls: named.clientTLS())
        defer { client.close() }
        try await client.connect()
        #expect(client.isConnected)

        // A certificate for the address alone does not vouch for a name that resolves to it, not even one in its CN.
        let addressOnly = try Setup(prefix: "tls-dns-ip") { try $0.makeServerCert(names: ["127.0.0.1"], commonName: "localhost") }
        defer { addressOnly.tearDown() }
        let mismatched = try Fixtures.client(
            addressOnly.broker.url.replacingOccurrences(of: "127.0.0.1", with: "localhost"), id: Fixtures.uniqueID("dns-ip"),
            tls: addressOnly.clientTLS())
        let error = try #require(await Self.connectError(mismatched), "connected although the certificate does not name localhost")
        #expect(error.description.localizedCaseInsensitiveContains("certificate verify failed"), "\(error)")
        // The same server is fine by its address.
        let byAddress = try Fixtures.client(addressOnly.broker.url, id: Fixtures.uniqueID("dns-ip-ok"), tls: addressOnly.clientTLS())
        defer { byAddress.close() }
        try await byAddress.connect()
        #expect(byAddress.isConnected)
    }

    @Test func mutualTLS13ConnectsWhenTheServerAsks() async throws {
        let setup = try Setup(prefix: "tls13-ok", version: "tlsv1.3")
        defer { setup.tearDown() }
        let client = try Fixtures.client(setup.broker.url, id: Fixtures.uniqueID("tls13"), tls: setup.clientTLS())
        defer { client.close() }
        try await client.connect()
        #expect(client.isConnected)
    }

    @Test func missingCAFileIsReportedByName() throws {
        let error = #expect(throws: MQTTError.self) {
            try Fixtures.client(
                "mqtts://127.0.0.1:8883", id: "x", tls: MQTTTLSOptions(caFile: "/nonexistent/ca.pem"))
        }
        #expect(error?.description.contains("/nonexistent/ca.pem") == true)
    }

    @Test func tlsEndpointWithoutTLSOptionsIsRejected() {
        #expect(throws: MQTTError.self) { try Fixtures.client("mqtts://127.0.0.1:8883", id: "x") }
        #expect(throws: MQTTError.self) {
            try Fixtures.client("mqtt://127.0.0.1:1883", id: "x", tls: MQTTTLSOptions(caFile: "/etc/hosts"))
        }
    }
}
