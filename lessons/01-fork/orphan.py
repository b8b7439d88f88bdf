import os
import time
pid=os.fork()
if pid==0:
    print("子进程（%d）：我的父进程是 %d"%(os.getpid(),os.getppid()))
    time.sleep(0.5)     # 这段时间里父进程已经退出 / meanwhile the parent exits
    print("子进程（%d）：0.5 秒后，我的父进程是 %d"%(os.getpid(),os.getppid()))
else:
    time.sleep(0.1)
    print("父进程（%d）：我不等子进程，现在就退出"%os.getpid())
