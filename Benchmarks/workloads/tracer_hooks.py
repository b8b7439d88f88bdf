"""Figure 1's note on the tracer alone: CPU per Pool task of the worker hooks (a `started` and a `done` record).

`tracer_hooks.py TRACER_PY [TASKS]` reads the tracer (Sources/ProcTutorSupervisor/Tracer/sitecustomize.py, the file
the binary embeds), installs it in this interpreter with a fresh channel file, hooks a stand-in worker's queues exactly as a
Pool worker's are hooked, and times TASKS get/put pairs (records written to the file, nobody reading it). Prints
microseconds per task: the best of 7 rounds, and the same loop without the tracer. One process, no pool, no
supervisor: the figure moves only when the tracer's own work per record does."""
import os
import shutil
import sys
import tempfile
import time


def tracer_source(path):
    return open(path, encoding="utf-8").read()


def install(source, channel):
    token = "proctutor-channel-bench"
    with open(channel, "w") as f:
        f.write(token + "\n")
    st = os.stat(channel)
    os.environ.update(PROCTUTOR_EVENTS=channel, PROCTUTOR_EVENTS_ID="%s %d:%d" % (token, st.st_dev, st.st_ino),
                      PROCTUTOR_SUPERVISOR="1")
    # The installer's locals are the hooks; returning them is the only change to the text.
    source = source.replace("\ndef _proctutor_chain():", "\n    return locals()\n\ndef _proctutor_chain():", 1)
    source = source[:source.index("\ntry:\n    _proctutor_install()")]
    scope = {"__name__": "proctutor_tracer"}
    exec(compile(source, "sitecustomize.py", "exec"), scope)
    return scope["_proctutor_install"]()


def square(n):
    return n * n


class Queue(object):
    """Hands out `apply_async`-shaped tasks and swallows results, as the pool's queues would."""

    def __init__(self):
        self.job = 0

    def get(self):
        self.job += 1
        return (self.job, 0, square, (self.job,), {})

    def put(self, obj):
        pass


def per_task(get, put, tasks):
    best = float("inf")
    for _ in range(7):
        start = time.perf_counter()
        for _ in range(tasks):
            job, i, func, args, kwds = get()
            put((job, i, (True, func(*args))))
        best = min(best, time.perf_counter() - start)
    return best / tasks * 1e6


def main():
    tasks = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    import multiprocessing.pool as pool

    bare = Queue(), Queue()
    without = per_task(bare[0].get, bare[1].put, tasks)
    folder = tempfile.mkdtemp(prefix="proctutor-hooks-")
    hooks = install(tracer_source(sys.argv[1]), os.path.join(folder, "events"))
    worker = type("Worker", (), {})()
    worker._target, worker._args = pool.worker, (Queue(), Queue())
    hooks["hook_worker_queues"](worker)
    inq, outq = worker._args
    if getattr(inq.get, "__self__", None) is inq:
        sys.exit("the tracer did not hook the queues")
    with_tracer = per_task(inq.get, outq.put, tasks)
    with open(os.path.join(folder, "events")) as f:
        records = sum(1 for line in f if line.startswith("{"))
    shutil.rmtree(folder, ignore_errors=True)
    if records < 2 * tasks:
        sys.exit("expected at least %d records, found %d" % (2 * tasks, records))
    print("%.2f %.2f" % (with_tracer, without))


if __name__ == "__main__":
    main()
