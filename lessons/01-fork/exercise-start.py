# 练习：创建三个子进程，并等它们全部结束
# Exercise: fork three children and wait for every one of them
import os
import time

for i in range(3):
    pid = os.fork()
    if pid == 0:
        # 子进程 / the child
        print("子进程 %d：pid=%d，父进程=%d" % (i, os.getpid(), os.getppid()))
        time.sleep(0.3)
        os._exit(0)

# 父进程没有等任何一个子进程就结束了
# the parent ends without waiting for any child
print("父进程 %d 结束" % os.getpid())
