"""A fork bomb that ignores SIGTERM: every process forks two children that do the same, then waits.

Bounded on purpose (depth 10: at most 2047 processes) so that a supervisor that fails to stop it cannot take a
shared test machine down; proctutor's default limit (256 live processes) must stop it long before that.
"""
import os
import signal
import time

signal.signal(signal.SIGTERM, signal.SIG_IGN)
print("bomb armed", flush=True)
depth = 0
while depth < 10:
    kids = 0
    for _ in range(2):
        try:
            if os.fork() == 0:
                depth += 1
                break
            kids += 1
        except OSError:
            time.sleep(0.01)
    else:
        break
while True:
    time.sleep(60)
