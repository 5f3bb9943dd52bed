import Foundation
import Yams

/// A YAML file parsed into a node tree that keeps line/column marks for error messages.
public struct YAMLDocument {
    public let file: String
    public let root: YAMLValue

    /// Reads and parses `path`; syntax errors become `ConfigError`s at the offending position.
    public static func load(path: String) throws(ConfigError) -> YAMLDocument {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigError(file: path, line: 1, column: 1, message: "cannot read file: \(Self.reason(error))")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ConfigError) -> YAMLDocument {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ConfigError(file: file, line: 1, column: 1, message: "the file is empty")
            }
            return YAMLDocument(file: file, root: YAMLValue(node: node, file: file, path: ""))
        } catch let error as ConfigError {
            throw error
        } catch let error as YamlError {
            throw Self.configError(error, file: file)
        } catch {
            throw ConfigError(file: file, line: 1, column: 1, message: "invalid YAML: \(error)")
        }
    }

    private static func configError(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return ConfigError(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(prefix)\(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ConfigError(file: file, line: context.mark.line, column: context.mark.column, message: "duplicate key \(keys)")
        case let .reader(problem, _, _, _):
            return ConfigError(file: file, line: 1, column: 1, message: "invalid YAML: \(problem)")
        default:
            return ConfigError(file: file, line: 1, column: 1, message: "invalid YAML: \(error)")
        }
    }

    private static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}
