import ProcTutorCore

/// The tutorial screen as an Elm-style program: `update` changes the state and asks for effects,
/// `view` draws the whole frame from the state alone.
public enum App {
    /// Applies one message; returns what the backend must do (start or stop the demo, save progress, quit).
    public static func update(_ state: inout AppState, _ msg: AppMsg) -> [AppCommand] {
        switch msg {
        case let .resize(width, height):
            state.width = width
            state.height = height
            return []
        case let .run(id, event):
            // A replaced run's last events (its stop, its summary) may still arrive: they are not this run's.
            guard id == state.runID else { return [] }
            state.record(event)
            return []
        case let .runEnded(id):
            guard id == state.runID else { return [] }
            state.run?.ended = true
            state.run?.paused = false
            state.settleHistory()
            // The exercise: the checklist is what matters, so no slow replay of a short run.
            if state.exercise != nil { return Exercises.runEnded(&state) ?? [] }
            // An open quit question stays: the y typed a moment after the run ended still quits.
            // During `n` the next run starts at once; a slow replay would only be cut off.
            if state.repeatRuns.map({ !$0.isDone }) ?? false { return Repeating.runEnded(&state) }
            TimeControl.runEnded(&state)
            return Quiz.runEnded(&state)
        case let .frame(wall):
            TimeControl.frame(&state, wall: wall)
            return []
        case let .tick(now):
            if var run = state.run, !run.paused, !run.ended {
                run.now = max(run.now, now)
                state.run = run
            }
            return []
        case let .key(key):
            return Keys.handle(&state, key)
        case .exerciseFileSaved:
            return Exercises.saved(&state)
        case .exerciseFileRemoved:
            Exercises.removed(&state)
            return []
        case let .exerciseFileProblem(message):
            state.exercise?.note = ExerciseTexts.doesNotCompile(message)
            return []
        }
    }

    /// Whether the backend should send `.frame` messages now: only while a replay plays (never while idle).
    public static func wantsFrames(_ state: AppState) -> Bool { TimeControl.wantsFrames(state) }

    /// Draws the whole frame. The backend diffs it against the previous one.
    public static func view(_ state: AppState) -> CellBuffer {
        var buf = CellBuffer(width: max(0, state.width), height: max(0, state.height))
        Screen.render(state, into: &buf)
        return state.monochrome ? buf.monochrome() : buf
    }
}
