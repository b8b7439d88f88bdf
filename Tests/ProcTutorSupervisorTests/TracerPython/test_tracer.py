"""Unit tests of the tracer (Sources/ProcTutorSupervisor/Tracer/sitecustomize.py) by Python itself.

Run by TracerPythonTests.swift on every installed interpreter 3.8-3.13 and /usr/bin/python3; by hand:
    TRACER_PY=Sources/ProcTutorSupervisor/Tracer/sitecustomize.py \\
        python3 -m unittest discover -s Tests/ProcTutorSupervisorTests/TracerPython -v
Each test runs a real program under the real tracer, as the supervisor starts it (the tracer's folder first on
PYTHONPATH, an events file that starts with the run's token), and reads the records it wrote.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TRACER = os.environ.get("TRACER_PY") or os.path.join(
    HERE, "..", "..", "..", "Sources", "ProcTutorSupervisor", "Tracer", "sitecustomize.py")
TOKEN = "proctutor-channel-unit-tests"


class Run(object):
    def __init__(self, stdout, stderr, status, records, raw):
        self.stdout, self.stderr, self.status, self.records, self.raw = stdout, stderr, status, records, raw

    def kind(self, k):
        return [r for r in self.records if r.get("k") == k]


class TracerTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="proctutor-tracer-test-")
        self.tracer_dir = os.path.join(self.dir, "tracer")
        os.mkdir(self.tracer_dir)
        shutil.copy(TRACER, os.path.join(self.tracer_dir, "sitecustomize.py"))
        self.events = os.path.join(self.dir, "events")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def program(self, source):
        path = os.path.join(self.dir, "prog.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent(source))
        return path

    def run_program(self, source, traced=True, channel=True, file_token=TOKEN, env_token=TOKEN, timeout=60):
        """Runs source with `python -u`, traced or not; returns its output, status and the channel's records."""
        prog = self.program(source)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PROCTUTOR_", "PYTHON"))}
        env["EVENTS"] = self.events
        if traced:
            env["PYTHONPATH"] = self.tracer_dir
            with open(self.events, "w") as f:
                f.write(file_token + "\n")
            st = os.stat(self.events)
            if channel:
                env["PROCTUTOR_EVENTS"] = self.events
                env["PROCTUTOR_EVENTS_ID"] = "%s %d:%d" % (env_token, st.st_dev, st.st_ino + (env_token != TOKEN))
                env["PROCTUTOR_SUPERVISOR"] = str(os.getpid())
        p = subprocess.run([sys.executable, "-u", prog], env=env, cwd=self.dir, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        raw = b""
        records = []
        if traced:
            with open(self.events, "rb") as f:
                raw = f.read()
            for line in raw.split(b"\n")[1:]:
                if line:
                    records.append(json.loads(line.decode("utf-8")))
        return Run(p.stdout, p.stderr, p.returncode, records, raw)

    # --- the record format ---

    def test_records_are_complete_json_lines_with_every_control_character_escaped(self):
        lines = ["plain", 'a "quote" and a \\ backslash', "tab\there, bell\x07, escape\x1b[31m",
                 "DEL\x7f and C1\x85\x9f", "中文 and é", "x" * 9000]
        run = self.run_program("""
            import sys
            LINES = %r
            for line in LINES:
                print(line)
            sys.stdout.write("no newline at the end")
        """ % (lines,))
        self.assertEqual(run.status, 0, run.stderr)
        self.assertTrue(run.raw.endswith(b"\n"))
        body = run.raw.split(b"\n", 1)[1]
        for c in list(range(0, 32)) + [0x7F]:
            if c != 10:
                self.assertNotIn(bytes([c]), body, "control character %d unescaped" % c)
        self.assertNotIn("\x85".encode("utf-8"), body)
        texts = [r["x"] for r in run.kind("out") if r["s"] == 1]
        expected = []
        for line in lines:
            expected += [line[i:i + 4000] for i in range(0, len(line), 4000)]
        self.assertEqual(texts, expected + ["no newline at the end"])
        pids = set(r["pid"] for r in run.kind("out"))
        self.assertEqual(len(pids), 1)
        for r in run.records:
            self.assertIsInstance(r["t"], float)

    def test_a_name_with_a_lone_surrogate_is_sent_as_the_replacement_character(self):
        run = self.run_program("""
            import multiprocessing as mp
            def f():
                pass
            if __name__ == "__main__":
                p = mp.get_context("fork").Process(target=f, name='odd\\ud800 "name" \\\\ \\x01')
                p.start()
                p.join()
        """)
        self.assertEqual(run.status, 0, run.stderr)
        names = [r["n"] for r in run.kind("birth") if r["m"] == "fork"]
        self.assertIn('odd\ufffd "name" \\ \x01', names)

    # --- silence without the channel ---

    def test_silent_without_the_channel_and_output_unchanged(self):
        source = """
            import os, multiprocessing as mp
            def sq(n):
                return n * n
            if __name__ == "__main__":
                print("hello")
                pid = os.fork()
                if pid == 0:
                    print("child")
                    os._exit(0)
                os.waitpid(pid, 0)
                with mp.get_context("fork").Pool(2) as p:
                    print(p.map(sq, range(5)))
        """
        plain = self.run_program(source, traced=False)
        for kw in (dict(channel=False), dict(env_token="proctutor-channel-another-run")):
            run = self.run_program(source, **kw)
            self.assertEqual((run.stdout, run.stderr, run.status), (plain.stdout, plain.stderr, plain.status), kw)
            self.assertEqual(run.raw, (TOKEN + "\n").encode(), kw)  # not a byte written into the file

    def test_a_descriptor_the_program_reuses_is_never_written_to(self):
        run = self.run_program("""
            import os
            print("first")  # the tracer opens the channel now
            os.closerange(3, 256)
            path = os.environ["EVENTS"] + ".mine"
            fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            print("second")
            os.write(fd, b"mine\\n")
            os.close(fd)
            with open(path, "rb") as f:
                print("own file:", f.read())
        """)
        self.assertEqual(run.status, 0, run.stderr)
        self.assertIn(b"own file: b'mine\\n'", run.stdout)
        self.assertEqual([r["x"] for r in run.kind("out")], ["first", "second", "own file: b'mine\\n'"])

    # --- control flow unchanged ---

    def test_control_flow_and_output_are_the_same_with_and_without_the_tracer(self):
        source = """
            import os, sys, multiprocessing as mp
            def boom(n):
                raise ValueError("bad %d" % n)
            if __name__ == "__main__":
                for call in (lambda: os.waitpid(999999, 0), os.wait, lambda: os.wait4(999999, 0)):
                    try:
                        call()
                    except ChildProcessError as e:
                        print(type(e).__name__, e.errno)
                pid = os.fork()
                if pid == 0:
                    os._exit(7)
                print("status", os.WEXITSTATUS(os.waitpid(pid, 0)[1]))
                with mp.get_context("fork").Pool(2) as p:
                    try:
                        p.apply(boom, (3,))
                    except ValueError as e:
                        print("caught", e)
                    print(p.map(abs, [-1, -2, -3]))
                print("wait name", os.wait.__name__ in ("wait", "__next__"))
                sys.stdout.write("partial")
                sys.exit(3)
        """
        plain = self.run_program(source, traced=False)
        run = self.run_program(source)
        self.assertEqual(plain.status, 3, plain.stderr)
        self.assertEqual((run.stdout, run.stderr, run.status), (plain.stdout, plain.stderr, plain.status))
        reaped = [r for r in run.kind("reaped") if r.get("code") == 7]
        self.assertEqual(len(reaped), 1)
        failed = [r for r in run.kind("task") if r["s"] == "failed"]
        self.assertEqual([r["e"] for r in failed], ["ValueError: bad 3"])

    # --- batched task records ---

    def test_every_task_of_a_busy_pool_is_reported_in_order_whatever_ends_the_workers(self):
        run = self.run_program("""
            import multiprocessing as mp
            def sq(n):
                return n * n
            if __name__ == "__main__":
                ctx = mp.get_context("fork")
                with ctx.Pool(2, maxtasksperchild=7) as p:   # workers leave and are replaced
                    rs = [p.apply_async(sq, (i,)) for i in range(300)]
                    print(sum(r.get() for r in rs))
                p = ctx.Pool(3)
                print(sum(p.map(sq, range(100), chunksize=1)))
                p.close()
                p.join()
                with ctx.Pool(2) as p:   # ends in terminate() right after the last result
                    print(p.apply(sq, (5,)))
        """)
        self.assertEqual(run.status, 0, run.stderr)
        # Per worker, in the channel's order: started, done, started, done, ... (a map's chunks share a job id).
        workers = {}
        for r in run.kind("task"):
            workers.setdefault(r["pid"], []).append(r)
        self.assertGreaterEqual(len(workers), 300 // 7 + 3)  # replaced workers, then the other pools
        for pid, seq in workers.items():
            self.assertEqual([r["s"] for r in seq], ["started", "done"] * (len(seq) // 2), pid)
            self.assertTrue(all(a["j"] == b["j"] for a, b in zip(seq[::2], seq[1::2])), pid)
            self.assertEqual([r["t"] for r in seq], sorted(r["t"] for r in seq), pid)
        self.assertEqual(sum(len(seq) for seq in workers.values()), 2 * 401)
        self.assertEqual(run.stdout.split(), [str(sum(i * i for i in range(300))).encode(),
                                              str(sum(i * i for i in range(100))).encode(), b"25"])

    def test_a_long_task_is_reported_started_while_it_runs(self):
        run = self.run_program("""
            import json, os, time, multiprocessing as mp
            def nap(s):
                time.sleep(s)
                return s
            def started():
                with open(os.environ["EVENTS"]) as f:
                    return sorted(r["j"] for r in map(json.loads, f.readlines()[1:])
                                  if r.get("k") == "task" and r["s"] == "started")
            if __name__ == "__main__":
                with mp.get_context("fork").Pool(1) as p:
                    a = p.apply_async(nap, (1.0,))
                    b = p.apply_async(nap, (1.0,))
                    time.sleep(0.5)
                    print("during the first", started())
                    a.get()
                    time.sleep(0.5)
                    print("during the second", started())
                    b.get()
        """)
        self.assertEqual(run.status, 0, run.stderr)
        self.assertEqual(run.stdout.decode().splitlines(), ["during the first [0]", "during the second [0, 1]"])

    def test_what_a_worker_holds_goes_out_before_os_exit(self):
        run = self.run_program("""
            import os, multiprocessing as mp
            def sq(n):
                return n * n
            def leave():
                os._exit(0)
            if __name__ == "__main__":
                p = mp.get_context("fork").Pool(1)
                print(p.map(sq, range(20), chunksize=1)[-1])   # quick tasks: the next start is held
                r = p.apply_async(leave)
                try:
                    r.get(timeout=1.5)
                except mp.TimeoutError:
                    print("lost worker")
                p.terminate()
                p.join()
        """)
        self.assertEqual(run.status, 0, run.stderr)
        self.assertEqual(run.stdout.split(), [b"361", b"lost", b"worker"])
        exits = [r for r in run.records if r.get("k") == "task" and r.get("f") == "leave"]
        self.assertEqual(len(exits), 1)
        worker = exits[0]["pid"]
        order = [i for i, r in enumerate(run.records) if r.get("pid") == worker and r.get("k") in ("task", "exit")]
        kinds = [run.records[i]["k"] for i in order]
        self.assertEqual(kinds[-2:], ["task", "exit"])


if __name__ == "__main__":
    unittest.main()
