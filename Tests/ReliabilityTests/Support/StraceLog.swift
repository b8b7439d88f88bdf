import Foundation

/// The kernel's word on a run: `strace -f -q -e trace=process -o FILE` read back. Every process a successful
/// clone/clone3/fork/vfork created (threads, `CLONE_THREAD`, belong to their process), its parent (the creating
/// thread's process), the last program it executed, and its end.
struct StraceLog {
    struct Process {
        var pid: Int
        var parent: Int?
        /// Basename of the last program it executed (nil: none, it runs what its parent ran).
        var program: String?
        var exitCode: Int?
        var signal: String?
    }

    private(set) var processes: [Int: Process] = [:]
    /// Thread id → the process (thread group) it belongs to.
    private var group: [Int: Int] = [:]

    init(text: String) {
        var pending: [Int: String] = [:]  // an unfinished call's first part, by thread
        for raw in text.split(separator: "\n") {
            guard let space = raw.firstIndex(of: " "), let tid = Int(raw[..<space]) else { continue }
            var rest = String(raw[raw.index(after: space)...]).trimmingCharacters(in: .whitespaces)
            if rest.hasSuffix("<unfinished ...>") {
                pending[tid] = rest
                continue
            }
            if rest.hasPrefix("<... "), let first = pending.removeValue(forKey: tid),
               let resumed = rest.range(of: " resumed>") {
                rest = String(first.dropLast("<unfinished ...>".count)) + rest[resumed.upperBound...]
            }
            record(tid: tid, line: rest)
        }
    }

    private func process(of tid: Int) -> Int { group[tid] ?? tid }

    private mutating func record(tid: Int, line: String) {
        let pid = process(of: tid)
        if processes[pid] == nil { processes[pid] = Process(pid: pid) }
        if line.hasPrefix("+++ exited with "), tid == pid {
            processes[pid]?.exitCode = Int(line.dropFirst("+++ exited with ".count).prefix { $0.isNumber })
            return
        }
        if line.hasPrefix("+++ killed by "), tid == pid {
            processes[pid]?.signal = String(line.dropFirst("+++ killed by ".count).prefix { $0 != " " })
            return
        }
        let call = line.prefix { $0 != "(" }
        guard let eq = line.range(of: " = ", options: .backwards) else { return }
        let result = line[eq.upperBound...].prefix { $0 != " " }
        switch call {
        case "clone", "clone3", "fork", "vfork":
            guard let child = Int(result), child > 0 else { return }
            if line.contains("CLONE_THREAD") {
                group[child] = pid
            } else {
                processes[child] = Process(pid: child, parent: pid)
            }
        case "execve", "execveat":
            guard result == "0", let open = line.firstIndex(of: "\""),
                  let close = line[line.index(after: open)...].firstIndex(of: "\"") else { return }
            let path = line[line.index(after: open)..<close]
            processes[pid]?.program = String(path.split(separator: "/").last ?? path[...])
        default:
            break
        }
    }

    /// `root` and every process descended from it.
    func tree(from root: Int) -> [Process] {
        var children: [Int: [Int]] = [:]
        for p in processes.values { if let parent = p.parent { children[parent, default: []].append(p.pid) } }
        var out: [Process] = []
        var stack = [root]
        while let pid = stack.popLast() {
            guard let p = processes[pid] else { continue }
            out.append(p)
            stack += children[pid] ?? []
        }
        return out.sorted { $0.pid < $1.pid }
    }
}
