import os
for i in range(50):
    pid = os.fork()
    if pid == 0:
        os._exit(i % 5)
    os.waitpid(pid, 0)
print('done')
