import Foundation
import Gateway
import GatewayModel
import Testing
import YAMLConfig

@Suite struct ConfigLoadingTests {
    @Test func theDocumentedShapeLoads() throws {
        let fixture = try ConfigFixture()
        defer { fixture.dir.remove() }
        let config = try GatewayConfig.load(path: try fixture.write(ConfigFixture.valid))
        #expect(config.gatewayID == "ward3-gw01")
        #expect(config.devices.map(\.info.id) == ["bed12-vitals", "bed14"])
        #expect(config.devices[0].info.patient == "p-7f3a")
        #expect(config.store.maxBytes == 2 * 1024 * 1024 * 1024)
        #expect(config.store.path == fixture.dir.file("queue.sqlite"), "relative paths are relative to the config file")
        #expect(config.upstream.inflight == 32)
        #expect(config.upstream.alarmConnection, "alarms on a connection of their own unless the site turns it off")
        #expect(config.upstream.tls?.keyFile == fixture.dir.file("tls/gateway.key"))
        #expect(config.upstream.tls?.minimumVersion == "tlsv1.2", "TLS 1.2 and later unless the site asks for 1.3")
        #expect(config.profiles["senml-vitals"]?.channels.contains { $0.descriptor.code.loinc == "8867-4" } == true)
        #expect(config.lanePolicy(.alarm).maxLatency == .zero)
    }

    /// Each case: a replacement applied to the valid config, and the `line:column: error: text` expected.
    static let cases: [(String, String, String)] = [
        ("gateway: { id: ward3-gw01, site: niguarda-ward3 }", "gateway: { id: ward3-gw01, site: niguarda-ward3, colour: blue }", "1:50: error: unknown key 'gateway.colour'"),
        ("maxBytes: 2GiB", "maxBytes: lots", "3:40: error: 'store.maxBytes' must be a size"),
        ("maxAge: 7d", "maxAge: 7 days", "3:54: error: 'store.maxAge' must be a duration"),
        ("inflight: 32", "inflight: many", "7:13: error: 'upstream.inflight' must be an integer"),
        ("inflight: 32", "inflight: [32]", "7:13: error: 'upstream.inflight' must be an integer"),
        ("id: bed14, profile: senml-vitals", "id: bed12-vitals, profile: senml-vitals", "13:11: error: duplicate device id 'bed12-vitals'"),
        ("id: bed14, profile: senml-vitals", "id: bed14, profile: masimo-radical99", "13:27: error: device 'bed14' names unknown profile 'masimo-radical99'"),
        ("recipientKey: keys/platform.pub", "recipientKey: keys/missing.pub", "8:26: error: "),
        ("url: mqtts://127.0.0.1:8883", "url: mqtt://127.0.0.1:1883", "5:8: error: plaintext upstream"),
        ("sync: full", "sync: sometimes", "3:64: error: 'store.sync' must be one of full, normal"),
        ("sensors: { url: mqtt://127.0.0.1:1883 }", "sensors: { url: mqtt://127.0.0.1:1883 }\nsensors: {}", "9:1: error: duplicate key 'sensors'"),
        ("  inflight: 32", "  inflight: 32\n   bad indent: [", "8:"),
        ("  inflight: 32", "  inflight: 32\n  keepAlive: 1s", "8:14: error: 'upstream.keepAlive' must be between 5s and 65535s"),
        ("  inflight: 32", "  inflight: 32\n  topicPrefix: vitalgate/#", "8:16: error: 'upstream.topicPrefix' must be topic levels"),
        ("  inflight: 32", "  inflight: 32\n  alarmConnection: maybe", "8:20: error: 'upstream.alarmConnection' must be true or false, found 'maybe'"),
        ("topic: sensors/bed14/#", "topic: sensors/bed#/x", "13:48: error: 'devices[1].topic' is not a valid MQTT topic filter"),
        ("api: { socket: api.sock, metrics: 127.0.0.1:9464 }", "api: { socket: api.sock }\nlanes: { alarm: { maxLatency: 1s } }", "11:31: error: 'lanes.alarm.maxLatency' must be 0"),
        ("maxAge: 7d", "maxAge: 0", "3:54: error: 'store.maxAge' must be at least 1m"),
        ("sensors: { url: mqtt://127.0.0.1:1883 }", "sensors: { url: mqtts://127.0.0.1:8883 }", "9:10: error: 'sensors.tls' with at least 'ca' is required"),
        ("key: tls/gateway.key }", "key: tls/gateway.key, minVersion: tlsv1.1 }", "6:83: error: 'upstream.tls.minVersion' must be one of tlsv1.2, tlsv1.3, found 'tlsv1.1'"),
    ]

    @Test(arguments: cases)
    func badValuesArePinnedToTheirPlace(_ change: (String, String, String)) throws {
        let fixture = try ConfigFixture()
        defer { fixture.dir.remove() }
        #expect(ConfigFixture.valid.contains(change.0))
        let path = try fixture.write(ConfigFixture.valid.replacingOccurrences(of: change.0, with: change.1))
        let errors = try #require(throws: ConfigErrors.self) { try GatewayConfig.load(path: path) }
        let text = errors.description
        #expect(text.contains("\(path):\(change.2)"), "got: \(text)")
    }

    @Test func aSiteMayRaiseTheTLSFloorTo13() throws {
        let fixture = try ConfigFixture()
        defer { fixture.dir.remove() }
        let text = ConfigFixture.valid.replacingOccurrences(of: "key: tls/gateway.key }", with: "key: tls/gateway.key, minVersion: tlsv1.3 }")
        let config = try GatewayConfig.load(path: try fixture.write(text))
        #expect(config.upstream.tls?.minimumVersion == "tlsv1.3")
    }

    @Test func aSiteMayKeepOneUpstreamConnection() throws {
        let fixture = try ConfigFixture()
        defer { fixture.dir.remove() }
        let text = ConfigFixture.valid.replacingOccurrences(of: "inflight: 32", with: "inflight: 32\n  alarmConnection: false")
        #expect(text != ConfigFixture.valid, "the fixture has the line the test changes")
        let config = try GatewayConfig.load(path: try fixture.write(text))
        #expect(!config.upstream.alarmConnection)
    }

    @Test func aPrivateKeyReadableByOthersIsRefused() throws {
        let fixture = try ConfigFixture()
        defer { fixture.dir.remove() }
        chmod(fixture.dir.file("keys/gateway.key"), 0o644)
        let path = try fixture.write(ConfigFixture.valid)
        let errors = try #require(throws: ConfigErrors.self) { try GatewayConfig.load(path: path) }
        #expect(errors.description.contains("\(path):8:57: error:"), "got: \(errors)")
        chmod(fixture.dir.file("tls/gateway.key"), 0o640)
        chmod(fixture.dir.file("keys/gateway.key"), 0o600)
        let tlsErrors = try #require(throws: ConfigErrors.self) { try GatewayConfig.load(path: path) }
        #expect(tlsErrors.description.contains("accessible by others"), "got: \(tlsErrors)")
    }

    @Test func aBrokenProfileNoDeviceUsesIsOnlyAWarning() throws {
        let fixture = try ConfigFixture()
        defer { fixture.dir.remove() }
        let profiles = fixture.dir.file("profiles")
        try FileManager.default.createDirectory(atPath: profiles, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(ConfigFixture.profilesDirectory)/senml-vitals.yaml", toPath: "\(profiles)/senml-vitals.yaml")
        try "name: broken\ntransport: telepathy\n".write(toFile: "\(profiles)/broken.yaml", atomically: true, encoding: .utf8)
        let text = ConfigFixture.valid.replacingOccurrences(of: "profiles: [PROFILES]", with: "profiles: [profiles]")
        let config = try GatewayConfig.load(path: try fixture.write(text))
        #expect(config.warnings.map(\.description).contains { $0.contains("broken.yaml:2:12: error:") }, "\(config.warnings)")
        let needed = text.replacingOccurrences(of: "profile: senml-vitals, topic: sensors/bed14/#", with: "profile: broken, topic: sensors/bed14/#")
        let errors = try #require(throws: ConfigErrors.self) { try GatewayConfig.load(path: try fixture.write(needed)) }
        #expect(errors.description.contains("unknown profile 'broken'") && errors.description.contains("broken.yaml:2:12"), "\(errors)")
    }

    @Test func insecurePlaintextUpstreamNeedsTheExplicitSetting() throws {
        let fixture = try ConfigFixture()
        defer { fixture.dir.remove() }
        let text = ConfigFixture.valid
            .replacingOccurrences(of: "url: mqtts://127.0.0.1:8883", with: "url: mqtt://127.0.0.1:1883\n  insecure: true")
            .replacingOccurrences(of: "  tls: { ca: tls/ca.pem, cert: tls/gateway.pem, key: tls/gateway.key }\n", with: "")
        let config = try GatewayConfig.load(path: try fixture.write(text))
        #expect(config.upstream.insecure && !config.upstream.endpoint.useTLS)
    }

    @Test func credentialPathsReadFromTheCredentialsDirectory() throws {
        let fixture = try ConfigFixture()
        defer { fixture.dir.remove() }
        setenv("CREDENTIALS_DIRECTORY", fixture.dir.file("keys"), 1)
        defer { unsetenv("CREDENTIALS_DIRECTORY") }
        let text = ConfigFixture.valid.replacingOccurrences(of: "gatewayKey: keys/gateway.key", with: "gatewayKey: credential:gateway.key")
        let config = try GatewayConfig.load(path: try fixture.write(text))
        #expect(config.sealing.gatewayKeyPath == fixture.dir.file("keys/gateway.key"))
    }
}

@Suite struct ProfileTests {
    @Test func everyShippedProfileValidates() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: ConfigFixture.profilesDirectory).filter { $0.hasSuffix(".yaml") }
        #expect(!names.isEmpty)
        for name in names {
            let profile = try DeviceProfile.load(path: "\(ConfigFixture.profilesDirectory)/\(name)")
            #expect("\(profile.name).yaml" == name, "a profile's file is named after it")
            for channel in profile.channels {
                #expect(channel.descriptor.code.mdc != nil || channel.descriptor.code.loinc != nil)
                #expect(!channel.descriptor.unit.isEmpty)
            }
        }
    }

    @Test func senmlVitalsCodesTheCoreVitals() throws {
        let profile = try DeviceProfile.load(path: "\(ConfigFixture.profilesDirectory)/senml-vitals.yaml")
        let codes = Dictionary(uniqueKeysWithValues: profile.channels.map { ($0.source, $0.descriptor) })
        #expect(codes["hr"]?.code.loinc == "8867-4" && codes["hr"]?.unit == "/min")
        #expect(codes["spo2"]?.code.mdc == 150456 && codes["spo2"]?.unit == "%")
        #expect(codes["rr"]?.code.loinc == "9279-1")
        #expect(codes["temp"]?.unit == "Cel")
        #expect(codes["sys"]?.code.loinc == "8480-6" && codes["dia"]?.code.loinc == "8462-4" && codes["sys"]?.unit == "mm[Hg]")
        #expect(profile.lane == .vital)
    }

    static let badProfiles: [(String, String)] = [
        ("name: x\ntransport: mqtt\ndecoder: senml\nlane: vital\nchannels:\n  hr: { loinc: 8867-4, unit: /min, colour: red }\n", "6:36: error: unknown key 'channels.hr.colour'"),
        ("name: x\ntransport: pigeon\ndecoder: senml\nlane: vital\nchannels: {}\n", "2:12: error: 'transport' must be one of"),
        ("name: x\ntransport: mqtt\ndecoder: senml\nlane: vital\nchannels:\n  hr: { unit: /min }\n", "6:7: error: channel 'hr' needs a code"),
        ("name: x\ntransport: mqtt\ndecoder: senml\nlane: vital\nchannels:\n  hr: { loinc: 8867-4, unit: /min, alarms: [{ above: 1, below: 2, priority: high }] }\n", "6:45: error: an alarm needs exactly one of"),
        ("name: x\ntransport: mqtt\ndecoder: senml\nlane: vital\nchannels:\n  hr: { loinc: 8867-4, unit: /min, alarms: [{ below: 40, for: soon, priority: high }] }\n", "6:63: error: 'channels.hr.alarms[0].for' must be a duration"),
        ("name: x\ntransport: mqtt\ndecoder: senml\nlane: vital\nchannels:\n  hr: { loinc: eight, unit: /min }\n", "6:16: error: 'channels.hr.loinc' must be a LOINC code"),
    ]

    @Test(arguments: badProfiles)
    func badProfilesArePinnedToTheirPlace(_ bad: (String, String)) {
        #expect {
            _ = try DeviceProfile.parse(text: bad.0, file: "p.yaml")
        } throws: { error in
            "\(error)".contains("p.yaml:\(bad.1)")
        }
    }
}
