# 练习：三个工作进程算完六个任务，并打印每个结果（参考答案）
# Exercise: three workers compute six tasks, and every result is printed (reference solution)
from multiprocessing import Pool
import os
import time


def square(x):
    time.sleep(0.5)
    return x * x


if __name__ == "__main__":
    with Pool(3) as pool:
        results = [pool.apply_async(square, (i,)) for i in range(6)]
        # 离开 with 块时会调用 terminate()：必须在块里用 get() 取回结果
        # leaving the with block calls terminate(): fetch the results with get() inside it
        for i, r in enumerate(results):
            print("结果 %d：%d" % (i, r.get()))
    print("主进程结束")
