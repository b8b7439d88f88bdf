import os
pids = []
for i in range(20):
    pid = os.fork()
    if pid == 0:
        print('child', i)
        os._exit(i % 3)
    pids.append(pid)
codes = sorted(os.waitpid(p, 0)[1] >> 8 for p in pids)
print(codes)
