import ProcTutorCore
import ProcTutorLessons
import ProcTutorTerminal

/// A demo run whose events are also written to a recording as they arrive (see `RunStore`): the loop sees
/// the same run, and `proctutor replay FILE` can show it again later.
final class RecordedRun: DemoRun {
    private let inner: any DemoRun
    private let recorder: RunRecorder

    init(_ inner: any DemoRun, recorder: RunRecorder) {
        self.inner = inner
        self.recorder = recorder
    }

    var fd: Int32 { inner.fd }
    var isFinished: Bool { inner.isFinished }

    func drain() -> [Event] {
        let events = inner.drain()
        recorder.write(events)
        if inner.isFinished { recorder.close() }
        return events
    }

    func stop() { inner.stop() }
    func pause() { inner.pause() }
    func resume() { inner.resume() }
}
