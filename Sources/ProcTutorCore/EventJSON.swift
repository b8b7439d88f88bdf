import Foundation

/// The public `--json` form of events: one JSON object per line, with stable field names (docs/engine.md).
///
/// Every object has `t` (seconds since the run started) and `event` (the kind), then the kind's fields in a fixed
/// order. Control characters (C0, DEL, C1) are always escaped, so a line of this form is safe to print on a terminal.
public enum EventJSON {
    public struct DecodingError: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// One line of JSON, without the newline.
    public static func encode(_ event: Event) -> String {
        var w = Writer()
        w.raw("{\"t\":")
        w.number(event.t)
        w.field("event", event.name)
        switch event.kind {
        case let .run(h):
            w.field("schema", h.schema); w.field("proctutor", h.proctutor); w.field("program", h.program)
            w.field("lesson", h.lesson); w.field("variant", h.variant)
            w.field("start_method", h.startMethod?.rawValue); w.field("python", h.python)
            w.field("python_version", h.pythonVersion); w.field("argv", h.argv); w.field("started", h.started)
            w.field("source", h.source); w.field("source_truncated", h.sourceTruncated)
        case let .start(pid, ppid, name, method, parent):
            w.field("pid", pid); w.field("ppid", ppid); w.field("name", name)
            w.field("method", method.rawValue); w.field("parent", parent)
        case let .output(pid, stream, text):
            w.field("pid", pid); w.field("stream", stream.rawValue); w.field("text", text)
        case let .state(pid, state):
            w.field("pid", pid); w.field("state", state.rawValue)
        case let .exit(pid, code, signal):
            w.field("pid", pid); w.field("code", code); w.field("signal", signal)
        case let .reaped(pid, by):
            w.field("pid", pid); w.field("by", by)
        case let .task(pid, id, status, function, args, error):
            w.field("pid", pid); w.field("id", id); w.field("status", status.rawValue)
            w.field("func", function); w.field("args", args); w.field("error", error)
        case let .retrieved(id):
            w.field("id", id)
        case let .raw(stream, text):
            w.field("stream", stream.rawValue); w.field("text", text)
        case let .stopped(reason, detail):
            w.field("reason", reason.rawValue); w.field("detail", detail)
        case let .notice(text):
            w.field("text", text)
        case let .summary(s):
            w.field("exit_code", s.exitCode); w.field("processes", s.processes); w.field("max_alive", s.maxAlive)
            w.raw(",\"duration\":"); w.number(s.duration)
            w.field("unretrieved_failures", s.unretrievedFailures)
        }
        w.raw("}")
        return w.out
    }

    /// Decodes one line of the public form.
    /// - Throws: `DecodingError` naming what is missing or wrong.
    public static func decode(_ line: String) throws -> Event {
        let o = try JSONObject(line)
        let t = try o.double("t")
        let name = try o.string("event")
        let kind: Event.Kind
        switch name {
        case "run":
            kind = .run(RunHeader(program: try o.string("program"), lesson: try o.optionalString("lesson"),
                                  variant: try o.optionalString("variant"),
                                  startMethod: o.isNull("start_method") ? nil : try o.enumValue("start_method"),
                                  python: try o.string("python"), pythonVersion: try o.optionalString("python_version"),
                                  argv: try o.strings("argv"), started: try o.string("started"),
                                  proctutor: try o.string("proctutor"), schema: try o.int("schema"),
                                  source: try o.string("source"), sourceTruncated: o.bool("source_truncated")))
        case "start":
            kind = .start(pid: try o.pid("pid"), ppid: try o.pid("ppid"), name: try o.optionalString("name"),
                          method: try o.enumValue("method"), parent: try o.optionalPID("parent"))
        case "output":
            kind = .output(pid: try o.optionalPID("pid"), stream: try o.enumValue("stream"), text: try o.string("text"))
        case "state":
            kind = .state(pid: try o.pid("pid"), state: try o.enumValue("state"))
        case "exit":
            kind = .exit(pid: try o.pid("pid"), code: try o.optionalInt("code"), signal: try o.optionalInt("signal"))
        case "reaped":
            kind = .reaped(pid: try o.pid("pid"), by: try o.pid("by"))
        case "task":
            kind = .task(pid: try o.pid("pid"), id: try o.int("id"), status: try o.enumValue("status"),
                         function: try o.string("func"), args: try o.string("args"),
                         error: try o.optionalString("error"))
        case "retrieved":
            kind = .retrieved(id: try o.int("id"))
        case "raw":
            kind = .raw(stream: try o.enumValue("stream"), text: try o.string("text"))
        case "stopped":
            kind = .stopped(reason: try o.enumValue("reason"), detail: try o.string("detail"))
        case "notice":
            kind = .notice(text: try o.string("text"))
        case "summary":
            kind = .summary(Summary(exitCode: try o.int("exit_code"), processes: try o.int("processes"),
                                    maxAlive: try o.int("max_alive"), duration: try o.double("duration"),
                                    unretrievedFailures: try o.int("unretrieved_failures")))
        default:
            throw DecodingError(message: "unknown event kind \"\(name)\"")
        }
        return Event(t: t, kind)
    }

    /// Builds one JSON line by appending; no Foundation encoder, so field order is fixed and it stays fast.
    /// Public for the other JSON that proctutor prints (`replay --at --json`, asciicasts): one escaping rule.
    public struct Writer {
        public var out = ""

        public init() { out.reserveCapacity(128) }

        public mutating func raw(_ s: String) { out += s }

        public mutating func optionalString(_ s: String?) {
            if let s { string(s) } else { out += "null" }
        }

        mutating func key(_ k: String) {
            out += ",\""; out += k; out += "\":"
        }

        mutating func field(_ k: String, _ v: String) { key(k); string(v) }
        mutating func field(_ k: String, _ v: String?) {
            key(k)
            if let v { string(v) } else { out += "null" }
        }
        mutating func field(_ k: String, _ v: Int) { key(k); out += String(v) }
        mutating func field(_ k: String, _ v: Bool) { key(k); out += v ? "true" : "false" }
        mutating func field(_ k: String, _ v: [String]) {
            key(k)
            out += "["
            for (i, s) in v.enumerated() {
                if i > 0 { out += "," }
                string(s)
            }
            out += "]"
        }
        mutating func field(_ k: String, _ v: Int?) { key(k); out += v.map { String($0) } ?? "null" }
        mutating func field(_ k: String, _ v: PID) { key(k); out += String(v) }
        mutating func field(_ k: String, _ v: PID?) { key(k); out += v.map { String($0) } ?? "null" }

        /// Seconds, rounded to microseconds, in the shortest form that reads back the same.
        public mutating func number(_ d: Double) {
            guard d.isFinite else { out += "0"; return }
            let r = (d * 1_000_000).rounded() / 1_000_000
            if r == r.rounded(), abs(r) < 1e15 { out += String(Int(r)) + ".0" } else { out += "\(r)" }
        }

        public mutating func string(_ s: String) {
            out += "\""
            // Fast path: nothing to escape (most output lines).
            if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xC2 }) {
                out += s
                out += "\""
                return
            }
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\r": out += "\\r"
                case _ where u.value < 0x20 || (u.value >= 0x7F && u.value < 0xA0):
                    out += "\\u00" + hex2(u.value)
                default:
                    out.unicodeScalars.append(u)
                }
            }
            out += "\""
        }

        private func hex2(_ v: UInt32) -> String {
            let digits = Array("0123456789abcdef")
            return String([digits[Int(v >> 4)], digits[Int(v & 0xF)]])
        }
    }
}

/// A parsed JSON object with typed accessors that say what is wrong. Shared by the public and the tracer form.
public struct JSONObject {
    let members: [(key: String, value: FlatJSON.Value)]

    public init(_ line: String) throws {
        guard let members = FlatJSON.members(line) else { throw EventJSON.DecodingError(message: "not a JSON object") }
        self.members = members
    }

    /// The value of field `k` (the last one if it is repeated). A linear search: an event has a handful of fields.
    subscript(_ k: String) -> FlatJSON.Value? {
        members.last { $0.key == k }?.value
    }

    func missing(_ k: String, _ what: String) -> EventJSON.DecodingError {
        EventJSON.DecodingError(message: self[k] == nil ? "missing field \"\(k)\"" : "field \"\(k)\" is not \(what)")
    }

    func isNull(_ k: String) -> Bool { self[k] == nil || self[k] == .null }

    public func string(_ k: String) throws -> String {
        guard case let .string(s)? = self[k] else { throw missing(k, "a string") }
        return s
    }

    public func optionalString(_ k: String) throws -> String? {
        isNull(k) ? nil : try string(k)
    }

    public func double(_ k: String) throws -> Double {
        guard case let .number(d)? = self[k] else { throw missing(k, "a number") }
        return d
    }

    public func int(_ k: String) throws -> Int {
        let d = try double(k)
        guard d == d.rounded(), abs(d) < 9e15 else { throw missing(k, "an integer") }
        return Int(d)
    }

    public func optionalInt(_ k: String) throws -> Int? {
        isNull(k) ? nil : try int(k)
    }

    public func pid(_ k: String) throws -> PID {
        let v = try int(k)
        guard v >= 0, v <= Int(Int32.max) else { throw missing(k, "a process id") }
        return PID(v)
    }

    public func optionalPID(_ k: String) throws -> PID? {
        isNull(k) ? nil : try pid(k)
    }

    /// An array of strings (the only array the events have: a run's `argv`).
    public func strings(_ k: String) throws -> [String] {
        guard case let .array(items)? = self[k] else { throw missing(k, "an array of strings") }
        return try items.map { item in
            guard case let .string(s) = item else { throw missing(k, "an array of strings") }
            return s
        }
    }

    public func bool(_ k: String) -> Bool {
        if case let .bool(b)? = self[k] { return b }
        return false
    }

    public func enumValue<E: RawRepresentable>(_ k: String) throws -> E where E.RawValue == String {
        let s = try string(k)
        guard let v = E(rawValue: s) else { throw missing(k, "a known value (got \"\(s)\")") }
        return v
    }
}
