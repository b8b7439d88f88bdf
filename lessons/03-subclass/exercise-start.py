# 练习：让 Worker 真的在另一个进程里运行
# Exercise: make Worker really run in another process
from multiprocessing import Process
import os


class Worker(Process):
    def __init__(self, n):
        self.n = n

    def run(self):
        print("工作 %d 在 pid=%d 中运行" % (self.n, os.getpid()))


if __name__ == "__main__":
    print("主进程 pid=%d" % os.getpid())
    w = Worker(1)
    w.run()
    print("主进程结束")
