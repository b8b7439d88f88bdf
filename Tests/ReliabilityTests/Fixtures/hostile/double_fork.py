"""The classic daemon: fork, setsid, fork again, close every descriptor, and run on after everyone exited."""
import os
import time

pid = os.fork()
if pid == 0:
    os.setsid()
    if os.fork() > 0:
        os._exit(0)
    os.chdir("/")
    os.closerange(0, 1024)
    while True:
        time.sleep(60)
os.waitpid(pid, 0)
print("daemon started", flush=True)
