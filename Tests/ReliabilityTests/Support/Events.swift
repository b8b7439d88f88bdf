import Foundation

/// The `--json` lines of a finished run, parsed with Foundation's own JSON parser (not the code under test).
struct JSONRun {
    let events: [[String: Any]]

    init(_ data: Data) throws {
        var events: [[String: Any]] = []
        for (i, line) in data.split(separator: 0x0A).enumerated() {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                throw TestFailure("line \(i + 1) of --json is not a JSON object: \(String(decoding: line.prefix(300), as: UTF8.self))")
            }
            events.append(object)
        }
        self.events = events
    }

    func of(_ kind: String) -> [[String: Any]] { events.filter { $0["event"] as? String == kind } }

    var summary: [String: Any]? { events.last.flatMap { $0["event"] as? String == "summary" ? $0 : nil } }

    /// The reasons of `stopped` events.
    var stopReasons: [String] { of("stopped").compactMap { $0["reason"] as? String } }

    var startedPIDs: Set<Int> { Set(of("start").compactMap { $0["pid"] as? Int }) }
    var exitedPIDs: Set<Int> { Set(of("exit").compactMap { $0["pid"] as? Int }) }
}

/// Bytes that must never reach a terminal raw: C0 controls other than newline, DEL, and C1 controls (as UTF-8,
/// U+0080…U+009F), plus anything that is not valid UTF-8.
enum TerminalSafety {
    /// A description of the first unsafe byte in `data`, or nil when it is all safe to print.
    static func firstProblem(in data: Data, allowing allowed: Set<UInt8> = [0x0A]) -> String? {
        guard String(data: data, encoding: .utf8) != nil else { return "invalid UTF-8" }
        let bytes = [UInt8](data)
        for (i, b) in bytes.enumerated() {
            let c1 = b == 0xC2 && i + 1 < bytes.count && (0x80...0x9F).contains(bytes[i + 1])
            if (b < 0x20 && !allowed.contains(b)) || b == 0x7F || c1 {
                let from = max(0, i - 40)
                let context = String(decoding: bytes[from..<min(bytes.count, i + 20)], as: UTF8.self)
                return String(format: "byte 0x%02X%@ at offset %d, near %@", b, c1 ? " (C1)" : "", i,
                              context.debugDescription)
            }
        }
        return nil
    }
}
