import Foundation
import Yams

/// A YAML node with its file, for strict typed reads that fail with `FILE:LINE:COLUMN` errors.
public struct YAMLValue {
    public let node: Node
    public let file: String
    /// Dotted path from the document root, used in messages (`store.maxBytes`).
    public let path: String

    public var line: Int { node.mark?.line ?? 1 }
    public var column: Int { node.mark?.column ?? 1 }

    public func error(_ message: String) -> ConfigError {
        ConfigError(file: file, line: line, column: column, message: message)
    }

    private var what: String { path.isEmpty ? "the document" : "'\(path)'" }

    private var kindName: String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .scalar: "a scalar"
        case .alias: "an alias"
        }
    }

    /// Reads a mapping whose keys must all be in `allowed`; unknown and duplicate keys are errors.
    public func mapping(allowed: Set<String>) throws(ConfigError) -> YAMLMapping {
        guard case let .mapping(map) = node else {
            throw error("\(what) must be a mapping, found \(kindName)")
        }
        var entries: [String: (key: YAMLValue, value: YAMLValue)] = [:]
        var order: [String] = []
        for (keyNode, valueNode) in map {
            let key = YAMLValue(node: keyNode, file: file, path: path)
            guard case let .scalar(scalar) = keyNode else { throw key.error("keys must be plain strings") }
            let name = scalar.string
            let childPath = path.isEmpty ? name : "\(path).\(name)"
            if entries[name] != nil { throw key.error("duplicate key '\(childPath)'") }
            if !allowed.contains(name) {
                let known = allowed.sorted().joined(separator: ", ")
                throw key.error("unknown key '\(childPath)' (expected one of: \(known))")
            }
            entries[name] = (key, YAMLValue(node: valueNode, file: file, path: childPath))
            order.append(name)
        }
        return YAMLMapping(owner: self, entries: entries, order: order)
    }

    /// Reads a mapping with free-form keys (for example channel names), keeping their order.
    public func namedEntries() throws(ConfigError) -> [(key: YAMLValue, name: String, value: YAMLValue)] {
        guard case let .mapping(map) = node else {
            throw error("\(what) must be a mapping, found \(kindName)")
        }
        var seen = Set<String>()
        var result: [(key: YAMLValue, name: String, value: YAMLValue)] = []
        for (keyNode, valueNode) in map {
            let key = YAMLValue(node: keyNode, file: file, path: path)
            guard case let .scalar(scalar) = keyNode, !scalar.string.isEmpty else { throw key.error("keys must be non-empty strings") }
            let childPath = path.isEmpty ? scalar.string : "\(path).\(scalar.string)"
            guard seen.insert(scalar.string).inserted else { throw key.error("duplicate key '\(childPath)'") }
            result.append((key, scalar.string, YAMLValue(node: valueNode, file: file, path: childPath)))
        }
        return result
    }

    public func sequence() throws(ConfigError) -> [YAMLValue] {
        guard case let .sequence(seq) = node else {
            throw error("\(what) must be a list, found \(kindName)")
        }
        return seq.enumerated().map { YAMLValue(node: $1, file: file, path: "\(path)[\($0)]") }
    }

    public func string() throws(ConfigError) -> String {
        guard case let .scalar(scalar) = node else { throw error("\(what) must be a string, found \(kindName)") }
        return scalar.string
    }

    public func nonEmptyString() throws(ConfigError) -> String {
        let text = try string()
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw error("\(what) must not be empty") }
        return text
    }

    public func int(in range: ClosedRange<Int>? = nil) throws(ConfigError) -> Int {
        guard case .scalar = node, let value = node.int else { throw error("\(what) must be an integer, found '\(display)'") }
        if let range, !range.contains(value) {
            throw error("\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
        }
        return value
    }

    public func double() throws(ConfigError) -> Double {
        guard case .scalar = node, let value = node.float ?? node.int.map(Double.init), value.isFinite else {
            throw error("\(what) must be a number, found '\(display)'")
        }
        return value
    }

    public func bool() throws(ConfigError) -> Bool {
        guard case .scalar = node, let value = node.bool else { throw error("\(what) must be true or false, found '\(display)'") }
        return value
    }

    public func duration() throws(ConfigError) -> Duration {
        let text = try string()
        guard let value = Quantity.duration(text) else {
            throw error("\(what) must be a duration such as 250ms, 10s, 5m, 2h or 7d, found '\(text)'")
        }
        return value
    }

    public func byteSize() throws(ConfigError) -> Int64 {
        let text = try string()
        guard let value = Quantity.byteSize(text) else {
            throw error("\(what) must be a size such as 64KiB, 512MiB or 2GiB, found '\(text)'")
        }
        return value
    }

    /// A string naming one of `choices`.
    public func choice(_ choices: [String]) throws(ConfigError) -> String {
        let text = try string()
        guard choices.contains(text) else {
            throw error("\(what) must be one of \(choices.joined(separator: ", ")), found '\(text)'")
        }
        return text
    }

    private var display: String {
        if case let .scalar(scalar) = node { return scalar.string }
        return kindName
    }
}

/// The checked entries of a YAML mapping, read by key.
public struct YAMLMapping {
    public let owner: YAMLValue
    public let entries: [String: (key: YAMLValue, value: YAMLValue)]
    public let order: [String]

    public subscript(_ key: String) -> YAMLValue? { entries[key]?.value }

    public func required(_ key: String) throws(ConfigError) -> YAMLValue {
        guard let value = entries[key]?.value else {
            let where_ = owner.path.isEmpty ? "" : " in '\(owner.path)'"
            throw owner.error("missing required key '\(key)'\(where_)")
        }
        return value
    }
}
