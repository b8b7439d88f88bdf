"""200 short-lived os.fork children, each waited for."""
import os

for i in range(200):
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
print("done")
