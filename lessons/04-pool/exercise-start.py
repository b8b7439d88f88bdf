# 练习：三个工作进程算完六个任务，并打印每个结果
# Exercise: three workers compute six tasks, and every result is printed
from multiprocessing import Pool
import os
import time


def square(x):
    time.sleep(0.5)
    return x * x


if __name__ == "__main__":
    with Pool(3) as pool:
        for i in range(6):
            pool.apply_async(square, (i,))
    print("主进程结束")
