// Figure 6 of docs/performance.md: the cost of one frame of the tutorial (App.update for every message that
// arrived since the last frame, then App.view) at 120×40 while 256 processes are alive and write 10,000 lines a
// second, fed at the backend's frame rate (TutorialLoop.frameInterval, 30 per second). One benchmark iteration is
// one frame; the run keeps going for `frames` frames, so the run log grows as it would in a real 10 s flood.
import Benchmark
import Foundation
import ProcTutorCore
import ProcTutorLessons
import ProcTutorUI

/// The state of one simulated flood: the app and the generator of the next frame's events.
final class Flood: @unchecked Sendable {
    static let processes = 256
    static let linesPerSecond = 10_000
    static let framesPerSecond = 30
    static let mainPID: PID = 20_000

    var state: AppState
    var frame = 0
    var fed = 0
    var linesFed = 0
    private var carry = 0

    init() throws {
        let lessons = try Flood.lessonsDirectory()
        let library = try LessonLibrary(directory: lessons)
        guard let index = library.lessons.firstIndex(where: { $0.id == "04-pool" }) else {
            throw FloodError.noPoolLesson(lessons)
        }
        let lesson = library.lessons[index]
        let files = lesson.demos.map { lesson.path(of: $0) }
        state = AppState(lessons: library.lessons, lessonIndex: index, lang: .zh, width: 120, height: 40,
                         sources: PythonTokens.load(files: files))
        _ = App.update(&state, .resize(width: 120, height: 40))
        // The student pressed r: the backend starts the demo, the first events are the births.
        _ = App.update(&state, .key(.char("r")))
        var births: [AppMsg] = [.run(Event(t: 0, .start(pid: Flood.mainPID, ppid: Flood.mainPID - 1,
                                                       name: "MainProcess", method: .main, parent: nil)))]
        for i in 1..<Flood.processes {
            births.append(.run(Event(t: 0.01, .start(pid: Flood.mainPID + PID(i), ppid: Flood.mainPID,
                                                     name: "ForkPoolWorker-\(i)", method: .fork, parent: nil))))
        }
        for m in births { _ = App.update(&state, m) }
        fed = births.count
    }

    /// The messages that arrive between two frames: a clock tick, 1/30 s of output and some state changes.
    func nextMessages() -> [AppMsg] {
        frame += 1
        let now = Double(frame) / Double(Flood.framesPerSecond)
        carry += Flood.linesPerSecond
        let lines = carry / Flood.framesPerSecond
        carry %= Flood.framesPerSecond
        var msgs: [AppMsg] = [.tick(now: now)]
        msgs.reserveCapacity(lines + lines / 8 + 1)
        for k in 0..<lines {
            let n = linesFed + k
            let pid = Flood.mainPID + 1 + PID(n % (Flood.processes - 1))
            let t = now - 1.0 / Double(Flood.framesPerSecond) + Double(k) / Double(Flood.linesPerSecond)
            msgs.append(.run(Event(t: t, .output(pid: pid, stream: .stdout,
                                                 text: "task \(n) -> pid \(pid) 运行中 (ForkPoolWorker-\(pid % 256))"))))
            if k % 8 == 0 {
                msgs.append(.run(Event(t: t, .state(pid: pid, state: n % 16 == 0 ? .running : .sleeping))))
            }
        }
        linesFed += lines
        fed += msgs.count - 1
        return msgs
    }

    /// Events the app's run log does not hold although they were fed to it.
    var lost: Int { fed - (state.run?.eventCount ?? 0) }

    static func lessonsDirectory() throws -> String {
        if let dir = ProcessInfo.processInfo.environment["PROCTUTOR_LESSONS"], !dir.isEmpty { return dir }
        // Benchmarks/Benchmarks/FrameTime/FrameTime.swift → the checkout's lessons/
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("lessons").path
    }
}

enum FloodError: Error {
    case noPoolLesson(String)
}

/// The flood in progress (the setup hook makes it, every frame advances it).
nonisolated(unsafe) var flood: Flood?
/// A 100,000-event recording as `run --json` writes it (figure 8's load benchmark).
nonisolated(unsafe) var recordingText: String?

let lostEvents = BenchmarkMetric.custom("lost events", polarity: .prefersSmaller, useScalingFactor: false)
let liveProcesses = BenchmarkMetric.custom("live processes", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    let frames = Int(ProcessInfo.processInfo.environment["PROCTUTOR_BENCH_FRAMES"] ?? "") ?? 300
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal, lostEvents, liveProcesses],
        timeUnits: .microseconds, warmupIterations: 0, scalingFactor: .one,
        maxDuration: .seconds(600), maxIterations: frames)

    Benchmark("frame: 256 processes, 10000 lines/s, 120x40", closure: { benchmark in
        guard let flood else { return }
        let msgs = flood.nextMessages()
        benchmark.startMeasurement()
        for m in msgs { _ = App.update(&flood.state, m) }
        let buffer = App.view(flood.state)
        benchmark.stopMeasurement()
        blackHole(buffer)
        benchmark.measurement(lostEvents, flood.lost)
        benchmark.measurement(liveProcesses, flood.state.run?.table.aliveCount ?? 0)
    }, setup: { flood = try Flood() }, teardown: { flood = nil })

    // Figure 8: the time cursor over a long run. The flood's first 100,000 events, then every iteration jumps
    // the cursor to a pseudo-random moment and draws the frame (a click on the timeline, a key).
    Benchmark("cursor: jump anywhere in 100000 events, then view", configuration: .init(
        metrics: [.wallClock, .peakMemoryResident], timeUnits: .microseconds, warmupIterations: 1,
        scalingFactor: .one, maxDuration: .seconds(300), maxIterations: 1000), closure: { _ in
        guard let flood else { return }
        flood.frame = (flood.frame &* 1_103_515_245 &+ 12_345) & 0x7fff_ffff
        let end = flood.state.runEnd
        flood.state.showMoment(Double(flood.frame % 10_000) / 10_000 * end)
        blackHole(App.view(flood.state))
    }, setup: {
        let f = try Flood()
        while f.fed < 100_000 {
            for m in f.nextMessages() { _ = App.update(&f.state, m) }
        }
        f.frame = 1
        flood = f
    }, teardown: { flood = nil })

    // Figure 8: opening a 100,000-event recording (`proctutor replay FILE`): parse its NDJSON and fold it.
    Benchmark("load: a 100000-event recording", configuration: .init(
        metrics: [.wallClock, .peakMemoryResident], timeUnits: .microseconds, warmupIterations: 1,
        scalingFactor: .one, maxDuration: .seconds(300), maxIterations: 20), closure: { _ in
        guard let text = recordingText else { return }
        let recording = try Recording.parse(text: text, file: "flood.ndjson")
        blackHole(Replay.state(recording, file: "flood.ndjson", lang: .zh, width: 120, height: 40))
    }, setup: {
        let f = try Flood()
        var lines = [EventJSON.encode(Event(t: 0, .run(RunHeader(
            program: "/flood.py", python: "/usr/bin/python3", pythonVersion: "3.12.1",
            argv: ["/usr/bin/python3", "-u", "/flood.py"], started: "2026-12-02T00:00:00.000Z", source: "pass\n"))))]
        for e in f.state.run?.events ?? [] { lines.append(EventJSON.encode(e)) }
        while lines.count < 100_001 {
            for case let .run(e) in f.nextMessages() { lines.append(EventJSON.encode(e)) }
        }
        recordingText = lines.prefix(100_001).joined(separator: "\n") + "\n"
    }, teardown: { recordingText = nil })

    // Where a frame's time goes once the log is long: the same flood fed without drawing, then only view.
    Benchmark("view: 120x40 after the whole flood", configuration: .init(
        metrics: [.wallClock, .peakMemoryResident], timeUnits: .microseconds, warmupIterations: 1,
        scalingFactor: .one, maxDuration: .seconds(300), maxIterations: 100), closure: { _ in
        guard let flood else { return }
        blackHole(App.view(flood.state))
    }, setup: {
        let f = try Flood()
        for _ in 0..<frames {
            for m in f.nextMessages() { _ = App.update(&f.state, m) }
        }
        flood = f
    }, teardown: { flood = nil })
}
