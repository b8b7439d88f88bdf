# 练习：让 Worker 真的在另一个进程里运行（参考答案）
# Exercise: make Worker really run in another process (reference solution)
from multiprocessing import Process
import os


class Worker(Process):
    def __init__(self, n):
        # 必须先调用 Process.__init__，否则 start() 会报 AttributeError: ... '_closed'
        # Process.__init__ must run first, or start() fails with AttributeError: ... '_closed'
        super().__init__()
        self.n = n

    def run(self):
        print("工作 %d 在 pid=%d 中运行" % (self.n, os.getpid()))


if __name__ == "__main__":
    print("主进程 pid=%d" % os.getpid())
    w = Worker(1)
    # start() 新建一个进程，由它调用 run()；直接调用 run() 只是在当前进程里调用一个方法
    # start() makes a new process that calls run(); calling run() yourself is a plain method call here
    w.start()
    w.join()
    print("主进程结束")
