import ProcTutorCore

/// The student's hold on time: pause the view (the program runs on and is recorded), step event by event,
/// replay slower or faster, rewind, back to live. Every one of these changes only `AppState.cursor`; the
/// real processes are touched by `F` (freeze) alone.
enum TimeControl {
    /// `p`: pauses the view at this moment, or plays on from the cursor. A finished run plays from the start.
    static func togglePlay(_ s: inout AppState) {
        guard let history = s.history, s.run != nil else { return }
        if var c = s.cursor {
            if c.playing { c.pause() }
            else {
                if c.index >= history.count && !s.isRunning { c = TimeCursor(index: 0, t: 0, speed: c.speed) }
                c.play()
            }
            s.cursor = c
        } else if s.isRunning {
            s.settleHistory()
            s.cursor = TimeCursor(index: s.history?.count ?? 0, t: s.runEnd)
        } else {
            var c = TimeCursor(index: 0, t: 0, speed: TimeCursor.autoSpeed(for: s.runEnd))
            c.play()
            s.cursor = c
        }
    }

    /// `.` (+1) and `,` (-1): to the next or previous event, paused there. From live, `,` lands on the last event.
    static func step(_ s: inout AppState, by direction: Int) {
        if s.cursor == nil { s.settleHistory() }
        guard let history = s.history, !history.isEmpty else { return }
        var c = s.cursor ?? TimeCursor(index: history.count, t: s.runEnd)
        c.pause()
        if direction > 0 {
            guard let next = history.nextStep(after: c.index) else { s.cursor = c; return }
            c.index = next
        } else {
            // From live, the first step back shows the last event itself.
            c.index = s.cursor == nil ? history.lastStepEnd : history.previousStep(before: c.index)
        }
        c.t = c.index > 0 ? history.events[c.index - 1].t : 0
        s.cursor = c
    }

    /// `<` / `>`: slower or faster playback (from live, this pauses the view first: nothing to play yet).
    static func changeSpeed(_ s: inout AppState, by step: Int) {
        if s.cursor == nil { s.settleHistory() }
        guard let history = s.history, s.run != nil else { return }
        var c = s.cursor ?? TimeCursor(index: history.count, t: s.runEnd)
        c.changeSpeed(by: step)
        s.cursor = c
    }

    /// `0`: back to the start of the run; playback goes on if it was playing.
    static func rewind(_ s: inout AppState) {
        if s.cursor == nil { s.settleHistory() }
        guard s.history != nil, s.run != nil else { return }
        let old = s.cursor
        var c = TimeCursor(index: 0, t: 0, speed: old?.speed ?? TimeCursor.autoSpeed(for: s.runEnd))
        if old?.playing == true { c.play() }
        s.cursor = c
    }

    /// `$` / Esc in a replay: the live view (or the end of a finished run).
    static func live(_ s: inout AppState) {
        s.cursor = nil
    }

    /// A click on the timeline's lanes: the cursor goes to that moment, paused.
    static func jump(_ s: inout AppState, to t: Double) {
        if s.cursor == nil { s.settleHistory() }
        guard let history = s.history, s.run != nil else { return }
        var c = s.cursor ?? TimeCursor(index: history.count, t: s.runEnd)
        c.pause()
        c.jump(to: min(t, s.runEnd), in: history)
        s.cursor = c
    }

    /// A frame while playing: the cursor moves on; at the end of the recording it becomes live again.
    static func frame(_ s: inout AppState, wall: Double) {
        guard var c = s.cursor, c.playing, let history = s.history else { return }
        if c.advance(wall: wall, end: s.runEnd, in: history) {
            s.cursor = c
        } else {
            s.cursor = nil
        }
    }

    /// A run that ended by itself in under a second is replayed at once, slowly, so that it can be watched.
    static func runEnded(_ s: inout AppState) {
        guard s.cursor == nil, let run = s.run, let history = s.history, !history.isEmpty,
              run.stopped == nil, let summary = run.summary, summary.duration < TimeCursor.autoReplayBelow
        else { return }
        var c = TimeCursor(index: 0, t: 0, speed: TimeCursor.autoSpeed(for: max(summary.duration, s.runEnd)),
                           automatic: true)
        c.play()
        s.cursor = c
    }

    /// Whether the backend should send `.frame` messages (about 30 a second): only while a replay plays.
    static func wantsFrames(_ s: AppState) -> Bool { s.cursor?.playing ?? false }
}
