import Glibc
import ProcTutorCore
import ProcTutorSupervisorCore
import ProcTutorSystem

/// What the loop reads: signals, the caller's commands, the program's pipes and the tracer's channel, each
/// handed to the core as an input.
extension Supervisor {
    func readSignals() {
        while true {
            let sig = SignalDescriptor.next(signalFD)
            if sig <= 0 { return }
            switch sig {
            case SIGCHLD: reapChildren()
            case SIGUSR1:
                if getppid() != parentAtStart { uiLost() }
            default: uiLost()  // SIGTERM, SIGHUP: we are being shut down
            }
        }
    }


    func readCommands() {
        var buf = [UInt8](repeating: 0, count: 1024)
        let n = buf.withUnsafeMutableBytes { read(0, $0.baseAddress!, $0.count) }
        if n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR) {
            stdinOpen = false
            uiLost()
        }
        guard n > 0 else { return }
        commandBuffer += buf[0..<n]
        while let nl = commandBuffer.firstIndex(of: 0x0A) {
            let line = String(decoding: commandBuffer[..<nl], as: UTF8.self).trimmingSpaces()
            commandBuffer.removeSubrange(...nl)
            apply(.command(line))
        }
        if commandBuffer.count > 4096 { commandBuffer.removeAll() }
    }

    func readOutput(_ stream: ProcTutorCore.OutputStream) {
        let fd = stream == .stdout ? outFD : errFD
        guard fd >= 0 else { return }
        for _ in 0..<16 {  // bounded, so a flood on one pipe cannot starve the rest of the loop
            let n = readBuffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n > 0 {
                outputHeldUntil = Clock.monotonic() + Double(Supervisor.channelBatchMilliseconds) / 1000
                apply(.output(readBuffer[0..<n], stream))
                continue
            }
            if n < 0, errno == EAGAIN || errno == EINTR { return }
            close(fd)
            if stream == .stdout { outFD = -1 } else { errFD = -1 }
            return
        }
    }

    func drainInotify() {
        var buf = [UInt8](repeating: 0, count: 4096)
        while buf.withUnsafeMutableBytes({ read(inotifyFD, $0.baseAddress!, $0.count) }) > 0 {}
    }

    /// Reads new lines of the event channel. A line longer than 1 MB is garbage: skipped to its newline.
    func readChannel() {
        guard eventsFD >= 0 else { return }
        var reads = 0
        while true {
            let n = readBuffer.withUnsafeMutableBytes { read(eventsFD, $0.baseAddress!, $0.count) }
            let buf = readBuffer
            guard n > 0 else { return }
            reads += 1
            if reads % 16 == 0 { flushEvents() }  // a channel that grows as fast as it is read: bounded memory
            channelHeldUntil = Clock.monotonic() + Double(Supervisor.channelBatchMilliseconds) / 1000
            var start = 0
            for i in 0..<n where buf[i] == 0x0A {
                if channelSkipping {
                    channelSkipping = false
                } else if channelBuffer.isEmpty {
                    channelLine(buf[start..<i])  // the whole line is in this read: no copy first
                } else {
                    channelBuffer += buf[start..<i]
                    channelLine(channelBuffer[...])
                }
                channelBuffer.removeAll(keepingCapacity: true)
                start = i + 1
            }
            if !channelSkipping { channelBuffer += buf[start..<n] }
            if channelBuffer.count > 1 << 20 {
                channelBuffer.removeAll()
                channelSkipping = true
                apply(.channelLine(""))  // counted as garbage
            }
        }
    }

    func channelLine(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        apply(.channelLine(String(decoding: bytes, as: UTF8.self)))
    }
}
