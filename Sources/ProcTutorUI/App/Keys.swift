import ProcTutorCore

/// What each key does (htop, lazygit and vim habits). The help overlay lists the same bindings.
enum Keys {
    static func handle(_ s: inout AppState, _ key: Key) -> [AppCommand] {
        // Ctrl-C always quits at once (the backend stops the demo on quit).
        if key == .ctrl("c") { return s.isRunning ? [.stopRun, .quit] : [.quit] }

        switch s.overlay {
        case .confirmQuit:
            switch key {
            case .char("y"), .char("Y"), .char("q"), .enter: return s.isRunning ? [.stopRun, .quit] : [.quit]
            default: s.overlay = nil; return []
            }
        case let .confirmLeaveQuiz(quitting):
            s.overlay = nil
            guard key == .char("y") || key == .char("Y") || key == .enter else { return [] }
            if quitting { return s.isRunning ? [.stopRun, .quit] : [.quit] }
            s.quiz = nil
            return []
        case .tally:
            return Repeating.handleTally(&s, key)
        case .help, .failures:
            // The keys that scroll move the box; any other key closes it (as help does in htop).
            if let delta = overlayScroll(s, key) {
                let area = Rect(x: 0, y: 0, width: s.width, height: s.height)
                let (count, width) = s.overlay == .help
                    ? (HelpOverlay.lines(s.lang).count, HelpOverlay.contentWidth(s.lang))
                    : (FailuresView.lineCount(s, area: area), FailuresView.contentWidth(area))
                let rows = ScrollBox.rows(area: area, contentWidth: width, lineCount: count)
                let step = switch delta {
                case Int.min: -count
                case Int.max: count
                case -1000, 1000: delta.signum() * max(1, rows - 1)
                default: delta
                }
                s.overlayScroll = ScrollBox.offset(s.overlayScroll + step, lineCount: count, rows: rows)
                return []
            }
            if key == .char("q") && s.overlay == .failures { s.overlay = nil; return [] }
            s.overlay = nil
            return []
        case nil:
            break
        }

        if s.quiz != nil, let handled = Quiz.handle(&s, key) { return handled }

        switch key {
        case .char("q"):
            if s.quiz?.leavingLosesAnswers == true { s.overlay = .confirmLeaveQuiz(quitting: true); return [] }
            if s.isRunning { s.overlay = .confirmQuit; return [] }
            return [.quit]
        case .char("?"), .function(1):
            s.overlay = .help
        case .escape:
            if s.quiz != nil { s.quiz = nil } else { TimeControl.live(&s) }
        case .char("r"):
            return startRun(&s)
        case .char("s"):
            if let r = s.repeatRuns, !r.isDone { return Repeating.cancel(&s) }
            if s.isRunning { return [.stopRun] }
        case .char("n"):
            return Repeating.start(&s)
        case .char("t"):
            if s.repeatRuns != nil { s.overlay = .tally }
        case .char("p"):
            TimeControl.togglePlay(&s)
        case .char("."):
            TimeControl.step(&s, by: 1)
        case .char(","):
            TimeControl.step(&s, by: -1)
        case .char(">"):
            TimeControl.changeSpeed(&s, by: 1)
        case .char("<"):
            TimeControl.changeSpeed(&s, by: -1)
        case .char("0"):
            TimeControl.rewind(&s)
        case .char("$"):
            TimeControl.live(&s)
        case .char("F"):
            // Freezing the real processes changes the program: every sleep's deadline passes while frozen.
            guard var run = s.run, run.isRunning else { return [] }
            run.paused.toggle()
            s.run = run
            return [run.paused ? .pauseRun : .resumeRun]
        case .char("v"):
            cycleVariant(&s)
        case .char("m"):
            let order: [StartMethod?] = [nil, .fork, .spawn, .forkserver]
            let i = order.firstIndex(of: s.startMethod) ?? 0
            s.startMethod = order[(i + 1) % order.count]
        case .char("e"):
            if let run = s.shown, run.tasks.contains(where: { $0.status == .failed }) { s.overlay = .failures }
        case .char("o"):
            s.outputMode = s.outputMode == .byPID ? .raw : .byPID
            s.followOutput = true
        case .char("Q"):
            return Quiz.open(&s)
        case .left, .char("["):
            return goToLesson(&s, s.lessonIndex - 1)
        case .right, .char("]"):
            return goToLesson(&s, s.lessonIndex + 1)
        case let .char(c) where c.isASCII && c.isNumber:
            return goToLesson(&s, Int(String(c))! - 1)
        case .tab:
            cycleFocus(&s, by: 1)
        case .backTab:
            cycleFocus(&s, by: -1)
        case .char("z"):
            s.zoomed.toggle()
        case .char("L"):
            s.hideText.toggle()
            if s.presenting, s.unzoomedLayout.panes[s.focus] == nil { s.focus = focusOrder(s).first ?? .processes }
        case .up, .char("k"):
            return Scrolling.scroll(&s, s.focus, by: -1)
        case .down, .char("j"):
            return Scrolling.scroll(&s, s.focus, by: 1)
        case .pageUp, .ctrl("b"):
            return Scrolling.scroll(&s, s.focus, by: -Scrolling.page(s, s.focus))
        case .pageDown, .ctrl("f"), .char(" "):
            return Scrolling.scroll(&s, s.focus, by: Scrolling.page(s, s.focus))
        case .home, .char("g"):
            return Scrolling.scroll(&s, s.focus, by: Int.min / 2)
        case .end, .char("G"):
            return Scrolling.scroll(&s, s.focus, by: Int.max / 2)
        case let .wheelUp(x, y):
            return Scrolling.scroll(&s, s.layout.pane(at: x, y) ?? s.focus, by: -3, fromWheel: true)
        case let .wheelDown(x, y):
            return Scrolling.scroll(&s, s.layout.pane(at: x, y) ?? s.focus, by: 3, fromWheel: true)
        case let .click(x, y):
            click(&s, x, y)
        default:
            break
        }
        return []
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

    /// How far a key scrolls an overlay: ±1 a line, ±1000 a page, ±Int.max to an end; nil for other keys.
    static func overlayScroll(_ s: AppState, _ key: Key) -> Int? {
        switch key {
        case .up, .char("k"), .wheelUp: -1
        case .down, .char("j"), .wheelDown: 1
        case .pageUp, .ctrl("b"): -1000
        case .pageDown, .ctrl("f"), .char(" "): 1000
        case .home, .char("g"): Int.min
        case .end, .char("G"): Int.max
        default: nil
        }
    }

    /// `r`: (re)starts the chosen demo. A running demo is stopped first; the new run's panes start empty.
    static func startRun(_ s: inout AppState, demo name: String? = nil, startMethod: StartMethod?? = nil)
        -> [AppCommand]
    {
        guard !s.replayOnly, let lesson = s.lesson, let demo = lesson.demo(named: name ?? s.variant[lesson.id])
        else { return [] }
        let method = startMethod ?? (s.startMethod ?? demo.startMethod)
        let path = lesson.path(of: demo)
        let wasRunning = s.isRunning
        if wasRunning { s.supersededRuns += 1 }
        s.replaceRun(RunState(path: path, demoName: demo.name, lessonID: lesson.id, startMethod: method))
        s.followOutput = true
        s.scroll[.output] = 0
        s.scroll[.processes] = 0
        s.scroll[.timeline] = 0
        return (wasRunning ? [.stopRun] : []) + [.startRun(path: path, startMethod: method)]
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
        let wasRunning = s.isRunning
        if wasRunning { s.supersededRuns += 1 }
        s.lessonIndex = index
        s.replaceRun(nil)
        s.quiz = nil
        s.scroll = [:]
        s.followOutput = true
        return (wasRunning ? [.stopRun] : []) + [.saveProgress]
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
