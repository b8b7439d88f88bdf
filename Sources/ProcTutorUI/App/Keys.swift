import ProcTutorCore

/// What each key does (htop, lazygit and vim habits). The help overlay lists the same bindings.
enum Keys {
    /// A key: the binding the key table gives it now (`KeyTable.binding`), carried out; a key no binding takes
    /// does nothing.
    static func handle(_ s: inout AppState, _ key: Key) -> [AppCommand] {
        guard let binding = KeyTable.binding(for: key, in: s) else { return [] }
        return perform(binding.action, key, &s)
    }

    /// What each action does (`key` is the key that asked: a digit, a letter, the pointer's place).
    static func perform(_ action: KeyAction, _ key: Key, _ s: inout AppState) -> [AppCommand] {
        switch action {
        // Ctrl-C always quits at once (the backend stops the demo on quit).
        case .quitNow, .confirmQuit:
            return quitNow(s)
        case .suspend:
            return []  // the terminal backend's
        case .confirmLeaveQuiz:
            guard case let .confirmLeaveQuiz(quitting) = s.overlay else { return [] }
            s.overlay = nil
            if quitting { return quitNow(s) }
            s.quiz = nil
        case .dismiss:
            s.overlay = nil
        case let .boxScroll(step):
            boxScroll(&s, step)
        case .tallySelect, .tallyStop, .tallyReplay, .tallyAgain:
            return Repeating.handleTally(&s, action)
        case .choose, .moveChoice, .confirmChoice, .type, .deleteChar, .submitText, .nextQuestion, .retakeWrong,
             .closeQuiz, .leaveQuiz:
            return Quiz.perform(&s, action, key)
        case .quit:
            if s.quiz?.leavingLosesAnswers == true { s.overlay = .confirmLeaveQuiz(quitting: true); return [] }
            if s.isRunning { s.overlay = .confirmQuit; return [] }
            return [.quit]
        case .help:
            s.overlay = .help
        case .exerciseHint:
            Exercises.hint(&s)
        case .exerciseSolution:
            Exercises.solution(&s)
        case .exerciseEdit:
            guard let ex = s.exercise else { return [] }
            return [.openEditor(path: ex.path)]
        case .openExercise:
            guard s.exercise == nil, let lesson = s.lesson, !lesson.exercises.isEmpty else { return [] }
            return s.stopCommands + [.saveProgress, .openExercise(lessonID: lesson.id)]
        case .run:
            return startRun(&s)
        case .stop:
            if let r = s.repeatRuns, !r.isDone { return Repeating.cancel(&s) }
            if s.isRunning { return s.stopCommands }
        case .repeatRuns:
            return Repeating.start(&s)
        case .tally:
            if s.repeatRuns != nil { s.overlay = .tally }
        case .togglePlay:
            TimeControl.togglePlay(&s)
        case let .step(direction):
            TimeControl.step(&s, by: direction)
        case let .speed(direction):
            TimeControl.changeSpeed(&s, by: direction)
        case .rewind:
            TimeControl.rewind(&s)
        case .live:
            TimeControl.live(&s)
        case .freeze:
            // Freezing the real processes changes the program: every sleep's deadline passes while frozen.
            guard var run = s.run, run.isRunning else { return [] }
            run.paused.toggle()
            s.run = run
            return [run.paused ? .pauseRun : .resumeRun]
        case .variant:
            cycleVariant(&s)
        case .method:
            let order: [StartMethod?] = [nil, .fork, .spawn, .forkserver]
            let i = order.firstIndex(of: s.startMethod) ?? 0
            s.startMethod = order[(i + 1) % order.count]
        case .failures:
            if let run = s.shown, run.tasks.contains(where: { $0.status == .failed }) { s.overlay = .failures }
        case .outputMode:
            s.outputMode = s.outputMode == .byPID ? .raw : .byPID
            s.followOutput = true
        case .openQuiz:
            return Quiz.open(&s)
        case let .lesson(step):
            return goToLesson(&s, s.lessonIndex + step)
        case .lessonNumber:
            guard case let .char(c) = key, let n = Int(String(c)) else { return [] }
            return goToLesson(&s, n - 1)
        case let .focus(step):
            cycleFocus(&s, by: step)
        case .zoom:
            s.zoomed.toggle()
        case .hideText:
            s.hideText.toggle()
            if s.presenting, s.unzoomedLayout.panes[s.focus] == nil { s.focus = focusOrder(s).first ?? .processes }
        case let .scroll(step):
            let by = switch step {
            case let .line(n): n
            case let .page(n): n * Scrolling.page(s, s.focus)
            case let .end(n): n < 0 ? Int.min / 2 : Int.max / 2
            }
            return Scrolling.scroll(&s, s.focus, by: by)
        case let .wheel(direction):
            switch key {
            case let .wheelUp(x, y), let .wheelDown(x, y):
                return Scrolling.scroll(&s, s.layout.pane(at: x, y) ?? s.focus, by: 3 * direction, fromWheel: true)
            default: return []
            }
        case .click:
            if case let .click(x, y) = key { click(&s, x, y) }
        }
        return []
    }

    static func quitNow(_ s: AppState) -> [AppCommand] { s.stopCommands + [.quit] }

    /// The help and failures boxes scroll: a line, a page, to an end.
    static func boxScroll(_ s: inout AppState, _ step: KeyAction.Step) {
        let area = Rect(x: 0, y: 0, width: s.width, height: s.height)
        let (count, width) = s.overlay == .help
            ? (HelpOverlay.lines(s).count, HelpOverlay.contentWidth(s))
            : (FailuresView.lineCount(s, area: area), FailuresView.contentWidth(area))
        let rows = ScrollBox.rows(area: area, contentWidth: width, lineCount: count)
        let by = switch step {
        case let .line(n): n
        case let .page(n): n * max(1, rows - 1)
        case let .end(n): n * count
        }
        s.overlayScroll = ScrollBox.offset(s.overlayScroll + by, lineCount: count, rows: rows)
    }

    /// The panes `Tab` goes through: every pane under the 80×24 tab strip, else the panes the (unzoomed)
    /// layout shows. While zoomed, `Tab` zooms the next one.
    static func focusOrder(_ s: AppState) -> [Pane] {
        let layout = s.unzoomedLayout
        if layout.tabs != nil || layout.mode == .tooSmall { return Pane.allCases }
        return Pane.allCases.filter { layout.panes[$0] != nil }
    }

    static func cycleFocus(_ s: inout AppState, by step: Int) {
        let order = focusOrder(s)
        guard !order.isEmpty else { return }
        let i = order.firstIndex(of: s.focus) ?? (step > 0 ? order.count - 1 : 0)
        s.focus = order[(i + step + order.count) % order.count]
    }

    /// `r`: (re)starts the chosen demo. A running demo is stopped first; the new run's panes start empty.
    static func startRun(_ s: inout AppState, demo name: String? = nil, startMethod: StartMethod?? = nil)
        -> [AppCommand]
    {
        guard !s.replayOnly, let lesson = s.lesson, let demo = lesson.demo(named: name ?? s.variant[lesson.id])
        else { return [] }
        let method = startMethod ?? (s.startMethod ?? demo.startMethod)
        let stopOld = s.stopCommands
        let request = s.request(demo, of: lesson, startMethod: method)
        s.replaceRun(RunState(path: request.program, demoName: demo.name, lessonID: lesson.id, startMethod: method),
                     id: request.id)
        s.followOutput = true
        s.scroll[.output] = 0
        s.scroll[.processes] = 0
        s.scroll[.timeline] = 0
        return stopOld + [.startRun(request)]
    }

    static func cycleVariant(_ s: inout AppState) {
        guard let lesson = s.lesson, lesson.demos.count > 1 else { return }
        let current = lesson.demos.firstIndex { $0.name == s.demo?.name } ?? 0
        s.variant[lesson.id] = lesson.demos[(current + 1) % lesson.demos.count].name
        s.scroll[.code] = 0
    }

    /// Opens another lesson: a running demo is stopped, the panes start fresh, progress is saved.
    static func goToLesson(_ s: inout AppState, _ index: Int) -> [AppCommand] {
        guard s.lessons.indices.contains(index), index != s.lessonIndex else { return [] }
        let stopOld = s.stopCommands
        s.lessonIndex = index
        s.replaceRun(nil)
        s.quiz = nil
        s.scroll = [:]
        s.followOutput = true
        return stopOld + [.saveProgress]
    }

    static func click(_ s: inout AppState, _ x: Int, _ y: Int) {
        let layout = s.layout
        if let tabs = layout.tabs, tabs.contains(x: x, y: y) {
            if let pane = TabStrip.pane(at: x - tabs.x, lang: s.lang) { s.focus = pane }
            return
        }
        guard let pane = layout.pane(at: x, y) else { return }
        s.focus = pane
        // A click on the timeline's lanes puts the time cursor at that moment.
        if pane == .timeline, s.run != nil, let rect = layout.panes[.timeline] {
            let inner = ScreenLayout.contentArea(rect)
            let span = s.cursor != nil ? s.runEnd : (s.run?.clock ?? 0)
            if inner.contains(x: x, y: y), y >= inner.y + 2,
               let t = TimelineView.time(atColumn: x - inner.x, width: inner.width, span: span) {
                TimeControl.jump(&s, to: t)
            }
        }
    }
}
