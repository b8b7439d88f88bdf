"""A child that leaves the process group and session with setsid(), then outlives its parent by far."""
import os
import time

pid = os.fork()
if pid == 0:
    os.setsid()
    while True:
        time.sleep(60)
print("child", pid, "left the group", flush=True)
time.sleep(0.3)  # the main process then exits normally, leaving the child behind
