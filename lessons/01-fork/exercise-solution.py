# 练习：创建三个子进程，并等它们全部结束（参考答案）
# Exercise: fork three children and wait for every one of them (reference solution)
import os
import time

children = []
for i in range(3):
    pid = os.fork()
    if pid == 0:
        # 子进程 / the child
        print("子进程 %d：pid=%d，父进程=%d" % (i, os.getpid(), os.getppid()))
        time.sleep(0.3)
        os._exit(0)
    children.append(pid)

# 等每一个子进程：收走它的退出状态，它就不会变成僵尸，也不会成为孤儿
# wait for each child: its exit status is collected, so it is never a zombie and never an orphan
for pid in children:
    os.waitpid(pid, 0)
print("父进程 %d 结束" % os.getpid())
