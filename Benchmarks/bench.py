#!/usr/bin/env python3
"""proctutor's benchmark table (issue 6, docs/performance.md). Run it through `scripts/bench`.

Every figure is measured side by side with its anchor in one invocation, several runs each, and reported as
min / median / max, the ratio of the medians, the target and whether it is met. Whole commands are timed with
hyperfine; in-process Swift timings come from ordo-one's package-benchmark (Benchmarks/Package.swift).
"""
import argparse
import atexit
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORKLOADS = os.path.join(HERE, "workloads")
LESSONS = os.path.join(ROOT, "lessons")


# ---------------------------------------------------------------------------------------------------------------
# rows of the table

class Row(object):
    """One line of the table: a figure's samples, its anchor's samples, the target and the verdict."""

    def __init__(self, fig, name, unit, measured, anchor=None, target="", limit=None, on="ratio", note=""):
        self.fig, self.name, self.unit = fig, name, unit
        self.measured, self.anchor = list(measured), list(anchor or [])
        self.target, self.limit, self.on, self.note = target, limit, on, note

    @property
    def ratio(self):
        if not self.measured or not self.anchor:
            return None
        a = statistics.median(self.anchor)
        return statistics.median(self.measured) / a if a > 0 else None

    @property
    def value(self):
        """What the target is checked on: the ratio of medians, or the measured median."""
        if self.on == "ratio":
            return self.ratio
        return statistics.median(self.measured) if self.measured else None

    @property
    def met(self):
        if self.limit is None or self.value is None:
            return None
        return self.value <= self.limit

    def verdict(self):
        if self.met is None:
            return "n/a" if self.limit is not None else "—"
        if self.met:
            return "yes"
        return "NO (%+.0f%%)" % ((self.value / self.limit - 1) * 100) if self.limit else "NO"

    def as_dict(self):
        return {"figure": self.fig, "name": self.name, "unit": self.unit, "measured": self.measured,
                "anchor": self.anchor, "ratio": self.ratio, "target": self.target, "met": self.met,
                "note": self.note}


def fmt(v, unit):
    if v is None:
        return "—"
    if unit == "s":
        return "%.3f" % v if v < 10 else "%.1f" % v
    if unit == "ms":
        return "%.2f" % v if v < 10 else "%.1f" % v
    if unit in ("MB", "KB/s"):
        return "%.1f" % v
    return "%.3g" % v if isinstance(v, float) else str(v)


def spread(samples, unit):
    if not samples:
        return "—"
    return "%s / %s / %s %s" % (fmt(min(samples), unit), fmt(statistics.median(samples), unit),
                                fmt(max(samples), unit), unit)


def table(rows, markdown=False):
    head = ["#", "figure", "measured (min / median / max)", "anchor (min / median / max)", "ratio", "target",
            "met"]
    body = []
    for r in rows:
        body.append([r.fig, r.name, spread(r.measured, r.unit), spread(r.anchor, r.unit),
                     "%.2f" % r.ratio if r.ratio is not None else "—", r.target, r.verdict()])
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        out += ["| " + " | ".join(c.replace("|", "\\|") for c in line) + " |" for line in body]
        return "\n".join(out)
    widths = [max(len(x[i]) for x in [head] + body) for i in range(len(head))]
    lines = ["  ".join(c.ljust(widths[i]) for i, c in enumerate(line)).rstrip() for line in [head] + body]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def say(*args):
    print(*args, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------------
# hyperfine

def hyperfine(commands, runs, warmup=2, env=None):
    """Times `commands` ({name: argv}) one after the other with hyperfine -N; returns {name: [seconds…]} and
    {name: mean CPU seconds (user+system, the tree it waited for included)}."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    argv = ["hyperfine", "-N", "--warmup", str(warmup), "--runs", str(runs), "--output", "pipe", "-i",
            "--style", "none", "--export-json", out]
    for name, cmd in commands.items():
        argv += ["-n", name, " ".join(shlex.quote(c) for c in cmd)]
    subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL)
    with open(out) as f:
        data = json.load(f)
    os.unlink(out)
    return ({r["command"]: r["times"] for r in data["results"]},
            {r["command"]: r["user"] + r["system"] for r in data["results"]})


def tree_cpu(commands, runs, env=None):
    """Mean CPU seconds (user+system) of each command's whole process tree: {name: seconds}.

    hyperfine counts only what the command waited for, and `proctutor run` does not wait for its supervisor's
    last milliseconds (docs/engine.md), so the supervisor and the program would be missed. Here this process is
    the subreaper of every run, collects every orphan and reads its children's resource usage."""
    import ctypes
    import resource
    prctl = ctypes.CDLL(None, use_errno=True).prctl

    def reap_all(limit=10.0):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                time.sleep(0.005)

    result = {}
    prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER, only while these runs last
    try:
        for name, cmd in commands.items():
            reap_all()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            for _ in range(runs):
                subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                reap_all()
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            result[name] = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / runs
    finally:
        prctl(36, 0, 0, 0, 0)
    return result


# ---------------------------------------------------------------------------------------------------------------
# figure 1: tracer overhead

PREAMBLE = ("import time as _bench_t, random as _bench_r; _bench_s = _bench_t.sleep; "
            "_bench_t.sleep = lambda s, _f=_bench_s: _f(s * {scale}); _bench_r.random = lambda: 0.5{method}\n")
METHOD = "; import multiprocessing as _bench_m; __name__ == '__main__' and _bench_m.set_start_method('{0}')"


def lesson_demos():
    """(lesson id, variant, file, forced start method) of every lesson demo, read from the lesson files."""
    demos = []
    for lesson in sorted(os.listdir(LESSONS)):
        path = os.path.join(LESSONS, lesson, "lesson.yaml")
        if not os.path.isfile(path):
            continue
        text = open(path, encoding="utf-8").read()
        block = text[text.index("\ndemos:"):]
        block = block[:re.search(r"\n\S", block[1:]).start() + 1] if re.search(r"\n\S", block[1:]) else block
        for item in re.split(r"\n  - ", block)[1:]:
            name = re.search(r"name:\s*(\S+)", item).group(1)
            file = re.search(r"file:\s*(\S+)", item).group(1)
            m = re.search(r"start_method:\s*(\S+)", item)
            demos.append((lesson, name, os.path.join(LESSONS, lesson, file), m.group(1) if m else None))
    return demos


def scaled_copy(src, dst, scale, method):
    """The demo with a one-line shim in front: sleeps × scale, random.random() pinned to 0.5 (so both sides sleep
    the same), the lesson's forced start method. Both sides run this same file."""
    body = open(src, encoding="utf-8").read()
    pre = PREAMBLE.format(scale=scale, method=METHOD.format(method) if method else "")
    with open(dst, "w", encoding="utf-8") as f:
        f.write(pre + body)


# The seed's Pool code under spawn never ends by itself (every worker re-runs the module and fails): it only
# stops at the timeout, so there is nothing to compare.
ENDLESS = {("05-broken-pool", "original-spawn")}


def figure1(ctx):
    rows = []
    work = tempfile.mkdtemp(prefix="proctutor-bench-")
    jobs = []
    for lesson, variant, path, method in lesson_demos():
        if (lesson, variant) in ENDLESS:
            continue
        dst = os.path.join(work, "%s-%s.py" % (lesson, variant))
        scaled_copy(path, dst, ctx.scale, method)
        jobs.append(("%s %s" % (lesson, variant), dst, []))
    jobs.append(("busy Pool, %d tasks" % ctx.pool_tasks, os.path.join(WORKLOADS, "pool_busy.py"),
                 [str(ctx.pool_tasks)]))
    jobs.append(("200 os.fork children", os.path.join(WORKLOADS, "fork_children.py"), ["200"]))
    all_jobs = jobs
    if ctx.rows:
        jobs = [j for j in jobs if any(w in j[0] for w in ctx.rows)]
    for label, prog, args in jobs:
        traced = [ctx.proctutor, "run", "--python", ctx.python, "--timeout", "120", prog]
        if args:
            traced += ["--"] + args
        plain = [ctx.python, "-u", prog] + args
        check = same_behaviour(ctx, traced, plain, work)
        say("figure 1: %s" % label)
        t, _ = hyperfine({"traced": traced, "plain": plain}, ctx.runs, env=ctx.env)
        cpu = tree_cpu({"traced": traced, "plain": plain}, min(ctx.runs, 3), env=ctx.env)
        note = "CPU of the whole tree (user+sys, mean) %.3f s vs %.3f s, ratio %.2f" % (
            cpu["traced"], cpu["plain"], cpu["traced"] / cpu["plain"] if cpu["plain"] else float("nan"))
        rows.append(Row("1", label, "s", t["traced"], t["plain"], "ratio ≤ 1.05", 1.05,
                        note=note + ("; " + check if check else "")))
    if not ctx.rows or any(w in "VizTracer" for w in ctx.rows):
        peers = [j for j in all_jobs if j[0].startswith(("busy Pool", "02-process demo", "04-pool demo"))]
        rows += viztracer_rows(ctx, peers, work)
    shutil.rmtree(work, ignore_errors=True)
    if not ctx.rows or any(w in "tracer's Pool hooks" for w in ctx.rows):
        rows.append(tracer_hooks_row(ctx))
    if not ctx.rows or any(w in "page faults per os.fork child" for w in ctx.rows):
        rows.append(fork_faults_row(ctx))
    return rows


def viztracer_venv(ctx):
    """A virtual environment of the bench's own interpreter with VizTracer from PyPI (made once, kept in the
    cache): (its python, its viztracer) or (None, why not)."""
    version = subprocess.run([ctx.python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             stdout=subprocess.PIPE, text=True).stdout.strip() or "python"
    home = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "proctutor-bench",
                        "viztracer-" + version)
    python, viz = os.path.join(home, "bin", "python"), os.path.join(home, "bin", "viztracer")
    if not os.path.exists(viz):
        say("figure 1: installing VizTracer into %s" % home)
        steps = [[ctx.python, "-m", "venv", home], [python, "-m", "pip", "install", "-q", "viztracer"]]
        for step in steps:
            p = subprocess.run(step, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            if p.returncode != 0:
                last = (p.stdout.strip().splitlines() or ["exit %d" % p.returncode])[-1]
                return None, "%s failed: %s" % (" ".join(step[:3]), last)
    return python, viz


VIZTRACER_LIMIT = 300  # seconds for one VizTracer run; its slowest honest run here, the busy Pool, takes ~10


def viztracer_rows(ctx, jobs, work):
    """The peer a user would pick to see a multiprocessing run, side by side in one hyperfine invocation:
    `viztracer --quiet -o OUT.json PROG` against plain, with proctutor's ratio of the same invocation in the note.
    The venv's interpreter is the bench's own, so plain is the same Python on every side."""
    python, viz = viztracer_venv(ctx)
    if python is None:
        return [Row("1", "VizTracer (peer)", "s", [], None, "report", None, note="skipped: " + viz)]
    rows = []
    for label, prog, args in jobs:
        say("figure 1: VizTracer on %s" % label)
        out = os.path.join(work, "viztracer.json")
        # VizTracer sometimes never ends a Pool program (seen here: every process asleep, no CPU): each of its
        # runs is bounded, so a hang is a failed row, not a bench that never finishes.
        bounded = ["timeout", "-k", "5", str(VIZTRACER_LIMIT)]
        sides = {"viztracer": bounded + [viz, "--quiet", "-o", out, prog] + args,
                 "proctutor": [ctx.proctutor, "run", "--python", python, "--timeout", "120", prog]
                 + (["--"] + args if args else []),
                 "plain": [python, "-u", prog] + args}
        # hyperfine ignores exit codes here (-i): a peer that failed would look fast.
        first = subprocess.run(sides["viztracer"], env=ctx.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)
        if first.returncode != 0:
            why = (first.stderr.strip().splitlines() or ["exit %d" % first.returncode])[-1]
            if first.returncode in (124, 137):
                why = "no end in %d s (a hang), stopped" % VIZTRACER_LIMIT
            rows.append(Row("1", "VizTracer: " + label, "s", [], None, "report", None, note="failed: " + why))
            continue
        t, _ = hyperfine(sides, ctx.runs, env=ctx.env)
        ours = statistics.median(t["proctutor"]) / statistics.median(t["plain"])
        rows.append(Row("1", "VizTracer: " + label, "s", t["viztracer"], t["plain"], "report", None,
                        note="proctutor in the same invocation: ratio %.2f" % ours))
    return rows


def fork_faults_row(ctx, children=200):
    """Minor page faults of one os.fork child, traced (`proctutor run`) against plain, alternated: each run's
    median over its children (Benchmarks/workloads/fork_faults.py reads every zombie's /proc/PID/stat)."""
    say("figure 1: page faults per os.fork child")
    prog = os.path.join(WORKLOADS, "fork_faults.py")
    work = tempfile.mkdtemp(prefix="proctutor-faults-")
    out = os.path.join(work, "faults.json")
    sides = {"traced": [ctx.proctutor, "run", "--python", ctx.python, "--timeout", "120", prog, "--",
                        str(children), out],
             "plain": [ctx.python, "-u", prog, str(children), out]}
    child = {"traced": [], "plain": []}
    parent = {"traced": [], "plain": []}
    for _ in range(ctx.runs):
        for name, cmd in sides.items():
            subprocess.run(cmd, env=ctx.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                with open(out) as f:
                    data = json.load(f)
                os.unlink(out)
            except (OSError, ValueError):
                continue
            child[name].append(statistics.median(data["children"]))
            parent[name].append(data["parent_per_child"])
    shutil.rmtree(work, ignore_errors=True)
    note = "%d children a run, each run's median; the parent's own faults per child: traced %s, plain %s" % (
        children, spread(parent["traced"], ""), spread(parent["plain"], ""))
    return Row("1", "page faults per os.fork child", "", child["traced"], child["plain"], "report", None,
               note=note)


def tracer_hooks_row(ctx):
    """The tracer's own CPU per Pool task, without a pool, a supervisor or a second process: the least noisy
    view of what each record costs the traced program (Benchmarks/workloads/tracer_hooks.py)."""
    say("figure 1: the tracer's Pool hooks, per task")
    source = os.path.join(ROOT, "Sources", "ProcTutorSupervisor", "Tracer", "sitecustomize.py")
    withs, withouts, failure = [], [], ""
    for _ in range(3):
        p = subprocess.run([ctx.python, os.path.join(WORKLOADS, "tracer_hooks.py"), source],
                           env=ctx.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            failure = "tracer_hooks.py failed: " + (p.stderr.strip().splitlines() or ["?"])[-1]
            break
        a, b = p.stdout.split()
        withs.append(float(a))
        withouts.append(float(b))
    note = failure or ("a started and a done record per task, written to a file nobody reads; best of 7 rounds "
                       "of 20,000 tasks, median of 3 processes; the same loop without the tracer %.2f µs"
                       % statistics.median(withouts))
    return Row("1", "tracer's Pool hooks, per task", "µs", withs, None, "report", None, on="value", note=note)


def python_start_ms(ctx):
    """Median wall time of `python -c pass`: an interpreter whose site imports much (a .pth file) makes every
    anchor of figure 1 longer, and proctutor's fixed cost per run a smaller share of it."""
    times = []
    for _ in range(9):
        start = time.perf_counter()
        subprocess.run([ctx.python, "-c", "pass"], env=ctx.env, check=False)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def same_behaviour(ctx, traced, plain, work):
    """One run each way: the exit codes must agree (hyperfine ignores them); returns a note if they do not."""
    a = subprocess.run(traced, env=ctx.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    b = subprocess.run(plain, env=ctx.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
    if a.returncode != b.returncode:
        return "exit codes differ: traced %d, plain %d" % (a.returncode, b.returncode)
    return ""


# ---------------------------------------------------------------------------------------------------------------
# figure 2: CPython's multiprocessing suite

def figure2(ctx):
    rows = []
    for method in ctx.suite_methods:
        work = tempfile.mkdtemp(prefix="proctutor-suite-")
        prog = os.path.join(WORKLOADS, "mp_suite.py")
        traced_t, plain_t, notes = [], [], []
        for i in range(ctx.suite_runs):
            for side in ("plain", "traced"):
                out = os.path.join(work, "%s-%d.json" % (side, i))
                log = os.path.join(work, "%s-%d.log" % (side, i))
                cmd = [ctx.python, "-u", prog, method, out]
                if side == "traced":
                    cmd = [ctx.proctutor, "run", "--python", ctx.python, "--timeout", "3600",
                           "--max-processes", "4096", prog, "--", method, out]
                say("figure 2: %s suite, %s, run %d" % (method, side, i + 1))
                start = time.monotonic()
                with open(log, "wb") as f:
                    p = subprocess.run(cmd, env=ctx.env, stdout=f, stderr=subprocess.STDOUT, cwd=work)
                (traced_t if side == "traced" else plain_t).append(time.monotonic() - start)
                say("  %.1f s, exit %d" % ((traced_t if side == "traced" else plain_t)[-1], p.returncode))
            a = json.load(open(os.path.join(work, "plain-%d.json" % i)))
            b = json.load(open(os.path.join(work, "traced-%d.json" % i)))
            passed_a = {k for k, v in a.items() if v in ("pass", "xfail")}
            passed_b = {k for k, v in b.items() if v in ("pass", "xfail")}
            note = "%d tests, %d pass plain, %d pass traced" % (len(a), len(passed_a), len(passed_b))
            if passed_a != passed_b:
                note += "; differ: %s" % ", ".join(sorted(passed_a ^ passed_b)[:5])
            notes.append(note)
        same = all("differ" not in n for n in notes)
        rows.append(Row("2", "multiprocessing suite (%s)" % method, "s", traced_t, plain_t,
                        "ratio ≤ 1.10, same tests pass", 1.10 if same else 0.0, note="; ".join(notes)))
        ctx.keep.append(work)
    return rows


# ---------------------------------------------------------------------------------------------------------------
# figure 3: event latency

def percentile(xs, p):
    xs = sorted(xs)
    if not xs:
        return None
    k = (len(xs) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def figure3(ctx):
    p50s, p99s, sup50, sup99, lost = [], [], [], [], 0
    for i in range(ctx.runs):
        work = tempfile.mkdtemp(prefix="proctutor-latency-")
        born_path = os.path.join(work, "born")
        arrived_path = os.path.join(work, "arrived")
        env = dict(ctx.env, PROCTUTOR_BENCH_ARRIVALS=arrived_path)
        subprocess.run([ctx.proctutor, "run", "--json", "--python", ctx.python,
                        os.path.join(WORKLOADS, "births.py"), "--", born_path, "100"],
                       env=env, stdout=subprocess.DEVNULL, check=False)
        born = dict(line.split() for line in open(born_path))
        arrived, stamped = {}, {}
        if os.path.exists(arrived_path):
            for line in open(arrived_path):
                f = line.split()
                arrived[f[0]] = float(f[1])
                if len(f) > 2:
                    stamped[f[0]] = float(f[2])
        lat = [(arrived[p] - float(t)) * 1000 for p, t in born.items() if p in arrived]
        # The supervisor's share alone: from the tracer's own record of the birth to the event leaving.
        sup = [(arrived[p] - stamped[p]) * 1000 for p in born if p in stamped]
        lost += len(born) - len(lat)
        p50s.append(percentile(lat, 50))
        p99s.append(percentile(lat, 99))
        if sup:
            sup50.append(percentile(sup, 50))
            sup99.append(percentile(sup, 99))
        shutil.rmtree(work, ignore_errors=True)
    note = "%d births × %d runs" % (100, ctx.runs) + ("; %d start events missing" % lost if lost else "")
    if sup99:
        note += "; tracer record → event out of the supervisor: p50 %s, p99 %s" % (
            spread(sup50, "ms"), spread(sup99, "ms"))
    return [Row("3", "birth → start event, p50", "ms", p50s, None, "report", None, on="value", note=note),
            Row("3", "birth → start event, p99", "ms", p99s, None, "p99 ≤ 5 ms", 5.0 if not lost else 0.0,
                on="value", note=note)]


# ---------------------------------------------------------------------------------------------------------------
# figures 4, 5, 7: the full-screen tutorial in tmux

class Tmux(object):
    """A private tmux server (its own socket, no config) with a holder session so the server stays up."""

    count = 0

    def __init__(self, env):
        Tmux.count += 1  # a fresh socket each time: a server being killed may still hold the last one
        self.sock = "proctutor-bench-%d-%d" % (os.getpid(), Tmux.count)
        self.env = env
        self.tmux("new-session", "-d", "-s", "hold", "-x", "120", "-y", "40", "sleep 3600")

    def tmux(self, *args, check=True):
        return subprocess.run(["tmux", "-L", self.sock, "-f", "/dev/null"] + list(args), env=self.env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=check,
                              universal_newlines=True).stdout

    def start(self, name, command):
        self.tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", "exec " + command)

    def screen(self, name):
        return self.tmux("capture-pane", "-p", "-t", name, check=False)

    def pid(self, name):
        return int(self.tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())

    def kill(self, name):
        self.tmux("kill-session", "-t", name, check=False)

    def close(self):
        self.tmux("kill-server", check=False)


def wait_for(tmux, name, marker, timeout=10.0):
    """Polls capture-pane until `marker` (a regex) matches the screen; returns seconds waited, or None."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if re.search(marker, tmux.screen(name), re.M):
            return time.monotonic() - start
    return None


# The tutorial's frame is complete when its bottom key line is drawn; vim's when its intro's last line is.
TUI_MARKER = r"q quit\s*$"
VIM_MARKER = r"type\s+:help version\d+<Enter>\s+for version info"


def tui_command(ctx):
    return "%s" % shlex.quote(ctx.proctutor)


def tui_env(ctx):
    home = tempfile.mkdtemp(prefix="proctutor-home-")
    atexit.register(shutil.rmtree, home, True)  # a fresh HOME per figure; none left in /tmp afterwards
    return dict(ctx.env, HOME=home, PROCTUTOR_LESSONS=LESSONS, LANG="C.UTF-8", LC_ALL="C.UTF-8",
                PROCTUTOR_PYTHON=ctx.python)


def figure4(ctx):
    env = tui_env(ctx)
    tmux = Tmux(env)
    ours, vims, failure = [], [], ""
    try:
        for i in range(ctx.runs + 1):
            for name, cmd, marker, into in (("tui", tui_command(ctx), TUI_MARKER, ours),
                                            ("vim", "vim -u NONE", VIM_MARKER, vims)):
                start = time.monotonic()
                tmux.start(name, cmd)
                waited = wait_for(tmux, name, marker)
                elapsed = time.monotonic() - start
                if waited is None:
                    failure = "%s: no first frame in 10 s; screen: %s" % (
                        name, " ".join(tmux.screen(name).split())[:120])
                elif i > 0:  # the first round warms the caches
                    into.append(elapsed * 1000)
                tmux.kill(name)
            if failure:
                break
    finally:
        tmux.close()
    if failure:
        return [Row("4", "start → first frame, 120×40", "ms", [], [], "ratio ≤ 1.0", 1.0, note=failure)]
    return [Row("4", "start → first frame, 120×40", "ms", ours, vims, "ratio ≤ 1.0", 1.0,
                note="anchor: vim -u NONE")]


def cpu_seconds(pid):
    """utime+stime of a process in seconds (/proc/PID/stat, clock ticks) and its exact run time (schedstat)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    with open("/proc/%d/schedstat" % pid) as f:
        ns = int(f.read().split()[0])
    return ticks / os.sysconf("SC_CLK_TCK"), ns / 1e9


def figure5(ctx):
    env = tui_env(ctx)
    tmux = Tmux(env)
    ours, htops, exact_ours, exact_htop, failure = [], [], [], [], ""
    idle = ctx.idle
    try:
        for i in range(max(1, ctx.runs // 2)):
            for name, cmd, marker, into, exact in (("tui", tui_command(ctx), TUI_MARKER, ours, exact_ours),
                                                   ("htop", "htop -d 15", r"Load average", htops, exact_htop)):
                tmux.start(name, cmd)
                if wait_for(tmux, name, marker) is None:
                    failure = "%s: no first frame; screen: %s" % (name, " ".join(tmux.screen(name).split())[:120])
                    tmux.kill(name)
                    break
                time.sleep(1.0)  # start-up is figure 4's business
                pid = tmux.pid(name)
                a = cpu_seconds(pid)
                time.sleep(idle)
                b = cpu_seconds(pid)
                into.append((b[0] - a[0]) * 1000)
                exact.append((b[1] - a[1]) * 1000)
                tmux.kill(name)
            if failure:
                break
    finally:
        tmux.close()
    if failure:
        return [Row("5", "CPU while idle %g s" % idle, "ms", [], [], "≤ 10 ms", 10.0, on="value", note=failure)]
    note = "utime+stime (10 ms ticks); exact (schedstat): ours %s, htop %s" % (
        spread(exact_ours, "ms"), spread(exact_htop, "ms"))
    return [Row("5", "CPU while idle %g s" % idle, "ms", ours, htops, "≤ 10 ms", 10.0, on="value", note=note)]


def figure7(ctx):
    env = tui_env(ctx)
    tmux = Tmux(env)
    rates, totals, failure = [], [], ""
    try:
        for i in range(max(1, ctx.runs // 2)):
            tmux.start("tui", tui_command(ctx) + " learn 04-pool")
            if wait_for(tmux, "tui", TUI_MARKER) is None:
                failure = "no first frame; screen: %s" % " ".join(tmux.screen("tui").split())[:120]
                break
            time.sleep(0.5)
            capture = os.path.join(env["HOME"], "pane-%d.bytes" % i)
            tmux.tmux("pipe-pane", "-o", "-t", "tui", "cat > %s" % shlex.quote(capture))
            time.sleep(0.2)
            start = time.monotonic()
            tmux.tmux("send-keys", "-t", "tui", "r")
            waited = wait_for(tmux, "tui", ctx.pool_done, timeout=30)
            elapsed = time.monotonic() - start
            tmux.tmux("pipe-pane", "-t", "tui")
            time.sleep(0.2)
            size = os.path.getsize(capture) if os.path.exists(capture) else 0
            if waited is None:
                failure = "the Pool demo did not finish within 30 s; screen: %s" % " ".join(
                    tmux.screen("tui").split())[:120]
                break
            rates.append(size / elapsed / 1024)
            totals.append(size / 1024)
            tmux.kill("tui")
    finally:
        tmux.close()
    if failure:
        return [Row("7", "terminal bytes/s, Pool lesson run", "KB/s", [], None, "report", None, note=failure)]
    return [Row("7", "terminal bytes/s, Pool lesson run", "KB/s", rates, None, "report; lower is better", None,
                on="value", note="whole run: %s KB" % spread(totals, "").strip())]


# ---------------------------------------------------------------------------------------------------------------
def percentiles(out):
    tables = {}
    for name in os.listdir(out):
        if name.endswith(".percentiles.tsv"):
            with open(os.path.join(out, name)) as f:
                lines = f.read().splitlines()
            values = [float(line.split("\t")[1]) for line in lines[1:] if "\t" in line]
            tables[name] = (lines[0], values)
    return tables


def package_benchmarks(ctx, figure, pattern, **env_extra):
    """Runs the package-benchmark benchmarks matching `pattern` (release); returns the process and its tables."""
    out = tempfile.mkdtemp(prefix="proctutor-fig%s-" % figure)
    env = dict(ctx.env, PROCTUTOR_LESSONS=LESSONS, **env_extra)
    cmd = ["swift", "package", "--package-path", HERE, "-c", "release", "--allow-writing-to-directory", out,
           "benchmark", "run", "--filter", pattern, "--format", "histogramPercentiles", "--path", out,
           "--no-progress"]
    say("figure %s: %s" % (figure, " ".join(cmd)))
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
    tables = percentiles(out)
    shutil.rmtree(out, ignore_errors=True)
    return p, tables


# figure 6: frame time (package-benchmark)

def figure6(ctx):
    p, tables = package_benchmarks(ctx, "6", "frame.*|view.*", PROCTUTOR_BENCH_FRAMES=str(ctx.frames))
    if p.returncode != 0 or not tables:
        last = p.stdout.strip().splitlines()[-3:] if p.stdout.strip() else []
        return [Row("6", "frame time", "ms", [], None, "p99 ≤ 16 ms", 16.0, on="value",
                    note="package-benchmark failed (exit %d): %s" % (p.returncode, " / ".join(last)))]
    return frame_rows(tables, ctx)


def frame_rows(tables, ctx):
    """Rows from package-benchmark's histogramPercentiles export: one TSV per metric, percentiles 0…100."""
    def find(word, bench="frame"):
        for name, (head, values) in tables.items():
            if word in name and (".%s" % bench) in name:
                units = re.findall(r"\(([^)]*)\)", head)
                return (units[-1] if units else ""), values
        return None, None

    rows = []
    unit, wall = find("wallClock")
    if wall:
        scale = {"ns": 1e-6, "us": 1e-3, "μs": 1e-3, "ms": 1.0, "s": 1000.0}.get(unit, 1e-3)
        p50, p99, top = wall[50] * scale, wall[99] * scale, wall[100] * scale
        rows.append(Row("6", "frame (update+view), p50", "ms", [p50], None, "report", None, on="value",
                        note="%d frames at 120×40; max %.1f ms" % (ctx.frames, top)))
        rows.append(Row("6", "frame (update+view), p99", "ms", [p99], None, "p99 ≤ 16 ms", 16.0, on="value"))
    unit, view = find("wallClock", "view")
    if view:
        scale = {"ns": 1e-6, "us": 1e-3, "μs": 1e-3, "ms": 1.0, "s": 1000.0}.get(unit, 1e-3)
        rows.append(Row("6", "view alone after 10 s of flood, p99", "ms", [view[99] * scale], None, "report", None,
                        on="value", note="App.view only, %d output lines in the run log; p50 %.1f ms" % (
                            ctx.frames * 10000 // 30, view[50] * scale)))
    unit, rss = find("peakMemoryResident")
    if rss:
        mult = {"K": 1e-3, "M": 1.0, "G": 1e3}.get(unit.strip()[:1], 1e-6)
        rows.append(Row("6", "peak RSS", "MB", [rss[100] * mult], None, "≤ 64 MB", 64.0, on="value",
                        note="the benchmark process after %d frames (%d output lines)" % (
                            ctx.frames, ctx.frames * 10000 // 30)))
    unit, lost = find("lost")
    if lost:
        rows.append(Row("6", "events lost", "", [lost[100]], None, "0", 0.0, on="value"))
    if not rows:
        rows.append(Row("6", "frame time", "ms", [], None, "p99 ≤ 16 ms", 16.0, on="value",
                        note="no metrics in the export: %s" % ", ".join(tables)))
    return rows


# figure 8: the time cursor (package-benchmark for the jump and the load; tmux for a paused replay's CPU)

def figure8(ctx):
    rows = []
    p, tables = package_benchmarks(ctx, "8", "cursor.*|load.*")

    def find(bench, metric):
        for name, (head, values) in tables.items():
            if bench in name and metric in name:
                units = re.findall(r"\(([^)]*)\)", head)
                return (units[-1] if units else ""), values
        return None, None

    unit, jump = find("cursor", "wallClock")
    scale = {"ns": 1e-6, "us": 1e-3, "μs": 1e-3, "ms": 1.0, "s": 1000.0}.get(unit or "", 1e-3)
    if jump:
        rows.append(Row("8", "cursor jump + frame, 100,000 events, p99", "ms", [jump[99] * scale], None,
                        "p99 ≤ 16 ms", 16.0, on="value", note="p50 %.1f ms, 1,000 jumps to pseudo-random moments, "
                        "120×40" % (jump[50] * scale)))
    unit, load = find("load", "wallClock")
    scale = {"ns": 1e-6, "us": 1e-3, "μs": 1e-3, "ms": 1.0, "s": 1000.0}.get(unit or "", 1e-3)
    if load:
        rows.append(Row("8", "load a 100,000-event recording, median", "ms", [load[50] * scale], None,
                        "≤ 200 ms", 200.0, on="value", note="Recording.parse + Replay.state; max %.0f ms" % (
                            load[100] * scale)))
    if not rows:
        last = p.stdout.strip().splitlines()[-3:] if p.stdout.strip() else []
        rows.append(Row("8", "time cursor", "ms", [], None, "p99 ≤ 16 ms", 16.0, on="value",
                        note="package-benchmark failed (exit %d): %s" % (p.returncode, " / ".join(last))))

    # A paused replay must not wake at all; a playing one draws at most 30 frames a second.
    recording = os.path.join(tempfile.mkdtemp(prefix="proctutor-rec-"), "lesson2.ndjson")
    with open(recording, "w") as f:
        subprocess.run([ctx.proctutor, "run", "2", "--json", "--lessons", LESSONS], stdout=f, env=ctx.env,
                       stderr=subprocess.DEVNULL)
    tenv = tui_env(ctx)
    tmux = Tmux(tenv)
    paused, playing, failure = [], [], ""
    try:
        for i in range(max(1, ctx.runs // 2)):
            for mode, into in (("paused", paused), ("playing", playing)):
                tmux.start("replay", "%s replay %s --lang en%s" % (ctx.proctutor, recording,
                                                                  " --speed 0.1" if mode == "playing" else ""))
                if wait_for(tmux, "replay", r"replay") is None:
                    failure = "no replay screen: %s" % " ".join(tmux.screen("replay").split())[:120]
                    break
                if mode == "paused":
                    tmux.tmux("send-keys", "-t", "replay", "p")
                time.sleep(1.0)
                pid = tmux.pid("replay")
                a = cpu_seconds(pid)
                time.sleep(min(ctx.idle, 5.0))
                b = cpu_seconds(pid)
                into.append((b[1] - a[1]) * 1000 / min(ctx.idle, 5.0))
                tmux.kill("replay")
            if failure:
                break
    finally:
        tmux.close()
        shutil.rmtree(os.path.dirname(recording), ignore_errors=True)
    if failure:
        rows.append(Row("8", "CPU of a paused replay", "ms/s", [], None, "0", 0.5, on="value", note=failure))
    else:
        rows.append(Row("8", "CPU of a paused replay", "ms/s", paused, None, "≈ 0 (no wake-ups)", 0.5, on="value",
                        note="schedstat, per second, lesson 2's recording paused at once"))
        rows.append(Row("8", "CPU of a replay playing at 0.1×", "ms/s", playing, None, "report", None, on="value",
                        note="≤ 30 frames/s by TutorialLoop.frameInterval"))
    return rows


# ---------------------------------------------------------------------------------------------------------------

class Context(object):
    pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--proctutor", required=True, help="the proctutor binary (release build)")
    ap.add_argument("--python", default=shutil.which("python3"))
    ap.add_argument("--runs", type=int, default=5, help="runs per side (default 5)")
    ap.add_argument("--only", default="1,3,4,5,6,7,8", help="figures to measure (default 1,3,4,5,6,7,8)")
    ap.add_argument("--suite", action="store_true", help="also figure 2, CPython's suite (minutes)")
    ap.add_argument("--suite-methods", default="fork", help="start methods for figure 2 (default fork)")
    ap.add_argument("--suite-runs", type=int, default=1)
    ap.add_argument("--scale", type=float, default=1.0,
                    help="sleep scale for the lesson demos (1: as students run them; 0.1 for a quick look)")
    ap.add_argument("--pool-tasks", type=int, default=2000)
    ap.add_argument("--rows", default="", help="figure 1: only the rows whose name contains one of these "
                                              "comma-separated words (e.g. 'busy Pool,os.fork')")
    ap.add_argument("--idle", type=float, default=10.0, help="seconds of idle for figure 5")
    ap.add_argument("--frames", type=int, default=300, help="frames for figure 6 (30 per simulated second)")
    ap.add_argument("--json", help="also write the rows as JSON here")
    ap.add_argument("--markdown", help="also write the table as Markdown here")
    a = ap.parse_args()

    ctx = Context()
    ctx.proctutor = os.path.abspath(a.proctutor)
    # The interpreter itself, not a launcher such as a pyenv shim (a shell script that would be timed too).
    ctx.python = subprocess.run([a.python, "-c", "import sys; print(sys.executable)"], check=True,
                                stdout=subprocess.PIPE, universal_newlines=True).stdout.strip()
    ctx.runs, ctx.scale, ctx.pool_tasks, ctx.idle, ctx.frames = a.runs, a.scale, a.pool_tasks, a.idle, a.frames
    ctx.suite_methods = a.suite_methods.split(",")
    ctx.suite_runs = a.suite_runs
    ctx.rows = [w for w in a.rows.split(",") if w]
    ctx.keep = []
    ctx.pool_done = r"Timeline ─+ finished"
    ctx.env = dict(os.environ, PROCTUTOR_LESSONS=LESSONS)
    ctx.env.pop("PROCTUTOR_BENCH_ARRIVALS", None)

    figures = {"1": figure1, "2": figure2, "3": figure3, "4": figure4, "5": figure5, "6": figure6, "7": figure7,
               "8": figure8}
    wanted = [f.strip() for f in a.only.split(",") if f.strip()]
    if a.suite and "2" not in wanted:
        wanted.append("2")
    load_before = os.getloadavg()[0]
    started = time.strftime("%Y-%m-%d %H:%M")
    rows = []
    for fig in sorted(wanted):
        try:
            rows += figures[fig](ctx)
        except Exception as e:  # one broken figure must not hide the others
            rows.append(Row(fig, "figure %s" % fig, "", [], None, "", None, note="failed: %r" % (e,)))
    print("proctutor bench, %s, %d runs per side, %d cores, load average %.1f before and %.1f after" % (
        started, ctx.runs, os.cpu_count() or 0, load_before, os.getloadavg()[0]))
    print("python: %s, %.1f ms to start an empty program (median of 9; figure 1's fixed costs weigh against it)"
          % (ctx.python, python_start_ms(ctx)))
    print(table(rows))
    notes = [(r.fig, r.name, r.note) for r in rows if r.note]
    if notes:
        print()
        for fig, name, note in notes:
            print("%s %s: %s" % (fig, name, note))
    print("\nrows: %d, met: %d, missed: %d" % (len(rows), sum(1 for r in rows if r.met is True),
                                              sum(1 for r in rows if r.met is False)))
    if a.json:
        with open(a.json, "w") as f:
            json.dump([r.as_dict() for r in rows], f, indent=1)
    if a.markdown:
        with open(a.markdown, "w") as f:
            f.write(table(rows, markdown=True) + "\n")
    for w in ctx.keep:
        say("kept: %s" % w)


if __name__ == "__main__":
    main()
