import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, '-c', 'import sys; print("new python"); sys.exit(4)'])
_, status = os.waitpid(pid, 0)
print('child status', status >> 8)
