import os
pids = []
for code in (0, 1, 42, 255):
    pid = os.fork()
    if pid == 0:
        os._exit(code)
    pids.append(pid)
print(sorted(os.waitpid(p, 0)[1] >> 8 for p in pids))
