import os
pid = os.fork()
if pid == 0:
    os.execv('/bin/echo', ['echo', 'exec says hi'])
_, status = os.waitpid(pid, 0)
print('child status', status >> 8)
