"""Figure 3: 100 concurrent births. Each child reads its own clock first thing (CLOCK_MONOTONIC, the clock the
supervisor stamps arrivals with), appends `PID SECONDS` to the file named by argv[1], stays alive briefly so the
births overlap, and exits."""
import os
import sys
import time

path = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 100
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
pids = []
for _ in range(count):
    pid = os.fork()
    if pid == 0:
        born = time.monotonic()
        os.write(fd, b"%d %.9f\n" % (os.getpid(), born))
        time.sleep(0.3)
        os._exit(0)
    pids.append(pid)
for pid in pids:
    os.waitpid(pid, 0)
