"""Page faults per os.fork child: what a short-lived child costs in copy-on-write and first-touch faults.

`fork_faults.py [CHILDREN] [OUT.json]` forks CHILDREN children (default 200) one after another; each prints a line
and leaves by os._exit(0), as fork_children.py's do. The parent lets each end without reaping it
(waitid WNOWAIT), reads the zombie's minor faults from /proc/PID/stat (field 10, minflt: the kernel keeps the
count until the reap), then reaps it. Its own minor faults (getrusage) before and after the loop give the
parent's share per child. Prints one line, `child_median child_mean parent_per_child` (faults), and writes the
per-child counts to OUT.json if given. Run it plain and under the tracer (`proctutor run` or the tracer alone):
the difference is what the tracer costs a child.
"""
import json
import os
import resource
import statistics
import sys


def minflt(pid):
    with open("/proc/%d/stat" % pid, "rb") as f:
        data = f.read()
    fields = data[data.rindex(b")") + 2:].split()
    return int(fields[7])  # field 10 of the whole line: state is field 3, i.e. fields[0] here


def main():
    children = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    out = sys.argv[2] if len(sys.argv) > 2 else None
    counts = []
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for i in range(children):
        pid = os.fork()
        if pid == 0:
            print("child", i, os.getpid())
            os._exit(0)
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)
        counts.append(minflt(pid))
        os.waitpid(pid, 0)
    parent = (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / children
    if out:
        with open(out, "w") as f:
            json.dump({"children": counts, "parent_per_child": parent}, f)
    print("faults %.1f %.1f %.1f" % (statistics.median(counts), statistics.mean(counts), parent))


if __name__ == "__main__":
    main()
