"""Figure 1: short-lived os.fork children, in batches of 10 alive at once; each prints a line and exits."""
import os
import sys

children = int(sys.argv[1]) if len(sys.argv) > 1 else 200
batch = 10
for first in range(0, children, batch):
    pids = []
    for i in range(first, min(first + batch, children)):
        pid = os.fork()
        if pid == 0:
            print("child", i, os.getpid())
            os._exit(0)
        pids.append(pid)
    for pid in pids:
        os.waitpid(pid, 0)
print("forked", children)
