# proctutor tracer. Imported by every Python interpreter of a traced run (PYTHONPATH); forked children inherit it.
# Rules (docs/engine.md): never change control flow (every hook catches everything), stay silent without the
# event channel, never block, import nothing at start-up, chain to any other sitecustomize on sys.path.


def _proctutor_install():
    import os
    import sys

    env = os.environ
    events_path = env.get("PROCTUTOR_EVENTS")
    events_id = env.get("PROCTUTOR_EVENTS_ID", "")
    if not events_path:
        return
    import time  # already loaded by the interpreter's start-up: no new module

    monotonic = time.monotonic
    real_write = os.write
    real_fstat = os.fstat
    real_getpid = os.getpid
    real_exit = os._exit
    try:
        supervisor = int(env.get("PROCTUTOR_SUPERVISOR", "0"))
    except ValueError:
        supervisor = 0
    PIECE = 4000  # longest text per output record; longer lines are split into pieces, never dropped
    PARTIAL = PIECE * 4  # bytes without a newline reported as a piece of a line (the rest follows)
    BATCH = 1 << 20  # most bytes of records one write of the channel carries
    # A worker whose last task took less than QUICK seconds holds its next task's start, which then goes out
    # with the task's end in one write (docs/engine.md, "Batched records").
    QUICK = 0.002
    import _thread  # built in, loaded by the import system at start-up: no new module

    class S(object):
        fd = -1
        fd_pid = 0
        dead = False
        pid = real_getpid()
        announced = 0  # pid whose start has been sent in full
        mp_named = False
        retrieved = set()
        atexit = False
        hooked = 0  # pid whose worker queues are hooked
        ids = None  # the task counter (job_ids)

    class Held(object):
        """What goes out with the next record (an instance: setting a class's attributes per record would
        invalidate the interpreter's attribute caches for that class)."""
        __slots__ = ("records", "lock", "quick", "started")

    H = Held()
    H.records = []  # complete records, written before (and with) the process's next one
    H.lock = _thread.allocate_lock()  # guards records; only ever taken without waiting
    H.quick = False  # this worker's last task took less than QUICK seconds
    H.started = 0.0  # when its current task started

    # --- the channel: a regular file opened O_APPEND; one record per write, never blocks ---
    # PROCTUTOR_EVENTS_ID is "TOKEN DEV:INO": the file starts with the run's token. A program may close the
    # descriptor and reuse its number for a file of its own, so every write is preceded by a proof that the
    # descriptor is still the channel: one pread of the token (an fstat against dev:ino did the same, but its
    # result object cost twice as much); only where the program emptied or overwrote the file's start does the
    # fstat decide.
    try:
        token_text, file_id = events_id.split(" ")
        dev, ino = file_id.split(":")
        events_dev, events_ino = int(dev), int(ino)
    except ValueError:
        return
    channel_token = token_text.encode("ascii", "replace")
    TOKEN_LEN = len(channel_token)
    O_FLAGS = os.O_RDWR | os.O_APPEND | getattr(os, "O_CLOEXEC", 0)
    real_pread = os.pread

    def is_channel(fd):
        try:
            if real_pread(fd, TOKEN_LEN, 0) == channel_token:
                return True
            st = real_fstat(fd)
            return st.st_ino == events_ino and st.st_dev == events_dev
        except OSError:
            return False  # closed, or reused write-only (the channel is opened for reading too)

    def channel():
        if S.dead:
            return -1
        fd = S.fd
        if fd >= 0:
            if is_channel(fd):
                return fd
            S.fd = -1  # closed or reused by the program: never write to it again
        try:
            fd = os.open(events_path, O_FLAGS)
        except OSError:
            S.dead = True
            return -1
        if not is_channel(fd):
            os.close(fd)
            S.dead = True
            return -1
        S.fd = fd
        return fd

    ESC = {i: "\\u%04x" % i for i in list(range(32)) + list(range(0x80, 0xA0))}
    ESC.update({ord('"'): '\\"', ord("\\"): "\\\\", 0x7F: "\\u007f"})

    def q(s):
        if s is None:
            return "null"
        # Most texts are printable ASCII without quote or backslash: nothing to escape (translate with a dict
        # costs a lookup per character).
        if s.isascii() and s.isprintable() and '"' not in s and "\\" not in s:
            return '"' + s + '"'
        s = s.translate(ESC)
        if not s.isascii():
            try:
                s.encode("utf-8")
            except UnicodeEncodeError:
                # Lone surrogates, which only a str made in Python can hold (decoded output never does). Checked
                # here rather than by 2,048 more entries in ESC: building those cost every interpreter 0.4 ms.
                s = "".join(["\\ufffd" if "\ud800" <= c <= "\udfff" else c for c in s])
        return '"' + s + '"'

    def emit(body):
        """Writes one record, after any held ones; silent on any failure."""
        try:
            if H.records:
                flush_held([('{"t":%.6f,%s}\n' % (monotonic(), body)).encode("utf-8", "replace")])
                return
            fd = channel()
            if fd >= 0:
                real_write(fd, ('{"t":%.6f,%s}\n' % (monotonic(), body)).encode("utf-8", "replace"))
        except Exception:
            pass

    def emit_records(records):
        """Writes records (each a complete line), after any held ones."""
        if H.records:
            flush_held(records)
        else:
            write_records(records)

    def flush_held(records=None):
        """Writes the held records, then `records` (a list of complete lines), in one write. Called with the
        process's next record, before it could wait (its next task, a wait, a fork) and before it ends; never
        raises, never waits (a lock taken elsewhere, by another thread or by the code a signal handler
        interrupted, leaves the held records to that code)."""
        try:
            lock = H.lock
            if lock.acquire(False):
                try:
                    held = H.records
                    if held:
                        H.records = []
                        if records:
                            held.extend(records)
                        records = held
                finally:
                    lock.release()
            if records:
                write_records(records)
        except Exception:
            pass

    def task_started(body):
        """A task's `started`. Held when this worker's last task was quick (a busy pool: it goes out with the
        task's end, one write for both); else written at once, since the task may run for long."""
        try:
            t = H.started = monotonic()
            record = ('{"t":%.6f,%s}\n' % (t, body)).encode("utf-8", "replace")
            lock = H.lock
            if H.quick and lock.acquire(False):
                H.records.append(record)
                lock.release()
            else:
                emit_records([record])
        except Exception:
            pass

    def task_ended(body):
        """A task's `done` or `failed`, with its held start: written before the result is sent (once the result
        is in, the pool may be terminated at once, and a record held past that would be lost)."""
        try:
            t = monotonic()
            H.quick = t - H.started < QUICK
            emit_records([('{"t":%.6f,%s}\n' % (t, body)).encode("utf-8", "replace")])
        except Exception:
            pass

    def write_records(records):
        """Writes records (each a complete line) in as few writes as possible: one check of the channel and one
        write for all the lines a single write of the program held."""
        try:
            fd = channel()
            if fd < 0:
                return
            data = b"".join(records)
            if len(data) <= BATCH:
                real_write(fd, data)
                return
            i = 0
            while i < len(data):  # records never span two writes (a record is far shorter than BATCH)
                j = data.rfind(b"\n", i, i + BATCH) + 1 if len(data) - i > BATCH else len(data)
                real_write(fd, data[i:j])
                i = j
        except Exception:
            pass

    # --- output: sys.stdout/sys.stderr keep their bytes; a raw layer reports complete lines per process ---
    import io

    pending = {1: b"", 2: b""}
    # The stream's current line was reported in part already (longer than PARTIAL without a newline): its rest
    # follows as further pieces, and the newline that ends it adds no empty line.
    continued = {1: False, 2: False}
    OUT = '{"t":%.6f,"k":"out","pid":%d,"s":%d,"x":%s}\n'
    # A line of printable ASCII without quote or backslash (most lines) is its own JSON string: its record is
    # made of bytes at once, without decoding, escaping and encoding it again.
    OUT_PLAIN = b'{"t":%.6f,"k":"out","pid":%d,"s":%d,"x":"%s"}\n'
    NOT_PLAIN = bytes(range(32)) + b'"\\' + bytes(range(127, 256))

    def report_output(stream, data):
        """Bytes the program wrote on stream 1 or 2 (bytes): every line it completes is reported; a partial line
        waits (see Tee.write, which does the cheap case itself)."""
        buf = pending[stream] + data
        if b"\n" in buf:
            lines = buf.split(b"\n")
            pending[stream] = lines.pop()
            whole = True
        elif len(buf) > PARTIAL:
            # A piece of a long line: cut at a character boundary, the rest starts the next piece.
            cut = len(buf)
            i = cut - 1
            while i > cut - 4 and i > 0 and buf[i] & 0xC0 == 0x80:
                i -= 1
            lead = buf[i]
            if lead >= 0xC0 and cut - i < (2 if lead < 0xE0 else 3 if lead < 0xF0 else 4):
                cut = i
            lines = [buf[:cut]]
            pending[stream] = buf[cut:]
            whole = False
        else:
            pending[stream] = buf
            if not S.atexit:
                register_atexit()
            return
        t = monotonic()
        pid = S.pid
        records = []
        for line in lines:
            if continued[stream]:
                continued[stream] = False
                if not line:
                    continue  # the newline that ends a line already reported in pieces
            if len(line) <= PIECE and len(line.translate(None, NOT_PLAIN)) == len(line):
                records.append(OUT_PLAIN % (t, pid, stream, line))
                continue
            text = line.decode("utf-8", "replace")
            for i in range(0, max(len(text), 1), PIECE):
                records.append((OUT % (t, pid, stream, q(text[i:i + PIECE]))).encode("utf-8", "replace"))
        if not whole:
            continued[stream] = True
        if records:
            emit_records(records)

    def register_atexit():
        """A normal exit (main, spawn children, a forked child that returns) reports a last line without
        newline. Registered only once needed, so start-up imports nothing."""
        S.atexit = True
        try:
            import atexit
            atexit.register(flush_partial)
        except Exception:
            pass

    def flush_partial():
        for stream in (1, 2):
            flush_stream(stream)
        if H.records:
            flush_held()

    def flush_stream(stream):
        """Reports the stream's partial line as a line of its own."""
        if pending[stream]:
            data, pending[stream] = pending[stream], b""
            try:
                report_output(stream, data + b"\n")
            except Exception:
                pass

    class Tee(io.RawIOBase):
        """Writes to the real fd exactly as FileIO would, then reports what was written."""

        def __init__(self, fd, stream, name, tty):
            io.RawIOBase.__init__(self)
            self._fd = fd
            self._stream = stream
            self._name = name
            self._tty = tty

        @property
        def name(self):
            return self._name

        @property
        def mode(self):
            return "wb"

        @property
        def closefd(self):
            return False

        def fileno(self):
            return self._fd

        def isatty(self):
            return self._tty

        def writable(self):
            return True

        def flush(self):
            io.RawIOBase.flush(self)  # raises on a closed stream, as FileIO's does
            # What the program flushed has reached its reader, a partial line too (an input() prompt, "working…"
            # before its "done"): reported now, not once the line ends, which may be never or much later.
            flush_stream(self._stream)

        def readable(self):
            return False

        def seekable(self):
            return False

        def write(self, b):
            n = real_write(self._fd, b)
            try:
                # The common case costs no second call: a piece of a line (print writes its arguments, the
                # separators and the newline one by one) waits in `pending`.
                if type(b) is not bytes or n != len(b):
                    b = bytes(memoryview(b)[:n or 0])
                stream = self._stream
                if b"\n" in b:
                    report_output(stream, b)
                else:
                    buf = pending[stream] + b
                    if len(buf) > PARTIAL:
                        report_output(stream, b)
                    elif buf:
                        pending[stream] = buf
                        if not S.atexit:
                            register_atexit()
            except Exception:
                pass
            return n

    def wrap_stream(name, stream_no):
        orig = getattr(sys, name, None)
        if orig is None or not isinstance(orig, io.TextIOWrapper) or getattr(sys, "__" + name + "__", None) is not orig:
            return
        buf = orig.buffer
        raw = getattr(buf, "raw", buf)
        if not isinstance(raw, io.FileIO) or raw.fileno() != stream_no:
            return
        tee = Tee(stream_no, stream_no, raw.name, raw.isatty())
        if isinstance(buf, io.FileIO):
            newbuf = tee
        elif isinstance(buf, io.BufferedWriter):
            size = io.DEFAULT_BUFFER_SIZE
            try:
                bs = real_fstat(stream_no).st_blksize
                if bs > 1:
                    size = bs
            except OSError:
                pass
            newbuf = io.BufferedWriter(tee, size)
        else:
            return
        new = io.TextIOWrapper(newbuf, encoding=orig.encoding, errors=orig.errors, newline="\n",
                               line_buffering=orig.line_buffering, write_through=orig.write_through)
        try:
            new.mode = orig.mode
        except Exception:
            pass
        orig.flush()
        keep.append(orig)  # never collected: its close() would be harmless, but keep identity stable
        setattr(sys, name, new)
        setattr(sys, "__" + name + "__", new)

    keep = []
    wrap_stream("stdout", 1)
    wrap_stream("stderr", 2)

    # --- births ---
    def argv_role():
        argv = getattr(sys, "argv", None) or []
        if "--multiprocessing-fork" in argv:
            return "spawn", None
        if argv[:1] != ["-c"]:
            return "exec", None  # the fork server and the trackers are started with -c CODE
        try:
            with open("/proc/self/cmdline", "rb") as f:
                cmd = f.read()
        except OSError:
            cmd = b""
        if b"multiprocessing.forkserver" in cmd:
            return "forkserver-server", "ForkServer"
        if b"multiprocessing.resource_tracker" in cmd or b"multiprocessing.semaphore_tracker" in cmd:
            return "tracker", "ResourceTracker"
        return "exec", None

    def start_record(method, name, parent, final, ppid=None):
        S.pid = real_getpid()
        if final:
            S.announced = S.pid
        emit('"k":"birth","pid":%d,"ppid":%d,"m":"%s","n":%s,"par":%s,"final":%s' % (
            S.pid, os.getppid() if ppid is None else ppid, method, q(name), "null" if parent is None else "%d" % parent,
            "true" if final else "false"))

    # An os.fork child's start, made of bytes at once: every object the child touches after fork() is a
    # copy-on-write page fault, so its path formats one bytes object and calls nothing else.
    BIRTH_OS_FORK = b'{"t":%.6f,"k":"birth","pid":%d,"ppid":%d,"m":"os.fork","n":null,"par":null,"final":true}\n'
    getframe = sys._getframe

    def after_fork_child():
        try:
            # The parent's pid, still in S.pid: getppid() would already say the subreaper if the parent
            # exited before this child ran its first line.
            forker = S.pid
            pid = S.pid = real_getpid()
            if H.records:
                H.records = []  # the parent's: it sends them
            if pending[1] or pending[2] or continued[1] or continued[2]:
                pending[1] = pending[2] = b""
                continued[1] = continued[2] = False
            f = getframe(1)
            co_name = f.f_code.co_name
            if co_name == "_launch" or co_name == "main":
                mod = f.f_globals.get("__name__")
                if co_name == "_launch" and mod == "multiprocessing.popen_fork":
                    name = None
                    try:
                        name = f.f_locals["process_obj"].name
                    except Exception:
                        pass
                    start_record("fork", name, None, True, forker)
                    return
                if co_name == "main" and mod == "multiprocessing.forkserver":
                    start_record("forkserver", None, None, False, forker)
                    return
            S.announced = pid
            fd = channel()
            if fd >= 0:
                real_write(fd, BIRTH_OS_FORK % (monotonic(), pid, forker))
        except Exception:
            pass

    # --- exits and reaps ---
    def report_reap(pid, status):
        try:
            if pid and pid > 0 and not os.WIFSTOPPED(status) and not os.WIFCONTINUED(status):
                if os.WIFSIGNALED(status):
                    emit('"k":"reaped","pid":%d,"by":%d,"sig":%d' % (pid, S.pid, os.WTERMSIG(status)))
                else:
                    emit('"k":"reaped","pid":%d,"by":%d,"code":%d' % (pid, S.pid, os.WEXITSTATUS(status)))
        except Exception:
            pass

    # A failing wait (ChildProcessError in a process without that child, Ctrl-C while waiting) raises through
    # whatever called the real function, and every Python frame on that path shows in the traceback.
    def wrap(name, after):
        real = getattr(os, name, None)
        if real is None:
            return

        def wrapper(*args, **kwargs):
            if H.records:
                flush_held()  # nothing held while the process waits
            result = real(*args, **kwargs)
            try:
                after(args, kwargs, result)
            except Exception:
                pass
            return result

        # A wait that takes arguments needs this Python frame; its traceback line then names proctutor's
        # tracer and the function, not a cached file whose source line and carets would follow.
        wrapper.__code__ = wrapper.__code__.replace(co_filename="<proctutor tracer>", co_name=name)
        wrapper.__name__ = wrapper.__qualname__ = name
        wrapper.__module__ = "posix"
        wrapper.__doc__ = real.__doc__
        wrapper.__wrapped__ = real
        setattr(os, name, wrapper)

    wrap("waitpid", lambda a, k, r: report_reap(r[0], r[1]))

    # os.wait() takes no arguments, so no Python frame needs to surround it: `iter` calls it from C and `map`
    # hands a result to after_wait only when there is one. A failing os.wait() — the classic one, a child
    # that waits too — gives exactly the traceback it gives without the tracer.
    real_wait = getattr(os, "wait", None)
    if real_wait is not None:
        def after_wait(result):
            try:
                report_reap(result[0], result[1])
            except Exception:
                pass
            return result

        os.wait = map(after_wait, iter(real_wait, object())).__next__
    wrap("wait3", lambda a, k, r: report_reap(r[0], r[1]))
    wrap("wait4", lambda a, k, r: report_reap(r[0], r[1]))

    def after_waitid(a, k, r):
        if r is None:
            return
        options = a[2] if len(a) > 2 else k.get("options", 0)
        if options & getattr(os, "WNOWAIT", 0):
            return
        if r.si_code == os.CLD_EXITED:
            emit('"k":"reaped","pid":%d,"by":%d,"code":%d' % (r.si_pid, S.pid, r.si_status))
        elif r.si_code in (os.CLD_KILLED, os.CLD_DUMPED):
            emit('"k":"reaped","pid":%d,"by":%d,"sig":%d' % (r.si_pid, S.pid, r.si_status))

    wrap("waitid", after_waitid)

    EXIT = b'{"t":%.6f,"k":"exit","pid":%d,"code":%d}\n'

    def _exit(*args, **kwargs):
        try:
            if pending[1] or pending[2]:
                flush_partial()
            code = args[0] if args else kwargs.get("status", 0)
            emit_records([EXIT % (monotonic(), real_getpid(), int(code))])  # with anything held, one write
        except BaseException:
            pass
        finally:
            real_exit(*args, **kwargs)

    _exit.__name__ = _exit.__qualname__ = "_exit"
    _exit.__module__ = "posix"
    _exit.__doc__ = real_exit.__doc__
    _exit.__wrapped__ = real_exit
    os._exit = _exit

    # --- pool tasks (patched when multiprocessing.pool is first imported) ---
    SIMPLE = frozenset((int, float, bool, type(None)))

    def short_repr(v, depth=0):
        t = type(v)
        if v is None or t in (bool, int, float):
            return repr(v)
        if t is str:
            return repr(v[:40]) + ("…" if len(v) > 40 else "")
        if t is bytes:
            return repr(v[:40]) + ("…" if len(v) > 40 else "")
        if t in (tuple, list) and depth < 2:
            if len(v) <= 5 and SIMPLE.issuperset(map(type, v)):
                return repr(v)  # the text the lines below would build (map's usual small ints), in C
            inner = ", ".join([short_repr(x, depth + 1) for x in v[:5]]) + (", …" if len(v) > 5 else "")
            if t is tuple:
                return "(" + inner + ("," if len(v) == 1 else "") + ")"
            return "[" + inner + "]"
        name = getattr(v, "__qualname__", None) if callable(v) else None
        if name and isinstance(name, str):
            return "<%s %s>" % (t.__name__, name)
        return "<%s>" % t.__name__

    def func_name(f):
        n = getattr(f, "__qualname__", None) or getattr(f, "__name__", None)
        return n if isinstance(n, str) else type(f).__name__

    def patch_pool(pool):
        try:
            if S.ids is None:
                S.ids = pool.job_counter
            else:
                pool.job_counter = S.ids
        except Exception:
            pass
        patch_pool_results(pool)

    def patch_pool_results(pool):
        """Remembers which failed results the program fetched. No wrapper is on a path an exception takes (a
        traceback never shows the tracer) and no attribute is added (dir() of a result is unchanged):
        get() calls ready() once it has waited, so ready() called from get() on a failed result means the
        program is about to receive the exception; a job with an error_callback is announced when it is made."""
        ApplyResult = pool.ApplyResult
        get_code = getattr(ApplyResult.get, "__code__", None)
        real_ready = ApplyResult.ready

        def ready(self):
            r = real_ready(self)
            try:
                if r and sys._getframe(1).f_code is get_code and not self._success:
                    seen(self._job)
            except Exception:
                pass
            return r

        ready.__name__ = "ready"
        ready.__qualname__ = "ApplyResult.ready"
        ready.__module__ = pool.__name__
        ready.__doc__ = real_ready.__doc__
        ready.__wrapped__ = real_ready
        ApplyResult.ready = ready

        real_init = ApplyResult.__init__

        def __init__(self, *args, **kwargs):
            real_init(self, *args, **kwargs)
            try:
                if getattr(self, "_error_callback", None) is not None:
                    emit('"k":"errcb","j":%d' % self._job)
            except Exception:
                pass

        __init__.__qualname__ = "ApplyResult.__init__"
        __init__.__module__ = pool.__name__
        __init__.__wrapped__ = real_init
        ApplyResult.__init__ = __init__

        IMap = getattr(pool, "IMapIterator", None)
        if IMap is not None:
            import collections

            class Items(collections.deque):
                """IMapIterator's result queue: popleft of a failed item is the program fetching it."""
                __slots__ = ("_proctutor_job",)

                def popleft(self):
                    item = collections.deque.popleft(self)
                    try:
                        if not item[0]:
                            seen(self._proctutor_job)
                    except Exception:
                        pass
                    return item

            real_imap_init = IMap.__init__

            def __init__(self, *args, **kwargs):
                real_imap_init(self, *args, **kwargs)
                try:
                    items = Items(self._items)
                    items._proctutor_job = self._job
                    self._items = items
                except Exception:
                    pass

            __init__.__qualname__ = "IMapIterator.__init__"
            __init__.__module__ = pool.__name__
            __init__.__wrapped__ = real_imap_init
            IMap.__init__ = __init__

    def seen(job):
        if job not in S.retrieved:
            S.retrieved.add(job)
            emit('"k":"got","j":%d' % job)

    def error_text(e):
        """`Type: message` of a task's exception, unwrapped from the traceback carrier the worker sends."""
        if type(e).__name__ in ("ExceptionWithTraceback", "_ExceptionWithTraceback"):
            e = getattr(e, "exc", e)
        try:
            msg = "%s: %s" % (type(e).__name__, e) if str(e) else type(e).__name__
        except Exception:
            msg = type(e).__name__
        return msg[:500]

    def hook_worker_queues(process):
        """In a pool or ProcessPoolExecutor worker, before its loop runs: its queues' get/put report each task
        (instance attributes: the worker looks them up once, and they return normally)."""
        target = getattr(process, "_target", None)
        name = getattr(target, "__name__", None)
        module = getattr(target, "__module__", "")
        if name == "worker" and module == "multiprocessing.pool":
            hook = hook_pool_worker
        elif name == "_process_worker" and module == "concurrent.futures.process":
            hook = hook_executor_worker
        else:
            return
        if S.hooked == S.pid:
            return  # already done in this process (a second after-fork hook must not wrap the wrappers)
        args = getattr(process, "_args", ())
        if len(args) < 2:
            return
        S.hooked = S.pid
        hook(args[0], args[1])
        if not S.atexit:
            register_atexit()  # a worker that leaves by sys.exit (spawn) sends what it holds; atexit is loaded

    def hook_pool_worker(inqueue, outqueue):
        pool = sys.modules.get("multiprocessing.pool")
        mapstar = getattr(pool, "mapstar", None) or object()
        starmapstar = getattr(pool, "starmapstar", None) or object()
        helper = getattr(pool, "_helper_reraises_exception", None)
        real_get = inqueue.get
        real_put = outqueue.put

        def describe(task):
            job, i, func, args, kwds = task
            if (func is mapstar or func is starmapstar) and args and len(args[0]) == 2:
                inner = args[0]  # mapstar's batch: (func, chunk)
                return job, func_name(inner[0]), short_repr(inner[1])
            return job, func_name(func), short_repr(tuple(args) if isinstance(args, (tuple, list)) else args)

        def get(*a, **k):
            if H.records:
                flush_held()  # never wait for the next task with records held
            task = real_get(*a, **k)
            try:
                if type(task) is tuple and len(task) == 5 and task[2] is not helper:
                    job, fn, ar = describe(task)
                    task_started('"k":"task","pid":%d,"j":%d,"s":"started","f":%s,"a":%s' % (
                        S.pid, job, q(fn), q(ar)))
            except Exception:
                pass
            return task

        def put(obj, *a, **k):
            # The record goes first: once the result is sent, the pool may be terminated at once (the end of a
            # `with Pool(...)` block), and a worker killed before a record written afterwards loses it. A result
            # that cannot be sent is then reported `done`, and `failed` when the worker sends the error instead.
            try:
                job, i, result = obj
                if result[0]:
                    task_ended('"k":"task","pid":%d,"j":%d,"s":"done"' % (S.pid, job))
                else:
                    task_ended('"k":"task","pid":%d,"j":%d,"s":"failed","e":%s' % (
                        S.pid, job, q(error_text(result[1]))))
            except Exception:
                pass
            if H.records:
                flush_held()
            real_put(obj, *a, **k)

        try:
            inqueue.get = get
            outqueue.put = put
        except Exception:
            pass

    def hook_executor_worker(call_queue, result_queue):
        """concurrent.futures.process._process_worker: call_queue.get() hands out a _CallItem (work_id, fn,
        args, kwargs; map's chunks are partial(_process_chunk, fn) with args (chunk,)); result_queue.put()
        sends a _ResultItem (work_id, exception or result), or the worker's pid when it leaves."""
        cfp = sys.modules.get("concurrent.futures.process")
        process_chunk = getattr(cfp, "_process_chunk", None) or object()
        real_get = call_queue.get
        real_put = result_queue.put

        def describe(item):
            fn, args = item.fn, item.args
            if getattr(fn, "func", None) is process_chunk and getattr(fn, "args", None) and len(args) == 1:
                chunk = args[0]  # tuples of arguments, one per call; map over one iterable: show the items
                if type(chunk) is tuple and all(type(c) is tuple and len(c) == 1 for c in chunk):
                    chunk = tuple([c[0] for c in chunk])
                return func_name(fn.args[0]), short_repr(chunk)
            return func_name(fn), short_repr(tuple(args) if isinstance(args, (tuple, list)) else args)

        def get(*a, **k):
            if H.records:
                flush_held()  # never wait for the next task with records held
            item = real_get(*a, **k)
            try:
                if item is not None and type(item).__name__ == "_CallItem":
                    fn, ar = describe(item)
                    task_started('"k":"task","pid":%d,"j":%d,"s":"started","f":%s,"a":%s' % (
                        S.pid, item.work_id, q(fn), q(ar)))
            except Exception:
                pass
            return item

        def put(obj, *a, **k):
            # First, as for Pool: the executor may be shut down (and its workers killed) once the result is in.
            try:
                if type(obj).__name__ == "_ResultItem":
                    if obj.exception is None:
                        task_ended('"k":"task","pid":%d,"j":%d,"s":"done"' % (S.pid, obj.work_id))
                    else:
                        task_ended('"k":"task","pid":%d,"j":%d,"s":"failed","e":%s' % (
                            S.pid, obj.work_id, q(error_text(obj.exception))))
            except Exception:
                pass
            if H.records:
                flush_held()
            return real_put(obj, *a, **k)

        try:
            call_queue.get = get
            result_queue.put = put
        except Exception:
            pass

    def job_ids():
        """The run's task numbers in this process: Pool's job counter, shared with ProcessPoolExecutor's work
        ids, so a program that uses both (or several executors) never gives two tasks one number."""
        if S.ids is None:
            import itertools  # loaded by multiprocessing already
            S.ids = itertools.count()
        return S.ids

    def patch_executor(cfp):
        """ProcessPoolExecutor in the program's process. submit() numbers its work items from the executor's
        _queue_count; creating a _WorkItem (in submit, just before that number is used) sets it from the run's
        counter. The future's condition becomes a subclass whose __exit__ (not on an exception's path: a
        traceback never shows it) sees Future.result() raise the task's exception, or Future.exception()
        return it: the program has fetched the failure. Nothing is added to the future or the executor."""
        import threading
        import weakref
        base = sys.modules.get("concurrent.futures._base")
        Future = base.Future
        codes = (Future.result.__code__, Future.exception.__code__)
        result_code = codes[0]
        WorkItem = cfp._WorkItem
        real_init = WorkItem.__init__
        real_exit = threading.Condition.__exit__
        futures = weakref.WeakKeyDictionary()  # condition -> (work id, weak future)
        getframe = sys._getframe

        class Condition(threading.Condition):
            def __exit__(self, *args):
                r = real_exit(self, *args)
                try:
                    code = getframe(1).f_code
                    if code is result_code or code is codes[1]:
                        job, ref = futures[self]
                        f = ref()
                        e = getattr(f, "_exception", None)
                        if e is not None and (args[1] is e if code is result_code else args[0] is None):
                            seen(job)
                except Exception:
                    pass
                return r

        Condition.__name__ = Condition.__qualname__ = "Condition"
        Condition.__module__ = "threading"
        Condition.__doc__ = threading.Condition.__doc__

        def __init__(self, *args, **kwargs):
            real_init(self, *args, **kwargs)
            try:
                executor = getframe(1).f_locals.get("self")
                future = self.future
                if type(getattr(executor, "_queue_count", None)) is int and type(future._condition) is threading.Condition:
                    job = next(job_ids())
                    executor._queue_count = job
                    futures[future._condition] = (job, weakref.ref(future))
                    future._condition.__class__ = Condition
            except Exception:
                pass

        __init__.__qualname__ = "_WorkItem.__init__"
        __init__.__module__ = cfp.__name__
        __init__.__wrapped__ = real_init
        WorkItem.__init__ = __init__

    def on_child_start(process):
        """multiprocessing's after-fork hook in every child (fork, spawn, forkserver), after _bootstrap has
        set the current process: name the child if its start waited for it, watch its children, hook a
        pool worker's queues."""
        try:
            S.pid = real_getpid()
            install_children(sys.modules.get("multiprocessing.process"))
            if S.announced != S.pid:
                S.announced = S.pid
                parent = None
                pp = getattr(process, "_parent_pid", None)
                if pp is not None and pp != os.getppid():
                    parent = int(pp)
                emit('"k":"ident","pid":%d,"n":%s,"par":%s' % (
                    S.pid, q(process.name), "null" if parent is None else "%d" % parent))
            hook_worker_queues(process)
        except Exception:
            pass

    class Children(set):
        """multiprocessing.process._children: a process is added once it has been launched, so the parent
        reports its pid and name at once (even if the child is killed before it runs any Python)."""
        __slots__ = ()

        def add(self, p):
            set.add(self, p)
            try:
                popen = p._popen
                method = {"popen_fork": "fork", "popen_spawn_posix": "spawn",
                          "popen_forkserver": "forkserver"}.get(type(popen).__module__.rsplit(".", 1)[-1])
                if method is None:
                    return
                ppid = S.pid
                parent = "null"
                if method == "forkserver":
                    fs = sys.modules.get("multiprocessing.forkserver")
                    server = getattr(getattr(fs, "_forkserver", None), "_forkserver_pid", None)
                    if server:
                        ppid, parent = server, "%d" % S.pid
                emit('"k":"birth","pid":%d,"ppid":%d,"m":"%s","n":%s,"par":%s,"final":true' % (
                    popen.pid, ppid, method, q(p.name), parent))
            except Exception:
                pass

    def install_children(process_module):
        if process_module is not None and type(process_module._children) is set:
            process_module._children = Children(process_module._children)

    def patch_process(process):
        mp["process"] = process
        install_children(process)

    class Token(object):
        pass

    token = Token()
    S.token = token  # util's after-fork registry holds it weakly
    def patch_util(util):
        util.register_after_fork(token, lambda _t: on_child_start(sys.modules["multiprocessing.process"].current_process()))
        patch_spawnv(util)

    def patch_spawnv(util):
        """util.spawnv_passfds starts the resource tracker and the fork server (fork + exec, no at-fork hook):
        the launcher announces the child with itself as kernel parent. The child's own record says getppid(),
        which is already the subreaper when the launcher exited before the new interpreter got to its
        sitecustomize (a short shared_memory program)."""
        real = getattr(util, "spawnv_passfds", None)
        if real is None:
            return

        def spawnv_passfds(path, args, passfds):
            pid = real(path, args, passfds)
            try:
                text = " ".join([a for a in args if isinstance(a, str)])
                if "resource_tracker" in text or "semaphore_tracker" in text:
                    name = "ResourceTracker"
                elif "forkserver" in text:
                    name = "ForkServer"
                else:
                    name = None
                emit('"k":"birth","pid":%d,"ppid":%d,"m":"spawn","n":%s,"par":null,"final":%s' % (
                    pid, real_getpid(), q(name), "false" if name is None else "true"))
            except Exception:
                pass
            return pid

        spawnv_passfds.__code__ = spawnv_passfds.__code__.replace(co_filename="<proctutor tracer>")
        spawnv_passfds.__module__ = util.__name__
        spawnv_passfds.__doc__ = real.__doc__
        spawnv_passfds.__wrapped__ = real
        util.spawnv_passfds = spawnv_passfds

    def patch_context(context):
        method = env.get("PROCTUTOR_START_METHOD")
        if method:
            d = context._default_context
            d._default_context = context._concrete_contexts[method]
        if "--multiprocessing-fork" in (getattr(sys, "argv", None) or []):
            patch_spawn_after_fork(context)

    def patch_spawn_after_fork(context):
        """In a spawned child, 3.10+: _bootstrap calls self._after_fork() instead of util._run_after_forkers(),
        and SpawnProcess._after_fork does nothing ("process is spawned, nothing to do"), so multiprocessing's
        after-fork registry, where on_child_start waits, is never run. The no-op is replaced, in this
        interpreter only, by one that runs on_child_start; it is called once, after current_process() is set,
        and never raises."""
        SP = getattr(context, "SpawnProcess", None)
        real = getattr(SP, "__dict__", {}).get("_after_fork")
        if not isinstance(real, staticmethod):
            return  # 3.8, 3.9: the registry runs
        real_fn = real.__func__

        def _after_fork():
            real_fn()
            on_child_start(sys.modules["multiprocessing.process"].current_process())

        _after_fork.__qualname__ = real_fn.__qualname__
        _after_fork.__module__ = real_fn.__module__
        _after_fork.__doc__ = real_fn.__doc__
        _after_fork.__wrapped__ = real_fn
        SP._after_fork = staticmethod(_after_fork)

    mp = {}
    patches = {
        "multiprocessing.process": patch_process,
        "multiprocessing.util": patch_util,
        "multiprocessing.pool": patch_pool,
        "concurrent.futures.process": patch_executor,
    }
    if env.get("PROCTUTOR_START_METHOD") or "--multiprocessing-fork" in (getattr(sys, "argv", None) or []):
        patches["multiprocessing.context"] = patch_context

    class Finder(object):
        """Patches a module right after it has been executed, then leaves sys.meta_path when done."""

        def find_spec(self, name, path=None, target=None):
            if name not in patches:
                return None
            spec = None
            try:
                for f in sys.meta_path:
                    if f is self or not hasattr(f, "find_spec"):
                        continue
                    spec = f.find_spec(name, path, target)
                    if spec is not None:
                        break
                if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
                    return None
                loader = spec.loader
                real_exec = loader.exec_module
                patch = patches.pop(name)

                def exec_module(module):
                    try:
                        del loader.exec_module
                    except Exception:
                        pass
                    real_exec(module)  # an exception here propagates exactly as without us
                    try:
                        patch(module)
                    except Exception:
                        pass

                loader.exec_module = exec_module
                if not patches:
                    try:
                        sys.meta_path.remove(self)
                    except ValueError:
                        pass
                return spec
            except Exception:
                return spec

    # Modules already imported (e.g. by another sitecustomize) are patched at once.
    for name in list(patches):
        mod = sys.modules.get(name)
        if mod is not None:
            try:
                patches.pop(name)(mod)
            except Exception:
                pass
    if patches:
        sys.meta_path.insert(0, Finder())

    # --- time scaling for tests and benchmarks (off unless PROCTUTOR_TIME_SCALE is set) ---
    scale = env.get("PROCTUTOR_TIME_SCALE")
    if scale:
        try:
            factor = float(scale)
            real_sleep = time.sleep

            def sleep(seconds):
                return real_sleep(seconds * factor)

            sleep.__name__ = sleep.__qualname__ = "sleep"
            sleep.__module__ = "time"
            sleep.__doc__ = real_sleep.__doc__
            time.sleep = sleep
        except Exception:
            pass

    def before_fork():
        # Children inherit the exit handlers: registered once here, before the first fork, they are not
        # registered again by an import in every child that writes a partial line (that import was most of
        # what the tracer cost a short-lived os.fork child).
        if not S.atexit:
            register_atexit()
        if H.records:
            flush_held()  # sent once, by the parent, before the child's start

    os.register_at_fork(before=before_fork, after_in_child=after_fork_child)

    # A fresh interpreter that is not the main program announces itself (spawn children, fork server, tracker).
    # Its command line says what it is: its parent may already be gone, and then its parent is the supervisor
    # too (a resource tracker started just before the main program failed).
    kind, name = argv_role()
    if kind != "exec" or os.getppid() != supervisor:
        if kind == "spawn":
            start_record("spawn", None, None, False)
        elif kind == "forkserver-server":
            start_record("spawn", name, None, True)
        elif kind == "tracker":
            start_record("spawn", name, None, True)
        else:
            start_record("exec", None, None, True)
    else:
        S.announced = S.pid
        S.mp_named = True

def _proctutor_chain():
    """Removes the tracer's folder from sys.path and runs the next sitecustomize on it, if any."""
    import os
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    sys.path_importer_cache.pop(here, None)
    spec = None
    for f in sys.meta_path:
        if getattr(f, "__name__", "") == "PathFinder" or type(f).__name__ == "PathFinder" or f is getattr(
                sys.modules.get("_frozen_importlib_external"), "PathFinder", None):
            spec = f.find_spec("sitecustomize", None)
            break
    if spec is None or spec.loader is None:
        return
    bootstrap = sys.modules["_frozen_importlib"]
    module = bootstrap.module_from_spec(spec)
    sys.modules["sitecustomize"] = module
    spec.loader.exec_module(module)


try:
    _proctutor_install()
except Exception:
    pass
del _proctutor_install
_proctutor_chain()
del _proctutor_chain
