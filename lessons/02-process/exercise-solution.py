# 练习：让两个子进程同时运行（参考答案）
# Exercise: make the two children run at the same time (reference solution)
from multiprocessing import Process
import os
import time


def work(name):
    print("%s 开始，pid=%d" % (name, os.getpid()))
    time.sleep(0.5)
    print("%s 结束" % name)


if __name__ == "__main__":
    a = Process(target=work, args=("A",))
    b = Process(target=work, args=("B",))
    # 先把两个都启动，再等它们：join() 会一直等到那个进程结束
    # start both first, then wait: join() blocks until that process has ended
    a.start()
    b.start()
    a.join()
    b.join()
    print("主进程结束")
