import ProcTutorCore

/// The program's shared stdout and stderr pipes cut into lines: `raw` events, and `output` events with
/// `pid: null` for a stream the tracer never claimed (a program without the tracer: `cat`, a C extension).
///
/// One of `RunAssembler`'s three parts; it produces events into `out`, which the assembler drains in order.
struct LineAssembler {
    /// Longest raw line piece, in bytes: a longer line goes out in pieces of this size (never dropped).
    var rawPiece = 8192
    /// Bytes of raw lines that may wait for the tracer to claim their stream; beyond it the oldest go out as
    /// `pid: null` at once, so a flood from a program without the tracer is not held in memory.
    var unattributedLimit = 4 << 20
    /// Whether `raw` events are produced at all (without them the lines are only decoded where they may
    /// become unattributed output).
    var keepsRaw = true
    /// A raw line without a newline goes out after this long.
    var partialDelay = 0.1
    /// Raw lines wait this long for the tracer to claim the stream before going out with `pid: null`.
    var unattributedDelay = 0.5

    /// Events made since the owner last drained them, in order.
    var out: [Event] = []

    private var streams = ByStream(Stream())
    /// Streams the tracer has attributed a line of: their raw lines need not go out as unattributed output.
    private var attributed = ByStream(false)

    private struct Stream {
        var pending: [UInt8] = []
        var pendingSince = 0.0
        /// The pending bytes continue a line already sent in part (a piece): the newline that ends it adds no
        /// empty line.
        var continued = false
        var unattributed: [(t: Double, text: String)] = []
        /// Index of the first line of `unattributed` not yet sent (lines are sent from the front).
        var unattributedStart = 0
        var unattributedBytes = 0
    }

    /// The tracer attributed a line of `stream` to a process: what waited as a candidate for `pid: null` is
    /// the tracer's (it sends those lines itself).
    mutating func claim(_ stream: OutputStream) {
        guard !attributed[stream] else { return }
        attributed[stream] = true
        streams[stream].unattributed.removeAll()
        streams[stream].unattributedStart = 0
        streams[stream].unattributedBytes = 0
    }

    /// Bytes read from a pipe. Every line goes out (a line longer than `rawPiece` in pieces).
    mutating func bytes(_ bytes: ArraySlice<UInt8>, stream: OutputStream, at t: Double) {
        var r = streams[stream]
        defer { streams[stream] = r }
        if r.pending.isEmpty { r.pendingSince = t }
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let room = rawPiece - r.pending.count
            let limit = bytes.index(i, offsetBy: room, limitedBy: bytes.endIndex) ?? bytes.endIndex
            if let nl = bytes[i..<limit].firstIndex(of: 0x0A) {
                if r.pending.isEmpty {
                    line(bytes[i..<nl], stream: stream, at: t, into: &r)  // no copy
                } else {
                    r.pending.append(contentsOf: bytes[i..<nl])
                    line(r.pending[...], stream: stream, at: t, into: &r)
                    r.pending.removeAll(keepingCapacity: true)
                }
                r.continued = false
                r.pendingSince = t
                i = bytes.index(after: nl)
            } else {
                r.pending.append(contentsOf: bytes[i..<limit])
                i = limit
                if r.pending.count >= rawPiece {  // a piece of a long line; its rest follows
                    line(r.pending[...], stream: stream, at: t, into: &r)
                    r.pending.removeAll(keepingCapacity: true)
                    r.continued = true
                }
            }
        }
    }

    /// Time passes: a partial line that waited `partialDelay` goes out, and unclaimed lines after
    /// `unattributedDelay`.
    mutating func tick(at t: Double) {
        for stream in [OutputStream.stdout, .stderr] {
            var r = streams[stream]
            if !r.pending.isEmpty, t - r.pendingSince >= partialDelay {
                line(r.pending[...], stream: stream, at: t, into: &r)
                r.pending.removeAll(keepingCapacity: true)
                r.continued = true
            }
            if !attributed[stream] { releaseUnattributed(stream, &r, before: t - unattributedDelay) }
            streams[stream] = r
        }
    }

    /// The run is over: every partial line and every waiting unclaimed line goes out.
    mutating func finish(at t: Double) {
        for stream in [OutputStream.stdout, .stderr] {
            var r = streams[stream]
            if !r.pending.isEmpty {
                line(r.pending[...], stream: stream, at: t, into: &r)
                r.pending.removeAll()
            }
            if !attributed[stream] { releaseUnattributed(stream, &r, before: .infinity) }
            r.unattributed.removeAll()
            streams[stream] = r
        }
    }

    /// One line (or piece): a `raw` event, and a candidate for `pid: null` output while the tracer has
    /// attributed nothing on the stream.
    private mutating func line(_ bytes: ArraySlice<UInt8>, stream: OutputStream, at t: Double, into r: inout Stream) {
        if bytes.isEmpty, r.continued { return }  // the newline that ends a line sent in pieces
        let candidate = !attributed[stream]
        guard keepsRaw || candidate else { return }
        let text = Sanitizer.decode(bytes)
        if keepsRaw { out.append(Event(t: t, .raw(stream: stream, text: text))) }
        if candidate {
            r.unattributed.append((t, text))
            r.unattributedBytes += text.utf8.count
            if r.unattributedBytes > unattributedLimit { releaseUnattributed(stream, &r, before: -.infinity) }
        }
    }

    /// Sends the waiting lines written before `before` as `pid: null` output (all of them while over
    /// `unattributedLimit`).
    private mutating func releaseUnattributed(_ stream: OutputStream, _ r: inout Stream, before: Double) {
        while r.unattributedStart < r.unattributed.count {
            let l = r.unattributed[r.unattributedStart]
            guard l.t <= before || r.unattributedBytes > unattributedLimit else { break }
            r.unattributedStart += 1
            r.unattributedBytes -= l.text.utf8.count
            out.append(Event(t: l.t, .output(pid: nil, stream: stream, text: l.text)))
        }
        if r.unattributedStart == r.unattributed.count {
            r.unattributed.removeAll(keepingCapacity: true)
            r.unattributedStart = 0
        } else if r.unattributedStart > 1024, r.unattributedStart * 2 > r.unattributed.count {
            r.unattributed.removeFirst(r.unattributedStart)
            r.unattributedStart = 0
        }
    }
}

/// One value per output stream. Not a dictionary: its first use made the runtime search the binary's 5,810
/// protocol conformances for `OutputStream: Hashable`, 0.2 ms before every run's program could start.
struct ByStream<Value> {
    var stdout: Value
    var stderr: Value

    init(_ value: Value) {
        stdout = value
        stderr = value
    }

    subscript(_ stream: OutputStream) -> Value {
        get { stream == .stdout ? stdout : stderr }
        set { if stream == .stdout { stdout = newValue } else { stderr = newValue } }
    }
}
