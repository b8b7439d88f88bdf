import Foundation
import Testing
import TestSupport
import ProcTutorCore
@testable import ProcTutorSupervisor

/// Task events must not depend on the start method: on every installed Python 3.8–3.13, a Pool program and a
/// ProcessPoolExecutor program report under spawn and forkserver exactly the tasks (ids, statuses, functions,
/// arguments, errors), the retrievals and the unretrieved failures they report under fork. (Under spawn on
/// 3.10+ the Pool's tasks once vanished: SpawnProcess._after_fork skips the after-fork hooks the tracer
/// waits in; docs/engine.md, "Pool tasks".)
@Suite(.enabled(if: Harness.haveProctutor, "build the proctutor executable first: swift build"))
struct TaskParityTests {
    /// Every kind of Pool call, with callbacks; four failures: `apply` (raised: fetched), `error_callback`
    /// (handled), `apply_async` never fetched, `imap` (raised: fetched).
    static let poolProgram = Harness.program("""
        import multiprocessing as mp
        def sq(x): return x * x
        def add(a, b): return a + b
        def bad(x): return "%f" % x
        if __name__ == "__main__":
            with mp.Pool(2) as pool:
                pool.apply(sq, (2,))
                pool.apply_async(sq, (3,), callback=lambda r: None).get()
                pool.map(sq, range(4), chunksize=2)
                list(pool.imap(sq, range(3)))
                sorted(pool.imap_unordered(sq, range(2)))
                pool.starmap(add, [(1, 2), (3, 4)])
                pool.map_async(sq, [5, 6], callback=lambda r: None).get()
                try: pool.apply(bad, ("a",))
                except TypeError: pass
                pool.apply_async(bad, ("b",), error_callback=lambda e: None).wait()
                pool.apply_async(bad, ("c",)).wait()
                try: list(pool.imap(bad, ["d"]))
                except TypeError: pass
                print("pool done")
        """, name: "pool_tasks.py")

    /// submit and map (one iterable in chunks, two iterables); three failures: fetched by `result()`, fetched
    /// by `exception()`, never fetched (only waited for). On 3.11+ also an executor whose workers leave after
    /// one task (`max_tasks_per_child`, which always uses spawn).
    static let executorProgram = Harness.program("""
        import sys
        from concurrent.futures import ProcessPoolExecutor, wait
        def sq(x): return x * x
        def add(a, b): return a + b
        def bad(x): return "%f" % x
        if __name__ == "__main__":
            with ProcessPoolExecutor(2) as ex:
                ex.submit(sq, 3).result()
                list(ex.map(sq, range(4), chunksize=2))
                list(ex.map(add, [1, 2], [3, 4]))
                try: ex.submit(bad, "a").result()
                except TypeError: pass
                ex.submit(bad, "b").exception()
                wait([ex.submit(bad, "c")])
            if sys.version_info >= (3, 11):
                with ProcessPoolExecutor(1, max_tasks_per_child=1) as ex:
                    [f.result() for f in [ex.submit(sq, n) for n in (5, 6)]]
            print("executor done")
        """, name: "executor_tasks.py")

    struct Tasks: Equatable, CustomStringConvertible {
        /// (id, status, function, args, error), sorted: the workers' pids and the order of arrival vary.
        var tasks: [String]
        var retrieved: [Int]
        var unretrieved: Int?
        var exitCode: Int?
        var workers: Int  // distinct pids that ran a task

        var description: String {
            "\(tasks.count) task events, retrieved \(retrieved), unretrieved \(String(describing: unretrieved)), "
                + "exit \(String(describing: exitCode)), \(workers) workers:\n" + tasks.joined(separator: "\n")
        }
    }

    static func tasks(_ program: String, _ python: String, _ method: StartMethod) throws -> Tasks {
        let r = try Harness.run(program, python: python, method: method)
        var tasks: [String] = [], retrieved: [Int] = [], pids = Set<PID>()
        for e in r.events {
            switch e.kind {
            case let .task(pid, id, status, function, args, error):
                tasks.append("\(id) \(status.rawValue) \(function) \(args) \(error ?? "-")")
                pids.insert(pid)
            case let .retrieved(id): retrieved.append(id)
            default: break
            }
        }
        return Tasks(tasks: tasks.sorted(), retrieved: retrieved.sorted(), unretrieved: r.summary?.unretrievedFailures,
                     exitCode: r.summary?.exitCode, workers: pids.count)
    }

    static func minor(_ python: String) -> Int {
        let version = python.split(separator: "/").dropLast(2).last.map(String.init) ?? ""
        return Int(version.split(separator: ".").dropFirst().first ?? "") ?? 0
    }

    @Test(arguments: Harness.pythons)
    func poolTasksAreTheSameUnderEveryStartMethod(_ python: String) throws {
        let fork = try Self.tasks(Self.poolProgram, python, .fork)
        // 11 jobs: 13 calls' worth of chunks (map 2, imap 3, imap_unordered 2, starmap 2, map_async 2, the
        // rest one each) = 17 started, 17 finished.
        #expect(fork.tasks.count == 34, "\(python) fork: \(fork)")
        #expect(fork.tasks.filter { $0.contains(" failed ") }.count == 4)
        #expect(fork.tasks.contains("0 started sq (2,) -"))
        #expect(fork.tasks.contains("5 started add ((1, 2),) -"))
        #expect(fork.retrieved.count == 3, "\(python) fork: \(fork)")
        #expect(fork.unretrieved == 1)
        #expect(fork.exitCode == 0)
        for method in [StartMethod.spawn, .forkserver] {
            let other = try Self.tasks(Self.poolProgram, python, method)
            #expect(other == Tasks(tasks: fork.tasks, retrieved: fork.retrieved, unretrieved: fork.unretrieved,
                                   exitCode: fork.exitCode, workers: other.workers),
                    "\(python) \(method.rawValue) differs from fork:\n\(other)\nfork:\n\(fork)")
        }
    }

    @Test(arguments: Harness.pythons)
    func executorTasksAreTheSameUnderEveryStartMethod(_ python: String) throws {
        let fork = try Self.tasks(Self.executorProgram, python, .fork)
        let limited = Self.minor(python) >= 11
        // submit 1, map 2 chunks, map of two iterables 2 (chunksize 1), 3 failures; +2 with max_tasks_per_child.
        #expect(fork.tasks.count == (limited ? 20 : 16), "\(python) fork: \(fork)")
        #expect(fork.tasks.filter { $0.contains(" failed bad ('") && $0.hasSuffix(") TypeError: must be real number, not str") }
            .count == 3)
        #expect(fork.tasks.contains("0 started sq (3,) -"))
        #expect(fork.tasks.contains("1 started sq (0, 1) -"))
        #expect(fork.tasks.contains("3 started add ((1, 3),) -"))
        #expect(fork.retrieved == [5, 6], "\(python) fork: \(fork)")
        #expect(fork.unretrieved == 1)
        #expect(fork.exitCode == 0)
        if limited {  // each of the last two tasks in a worker of its own
            #expect(fork.tasks.contains("8 started sq (5,) -") && fork.tasks.contains("9 started sq (6,) -"))
            #expect(fork.workers >= 3)
        }
        for method in [StartMethod.spawn, .forkserver] {
            let other = try Self.tasks(Self.executorProgram, python, method)
            #expect(other == Tasks(tasks: fork.tasks, retrieved: fork.retrieved, unretrieved: fork.unretrieved,
                                   exitCode: fork.exitCode, workers: other.workers),
                    "\(python) \(method.rawValue) differs from fork:\n\(other)\nfork:\n\(fork)")
        }
    }

    /// Several executors and a Pool in one program: every task has an id of its own, and each worker's records
    /// and the parent's retrieval agree on it.
    @Test func idsAreUniqueAcrossExecutorsAndPools() throws {
        let r = try Harness.run(Harness.program("""
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor
            def sq(x): return x * x
            def bad(x): return "%f" % x
            if __name__ == "__main__":
                with ProcessPoolExecutor(1) as a, ProcessPoolExecutor(1) as b:
                    fs = [a.submit(sq, 1), b.submit(sq, 2), b.submit(bad, "x"), a.submit(sq, 3)]
                    print([f.exception() is None for f in fs])
                with mp.Pool(1) as p:
                    print(p.map(sq, [4]))
            """))
        var started: [Int: String] = [:], failed: [Int] = [], retrieved: [Int] = []
        for e in r.events {
            switch e.kind {
            case let .task(_, id, .started, function, args, _):
                #expect(started[id] == nil, "id \(id) started twice")
                started[id] = function + " " + args
            case let .task(_, id, .failed, _, _, _): failed.append(id)
            case let .retrieved(id): retrieved.append(id)
            default: break
            }
        }
        #expect(started == [0: "sq (1,)", 1: "sq (2,)", 2: "bad ('x',)", 3: "sq (3,)", 4: "sq (4,)"])
        #expect(failed == [2])
        #expect(retrieved == [2])
        #expect(r.summary?.unretrievedFailures == 0)
        #expect(r.lines.map(\.text) == ["[True, True, False, True]", "[16]"])
    }
}
