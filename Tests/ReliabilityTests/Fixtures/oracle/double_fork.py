import os, time
pid = os.fork()
if pid == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(0.3)
        print('daemon done')
        os._exit(0)
    os._exit(0)
os.waitpid(pid, 0)
print('parent done')
