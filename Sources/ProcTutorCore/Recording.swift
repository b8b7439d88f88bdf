/// A run read back from its NDJSON (`proctutor run --json`, or the tutorial supervisor's stream): the header and
/// the events after it.
///
/// ```swift
/// let r = try Recording.parse(text: contents, file: "run.ndjson")
/// r.header?.program      // what ran
/// r.events               // every event after the header, in order
/// r.truncated            // the file ended inside a line (the events up to it are all there)
/// ```
/// Failures are a `Recording.Error` whose text is `FILE:LINE: message`.
public struct Recording: Equatable, Sendable {
    /// The `run` header (line 1). nil only when the file ends inside that first line (`truncated` is then true).
    public var header: RunHeader?
    /// The events after the header, as they were written.
    public var events: [Event]
    /// The last line had no newline and did not decode: it was left out (a run cut short, a file still written).
    public var truncated: Bool

    public init(header: RunHeader?, events: [Event], truncated: Bool = false) {
        self.header = header
        self.events = events
        self.truncated = truncated
    }

    /// The run's closing summary, if the recording got that far.
    public var summary: Summary? {
        if case let .summary(s)? = events.last?.kind { return s }
        return nil
    }

    /// Why a text is not a readable recording, and where.
    public struct Error: Swift.Error, Equatable, Sendable, CustomStringConvertible {
        public enum Reason: Equatable, Sendable {
            /// Line 1 is not JSON, or not a `run` event (an empty file included).
            case notARecording(String)
            /// The header's `schema` is not one this reader knows.
            case unknownSchema(Int)
            /// A whole line that does not decode (the event's own complaint), or a second header.
            case badLine(String)
        }

        public var file: String
        /// 1-based.
        public var line: Int
        public var reason: Reason

        public init(file: String, line: Int, reason: Reason) {
            self.file = file
            self.line = line
            self.reason = reason
        }

        public var message: String {
            switch reason {
            case let .notARecording(why): "not a proctutor recording: \(why)"
            case let .unknownSchema(v):
                "recording schema \(v) is not supported (this proctutor reads schema \(RunHeader.schemaVersion))"
            case let .badLine(why): why
            }
        }

        public var description: String { "\(file):\(line): \(message)" }
    }

    /// Reads a recording. `file` only names the text in errors.
    ///
    /// Line 1 must be a `run` event of a known schema; every later whole line must be an event (blank lines are
    /// skipped). A last line without its newline that does not decode is dropped and `truncated` set: a
    /// recording cut off while it was written is still read up to where it was cut.
    /// - Throws: `Recording.Error`.
    /// The text cut at every newline byte (the last piece is what follows the last newline, maybe empty). A
    /// scan of the contiguous bytes: the generic `split` on a UTF-8 view cost a sixth of loading a recording.
    static func splitLines(_ text: String) -> [Substring] {
        var text = text
        text.makeContiguousUTF8()
        let utf8 = text.utf8
        let offsets: [Int] = utf8.withContiguousStorageIfAvailable { bytes in
            var found: [Int] = []
            found.reserveCapacity(bytes.count / 64)
            for (i, b) in bytes.enumerated() where b == 0x0A { found.append(i) }
            return found
        } ?? utf8.indices.enumerated().compactMap { utf8[$0.element] == 0x0A ? $0.offset : nil }
        var lines: [Substring] = []
        lines.reserveCapacity(offsets.count + 1)
        var start = utf8.startIndex
        var startOffset = 0
        for o in offsets {
            let end = utf8.index(start, offsetBy: o - startOffset)
            lines.append(Substring(utf8[start..<end]))
            start = utf8.index(after: end)
            startOffset = o + 1
        }
        lines.append(Substring(utf8[start...]))
        return lines
    }

    public static func parse(text: String, file: String) throws -> Recording {
        // By bytes: as Characters, "\r\n" is one and would not split at "\n".
        var lines = splitLines(text)
        // Text ending in a newline has an empty last element; anything else there is a line without its newline.
        let tail = lines.removeLast()
        var recording = Recording(header: nil, events: [])
        var lineNumber = 0

        func decodeHeader(_ line: Substring, number: Int) throws -> RunHeader {
            let o: JSONObject
            do { o = try JSONObject(String(line)) } catch {
                throw Error(file: file, line: number, reason: .notARecording("line 1 is not a JSON object"))
            }
            guard (try? o.string("event")) == "run" else {
                throw Error(file: file, line: number, reason: .notARecording("line 1 is not a \"run\" header"))
            }
            guard let schema = try? o.int("schema") else {
                throw Error(file: file, line: number, reason: .badLine("the header has no integer \"schema\""))
            }
            guard schema == RunHeader.schemaVersion else {
                throw Error(file: file, line: number, reason: .unknownSchema(schema))
            }
            do {
                guard case let .run(h) = try EventJSON.decode(String(line)).kind else { fatalError("checked above") }
                return h
            } catch {
                throw Error(file: file, line: number, reason: .badLine("bad header: \(error)"))
            }
        }

        func take(_ line: Substring, number: Int) throws {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            if number == 1 {
                recording.header = try decodeHeader(line, number: number)
                return
            }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { return }
            let event: Event
            do { event = try EventJSON.decode(String(line)) } catch {
                throw Error(file: file, line: number, reason: .badLine("\(error)"))
            }
            if case .run = event.kind {
                throw Error(file: file, line: number, reason: .badLine("a second \"run\" header (a recording is one run)"))
            }
            recording.events.append(event)
        }

        for line in lines {
            lineNumber += 1
            try take(line, number: lineNumber)
        }
        guard !tail.isEmpty else {
            if lineNumber == 0 {
                throw Error(file: file, line: 1, reason: .notARecording("the file is empty"))
            }
            return recording
        }
        lineNumber += 1
        if lineNumber == 1 {
            // Cut inside the header: a recording if what is there starts like one (the header is written first
            // and may be long: it carries the source).
            let compact = tail.filter { $0 != " " }
            if compact.hasPrefix(#"{"t":0"#), compact.contains(#""event":"run""#) || !compact.contains(#""event""#) {
                if let h = try? decodeHeader(tail, number: 1) { recording.header = h; return recording }
                recording.truncated = true
                return recording
            }
            _ = try decodeHeader(tail, number: 1)  // throws: not a recording
            return recording
        }
        // A complete event that only lacks its newline is kept; a cut one is dropped.
        if let event = try? EventJSON.decode(String(tail)) {
            if case .run = event.kind {
                throw Error(file: file, line: lineNumber, reason: .badLine("a second \"run\" header (a recording is one run)"))
            }
            recording.events.append(event)
        } else {
            recording.truncated = true
        }
        return recording
    }
}
