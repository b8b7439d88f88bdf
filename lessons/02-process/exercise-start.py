# 练习：让两个子进程同时运行
# Exercise: make the two children run at the same time
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
    a.start()
    a.join()
    b.start()
    b.join()
    print("主进程结束")
